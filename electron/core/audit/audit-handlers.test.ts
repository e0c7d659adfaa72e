import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRow, AuditStaffOption, AuditVerdict, CaseDetail, Meeting, Organization, Session } from '../../../shared/contract';
import { AUDIT_ACTION_GROUPS, KNOWN_AUDIT_ACTIONS, auditGroupOf } from '../../../shared/domain/audit-kinds';
import { auditJa } from '../../../shared/i18n/audit.ja';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import { checkPdf } from '../testing/pdf-check';
import type { KasaneCore } from '../app';
import { appendAudit } from './audit-log';

type Page = { rows: AuditRow[]; total: number; offset: number; limit: number };

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
// Midday UTC: the same calendar day in the PC's time zone wherever the tests run.
let now = new Date('2026-11-20T12:00:00Z');
/** Moves the clock; the person is taken to have been at work meanwhile (no idle lock). */
const at = (iso: string) => {
  now = new Date(iso);
  if (core.session.isUnlocked) core.session.touch();
};
const { ok, fails } = contractCalls(() => core);
const db = () => core.session.vault.db;

const SECOND = { name: '第二 花子', passphrase: 'もみじ 並木道 2027 かわせみ' };
let first: Session['staff'];
let secondId: string;
let caseA: CaseDetail;
let meeting: Meeting;
let org: Organization;
/** Every row of the scenario is dated 20–23 November 2026 (JST). */
const SCENARIO = { from: '2026-11-20', to: '2026-11-23' };

const list = (input: Record<string, unknown>) => ok<Page>('audit.list', { ...SCENARIO, ...input });
const actions = (p: Page) => p.rows.map((r) => r.action);

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, () => now);
  first = (await ok<Session>('vault.create', VAULT_INPUT)).staff;
  secondId = (await ok<{ id: string }>('staff.add', { ...SECOND, role: 'administrator' })).id;
  org = (await ok<Organization[]>('organization.list', {})).find((o) => o.name === '福祉課')!;
  await ok('member.create', { name: '見本 一郎', organizationId: org.id, startOn: '2025-04-01' });

  at('2026-11-21T12:00:00Z');
  caseA = await ok<CaseDetail>('case.register', { initials: 'Y・H', receivedOn: '2026-11-21', fullName: '山田 花子' });
  await ok('case.reveal', { id: caseA.id });
  meeting = (await ok<{ meeting: Meeting }>('meeting.create', { type: 'shien', date: '2026-12-01', startTime: '14:00', inviteeMemberIds: [] })).meeting;
  await ok('agenda.addCaseItem', { meetingId: meeting.id, caseId: caseA.id, kind: 'new', minutes: 15 });

  // 22 Nov: the second staff member mistypes once, then unlocks and looks at the name too.
  at('2026-11-22T12:00:00Z');
  await ok('vault.lock', {});
  expect((await core.dispatch('vault.unlock', { staffId: secondId, passphrase: VAULT_INPUT.passphrase })).ok).toBe(false);
  at('2026-11-22T12:01:00Z');
  await ok('vault.unlock', { staffId: secondId, passphrase: SECOND.passphrase });
  await ok('case.reveal', { id: caseA.id });

  at('2026-11-23T12:00:00Z');
  await ok('settings.update', { idleLockMinutes: 20 });
  // A row written by a newer version of Kasane: an action this version does not know.
  appendAudit(db(), { action: 'future.thing' as never, staffId: secondId, subject: 'x-1', details: { n: 1 } }, now);
}, 60_000);
afterAll(async () => {
  await core.close();
  t.cleanup();
});

