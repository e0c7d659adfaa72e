import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda, CaseDetail, Member, Minutes, Organization, RoleAssignment } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { VAULT_INPUT, daysLater, tempHome, testClock, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import { checkPdf } from '../testing/pdf-check';
import type { KasaneCore } from '../app';
import { verifyVault } from '../vault/verify';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const clock = testClock('2026-11-23T10:00:00+09:00');
const { ok, fails } = contractCalls(() => core);
let orgs: Organization[];
let members: Member[];
const org = (name: string) => orgs.find((o) => o.name === name)!.id;
const member = (name: string) => members.find((m) => m.name === name)!.id;
const db = () => core.session.vault.db;

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, clock.now);
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  orgs = await ok<Organization[]>('organization.list', {});
  await ok('member.create', { name: '社協 花子', organizationId: org('社会福祉協議会'), startOn: '2025-04-01' });
  await ok('member.create', { name: '包括 太郎', organizationId: org('地域包括支援センター'), startOn: '2025-04-01' });
  members = await ok<Member[]>('member.list', {});
  for (const m of members) {
    await ok('pledge.record', { kind: 'individual_annual', memberId: m.id, fiscalYear: 2026, signedOn: '2026-04-01', addressee: 'みほん市長', originalReceived: true });
  }
});
afterAll(async () => {
  await core.close();
  t.cleanup();
});

const registerCase = async (initials: string, fullName: string) =>
  (await ok<CaseDetail>('case.register', { initials, receivedOn: '2026-10-01', fullName })).id;

/** A 支援会議 on the test day with one case item (need-to-know: only 社協 花子 stays for it), opened. */
async function openShien(caseId: string): Promise<{ meeting: Meeting; agenda: Agenda; caseItem: string }> {
  const { meeting } = await ok<{ meeting: Meeting }>('meeting.create', { type: 'shien', date: '2026-11-23', startTime: '10:00', inviteeMemberIds: members.map((m) => m.id) });
  let agenda = await ok<Agenda>('agenda.addCaseItem', { meetingId: meeting.id, caseId, kind: 'new', minutes: 15 });
  const caseItem = agenda.items.find((i) => i.caseId === caseId)!.id;
  agenda = await ok<Agenda>('agenda.updateItem', { itemId: caseItem, participantMemberIds: [member('社協 花子')] });
  for (const m of members) await ok('attendance.checkIn', { meetingId: meeting.id, memberId: m.id, present: true, arrivedAt: '09:55' });
  await ok('meeting.open', { meetingId: meeting.id });
  return { meeting, agenda, caseItem };
}

const returnAllCopies = async (meetingId: string) => {
  for (const c of await ok<{ number: number }[]>('meeting.copies', { meetingId })) await ok('meeting.markCopyReturned', { meetingId, number: c.number, returned: true });
};

describe('meeting mode', () => {
  it('keeps the latest notes when autosaves arrive out of order, and restores the current item with its timer', async () => {
    const { meeting, caseItem } = await openShien(await registerCase('A・K', '山田 花子'));
    const first = await ok<Minutes>('minutes.get', { meetingId: meeting.id });
    expect(first.state).toBe('live');
    await ok('minutes.focusItem', { meetingId: meeting.id, itemId: caseItem });
    await ok('minutes.saveNotes', { itemId: caseItem, notes: '・本人と面談', revision: 1 });
    await ok('minutes.saveNotes', { itemId: caseItem, notes: '・本人と面談した\n・次回は訪問', revision: 3 });
    const late = await ok<{ revision: number }>('minutes.saveNotes', { itemId: caseItem, notes: '・本人と面談し', revision: 2 });
    expect(late.revision).toBe(3);
    clock.set(new Date(clock.now().getTime() + 90_000));
    const again = await ok<Minutes>('minutes.get', { meetingId: meeting.id });
    expect(again.currentItemId).toBe(caseItem);
    const item = again.items.find((i) => i.itemId === caseItem)!;
    expect(item.notes).toBe('・本人と面談した\n・次回は訪問');
    expect(item.elapsedSeconds).toBe(90);
  });

  it('records decisions only for cases on the 次第 and refuses a lifecycle step the case cannot take', async () => {
    const caseId = await registerCase('B・S', '佐藤 次郎');
    const elsewhere = await registerCase('C・T', '田中 三郎');
    const { caseItem } = await openShien(caseId);
    expect((await fails('minutes.addDecision', { itemId: caseItem, kind: 'other', text: '別のケース', caseId: elsewhere })).code).toBe('decision_case_not_on_agenda');
    // A case just received cannot be suspended (not a next step from 受付).
    expect((await fails('minutes.addDecision', { itemId: caseItem, kind: 'suspend', text: '中断', proposedStatus: 'suspended' })).code).toBe('transition_not_allowed');
    const d = await ok<{ caseId: string; proposedStatus: string }>('minutes.addDecision', { itemId: caseItem, kind: 'close', text: '支援不要のため終結', proposedStatus: 'closed' });
    expect(d).toMatchObject({ caseId, proposedStatus: 'closed' });
  });

  it('refuses a role assignment without organization, with due before start, or with neither due nor frequency; nothing is written', async () => {
    const caseId = await registerCase('D・N', '中村 四郎');
    const { caseItem } = await openShien(caseId);
    const base = { itemId: caseItem, caseId, action: '訪問', organizationId: org('社会福祉協議会'), startOn: '2026-11-23' };
    const count = () => db().prepare('SELECT count(*) FROM role_assignments').pluck().get();
    const before = count();
    expect((await fails('role.create', { ...base, organizationId: undefined, dueOn: '2026-12-01' })).code).toBe('validation_failed');
    expect((await fails('role.create', { ...base, dueOn: '2026-11-01' })).code).toBe('role_due_before_start');
    expect((await fails('role.create', base)).code).toBe('role_needs_due_or_frequency');
    expect(count()).toBe(before);
    const monthly = await ok<RoleAssignment>('role.create', { ...base, frequency: '月1回' });
    expect(monthly).toMatchObject({ live: false, status: 'open', frequency: '月1回' });
  });
});

