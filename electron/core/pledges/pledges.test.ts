import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteeCoverage, Member, Organization, PledgeRecord } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { checkPdf } from '../testing/pdf-check';
import { contractCalls } from '../testing/contract-calls';
import type { KasaneCore } from '../app';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const { ok, fails } = contractCalls(() => core);
let orgs: Organization[];
let members: Member[];
const org = (name: string) => orgs.find((o) => o.name === name)!.id;
const member = (name: string) => members.find((m) => m.name === name)!.id;

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, () => new Date('2026-11-23T09:00:00+09:00'));
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  orgs = await ok<Organization[]>('organization.list', {});
  await ok('member.create', { name: '見本 一郎', organizationId: org('社会福祉協議会'), title: '事務局長', startOn: '2025-04-01' });
  await ok('member.create', { name: '架空 さくら', organizationId: org('社会福祉協議会'), title: 'CSW', startOn: '2025-04-01' });
  await ok('member.create', { name: '𠮷田 髙子', organizationId: org('地域包括支援センター'), title: '社会福祉士', startOn: '2025-04-01' });
  await ok('member.create', { name: '例示 健太', organizationId: org('福祉課'), title: '主査', startOn: '2025-04-01' });
  members = await ok<Member[]>('member.list', {});
}, 60_000);
afterAll(async () => {
  await core.close();
  t.cleanup();
});

let day = 0;
const shien = async () =>
  (await ok<{ meeting: Meeting }>('meeting.create', { type: 'shien', date: `2026-12-${String(++day).padStart(2, '0')}`, startTime: '10:00', inviteeMemberIds: members.map((m) => m.id) })).meeting;
const coverageOf = async (meetingId: string) =>
  Object.fromEntries((await ok<InviteeCoverage[]>('pledge.coverageForMeeting', { meetingId })).map((c) => [c.name, c.covered ? `by:${c.by}` : `not:${c.reason}`]));

describe('pledge register and coverage', () => {
  it('shows who is covered for a 支援会議 and why not, through each kind of pledge and an exemption', async () => {
    const m = await shien();
    expect(Object.values(await coverageOf(m.id)).every((v) => v === 'not:no_pledge')).toBe(true);

    await ok('pledge.record', { kind: 'organization_roster', organizationId: org('社会福祉協議会'), memberIds: [member('見本 一郎')], fiscalYear: 2026, signedOn: '2026-04-10', addressee: 'みほん市長', originalReceived: true });
    await ok('pledge.record', { kind: 'individual_annual', memberId: member('𠮷田 髙子'), fiscalYear: 2025, signedOn: '2025-04-02', addressee: 'みほん市長', originalReceived: true });
    await ok('pledge.record', { kind: 'per_meeting', memberId: member('例示 健太'), meetingId: m.id, signedOn: '2026-11-20', addressee: 'みほん市長', originalReceived: false });
    expect(await coverageOf(m.id)).toEqual({
      '見本 一郎': 'by:organization_roster',
      '架空 さくら': 'not:no_pledge', // the roster does not name her
      '𠮷田 髙子': 'not:expired', // last 年度's pledge
      '例示 健太': 'by:per_meeting',
    });

    await ok('organization.setExemption', { id: org('地域包括支援センター'), reason: '委託契約により守秘義務を負う' });
    const after = await ok<InviteeCoverage[]>('pledge.coverageForMeeting', { meetingId: m.id });
    expect(after.find((c) => c.name === '𠮷田 髙子')).toMatchObject({ covered: true, by: 'exemption', exemptionReason: '委託契約により守秘義務を負う' });
    await ok('organization.setExemption', { id: org('地域包括支援センター'), reason: null });
  });

  it('a revoked pledge stops covering from its revocation day; a revocation twice is refused', async () => {
    const m = await shien();
    const p = await ok<PledgeRecord>('pledge.record', { kind: 'individual_annual', memberId: member('架空 さくら'), fiscalYear: 2026, signedOn: '2026-05-01', addressee: 'みほん市長', originalReceived: true });
    expect((await coverageOf(m.id))['架空 さくら']).toBe('by:individual_annual');
    // A revocation before the signing day is refused and changes nothing.
    expect(await fails('pledge.revoke', { id: p.id, revokedOn: '2026-04-30', reason: '日付の誤り' })).toMatchObject({ code: 'validation_failed', details: { fields: 'revokedOn' } });
    expect((await coverageOf(m.id))['架空 さくら']).toBe('by:individual_annual');
    await ok('pledge.revoke', { id: p.id, revokedOn: '2026-11-01', reason: '本人の申し出' });
    expect((await coverageOf(m.id))['架空 さくら']).toBe('not:revoked');
    expect(await fails('pledge.revoke', { id: p.id, revokedOn: '2026-11-02', reason: 'x' })).toMatchObject({ code: 'pledge_already_revoked' });
    expect((await ok<PledgeRecord[]>('pledge.list', { fiscalYear: 2026 })).some((x) => x.id === p.id)).toBe(false);
    expect((await ok<PledgeRecord[]>('pledge.list', { fiscalYear: 2026, includeRevoked: true })).find((x) => x.id === p.id)).toMatchObject({ revokedOn: '2026-11-01' });
  });

  it('refuses a signing date in the future or after the 年度, and unknown people, changing nothing', async () => {
    const before = (await ok<PledgeRecord[]>('pledge.list', { includeRevoked: true })).length;
    const base = { kind: 'individual_annual', memberId: member('見本 一郎'), addressee: 'みほん市長', originalReceived: false };
    expect((await fails('pledge.record', { ...base, fiscalYear: 2026, signedOn: '2026-11-24' })).code).toBe('pledge_signed_in_future');
    expect(await fails('pledge.record', { ...base, fiscalYear: 2024, signedOn: '2025-04-01' })).toMatchObject({ code: 'pledge_outside_fiscal_year' });
    expect((await fails('pledge.record', { ...base, memberId: 'nobody', fiscalYear: 2026, signedOn: '2026-04-01' })).code).toBe('member_not_found');
    expect((await fails('pledge.record', { kind: 'organization_roster', organizationId: org('校長会'), memberIds: [], fiscalYear: 2026, signedOn: '2026-04-01', addressee: 'x', originalReceived: false })).code).toBe('validation_failed');
    expect((await ok<PledgeRecord[]>('pledge.list', { includeRevoked: true })).length).toBe(before);
  });

  it('the wording is versioned; a pledge keeps the version it was signed on', async () => {
    const v1 = await ok<{ version: number; text: string }>('pledge.wording', {});
    expect(v1.text).toContain('職を退いた後も同様');
    expect(v1.text).toContain('社会福祉法');
    const v2 = await ok<{ version: number }>('pledge.updateWording', { text: `${v1.text}\n7　個人情報の取扱いに関する規程を遵守します。` });
    expect(v2.version).toBe(v1.version + 1);
    const p = await ok<PledgeRecord>('pledge.record', { kind: 'individual_annual', memberId: member('例示 健太'), fiscalYear: 2026, signedOn: '2026-06-01', addressee: 'みほん市長', originalReceived: true });
    expect(p.wordingVersion).toBe(v2.version);
  });
});

