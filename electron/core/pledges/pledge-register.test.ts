import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteeCoverage, Member, Organization, PledgeRecord } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import type { KasaneCore } from '../app';

// Bad input and corrections in the pledge register: duplicates, replacing a pledge, a pledge
// dated after its meeting, scanned copies. Today is 10 March 2027 (end of 令和8年度).
let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const { ok, fails } = contractCalls(() => core);
let orgs: Organization[];
const org = (name: string) => orgs.find((o) => o.name === name)!.id;
const ids: Record<string, string> = {};

const db = () => core.session.vault.db;
const auditRows = (action: string) =>
  db().prepare('SELECT subject, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { subject: string | null; details: string }[];
const allPledges = () => ok<PledgeRecord[]>('pledge.list', { includeRevoked: true });
const meeting = async (date: string, names: string[]) =>
  (await ok<{ meeting: Meeting }>('meeting.create', { type: 'shien', date, startTime: '10:00', inviteeMemberIds: names.map((n) => ids[n]) })).meeting;
const coveredBy = async (meetingId: string, name: string) => {
  const c = (await ok<InviteeCoverage[]>('pledge.coverageForMeeting', { meetingId })).find((x) => x.name === name)!;
  return c.covered ? { by: c.by, pledgeId: c.pledgeId } : { not: c.reason };
};
const base = { addressee: 'みほん市長', originalReceived: true };

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, () => new Date('2027-03-10T09:00:00+09:00'));
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  orgs = await ok<Organization[]>('organization.list', {});
  for (const [name, organization] of [
    ['年度 一子', '社会福祉協議会'],
    ['名簿 二郎', '社会福祉協議会'],
    ['名簿 三子', '社会福祉協議会'],
    ['会議 四郎', '福祉課'],
  ] as const) {
    ids[name] = (await ok<Member>('member.create', { name, organizationId: org(organization), startOn: '2025-04-01' })).id;
  }
}, 60_000);
afterAll(async () => {
  await core.close();
  t.cleanup();
});

describe('duplicate pledges', () => {
  it('refuses a second active pledge for the same person and 年度, the same organization and 年度, or the same meeting, changing nothing', async () => {
    const held = await meeting('2026-10-01', ['会議 四郎']);
    const other = await meeting('2026-11-01', ['会議 四郎']);
    await ok('pledge.record', { ...base, kind: 'individual_annual', memberId: ids['年度 一子'], fiscalYear: 2026, signedOn: '2026-04-05' });
    await ok('pledge.record', { ...base, kind: 'organization_roster', organizationId: org('社会福祉協議会'), memberIds: [ids['名簿 二郎']], fiscalYear: 2026, signedOn: '2026-04-10' });
    await ok('pledge.record', { ...base, kind: 'per_meeting', memberId: ids['会議 四郎'], meetingId: held.id, signedOn: '2026-09-30' });
    const before = await allPledges();
    const recorded = auditRows('pledge.recorded').length;

    expect(await fails('pledge.record', { ...base, kind: 'individual_annual', memberId: ids['年度 一子'], fiscalYear: 2026, signedOn: '2026-06-01' })).toMatchObject({
      code: 'pledge_duplicate',
      details: { signedOn: '2026-04-05' },
    });
    // Another roster of the same organization and 年度 is a duplicate even with other names on it.
    expect(
      await fails('pledge.record', { ...base, kind: 'organization_roster', organizationId: org('社会福祉協議会'), memberIds: [ids['名簿 三子']], fiscalYear: 2026, signedOn: '2026-06-01' }),
    ).toMatchObject({ code: 'pledge_duplicate', details: { signedOn: '2026-04-10' } });
    expect(await fails('pledge.record', { ...base, kind: 'per_meeting', memberId: ids['会議 四郎'], meetingId: held.id, signedOn: '2026-10-01' })).toMatchObject({
      code: 'pledge_duplicate',
      details: { signedOn: '2026-09-30' },
    });
    expect(await allPledges()).toEqual(before);
    expect(auditRows('pledge.recorded').length).toBe(recorded);

    // Not duplicates: another 年度, another meeting.
    await ok('pledge.record', { ...base, kind: 'individual_annual', memberId: ids['年度 一子'], fiscalYear: 2027, signedOn: '2027-03-01' });
    await ok('pledge.record', { ...base, kind: 'per_meeting', memberId: ids['会議 四郎'], meetingId: other.id, signedOn: '2026-10-15' });
  });

  it('a revoked pledge is no duplicate: the person may sign again', async () => {
    const p = await ok<PledgeRecord>('pledge.record', { ...base, kind: 'individual_annual', memberId: ids['会議 四郎'], fiscalYear: 2025, signedOn: '2025-05-01' });
    await ok('pledge.revoke', { id: p.id, revokedOn: '2025-09-01', reason: '記載誤り' });
    const again = await ok<PledgeRecord>('pledge.record', { ...base, kind: 'individual_annual', memberId: ids['会議 四郎'], fiscalYear: 2025, signedOn: '2025-09-02' });
    expect(again.supersededBy).toBeNull();
    expect((await allPledges()).find((x) => x.id === p.id)).toMatchObject({ revokedOn: '2025-09-01', supersededBy: null });
  });
});