describe('the kinds of the viewer', () => {
  it('maps every action the core writes to a group, and an unknown one to その他', () => {
    // The union of audit-log.ts and every `action: '…'` written anywhere in the core.
    const source = readFileSync(resolve(import.meta.dirname, 'audit-log.ts'), 'utf8');
    const declared = [...source.matchAll(/\|\s*'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!);
    const written = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
          for (const m of readFileSync(path, 'utf8').matchAll(/action: '([a-z_]+\.[a-z_]+)'/g)) written.add(m[1]!);
        }
      }
    };
    walk(resolve(import.meta.dirname, '..'));
    expect(declared.length).toBeGreaterThan(50);
    const unmapped = [...new Set([...declared, ...written])].filter((a) => !(a in AUDIT_ACTION_GROUPS));
    expect(unmapped).toEqual([]);
    expect(auditGroupOf('future.thing')).toBe('other');
    expect(auditGroupOf('case.revealed')).toBe('reveal');
    expect(auditGroupOf('gate.refused')).toBe('gate');
  });

  it('has a Japanese label for every action (the PDF is always Japanese)', () => {
    const missing = KNOWN_AUDIT_ACTIONS.filter((a) => {
      const [head, tail] = a.split('.') as [string, string];
      return typeof (auditJa.actions as Record<string, Record<string, string> | undefined>)[head]?.[tail] !== 'string';
    });
    expect(missing).toEqual([]);
  });
});

describe('audit.list', () => {
  it('lists the newest first with the staff member, the kind and a readable subject, never a case name', async () => {
    const page = await list({});
    expect(page.total).toBe(page.rows.length);
    const seqs = page.rows.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(page.rows[0]).toMatchObject({ action: 'future.thing', group: 'other', staffName: SECOND.name, subject: null });

    const registered = page.rows.find((r) => r.action === 'case.registered')!;
    expect(registered).toMatchObject({ staffName: VAULT_INPUT.staffName, group: 'case', subject: { kind: 'case', label: caseA.caseNumber } });
    const planned = page.rows.find((r) => r.action === 'meeting.planned')!;
    expect(planned.subject).toEqual({ kind: 'meeting', label: '支援会議', date: '2026-12-01' });
    // Ids in the details come with words: the case on the agenda by its number, the member's organization by name.
    const agenda = page.rows.find((r) => r.action === 'agenda.changed')!;
    expect(agenda.names[caseA.id]).toBe(caseA.caseNumber);
    const member = page.rows.find((r) => r.action === 'member.created')!;
    expect(member.subject).toMatchObject({ kind: 'member', label: '見本 一郎（福祉課）' });
    expect(member.names[org.id]).toBe('福祉課');
    const staffAdded = page.rows.find((r) => r.action === 'staff.added')!;
    expect(staffAdded.subject).toMatchObject({ kind: 'staff', label: SECOND.name });

    const text = JSON.stringify(page);
    expect(text).not.toContain('山田');
    expect(text).not.toContain(VAULT_INPUT.passphrase);
  });

  it('filters by period (local days, both ends included)', async () => {
    const day21 = await list({ from: '2026-11-21', to: '2026-11-21' });
    expect(actions(day21).sort()).toEqual(['agenda.changed', 'case.registered', 'case.revealed', 'meeting.planned']);
    const day22 = await list({ from: '2026-11-22', to: '2026-11-22' });
    expect(actions(day22)).toEqual(['case.revealed', 'vault.unlocked', 'vault.unlock_failed', 'vault.locked']);
    expect((await list({ from: '2026-11-24', to: '2026-11-30' })).total).toBe(0);
    expect(await fails('audit.list', { from: '2026-11-23', to: '2026-11-20' })).toMatchObject({
      code: 'audit_range_invalid',
      details: { from: '2026-11-23', to: '2026-11-20' },
    });
  });

  it('filters by staff member and by kinds, the failed unlock attributed to the account that was tried', async () => {
    const bySecond = await list({ staffId: secondId });
    expect(actions(bySecond)).toEqual(['future.thing', 'settings.updated', 'case.revealed', 'vault.unlocked', 'vault.unlock_failed']);
    expect(bySecond.rows.every((r) => r.staffName === SECOND.name)).toBe(true);

    const reveals = await list({ groups: ['reveal'] });
    expect(reveals.rows.map((r) => [r.action, r.staffName, r.subject?.label])).toEqual([
      ['case.revealed', SECOND.name, caseA.caseNumber],
      ['case.revealed', VAULT_INPUT.staffName, caseA.caseNumber],
    ]);
    const failed = await list({ groups: ['unlock_failed'] });
    expect(failed.rows).toHaveLength(1);
    expect(failed.rows[0]).toMatchObject({ action: 'vault.unlock_failed', staffId: secondId, at: '2026-11-22T12:00:00.000Z' });

    const unlockOrOther = await list({ groups: ['unlock', 'other'] });
    expect(actions(unlockOrOther)).toEqual(['future.thing', 'vault.unlocked', 'vault.locked', 'vault.created']);
    const second = await list({ groups: ['unlock', 'reveal'], staffId: secondId });
    expect(actions(second)).toEqual(['case.revealed', 'vault.unlocked']);
    // Every group chosen is the same as none chosen.
    const all = await list({ groups: ['unlock', 'unlock_failed', 'reveal', 'gate', 'export', 'minutes', 'pledge', 'case', 'meeting', 'directory', 'staff', 'settings', 'backup', 'other'] });
    expect(all.total).toBe((await list({})).total);
    expect((await fails('audit.list', { ...SCENARIO, groups: ['nonsense'] })).code).toBe('validation_failed');
  });

  it('pages through a long log, and finds the page holding a given row', async () => {
    at('2026-11-24T12:00:00Z');
    const write = db().transaction(() => {
      for (let i = 0; i < 120; i++) appendAudit(db(), { action: 'settings.updated', staffId: first.id, details: { i } }, now);
    });
    write();
    const range = { from: '2026-11-24', to: '2026-11-24' };
    const pages = [];
    for (const offset of [0, 50, 100]) pages.push(await ok<Page>('audit.list', { ...range, limit: 50, offset }));
    expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 20]);
    expect(pages.every((p) => p.total === 120)).toBe(true);
    const seqs = pages.flatMap((p) => p.rows.map((r) => r.seq));
    expect(new Set(seqs).size).toBe(120);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(pages[2]!.rows.at(-1)!.details).toEqual({ i: 0 });

    const target = seqs[75]!;
    const holding = await ok<Page>('audit.list', { ...range, limit: 50, atSeq: target });
    expect(holding.offset).toBe(50);
    expect(holding.rows.map((r) => r.seq)).toContain(target);
    expect((await fails('audit.list', { ...range, limit: 500 })).code).toBe('validation_failed');
  });

  it('offers every staff account for the filter, removed ones too', async () => {
    const staff = await ok<AuditStaffOption[]>('audit.staff', {});
    expect(staff.map((s) => s.name).sort()).toEqual([SECOND.name, VAULT_INPUT.staffName].sort());
    expect(staff.every((s) => s.removed === false)).toBe(true);
  });
});