describe('printable pledge forms', () => {
  it('batch: one pre-filled per-meeting form for each invitee who lacks coverage, with the duties and signature lines', async () => {
    const m = await shien();
    await ok('pledge.record', { kind: 'per_meeting', memberId: member('見本 一郎'), meetingId: m.id, signedOn: '2026-11-20', addressee: 'みほん市長', originalReceived: true });
    const uncovered = (await ok<InviteeCoverage[]>('pledge.coverageForMeeting', { meetingId: m.id })).filter((c) => !c.covered);
    const r = await ok<{ fileName: string; pdfBase64: string; pages: number }>('pledge.formPdf', { kind: 'per_meeting', meetingId: m.id });
    expect(r.pages).toBe(uncovered.length);
    expect(r.fileName).toMatch(/^誓約書_令和8年12月\d+日_支援会議\.pdf$/);
    const text = checkPdf(r.pdfBase64, 'pledge-per-meeting.pdf', [
      '--expect', '守秘義務に関する誓約書', '--expect', 'みほん市長 様', '--expect', '職を退いた後も同様', '--expect', '社会福祉法',
      '--expect', '𠮷田 髙子', '--expect', '署名', '--forbid', '見本 一郎',
    ]);
    expect(text.split('\f').filter((p) => p.trim()).length).toBe(uncovered.length);
  }, 60_000);

  it('annual individual and organization roster forms', async () => {
    const annual = await ok<{ pdfBase64: string; fileName: string }>('pledge.formPdf', { kind: 'individual_annual', memberId: member('架空 さくら'), fiscalYear: 2027 });
    expect(annual.fileName).toBe('誓約書_令和9年度_個人.pdf');
    checkPdf(annual.pdfBase64, 'pledge-annual.pdf', ['--expect', '令和9年度', '--expect', '架空 さくら', '--expect', '社会福祉協議会']);
    const roster = await ok<{ pdfBase64: string }>('pledge.formPdf', { kind: 'organization_roster', organizationId: org('社会福祉協議会'), fiscalYear: 2027 });
    checkPdf(roster.pdfBase64, 'pledge-roster.pdf', ['--expect', '対象となる職員', '--expect', '見本 一郎', '--expect', '架空 さくら', '--expect', '代表者']);
  }, 60_000);
});