describe('replacing a pledge (supersede)', () => {
  it('records the new pledge, links the old one to it, hides the old one from the register and audits both', async () => {
    const [old] = (await ok<PledgeRecord[]>('pledge.list', { fiscalYear: 2026 })).filter((p) => p.memberId === ids['年度 一子']);
    const renewed = await ok<PledgeRecord>('pledge.record', {
      ...base,
      kind: 'individual_annual',
      memberId: ids['年度 一子'],
      fiscalYear: 2026,
      signedOn: '2027-03-05',
      supersede: true,
    });
    expect(renewed.supersededBy).toBeNull();
    const all = await allPledges();
    expect(all.find((p) => p.id === old!.id)).toMatchObject({ supersededBy: renewed.id, revokedOn: null });
    const listed = await ok<PledgeRecord[]>('pledge.list', { fiscalYear: 2026 });
    expect(listed.some((p) => p.id === renewed.id)).toBe(true);
    expect(listed.some((p) => p.id === old!.id)).toBe(false);
    expect(auditRows('pledge.superseded').at(-1)).toEqual({ subject: old!.id, details: JSON.stringify({ by: renewed.id }) });
    expect(JSON.parse(auditRows('pledge.recorded').at(-1)!.details)).toEqual({ kind: 'individual_annual', supersedes: [old!.id] });
    // The replacement is now the active one: a third is a duplicate of it.
    expect(await fails('pledge.record', { ...base, kind: 'individual_annual', memberId: ids['年度 一子'], fiscalYear: 2026, signedOn: '2027-03-06' })).toMatchObject({
      code: 'pledge_duplicate',
      details: { signedOn: '2027-03-05' },
    });
    // supersede with nothing to replace simply records.
    const fresh = await ok<PledgeRecord>('pledge.record', { ...base, kind: 'individual_annual', memberId: ids['名簿 三子'], fiscalYear: 2026, signedOn: '2026-05-01', supersede: true });
    expect(fresh.supersededBy).toBeNull();
  });

  it('a meeting held before the replacement keeps the pledge that covered it; later meetings are covered by the new one', async () => {
    const held = await meeting('2026-12-01', ['年度 一子', '名簿 二郎']);
    const next = await meeting('2027-03-25', ['年度 一子', '名簿 二郎']);
    const [oldAnnual, newAnnual] = (await allPledges()).filter((p) => p.memberId === ids['年度 一子'] && p.fiscalYear === 2026).sort((a, b) => (a.signedOn < b.signedOn ? -1 : 1));
    expect(await coveredBy(held.id, '年度 一子')).toEqual({ by: 'individual_annual', pledgeId: oldAnnual!.id });
    expect(await coveredBy(next.id, '年度 一子')).toEqual({ by: 'individual_annual', pledgeId: newAnnual!.id });

    // A new roster that no longer names 名簿 二郎: he stays covered for the meeting already held, not for the next.
    const oldRoster = (await allPledges()).find((p) => p.kind === 'organization_roster')!;
    expect(await coveredBy(held.id, '名簿 二郎')).toEqual({ by: 'organization_roster', pledgeId: oldRoster.id });
    const newRoster = await ok<PledgeRecord>('pledge.record', {
      ...base,
      kind: 'organization_roster',
      organizationId: org('社会福祉協議会'),
      memberIds: [ids['名簿 三子']],
      fiscalYear: 2026,
      signedOn: '2027-03-06',
      supersede: true,
    });
    expect(await coveredBy(held.id, '名簿 二郎')).toEqual({ by: 'organization_roster', pledgeId: oldRoster.id });
    expect(await coveredBy(next.id, '名簿 二郎')).toEqual({ not: 'no_pledge' });
    expect((await allPledges()).find((p) => p.id === oldRoster.id)!.supersededBy).toBe(newRoster.id);
  });
});

