import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseRow, Organization } from '../../../shared/contract';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import type { KasaneCore } from '../app';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
let now = new Date('2026-11-23T09:00:00+09:00');
let orgs: Organization[];

beforeEach(async () => {
  t = tempHome();
  now = new Date('2026-11-23T09:00:00+09:00');
  core = testCore(t.paths, () => now);
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  orgs = await ok<Organization[]>('organization.list', {});
});
afterEach(async () => {
  await core.close();
  t.cleanup();
});

const { ok, fails } = contractCalls(() => core);
const org = (name: string) => orgs.find((o) => o.name === name)!.id;
const register = (extra: Record<string, unknown> = {}) =>
  ok<CaseDetail>('case.register', { initials: 'A・K', receivedOn: '2026-10-01', leadOrganizationId: org('社会福祉協議会'), categoryIds: ['8050'], ...extra });

describe('case register', () => {
  it('numbers cases per 年度: R8-001, R8-002, and R7-001 for a case received in March 2026', async () => {
    expect((await register()).caseNumber).toBe('R8-001');
    expect((await register({ receivedOn: '2026-04-01' })).caseNumber).toBe('R8-002');
    expect((await register({ receivedOn: '2026-03-31' })).caseNumber).toBe('R7-001');
  });

  it('lists R8-1000 after R8-999 (numbers sort as numbers within a 年度)', async () => {
    const { registerCase } = await import('./case-repository');
    const db = core.session.vault.db;
    db.transaction(() => {
      for (let i = 0; i < 1000; i++) registerCase(db, { initials: 'X', receivedOn: '2026-10-01', categoryIds: [] }, core.session.vault.staff.id, new Date());
    })();
    const rows = await ok<CaseRow[]>('case.list', {});
    expect(rows.slice(0, 2).map((r) => r.caseNumber)).toEqual(['R8-1000', 'R8-999']);
  });

  it('follows the configured format', async () => {
    expect((await fails('settings.update', { caseNumberFormat: '{era}{eraYear}' })).code).toBe('validation_failed');
    expect(await ok('settings.update', { caseNumberFormat: '{fy}-{seq:4}' })).toMatchObject({ caseNumberFormat: '{fy}-{seq:4}' });
    expect((await register()).caseNumber).toBe('2026-0001');
  });

  it('refuses a duplicate case number, changing nothing', async () => {
    await register({ caseNumber: '旧-15' });
    expect(await fails('case.register', { initials: 'B', receivedOn: '2026-10-02', caseNumber: '旧-15' })).toMatchObject({ code: 'case_number_taken', details: { caseNumber: '旧-15' } });
    expect(await ok<CaseRow[]>('case.list', {})).toHaveLength(1);
  });

  it('refuses unknown categories and retired organizations', async () => {
    expect((await fails('case.register', { initials: 'B', receivedOn: '2026-10-02', categoryIds: ['unicorns'] })).code).toBe('validation_failed');
    expect((await fails('case.register', { initials: 'B', receivedOn: '2026-10-02', leadOrganizationId: 'gone' })).code).toBe('organization_not_found');
  });

  it('stores the full name but lists and details show number and initials only; a reveal is audited', async () => {
    const c = await register({ fullName: '山田 花子', fullNameKana: 'やまだ はなこ', birthDate: '1970-02-03' });
    expect(c.hasFullName).toBe(true);
    const list = JSON.stringify(await ok('case.list', {}));
    const detail = JSON.stringify(await ok('case.get', { id: c.id }));
    for (const text of [list, detail]) {
      expect(text).not.toContain('山田');
      expect(text).not.toContain('1970');
    }
    const revealed = await ok('case.reveal', { id: c.id });
    expect(revealed).toEqual({ fullName: '山田 花子', fullNameKana: 'やまだ はなこ', birthDate: '1970-02-03' });
    const audit = core.session.vault.db.prepare("SELECT staff_id, subject, details FROM audit_log WHERE action = 'case.revealed'").all() as { subject: string; details: string; staff_id: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subject).toBe(c.id);
    expect(audit[0]!.staff_id).toBe(core.session.vault.staff.id);
    // The audit log records that the name was shown, never the name itself.
    expect(JSON.stringify(core.session.vault.db.prepare('SELECT * FROM audit_log').all())).not.toContain('山田');
  });

  it('the name is not in the vault files in the clear', async () => {
    await register({ fullName: '髙橋 𠮷子', householdNotes: '母と二人暮らし。借金の相談あり。' });
    for (const name of readdirSync(t.paths.main)) {
      const bytes = readFileSync(join(t.paths.main, name));
      expect(bytes.includes(Buffer.from('髙橋'))).toBe(false);
      expect(bytes.includes(Buffer.from('借金'))).toBe(false);
    }
  });
});

