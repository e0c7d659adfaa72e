import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, Organization, PersonCoverage, PledgeRecord, PledgeRenewal } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import type { KasaneCore } from '../app';

// "Who is covered on a day" and the "new 年度" view, seen in March 2027 (end of 令和8年度).
let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const { ok } = contractCalls(() => core);
let orgs: Organization[];
const org = (name: string) => orgs.find((o) => o.name === name)!.id;
const ids: Record<string, string> = {};
const pledges: Record<string, string> = {};

const person = async (name: string, nameKana: string, organization: string, title: string | null = null) => {
  ids[name] = (await ok<Member>('member.create', { name, nameKana, organizationId: org(organization), title, startOn: '2025-04-01' })).id;
};
const annual = async (name: string, fiscalYear: number, signedOn: string) =>
  (pledges[`${name}@${fiscalYear}`] = (
    await ok<PledgeRecord>('pledge.record', { kind: 'individual_annual', memberId: ids[name], fiscalYear, signedOn, addressee: 'みほん市長', originalReceived: true })
  ).id);
const meeting = async (type: 'shien' | 'jusoteki', date: string, names: string[]) =>
  (await ok<{ meeting: Meeting }>('meeting.create', { type, date, startTime: '10:00', inviteeMemberIds: names.map((n) => ids[n]) })).meeting;
const verdict = (c: PersonCoverage) => (c.covered ? `by:${c.by}` : `not:${c.reason}`);

let s0: Meeting;
let s1: Meeting;

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, () => new Date('2027-03-10T09:00:00+09:00'));
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  orgs = await ok<Organization[]>('organization.list', {});
  await person('年度 一子', 'ねんど いちこ', '社会福祉協議会', 'CSW');
  await person('名簿 二郎', 'めいぼ じろう', '社会福祉協議会');
  await person('免除 三子', 'めんじょ みつこ', '地域包括支援センター');
  await person('無誓 四郎', 'むせい しろう', '福祉課');
  await person('転出 五郎', 'てんしゅつ ごろう', '健康課');
  await person('移動 六子', 'いどう むつこ', '社会福祉協議会');
  await person('撤回 七子', 'てっかい ななこ', '健康課');
  await person('重層 八郎', 'じゅうそう はちろう', '健康課');
  await person('未招 九子', 'みしょう くこ', '健康課');

  await annual('年度 一子', 2026, '2026-04-05');
  await annual('年度 一子', 2027, '2027-03-01'); // already renewed for 令和9年度
  pledges.roster = (
    await ok<PledgeRecord>('pledge.record', {
      kind: 'organization_roster',
      organizationId: org('社会福祉協議会'),
      memberIds: [ids['名簿 二郎'], ids['移動 六子']],
      fiscalYear: 2026,
      signedOn: '2026-04-10',
      addressee: 'みほん市長',
      originalReceived: true,
    })
  ).id;
  await annual('免除 三子', 2026, '2026-04-05');
  await ok('organization.setExemption', { id: org('地域包括支援センター'), reason: '委託契約により守秘義務を負う' });
  await annual('転出 五郎', 2026, '2026-04-05');
  await ok('member.leave', { id: ids['転出 五郎'], on: '2026-12-31' });
  await ok('member.move', { id: ids['移動 六子'], organizationId: org('福祉課'), on: '2026-10-01' });
  const revoked = await annual('撤回 七子', 2026, '2026-04-05');
  await ok('pledge.revoke', { id: revoked, revokedOn: '2026-12-01', reason: '退職予定のため' });
  await annual('重層 八郎', 2026, '2026-04-05');
  await annual('未招 九子', 2026, '2026-04-05');

  const held = await meeting('shien', '2026-12-01', ['無誓 四郎']);
  await ok('pledge.record', { kind: 'per_meeting', memberId: ids['無誓 四郎'], meetingId: held.id, signedOn: '2026-12-01', addressee: 'みほん市長', originalReceived: true });

  // 令和8年度's last 支援会議, then the first ones of 令和9年度.
  await meeting('shien', '2027-03-25', ['年度 一子', '名簿 二郎', '免除 三子', '無誓 四郎', '移動 六子', '撤回 七子', '重層 八郎']);
  s0 = await meeting('shien', '2027-04-08', ['名簿 二郎']);
  s1 = await meeting('shien', '2027-04-15', ['年度 一子', '名簿 二郎', '免除 三子', '移動 六子', '撤回 七子']);
  await meeting('shien', '2027-05-10', ['年度 一子']);
  await meeting('jusoteki', '2027-04-08', ['重層 八郎']);
  // A per-meeting pledge is no renewal of annual coverage.
  await ok('pledge.record', { kind: 'per_meeting', memberId: ids['名簿 二郎'], meetingId: s0.id, signedOn: '2027-03-09', addressee: 'みほん市長', originalReceived: true });
}, 60_000);
afterAll(async () => {
  await core.close();
  t.cleanup();
});