describe('closing and confirming', () => {
  it('does not close with copies out unless a reason is given; the minutes become a draft', async () => {
    const { meeting } = await openShien(await registerCase('E・K', '小林 五郎'));
    const copies = await ok<{ number: number; returned: boolean }[]>('meeting.copies', { meetingId: meeting.id });
    expect(copies.map((c) => c.number)).toEqual([1, 2]);
    await ok('meeting.markCopyReturned', { meetingId: meeting.id, number: 1, returned: true });
    const refusal = await fails('meeting.close', { meetingId: meeting.id });
    expect(refusal).toMatchObject({ code: 'materials_not_returned', details: { numbers: '2' } });
    expect(db().prepare('SELECT state FROM meetings WHERE id = ?').pluck().get(meeting.id)).toBe('open');
    const closed = await ok<{ minutes: Minutes }>('meeting.close', { meetingId: meeting.id, unreturnedReason: '本人が持ち帰り、翌日回収予定' });
    expect(closed.minutes.state).toBe('draft');
    expect((await fails('meeting.close', { meetingId: meeting.id })).code).toBe('meeting_record_closed');
  });

  it('confirms once: hash of the stored text, lifecycle steps applied with the item, assignments live; then edits are refused until an amendment', async () => {
    const caseId = await registerCase('F・Y', '山本 六子');
    const { meeting, caseItem } = await openShien(caseId);
    await ok('minutes.saveNotes', { itemId: caseItem, notes: '支援の必要がないことを確認', revision: 1 });
    await ok('minutes.addDecision', { itemId: caseItem, kind: 'close', text: '終結とする', proposedStatus: 'closed' });
    const role = await ok<RoleAssignment>('role.create', { itemId: caseItem, caseId, action: '終結の連絡', organizationId: org('社会福祉協議会'), startOn: '2026-11-23', dueOn: '2026-11-30' });
    expect((await fails('minutes.confirm', { meetingId: meeting.id })).code).toBe('minutes_not_ready'); // still in session
    await returnAllCopies(meeting.id);
    await ok('meeting.close', { meetingId: meeting.id, closedAt: '11:30' });
    const confirmed = await ok<Minutes>('minutes.confirm', { meetingId: meeting.id });
    expect(confirmed.state).toBe('confirmed');
    const v1 = await ok<{ text: string; sha256: string }>('minutes.version', { meetingId: meeting.id, version: 1 });
    expect(confirmed.versions[0]!.sha256).toBe(createHash('sha256').update(v1.text).digest('hex'));
    expect(v1.text).toContain('支援の必要がないことを確認');
    expect(v1.text).toContain('【終結】');
    expect(v1.text).not.toContain('山本 六子');
    const c = await ok<CaseDetail>('case.get', { id: caseId });
    expect(c.status).toBe('closed');
    expect(db().prepare('SELECT minutes_item_id FROM case_transitions WHERE case_id = ? ORDER BY id DESC LIMIT 1').pluck().get(caseId)).toBe(caseItem);
    expect((await ok<RoleAssignment[]>('role.list', { today: '2026-11-23', caseId })).map((r) => r.id)).toEqual([role.id]);
    // Locked: notes, decisions, assignments, a second 確定.
    expect((await fails('minutes.saveNotes', { itemId: caseItem, notes: '書き換え', revision: 9 })).code).toBe('minutes_confirmed');
    expect((await fails('minutes.addDecision', { itemId: caseItem, kind: 'other', text: '追加' })).code).toBe('minutes_confirmed');
    expect((await fails('role.update', { id: role.id, action: '変更' })).code).toBe('role_already_live');
    expect((await fails('minutes.confirm', { meetingId: meeting.id })).code).toBe('minutes_already_confirmed');
    expect(db().prepare('SELECT count(*) FROM minutes_versions WHERE meeting_id = ?').pluck().get(meeting.id)).toBe(1);
    // The hash is in the hash-chained audit log as well.
    const audit = db().prepare("SELECT details FROM audit_log WHERE action = 'minutes.confirmed' AND subject = ?").pluck().get(meeting.id) as string;
    expect(JSON.parse(audit).sha256).toBe(v1.sha256);

    // Amendment: a new version with its reason; the first stays readable; the diff shows the change.
    expect((await fails('minutes.amend', { meetingId: meeting.id, reason: '' })).code).toBe('validation_failed');
    await ok('minutes.amend', { meetingId: meeting.id, reason: '協議内容の記載漏れ' });
    await ok('minutes.saveNotes', { itemId: caseItem, notes: '支援の必要がないことを確認\n主担当機関へ引継ぎ済み', revision: 2 });
    const amended = await ok<Minutes>('minutes.confirm', { meetingId: meeting.id });
    expect(amended.versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, '協議内容の記載漏れ'],
    ]);
    expect((await ok<{ text: string }>('minutes.version', { meetingId: meeting.id, version: 1 })).text).toBe(v1.text);
    const diff = await ok<{ op: string; text: string }[]>('minutes.diff', { meetingId: meeting.id, from: 1, to: 2 });
    expect(diff.filter((p) => p.op === 'added').map((p) => p.text).join('')).toContain('主担当機関へ引継ぎ済み');
    expect(diff.filter((p) => p.op === 'removed')).toEqual([]);
    // The stored versions cannot be rewritten, even with SQL; someone who drops the trigger and
    // rewrites text and hash together is still caught by verify (the hash is in the audit chain).
    expect(() => db().prepare("UPDATE minutes_versions SET content = 'x' WHERE meeting_id = ?").run(meeting.id)).toThrow(/append-only/);
    expect(verifyVault(db()).minutes).toMatchObject({ ok: true });
    const forged = v1.text.replace('支援の必要がないことを確認', '支援を継続する');
    db().exec('DROP TRIGGER minutes_versions_no_update');
    db()
      .prepare('UPDATE minutes_versions SET content = ?, sha256 = ? WHERE meeting_id = ? AND version = 1')
      .run(forged, createHash('sha256').update(forged).digest('hex'), meeting.id);
    expect(verifyVault(db())).toMatchObject({ ok: false, minutes: { ok: false, changed: [{ meetingId: meeting.id, version: 1 }] } });
    // The audit-log viewer's verification says so too, naming the meeting.
    expect((await ok<{ changedMinutes: unknown[] }>('audit.verify', {})).changedMinutes).toEqual([{ meetingId: meeting.id, version: 1, title: '支援会議', date: '2026-11-23' }]);
    db().prepare('UPDATE minutes_versions SET content = ?, sha256 = ? WHERE meeting_id = ? AND version = 1').run(v1.text, v1.sha256, meeting.id);
    db().exec("CREATE TRIGGER minutes_versions_no_update BEFORE UPDATE ON minutes_versions BEGIN SELECT RAISE(ABORT, 'confirmed minutes are append-only'); END;");
    expect(verifyVault(db()).ok).toBe(true);
  });
});