describe('a per-meeting pledge dated after its meeting', () => {
  it('is refused with both dates, changing nothing; one signed on the meeting day is accepted', async () => {
    const m = await meeting('2027-01-15', ['名簿 三子']);
    const before = await allPledges();
    expect(await fails('pledge.record', { ...base, kind: 'per_meeting', memberId: ids['名簿 三子'], meetingId: m.id, signedOn: '2027-01-16' })).toMatchObject({
      code: 'pledge_after_meeting',
      details: { signedOn: '2027-01-16', meetingDate: '2027-01-15' },
    });
    expect(await allPledges()).toEqual(before);
    await ok('pledge.record', { ...base, kind: 'per_meeting', memberId: ids['名簿 三子'], meetingId: m.id, signedOn: '2027-01-15' });
  });
});

describe('scanned signed copies', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const exe = Buffer.from('MZ\x90\x00 this is not a scan');

  it('attaches a PDF or image checked by its first bytes, replaces it, and serves it through attachment.get with an audit entry', async () => {
    const p = (await allPledges()).find((x) => x.memberId === ids['名簿 三子'] && x.kind === 'individual_annual')!;
    expect(p.scanAttachmentId).toBeNull();
    expect(await fails('pledge.attachScan', { pledgeId: p.id, fileName: 'scan.pdf', mediaType: 'application/pdf', dataBase64: exe.toString('base64') })).toMatchObject({
      code: 'attachment_type_not_allowed',
    });
    expect((await allPledges()).find((x) => x.id === p.id)!.scanAttachmentId).toBeNull();
    expect(db().prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);

    const withPdf = await ok<PledgeRecord>('pledge.attachScan', { pledgeId: p.id, fileName: '誓約書.pdf', mediaType: 'application/pdf', dataBase64: pdf.toString('base64') });
    expect(withPdf.scanAttachmentId).toBeTruthy();
    const withPng = await ok<PledgeRecord>('pledge.attachScan', { pledgeId: p.id, fileName: '誓約書.png', mediaType: 'image/png', dataBase64: png.toString('base64') });
    expect(withPng.scanAttachmentId).not.toBe(withPdf.scanAttachmentId);
    expect(JSON.parse(auditRows('pledge.scan_attached').at(-1)!.details)).toEqual({ attachmentId: withPng.scanAttachmentId, size: png.length, replaced: withPdf.scanAttachmentId });

    const viewed = auditRows('attachment.viewed').length;
    const file = await ok<{ fileName: string; mediaType: string; dataBase64: string }>('attachment.get', { id: withPng.scanAttachmentId });
    expect(file).toMatchObject({ fileName: '誓約書.png', mediaType: 'image/png' });
    expect(Buffer.from(file.dataBase64, 'base64').equals(png)).toBe(true);
    expect(auditRows('attachment.viewed').length).toBe(viewed + 1);
    // The earlier scan is kept in the vault (evidence), only the reference changed.
    expect(db().prepare('SELECT count(*) FROM attachments WHERE id IN (?, ?)').pluck().get(withPdf.scanAttachmentId, withPng.scanAttachmentId)).toBe(2);
  });

  it('refuses an unknown pledge', async () => {
    expect(await fails('pledge.attachScan', { pledgeId: 'nope', fileName: 'a.pdf', mediaType: 'application/pdf', dataBase64: pdf.toString('base64') })).toMatchObject({ code: 'pledge_not_found' });
  });
});