describe('search', () => {
  it('finds substrings of any length over number, initials, notes and name — including 1–2 characters', async () => {
    const a = await register({ initials: 'A・K', fullName: '山田 花子', householdNotes: '長男がひきこもり。' });
    const b = await register({ initials: 'M・S', fullName: '佐藤 次郎', householdNotes: '家賃の滞納がある。' });
    const ids = async (query: string) => (await ok<CaseRow[]>('case.list', { query })).map((r) => r.id).sort();
    expect(await ids('山')).toEqual([a.id]);
    expect(await ids('佐藤')).toEqual([b.id]);
    expect(await ids('ひきこもり')).toEqual([a.id]);
    expect(await ids('R8-00')).toEqual([a.id, b.id].sort());
    expect(await ids('R8-002')).toEqual([b.id]);
    expect(await ids('m・s')).toEqual([b.id]);
    expect(await ids('%')).toEqual([]);
    expect(await ids('"')).toEqual([]);
    expect(await ids('存在しない言葉')).toEqual([]);
  });

  it('filters by status, organization and category; closed cases only on request', async () => {
    const a = await register({ categoryIds: ['poverty'], leadOrganizationId: org('福祉課') });
    const b = await register({ categoryIds: ['8050'] });
    await ok('case.transition', { id: b.id, to: 'closed', reason: '支援不要' });
    expect((await ok<CaseRow[]>('case.list', {})).map((r) => r.id)).toEqual([a.id]);
    expect((await ok<CaseRow[]>('case.list', { includeClosed: true })).length).toBe(2);
    expect((await ok<CaseRow[]>('case.list', { status: 'closed' })).map((r) => r.id)).toEqual([b.id]);
    expect((await ok<CaseRow[]>('case.list', { categoryId: 'poverty' })).map((r) => r.id)).toEqual([a.id]);
    expect((await ok<CaseRow[]>('case.list', { organizationId: org('福祉課') })).map((r) => r.id)).toEqual([a.id]);
  });
});

describe('consent and lifecycle', () => {
  it('受付 → 同意取得 → アセスメント with consent; each step records who, when and why', async () => {
    const c = await register();
    expect(c.allowedTransitions).toEqual(['reviewed_without_consent', 'closed']);
    const refused = await fails('case.transition', { id: c.id, to: 'consented' });
    expect(refused).toMatchObject({ code: 'transition_not_allowed', details: { refusal: 'consent_required' } });

    const withConsent = await ok<CaseDetail>('consent.record', {
      caseId: c.id, givenOn: '2026-10-05', method: 'written', obtainedBy: '見本 一郎', organizationIds: [org('社会福祉協議会'), org('福祉課')], allowsJusoteki: true,
    });
    expect(withConsent.consentToday).toMatchObject({ valid: true, allowsJusoteki: true });
    expect(withConsent.allowedTransitions).toContain('consented');

    await ok('case.transition', { id: c.id, to: 'consented' });
    const assessing = await ok<CaseDetail>('case.transition', { id: c.id, to: 'assessing', reason: '初回面談を実施' });
    expect(assessing.status).toBe('assessing');
    expect(assessing.history.map((h) => [h.from, h.to, h.reason, h.staffName])).toEqual([
      [null, 'received', null, '試験 太郎'],
      ['received', 'consented', null, '試験 太郎'],
      ['consented', 'assessing', '初回面談を実施', '試験 太郎'],
    ]);
    expect((await fails('case.transition', { id: c.id, to: 'supporting' })).code).toBe('transition_not_allowed');
  });

  it('bad consent dates: in the future, before the case was received, withdrawal before consent or twice', async () => {
    const c = await register({ receivedOn: '2026-10-01' });
    const base = { caseId: c.id, method: 'verbal', obtainedBy: '見本', organizationIds: [], allowsJusoteki: false };
    expect((await fails('consent.record', { ...base, givenOn: '2026-11-24' })).code).toBe('consent_in_future');
    expect(await fails('consent.record', { ...base, givenOn: '2026-09-30' })).toMatchObject({ code: 'consent_before_received', details: { receivedOn: '2026-10-01' } });
    const d = await ok<CaseDetail>('consent.record', { ...base, givenOn: '2026-10-10' });
    const consentId = d.consents[0]!.id;
    expect(await fails('consent.withdraw', { consentId, withdrawnOn: '2026-10-09' })).toMatchObject({ code: 'withdrawal_before_consent', details: { givenOn: '2026-10-10' } });
    const withdrawn = await ok<CaseDetail>('consent.withdraw', { consentId, withdrawnOn: '2026-11-01', reason: '本人の申し出' });
    expect(withdrawn.consentToday.valid).toBe(false);
    expect((await fails('consent.withdraw', { consentId, withdrawnOn: '2026-11-02' })).code).toBe('consent_already_withdrawn');
    expect((await fails('consent.withdraw', { consentId: 'nope', withdrawnOn: '2026-11-02' })).code).toBe('consent_not_found');
    // The refused attempts changed nothing.
    expect((await ok<CaseDetail>('case.get', { id: c.id })).consents).toHaveLength(1);
  });

  it('the list shows whether consent is valid today', async () => {
    const c = await register();
    expect((await ok<CaseRow[]>('case.list', {}))[0]!.consent.valid).toBe(false);
    await ok('consent.record', { caseId: c.id, givenOn: '2026-10-05', method: 'written', obtainedBy: '見本', organizationIds: [], allowsJusoteki: true });
    expect((await ok<CaseRow[]>('case.list', {}))[0]!.consent).toEqual({ valid: true, allowsJusoteki: true });
  });
});

