import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda, AuditRow, CaseDetail, Meeting, Organization } from '../../../shared/contract';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import type { KasaneCore } from '../app';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const now = new Date('2026-11-20T12:00:00Z');
const { ok, fails } = contractCalls(() => core);
const releases = () => core.session.vault.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'document.released'").pluck().get() as number;

const SHA = 'a'.repeat(64);
let meeting: Meeting;
let caseA: CaseDetail;
let org: Organization;

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, () => now);
  await ok('vault.create', VAULT_INPUT);
  org = (await ok<Organization[]>('organization.list', {})).find((o) => o.name === '福祉課')!;
  await ok('member.create', { name: '見本 一郎', organizationId: org.id, startOn: '2025-04-01' });
  caseA = await ok<CaseDetail>('case.register', { initials: 'Y・H', receivedOn: '2026-11-20', fullName: '山田 花子' });
  meeting = (await ok<{ meeting: Meeting }>('meeting.create', { type: 'shien', date: '2026-12-01', startTime: '14:00', inviteeMemberIds: [] })).meeting;
});
afterAll(() => t.cleanup());

const release = (over: Record<string, unknown> = {}) => ({
  document: 'agenda',
  subject: { kind: 'meeting', id: meeting.id },
  fileName: '次第_令和8年12月1日_支援会議.pdf',
  recipient: '福祉課',
  purpose: '会議資料の事前送付',
  action: 'save',
  sha256: SHA,
  pages: 2,
  ...over,
});

describe('documents leaving the vault (保存・印刷)', () => {
  it('records what left, for whom, why and its hash; the audit viewer names the meeting and shows it under 文書の書き出し', async () => {
    const before = releases();
    await ok('document.release', release());
    await ok('document.release', release({ action: 'print', recipient: '出席者（机上配付）', purpose: '会議当日の配付' }));
    expect(releases()).toBe(before + 2);
    const page = await ok<{ rows: AuditRow[] }>('audit.list', { from: '2026-11-20', to: '2026-11-20', groups: ['export'] });
    const row = page.rows.find((r) => r.action === 'document.released' && r.details.action === 'save')!;
    expect(row.details).toMatchObject({ document: 'agenda', recipient: '福祉課', purpose: '会議資料の事前送付', sha256: SHA, fileName: '次第_令和8年12月1日_支援会議.pdf', pages: 2 });
    expect(row.subject).toMatchObject({ kind: 'meeting', label: meeting.title, date: '2026-12-01' });
    expect(row.group).toBe('export');
  });

  it('offers earlier recipients and purposes, newest first, each once', async () => {
    await ok('document.release', release({ recipient: '地域包括支援センター', purpose: '役割分担の確認' }));
    await ok('document.release', release({ recipient: '福祉課', purpose: '役割分担の確認' }));
    const hints = await ok<{ recipients: string[]; purposes: string[] }>('document.releaseHints', {});
    expect(hints.recipients.slice(0, 3)).toEqual(['福祉課', '地域包括支援センター', '出席者（机上配付）']);
    expect(hints.purposes.slice(0, 3)).toEqual(['役割分担の確認', '会議当日の配付', '会議資料の事前送付']);
  });

  it('refuses a file name with a person’s name in it (with or without the space), and records nothing', async () => {
    const before = releases();
    for (const fileName of ['山田花子_経過.pdf', '山田 花子.pdf', '見本一郎_誓約書.pdf']) {
      expect((await fails('document.release', release({ fileName }))).code).toBe('file_name_personal');
    }
    expect(releases()).toBe(before);
  });

  it('refuses without a recipient or purpose, with a path in the name, or about something that does not exist', async () => {
    const before = releases();
    for (const bad of [{ recipient: ' ' }, { purpose: '' }, { fileName: '../次第.pdf' }, { fileName: 'C:\\temp\\次第.pdf' }, { fileName: '次第\u0007.pdf' }, { sha256: 'xyz' }, { document: 'diary' }]) {
      expect((await fails('document.release', release(bad))).code).toBe('validation_failed');
    }
    expect((await fails('document.release', release({ subject: { kind: 'case', id: 'no-such-case' } }))).code).toBe('validation_failed');
    expect(releases()).toBe(before);
  });

  it('names a stored file by what it belongs to, never by the name it was uploaded with', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% 資料\n%%EOF\n').toString('base64');
    const items = (await ok<Agenda>('agenda.addCaseItem', { meetingId: meeting.id, caseId: caseA.id, kind: 'new', minutes: 15 })).items;
    const caseItem = items.find((i) => i.caseId === caseA.id)!;
    const reports = items.find((i) => i.title === '報告事項')!;
    await ok<Agenda>('agenda.addMaterial', { itemId: caseItem.id, fileName: '山田花子_経過.pdf', mediaType: 'application/pdf', dataBase64: pdf });
    const agenda = await ok<Agenda>('agenda.addMaterial', { itemId: reports.id, fileName: '報告.pdf', mediaType: 'application/pdf', dataBase64: pdf });
    const caseMaterial = agenda.items.find((i) => i.id === caseItem.id)!.materials[0]!;
    const file = await ok<{ fileName: string; exportFileName: string }>('attachment.get', { id: caseMaterial.attachmentId });
    expect(file.fileName).toBe('山田花子_経過.pdf');
    // 報告事項 comes first in the 次第, so the case's material is 資料2 — the same number the 次第 prints.
    expect(caseMaterial.number).toBe(2);
    expect(file.exportFileName).toBe('資料2_令和8年12月1日_支援会議.pdf');

    const withConsent = await ok<CaseDetail>('consent.record', { caseId: caseA.id, givenOn: '2026-11-20', method: 'written', obtainedBy: '見本', organizationIds: [], allowsJusoteki: true });
    const scanned = await ok<CaseDetail>('consent.attachScan', { consentId: withConsent.consents[0]!.id, fileName: '山田花子 同意書.pdf', mediaType: 'application/pdf', dataBase64: pdf });
    const scan = await ok<{ exportFileName: string }>('attachment.get', { id: scanned.consents[0]!.scanAttachmentId! });
    expect(scan.exportFileName).toBe(`同意書_${caseA.caseNumber}.pdf`);
    // And the generated names pass the guard.
    await ok('document.release', release({ document: 'consent_scan', subject: { kind: 'case', id: caseA.id }, fileName: scan.exportFileName, pages: null }));
  });
});