describe('progress of earlier assignments', () => {
  it('lists open assignments of the cases on the next 次第 and overdue ones; an overdue review needs a reason; reasons are counted by organization', async () => {
    const caseId = await registerCase('G・W', '渡辺 七子');
    const first = await openShien(caseId);
    const role = await ok<RoleAssignment>('role.create', {
      itemId: first.caseItem,
      caseId,
      action: '家計相談につなぐ',
      organizationId: org('社会福祉協議会'),
      memberId: member('社協 花子'),
      startOn: '2026-11-23',
      dueOn: '2026-12-10',
    });
    await returnAllCopies(first.meeting.id);
    await ok('meeting.close', { meetingId: first.meeting.id });
    await ok('minutes.confirm', { meetingId: first.meeting.id });

    await daysLater(core, clock, '2026-12-20T10:00:00+09:00');
    const { meeting } = await ok<{ meeting: Meeting }>('meeting.create', { type: 'shien', date: '2026-12-20', startTime: '10:00', inviteeMemberIds: members.map((m) => m.id) });
    const open = await ok<RoleAssignment[]>('role.forMeeting', { meetingId: meeting.id });
    expect(open.find((r) => r.id === role.id)).toMatchObject({ overdue: true, memberName: '社協 花子' });
    expect((await ok<RoleAssignment[]>('role.list', { today: '2026-12-20', overdueOnly: true })).map((r) => r.id)).toContain(role.id);
    const home = await ok<{ counts: { openRoleAssignments: number; overdueRoleAssignments: number } }>('home.summary', { today: '2026-12-20' });
    // This one and the 終結の連絡 of the earlier test (due 30 November) are both past due.
    expect(home.counts.overdueRoleAssignments).toBe(2);
    expect(home.counts.openRoleAssignments).toBeGreaterThanOrEqual(1);
    expect((await fails('role.recordProgress', { id: role.id, status: 'in_progress', onDate: '2026-12-20', meetingId: meeting.id })).code).toBe('overdue_reason_required');
    const updated = await ok<RoleAssignment>('role.recordProgress', {
      id: role.id,
      status: 'in_progress',
      note: '本人の入院で延期',
      onDate: '2026-12-20',
      meetingId: meeting.id,
      overdueReason: 'circumstances_changed',
    });
    expect(updated).toMatchObject({ status: 'in_progress', lastUpdate: { note: '本人の入院で延期', overdueReason: 'circumstances_changed' } });
    const stats = await ok<{ organizationName: string; reason: string; count: number }[]>('role.overdueStats', { from: '2026-04-01', to: '2027-03-31' });
    expect(stats).toContainEqual(expect.objectContaining({ organizationName: '社会福祉協議会', reason: 'circumstances_changed', count: 1 }));
    // Done needs no reason, even late.
    await ok('role.recordProgress', { id: role.id, status: 'done', onDate: '2026-12-20' });
    expect((await ok<RoleAssignment[]>('role.forMeeting', { meetingId: meeting.id })).map((r) => r.id)).not.toContain(role.id);
  });
});