describe('pledge.coverageOn: who is covered on a day', () => {
  it('lists every member active that day in directory order, with the verdict for a day (annual pledges, rosters, exemptions)', async () => {
    const rows = await ok<PersonCoverage[]>('pledge.coverageOn', { date: '2027-03-10' });
    // 福祉課, 健康課, 地域包括支援センター, 社会福祉協議会 (their order in the directory), then by kana.
    expect(rows.map((r) => [r.organizationName, r.name, verdict(r)])).toEqual([
      ['福祉課', '移動 六子', 'not:roster_other_organization'], // named on 社協's roster, moved on 1 October
      ['福祉課', '無誓 四郎', 'not:no_pledge'], // a per-meeting pledge covers that meeting, not a day
      ['健康課', '重層 八郎', 'by:individual_annual'],
      ['健康課', '撤回 七子', 'not:revoked'],
      ['健康課', '未招 九子', 'by:individual_annual'],
      ['地域包括支援センター', '免除 三子', 'by:individual_annual'], // her own pledge is cited before the exemption
      ['社会福祉協議会', '年度 一子', 'by:individual_annual'],
      ['社会福祉協議会', '名簿 二郎', 'by:organization_roster'],
    ]);
    // 転出 五郎 left on 31 December: not listed.
    expect(rows.some((r) => r.name === '転出 五郎')).toBe(false);
    expect(rows.find((r) => r.name === '年度 一子')).toMatchObject({ organizationId: org('社会福祉協議会'), title: 'CSW', pledgeId: pledges['年度 一子@2026'] });
    expect(rows.find((r) => r.name === '名簿 二郎')).toMatchObject({ pledgeId: pledges.roster });
  });

  it('for one organization, and on 1 April when last 年度 pledges no longer cover', async () => {
    const shakyo = await ok<PersonCoverage[]>('pledge.coverageOn', { date: '2027-04-01', organizationId: org('社会福祉協議会') });
    expect(shakyo.map((r) => [r.name, verdict(r)])).toEqual([
      ['年度 一子', 'by:individual_annual'],
      ['名簿 二郎', 'not:expired'],
    ]);
    expect(shakyo[0]!.pledgeId).toBe(pledges['年度 一子@2027']);
    const houkatsu = await ok<PersonCoverage[]>('pledge.coverageOn', { date: '2027-04-01', organizationId: org('地域包括支援センター') });
    expect(houkatsu).toEqual([expect.objectContaining({ name: '免除 三子', covered: true, by: 'exemption', exemptionReason: '委託契約により守秘義務を負う', pledgeId: null })]);
    // On a day before 転出 五郎 left, he is listed.
    const kenko = await ok<PersonCoverage[]>('pledge.coverageOn', { date: '2026-12-31', organizationId: org('健康課') });
    expect(kenko.find((r) => r.name === '転出 五郎')).toMatchObject({ covered: true, by: 'individual_annual' });
  });
});

describe('pledge.renewals: the "new 年度" view', () => {
  it('lists people whose annual coverage ends on 31 March and who are invited to a 支援会議 from 1 April, with the earliest one', async () => {
    const rows = await ok<PledgeRenewal[]>('pledge.renewals', { fiscalYear: 2026 });
    expect(rows.map((r) => [r.meetingDate, r.name, r.endingKind, r.renewed])).toEqual([
      ['2027-04-08', '名簿 二郎', 'organization_roster', false], // a per-meeting pledge for that meeting is no renewal
      ['2027-04-15', '免除 三子', 'individual_annual', true], // her organization is exempted
      ['2027-04-15', '年度 一子', 'individual_annual', true], // signed for 令和9年度 already
    ]);
    expect(rows[0]).toMatchObject({ meetingId: s0.id, organizationName: '社会福祉協議会', endingPledgeId: pledges.roster, memberId: ids['名簿 二郎'] });
    expect(rows[2]).toMatchObject({ meetingId: s1.id, endingPledgeId: pledges['年度 一子@2026'] });
    // Not listed: 移動 六子 (the roster stopped covering her when she moved), 撤回 七子 (revoked),
    // 重層 八郎 (only a 重層的支援会議 after April), 未招 九子 (invited to nothing), 無誓 四郎 (no annual pledge).
  });

  it('is empty for a 年度 without annual pledges', async () => {
    expect(await ok<PledgeRenewal[]>('pledge.renewals', { fiscalYear: 2024 })).toEqual([]);
  });
});