describe('audit.pdf', () => {
  it('prints the filtered log with its period, filters, verdict and recipient, and records the export', async () => {
    const before = (await ok<AuditVerdict>('audit.verify', {})) as { ok: true; rows: number };
    expect(before.ok).toBe(true);
    const result = await ok<{ pdfBase64: string; fileName: string; pages: number; rows: number; verdict: AuditVerdict }>('audit.pdf', {
      ...SCENARIO,
      groups: ['reveal', 'unlock_failed', 'unlock'],
      recipient: '監査委員事務局',
      purpose: '令和8年度 定期監査',
    });
    expect(result.fileName).toBe('監査ログ_令和8年11月20日-令和8年11月23日.pdf');
    expect(result.fileName).not.toMatch(/山田|試験|第二/);
    expect(result.rows).toBe(4);
    expect(result.verdict).toEqual(before);
    const text = checkPdf(result.pdfBase64, 'audit-log.pdf', [
      '--expect', '監査ログ',
      '--expect', '令和8年11月20日 〜 令和8年11月23日',
      '--expect', '氏名の表示',
      '--expect', '解錠の失敗',
      '--expect', caseA.caseNumber,
      '--expect', '監査委員事務局',
      '--expect', '令和8年度 定期監査',
      '--expect', `正常：${before.rows}件の記録すべてで`,
      '--expect', SECOND.name,
      '--expect', '秘',
      '--forbid', '山田',
      '--forbid', '設定の変更',
    ]);
    expect(text).toMatch(/1 \/ \d+ ページ/);

    const last = (await ok<Page>('audit.list', { from: '2026-11-20', to: '2026-11-30', limit: 1 })).rows[0]!;
    expect(last).toMatchObject({
      action: 'document.exported',
      group: 'export',
      subject: null,
      details: { document: 'audit_log', period: '2026-11-20/2026-11-23', rows: 4, recipient: '監査委員事務局', purpose: '令和8年度 定期監査' },
    });
  }, 60_000);

  it('refuses a log too long for one PDF, and records nothing', async () => {
    at('2026-11-25T12:00:00Z');
    db().transaction(() => {
      for (let i = 0; i < 3001; i++) appendAudit(db(), { action: 'settings.updated', staffId: first.id, details: { i } }, now);
    })();
    const exportsBefore = db().prepare("SELECT count(*) FROM audit_log WHERE action = 'document.exported'").pluck().get();
    expect(await fails('audit.pdf', { from: '2026-11-25', to: '2026-11-25' })).toMatchObject({ code: 'audit_export_too_large', details: { count: 3001, max: 3000 } });
    expect(db().prepare("SELECT count(*) FROM audit_log WHERE action = 'document.exported'").pluck().get()).toBe(exportsBefore);
  });
});

