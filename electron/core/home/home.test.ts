import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeSummary, Member, Organization, PledgeRecord } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import type { KasaneCore } from '../app';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const { ok } = contractCalls(() => core);
let orgs: Organization[];
const org = (name: string) => orgs.find((o) => o.name === name)!.id;
const ids: Record<string, string> = {};
const meetings: Record<string, Meeting> = {};
const today = '2026-11-23';
const base = { addressee: 'みほん市長', originalReceived: true };

const plan = async (type: 'shien' | 'jusoteki', date: string, names: string[]) =>
  (meetings[`${type}@${date}`] = (await ok<{ meeting: Meeting }>('meeting.create', { type, date, startTime: '10:00', inviteeMemberIds: names.map((n) => ids[n]) })).meeting);

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, () => new Date('2026-11-23T09:00:00+09:00'));
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  orgs = await ok<Organization[]>('organization.list', {});
  for (const [name, organization] of [
    ['誓約 済子', '社会福祉協議会'],
    ['未誓 約男', '地域包括支援センター'],
    ['未誓 花子', '福祉課'],
  ] as const) {
    ids[name] = (await ok<Member>('member.create', { name, organizationId: org(organization), startOn: '2025-04-01' })).id;
  }
  // 誓約 済子 is covered all 年度 (her first pledge was replaced by a second one).
  await ok('pledge.record', { ...base, kind: 'individual_annual', memberId: ids['誓約 済子'], fiscalYear: 2026, signedOn: '2026-04-01' });
  await ok('pledge.record', { ...base, kind: 'individual_annual', memberId: ids['誓約 済子'], fiscalYear: 2026, signedOn: '2026-06-01', supersede: true });
}, 60_000);
afterAll(async () => {
  await core.close();
  t.cleanup();
});

describe('home.summary', () => {
  it('warns about the next five planned 支援会議 with invitees not covered on the day, soonest first', async () => {
    expect((await ok<HomeSummary>('home.summary', { today })).pledgeWarnings).toEqual([]);

    await plan('shien', '2026-11-01', ['未誓 約男']); // already held
    await plan('jusoteki', '2026-11-25', ['未誓 約男']); // no pledge needed
    await plan('shien', '2026-12-01', ['誓約 済子']); // everyone covered
    await plan('shien', '2026-11-24', ['未誓 約男']);
    await ok('meeting.cancel', { id: meetings['shien@2026-11-24']!.id, reason: '台風のため' }); // cancelled: no longer upcoming
    await plan('shien', '2027-02-01', ['未誓 約男']);
    await plan('shien', '2026-12-20', ['誓約 済子', '未誓 約男', '未誓 花子']);
    await plan('shien', '2026-12-10', ['未誓 約男', '未誓 花子']);
    await plan('shien', '2027-01-10', ['未誓 約男']);
    await plan('shien', '2026-12-03', ['未誓 約男']);
    await plan('shien', today, ['未誓 約男']); // today counts as upcoming
    // A per-meeting pledge covers 未誓 花子 for 10 December only.
    await ok('pledge.record', { ...base, kind: 'per_meeting', memberId: ids['未誓 花子'], meetingId: meetings['shien@2026-12-10']!.id, signedOn: today });

    const { pledgeWarnings } = await ok<HomeSummary>('home.summary', { today });
    expect(pledgeWarnings.map((w) => [w.date, w.uncovered])).toEqual([
      [today, 1],
      ['2026-12-03', 1],
      ['2026-12-10', 1],
      ['2026-12-20', 2],
      ['2027-01-10', 1],
    ]);
    expect(pledgeWarnings[0]).toEqual({ meetingId: meetings[`shien@${today}`]!.id, title: meetings[`shien@${today}`]!.title, date: today, uncovered: 1 });
  });

  it('counts the active pledges of the current 年度 (not revoked, not superseded; per-meeting ones by their meeting)', async () => {
    // So far: 誓約 済子's second annual pledge and 未誓 花子's per-meeting pledge (the first annual one was replaced).
    expect((await ok<HomeSummary>('home.summary', { today })).counts.pledges).toBe(2);
    await ok('pledge.record', { ...base, kind: 'organization_roster', organizationId: org('社会福祉協議会'), memberIds: [ids['誓約 済子']], fiscalYear: 2026, signedOn: '2026-04-10' });
    const revoked = await ok<PledgeRecord>('pledge.record', { ...base, kind: 'individual_annual', memberId: ids['未誓 約男'], fiscalYear: 2026, signedOn: '2026-05-01' });
    expect((await ok<HomeSummary>('home.summary', { today })).counts.pledges).toBe(4);
    await ok('pledge.revoke', { id: revoked.id, revokedOn: '2026-10-01', reason: '異動のため' });
    // Another 年度's pledges do not count: last 年度's, and a per-meeting pledge for a meeting next April.
    await ok('pledge.record', { ...base, kind: 'individual_annual', memberId: ids['未誓 花子'], fiscalYear: 2025, signedOn: '2025-04-01' });
    const april = await plan('shien', '2027-04-12', ['未誓 花子']);
    await ok('pledge.record', { ...base, kind: 'per_meeting', memberId: ids['未誓 花子'], meetingId: april.id, signedOn: today });
    expect((await ok<HomeSummary>('home.summary', { today })).counts.pledges).toBe(3);
    // In the next 年度 only the April per-meeting pledge is of that 年度.
    expect((await ok<HomeSummary>('home.summary', { today: '2027-04-01' })).counts.pledges).toBe(1);
  });
});