describe('documents', () => {
  it('支援会議記録: one copy per recipient with its own watermark, only the items they took part in, no full name; a distribution log', async () => {
    await daysLater(core, clock, '2026-11-23T10:00:00+09:00');
    const caseId = await registerCase('H・O', '大野 八重');
    const { meeting, caseItem } = await openShien(caseId);
    await ok('minutes.saveNotes', { itemId: caseItem, notes: '家計の状況を共有した', revision: 1 });
    await returnAllCopies(meeting.id);
    await ok('meeting.close', { meetingId: meeting.id });
    await ok('minutes.confirm', { meetingId: meeting.id });
    const recipients = [member('社協 花子'), member('包括 太郎')];
    const out = await ok<{ fileName: string; pdfBase64: string; copies: number }>('minutes.pdf', { meetingId: meeting.id, recipientMemberIds: recipients });
    expect(out.copies).toBe(2);
    expect(out.fileName).not.toMatch(/大野|社協|包括/);
    const text = checkPdf(Buffer.from(out.pdfBase64, 'base64'), 'minutes-shien.pdf', ['--expect', '支援会議記録', '--expect', '配付番号 1/2', '--forbid', '大野 八重']);
    // Each copy is one page here: its own number and recipient; the case item only in 社協 花子's copy (need-to-know).
    const [copy1, copy2] = text.split('\f');
    expect(copy1).toMatch(/配付番号 1\/2\s+社会福祉協議会 社協 花子様/);
    expect(copy1).toContain('家計の状況を共有した');
    expect(copy2).toMatch(/配付番号 2\/2\s+地域包括支援センター 包括 太郎様/);
    expect(copy2).not.toContain('家計の状況を共有した');
    expect(copy2).not.toContain('R8-');
    const log = await ok<{ copyNumber: number; recipient: string }[]>('minutes.distributions', { meetingId: meeting.id });
    expect(log.map((l) => l.copyNumber)).toEqual([1, 2]);
    expect(log[0]!.recipient).toContain('社協 花子');
  });

  it('役割分担一覧 of one organization holds only its own assignments', async () => {
    const out = await ok<{ pdfBase64: string }>('role.listPdf', { organizationId: org('地域包括支援センター'), today: '2026-11-23' });
    checkPdf(Buffer.from(out.pdfBase64, 'base64'), 'role-list-other.pdf', ['--expect', '役割分担一覧', '--expect', '地域包括支援センター', '--forbid', '家計相談につなぐ', '--forbid', '終結の連絡']);
    const own = await ok<{ pdfBase64: string }>('role.listPdf', { organizationId: org('社会福祉協議会'), today: '2026-12-20' });
    checkPdf(Buffer.from(own.pdfBase64, 'base64'), 'role-list-own.pdf', ['--expect', '役割分担一覧', '--expect', '社会福祉協議会', '--expect', '終結の連絡', '--forbid', '渡辺 七子']);
  });
});