describe('tampering', () => {
  it('reports a rewritten row as the first broken link, in the viewer and in the PDF', async () => {
    const target = (await list({ groups: ['reveal'] })).rows.at(-1)!; // the first reveal, by the first staff member
    // An attacker with the key: the append-only trigger is dropped, the row rewritten to hide who looked.
    db().exec('DROP TRIGGER audit_log_no_update');
    db().prepare('UPDATE audit_log SET staff_id = ? WHERE seq = ?').run(secondId, target.seq);
    const verdict = await ok<AuditVerdict>('audit.verify', {});
    expect(verdict).toMatchObject({ ok: false, brokenAt: target.seq, reason: 'content_changed', brokenOn: '2026-11-21' });

    // The viewer can jump to it: the page holding the broken row.
    const holding = await ok<Page>('audit.list', { from: '2026-11-20', to: '2026-11-30', limit: 50, atSeq: target.seq });
    expect(holding.rows.map((r) => r.seq)).toContain(target.seq);

    const pdf = await ok<{ pdfBase64: string; verdict: AuditVerdict }>('audit.pdf', { ...SCENARIO, groups: ['reveal'] });
    expect(pdf.verdict).toMatchObject({ ok: false, brokenAt: target.seq });
    checkPdf(pdf.pdfBase64, 'audit-log-tampered.pdf', ['--expect', `改ざんの可能性：最初に不整合がある記録 #${target.seq}`, '--expect', '書き換えられた可能性']);
  }, 60_000);

  it('reports a deleted row as missing', async () => {
    db().exec('DROP TRIGGER audit_log_no_delete');
    const seq = db().prepare("SELECT seq FROM audit_log WHERE action = 'staff.added'").pluck().get() as number;
    db().prepare('DELETE FROM audit_log WHERE seq = ?').run(seq);
    // The deleted row comes before the rewritten one: the first broken link is now the gap.
    expect(await ok<AuditVerdict>('audit.verify', {})).toMatchObject({ ok: false, brokenAt: seq, reason: 'missing_row', brokenOn: '2026-11-20' });
  });

  it('shows a row whose details were replaced by anything as text', async () => {
    db().prepare("UPDATE audit_log SET details = '<img src=x onerror=alert(1)>' WHERE action = 'settings.updated' AND at LIKE '2026-11-23T12%'").run();
    const row = (await list({ groups: ['settings'] })).rows[0]!;
    expect(row.details).toEqual({ value: '<img src=x onerror=alert(1)>' });
  });
});