describe('editing, categories and scanned consent forms', () => {
  it('edits a case, re-indexes it for search, and audits the changed field names only', async () => {
    const c = await register({ householdNotes: '最初のメモ' });
    const updated = await ok<CaseDetail>('case.update', { id: c.id, householdNotes: '祖母の介護をしている', categoryIds: ['young_carer', '8050'], fullName: '佐藤 陽菜' });
    expect(updated.householdNotes).toBe('祖母の介護をしている');
    expect(updated.categories).toEqual(['8050問題', 'ヤングケアラー']);
    expect((await ok<CaseRow[]>('case.list', { query: '祖母' })).map((r) => r.id)).toEqual([c.id]);
    expect(await ok<CaseRow[]>('case.list', { query: '最初' })).toEqual([]);
    const details = core.session.vault.db.prepare("SELECT details FROM audit_log WHERE action = 'case.updated'").pluck().get() as string;
    expect(JSON.parse(details)).toEqual({ changed: ['fullName', 'householdNotes', 'categoryIds'] });
    expect(details).not.toContain('佐藤');
    expect((await fails('case.update', { id: 'nope', initials: 'X' })).code).toBe('case_not_found');
  });

  it('categories are configurable; a retired one stays on its cases but is no longer offered', async () => {
    const cat = await ok<{ id: string; label: string }>('category.create', { label: 'ペットの多頭飼育' });
    expect((await fails('category.create', { label: 'ひきこもり' })).code).toBe('validation_failed');
    const c = await register({ categoryIds: [cat.id] });
    await ok('category.rename', { id: cat.id, label: '多頭飼育' });
    await ok('category.retire', { id: cat.id });
    expect((await ok<{ id: string }[]>('category.list', {})).some((x) => x.id === cat.id)).toBe(false);
    expect((await ok<CaseDetail>('case.get', { id: c.id })).categories).toEqual(['多頭飼育']);
    expect((await fails('case.register', { initials: 'B', receivedOn: '2026-10-02', categoryIds: [cat.id] })).code).toBe('validation_failed');
  });

  it('stores a scanned consent form encrypted, checks its type by content, and audits each view', async () => {
    const c = await register();
    const d = await ok<CaseDetail>('consent.record', { caseId: c.id, givenOn: '2026-10-05', method: 'written', obtainedBy: '見本', organizationIds: [], allowsJusoteki: true });
    const consentId = d.consents[0]!.id;
    const pdf = Buffer.from('%PDF-1.7\n% 同意書 スキャン\n%%EOF\n');
    const notPdf = Buffer.from('MZ\u0090\u0000 this is an exe');
    expect((await fails('consent.attachScan', { consentId, fileName: 'scan.pdf', mediaType: 'application/pdf', dataBase64: notPdf.toString('base64') })).code).toBe('attachment_type_not_allowed');
    const withScan = await ok<CaseDetail>('consent.attachScan', { consentId, fileName: 'scan.pdf', mediaType: 'application/pdf', dataBase64: pdf.toString('base64') });
    const scanId = withScan.consents[0]!.scanAttachmentId!;
    expect(scanId).toBeTruthy();
    const file = await ok<{ fileName: string; dataBase64: string }>('attachment.get', { id: scanId });
    expect(Buffer.from(file.dataBase64, 'base64').equals(pdf)).toBe(true);
    expect(core.session.vault.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'attachment.viewed'").pluck().get()).toBe(1);
    for (const name of readdirSync(t.paths.main)) expect(readFileSync(join(t.paths.main, name)).includes(Buffer.from('同意書 スキャン'))).toBe(false);
  });
});
