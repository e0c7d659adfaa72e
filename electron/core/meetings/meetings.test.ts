import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda, CaseDetail, Member, MeetingSummary, Organization } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { checkPdf } from '../testing/pdf-check';
import { contractCalls } from '../testing/contract-calls';
import type { KasaneCore } from '../app';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
let orgs: Organization[];
let members: Member[];

const { ok, fails } = contractCalls(() => core);
const org = (name: string) => orgs.find((o) => o.name === name)!.id;

// One vault for the file (Chromium starts once); each test plans its own meetings.
beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, () => new Date('2026-11-23T09:00:00+09:00'));
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  orgs = await ok<Organization[]>('organization.list', {});
  for (const [name, o] of [['見本 一郎', '福祉課'], ['架空 さくら', '社会福祉協議会'], ['例示 健太', '地域包括支援センター']] as const) {
    await ok('member.create', { name, organizationId: org(o), startOn: '2025-04-01' });
  }
  members = await ok<Member[]>('member.list', {});
}, 60_000);
afterAll(async () => {
  await core.close();
  t.cleanup();
});

let day = 0;
/** Each test plans on its own date, so room warnings only come from what the test does. */
const nextDate = () => `2026-12-${String(++day).padStart(2, '0')}`;
const plan = async (type: 'shien' | 'jusoteki', extra: Record<string, unknown> = {}) =>
  (await ok<{ meeting: Meeting; warnings: unknown[] }>('meeting.create', {
    type,
    date: nextDate(),
    startTime: '14:00',
    endTime: '15:30',
    place: '市役所 第1会議室',
    inviteeMemberIds: members.map((m) => m.id),
    ...extra,
  })).meeting;
const register = (extra: Record<string, unknown> = {}) =>
  ok<CaseDetail>('case.register', { initials: 'A・K', receivedOn: '2026-10-01', fullName: '山田 花子', ...extra });
const consent = (caseId: string, allowsJusoteki = true) =>
  ok<CaseDetail>('consent.record', { caseId, givenOn: '2026-10-05', method: 'written', obtainedBy: '見本', organizationIds: [], allowsJusoteki });

describe('planning a meeting', () => {
  it('starts from the default 次第 of its type, with the invitees and their organizations', async () => {
    const shien = await plan('shien');
    expect(shien).toMatchObject({ title: '支援会議', state: 'planned', inviteeCount: 3 });
    expect(shien.invitees.map((i) => i.organizationName).sort()).toEqual(['地域包括支援センター', '社会福祉協議会', '福祉課'].sort());
    const agenda = await ok<Agenda>('agenda.get', { meetingId: shien.id });
    expect(agenda.items.map((i) => i.title)).toEqual([
      '開会', '守秘義務の確認', '出席者確認', '前回決定事項・役割分担の進捗確認', '報告事項', '新規ケース', '継続ケースの評価',
      '終結・中断', '社会資源の状況と開発', 'その他', '次回日程', '資料回収', '閉会',
    ]);
    expect(agenda.meetingMinutes).toBe(90);
    const jusoteki = await plan('jusoteki');
    expect((await ok<Agenda>('agenda.get', { meetingId: jusoteki.id })).items.map((i) => i.title)).not.toContain('守秘義務の確認');
  });

  it('refuses an end before the start and an invitee who has left; warns about a shared room', async () => {
    expect(await fails('meeting.create', { type: 'shien', date: nextDate(), startTime: '15:00', endTime: '14:00', inviteeMemberIds: [] })).toMatchObject({
      code: 'meeting_end_before_start',
      details: { startTime: '15:00', endTime: '14:00' },
    });
    const leaver = await ok<Member>('member.create', { name: '退職 予定', organizationId: org('健康課'), startOn: '2025-04-01' });
    await ok('member.leave', { id: leaver.id, on: '2026-11-30' });
    expect(await fails('meeting.create', { type: 'shien', date: '2026-12-20', startTime: '10:00', inviteeMemberIds: [leaver.id] })).toMatchObject({
      code: 'invitee_not_active',
      details: { name: '退職 予定', date: '2026-12-20' },
    });
    const first = await plan('shien');
    const second = await ok<{ warnings: Array<{ code: string }> }>('meeting.create', {
      type: 'other', date: first.date, startTime: '15:00', place: first.place, inviteeMemberIds: [],
    });
    expect(second.warnings).toEqual([expect.objectContaining({ code: 'room_overlap', details: expect.objectContaining({ otherMeetingId: first.id }) })]);
  });

  it('copies the frame and the invitees of an earlier meeting of the series', async () => {
    const earlier = await plan('jusoteki');
    await ok('agenda.addItem', { meetingId: earlier.id, section: 'other', title: '研修の案内', minutes: 5 });
    const copy = (await ok<{ meeting: Meeting }>('meeting.create', { type: 'jusoteki', date: nextDate(), startTime: '14:00', inviteeMemberIds: [], copyFromMeetingId: earlier.id })).meeting;
    expect(copy.inviteeCount).toBe(3);
    expect((await ok<Agenda>('agenda.get', { meetingId: copy.id })).items.map((i) => i.title)).toContain('研修の案内');
  });

  it('lists meetings by 年度 and type', async () => {
    const list = await ok<MeetingSummary[]>('meeting.list', { fiscalYear: 2026, type: 'shien' });
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((m) => m.type === 'shien' && m.date >= '2026-04-01' && m.date <= '2027-03-31')).toBe(true);
    expect(await ok<MeetingSummary[]>('meeting.list', { fiscalYear: 2030 })).toEqual([]);
  });
});

describe('the agenda', () => {
  it('the consent rule: no 重層的支援会議 without consent, with the next 支援会議 offered instead', async () => {
    // The soonest planned 支援会議 from today is offered, even one before the 重層的支援会議.
    const shien = await plan('shien', { date: '2026-11-25' });
    const jusoteki = await plan('jusoteki');
    const c = await register();
    const refusal = await fails('agenda.addCaseItem', { meetingId: jusoteki.id, caseId: c.id, kind: 'new', minutes: 15 });
    expect(refusal).toMatchObject({ code: 'consent_required_for_jusoteki', details: { caseNumber: c.caseNumber, nextShienMeetingId: shien.id, nextShienDate: '2026-11-25' } });
    const onShien = await ok<Agenda>('agenda.addCaseItem', { meetingId: shien.id, caseId: c.id, kind: 'new', minutes: 15 });
    expect(onShien.items.find((i) => i.caseId === c.id)).toMatchObject({ section: 'new_cases', caseNumber: c.caseNumber, initials: 'A・K' });
    expect((await fails('agenda.addCaseItem', { meetingId: shien.id, caseId: c.id, kind: 'new', minutes: 15 })).code).toBe('case_already_on_agenda');
    // Consent that does not cover the 重層的支援会議 is refused too.
    await consent(c.id, false);
    expect((await fails('agenda.addCaseItem', { meetingId: jusoteki.id, caseId: c.id, kind: 'new', minutes: 15 })).code).toBe('consent_required_for_jusoteki');
  });

  it('flags a case whose consent was withdrawn after it was planned', async () => {
    const jusoteki = await plan('jusoteki');
    const c = await register();
    const withConsent = await consent(c.id);
    await ok('agenda.addCaseItem', { meetingId: jusoteki.id, caseId: c.id, kind: 'evaluation', minutes: 20 });
    await ok('consent.withdraw', { consentId: withConsent.consents[0]!.id, withdrawnOn: '2026-11-20' });
    const agenda = await ok<Agenda>('agenda.get', { meetingId: jusoteki.id });
    expect(agenda.items.find((i) => i.caseId === c.id)?.consentWithdrawn).toBe(true);
  });

  it('case items go into their section; items can be moved, edited and removed; an overrun is a warning', async () => {
    const shien = await plan('shien');
    const a = await register({ initials: 'B・B' });
    const b = await register({ initials: 'C・C' });
    await ok('agenda.addCaseItem', { meetingId: shien.id, caseId: a.id, kind: 'evaluation', minutes: 20, presenterOrganizationId: org('社会福祉協議会') });
    let agenda = await ok<Agenda>('agenda.addCaseItem', {
      meetingId: shien.id, caseId: b.id, kind: 'new', minutes: 30, participantMemberIds: [members[0]!.id],
    });
    const titles = agenda.items.map((i) => i.title);
    expect(titles.indexOf(b.caseNumber)).toBe(titles.indexOf('新規ケース') + 1);
    expect(titles.indexOf(a.caseNumber)).toBe(titles.indexOf('継続ケースの評価') + 1);
    expect(agenda.items.find((i) => i.caseId === b.id)?.participantMemberIds).toEqual([members[0]!.id]);
    expect(agenda.warnings).toEqual([]);

    const itemA = agenda.items.find((i) => i.caseId === a.id)!;
    agenda = await ok<Agenda>('agenda.moveItem', { itemId: itemA.id, toPosition: titles.indexOf(b.caseNumber) });
    expect(agenda.items.map((i) => i.title).slice(5, 8)).toEqual(['新規ケース', a.caseNumber, b.caseNumber]);

    agenda = await ok<Agenda>('agenda.updateItem', { itemId: itemA.id, minutes: 60 });
    expect(agenda.totalMinutes).toBeGreaterThan(90);
    expect(agenda.warnings).toEqual([{ code: 'agenda_overrun', details: { overMinutes: agenda.totalMinutes - 90 } }]);

    const outsider = await ok<Member>('member.create', { name: '招待 なし', organizationId: org('校長会'), startOn: '2025-04-01' });
    expect((await fails('agenda.updateItem', { itemId: itemA.id, participantMemberIds: [outsider.id] })).code).toBe('validation_failed');

    agenda = await ok<Agenda>('agenda.removeItem', { itemId: itemA.id });
    expect(agenda.items.some((i) => i.caseId === a.id)).toBe(false);
    expect(agenda.items.map((i) => i.position)).toEqual(agenda.items.map((_, i) => i));
    expect((await fails('agenda.removeItem', { itemId: 'nope' })).code).toBe('agenda_item_not_found');
  });

  it('suggests the cases that are due: without consent for a 支援会議, waiting for a decision for a 重層的支援会議', async () => {
    const shien = await plan('shien');
    const jusoteki = await plan('jusoteki');
    const noConsent = await register({ initials: 'N・C' });
    const waiting = await register({ initials: 'W・D' });
    await consent(waiting.id);
    for (const to of ['consented', 'assessing', 'planning', 'plan_proposed']) await ok('case.transition', { id: waiting.id, to });
    const forShien = await ok<Array<{ caseId: string; reason: string }>>('agenda.suggestions', { meetingId: shien.id });
    expect(forShien.map((s) => s.caseId)).toContain(noConsent.id);
    expect(forShien.map((s) => s.caseId)).not.toContain(waiting.id);
    const forJusoteki = await ok<Array<{ caseId: string; reason: string; kind: string }>>('agenda.suggestions', { meetingId: jusoteki.id });
    expect(forJusoteki).toEqual([expect.objectContaining({ caseId: waiting.id, reason: 'waiting_decision', kind: 'new' })]);
  });
});

describe('次第 PDF', () => {
  it('支援会議: 秘 on the page, 和暦 date, items in order, case numbers and initials but no name; the export is audited', async () => {
    const shien = await plan('shien', { date: '2027-01-14', title: '支援会議（1月）' });
    const c = await register({ initials: 'Y・T', fullName: '𠮷田 髙子' });
    await ok('agenda.addCaseItem', { meetingId: shien.id, caseId: c.id, kind: 'new', minutes: 20, participantMemberIds: [members[1]!.id] });
    const { fileName, pdfBase64 } = await ok<{ fileName: string; pdfBase64: string }>('meeting.agendaPdf', { meetingId: shien.id });
    expect(fileName).toBe('次第_令和9年1月14日_支援会議.pdf');
    const text = checkPdf(pdfBase64, 'agenda-shien.pdf', ['--expect', '支援会議（1月） 次第', '--expect', '令和9年1月14日（木）', '--expect', '秘', '--expect', c.caseNumber, '--expect', 'Y・T', '--forbid', '𠮷田', '--forbid', '髙子']);
    const order = ['開会', '守秘義務の確認', '出席者確認', '新規ケース', c.caseNumber, '継続ケースの評価', '資料回収', '閉会'].map((s) => text.replace(/\s/g, '').indexOf(s));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(text).toContain('社会福祉協議会'); // who stays for the case
    expect(core.session.vault.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'document.exported'").pluck().get()).toBe(1);
  }, 60_000);

  it('重層的支援会議: no 秘 mark, and still no names', async () => {
    const jusoteki = await plan('jusoteki', { date: '2027-01-21' });
    const c = await register({ initials: 'K・S', fullName: '佐藤 健' });
    await consent(c.id);
    await ok('agenda.addCaseItem', { meetingId: jusoteki.id, caseId: c.id, kind: 'new', minutes: 20 });
    const { pdfBase64 } = await ok<{ pdfBase64: string }>('meeting.agendaPdf', { meetingId: jusoteki.id });
    const text = checkPdf(pdfBase64, 'agenda-jusoteki.pdf', ['--expect', '重層的支援会議 次第', '--expect', '令和9年1月21日', '--forbid', '佐藤', '--forbid', '守秘義務の確認']);
    expect(text).not.toContain('秘\n');
  }, 60_000);
});

describe('開催通知 PDF', () => {
  it('addresses the invitees, gives the particulars in 和暦, asks 支援会議 attendees for a pledge, and names no case', async () => {
    const shien = await plan('shien', { date: '2027-02-04', notes: '駐車場は東側をご利用ください。' });
    const c = await register({ initials: 'Z・Z', fullName: '鈴木 一' });
    await ok('agenda.addCaseItem', { meetingId: shien.id, caseId: c.id, kind: 'new', minutes: 20 });
    const { fileName, pdfBase64 } = await ok<{ fileName: string; pdfBase64: string }>('meeting.noticePdf', { meetingId: shien.id });
    expect(fileName).toBe('開催通知_令和9年2月4日_支援会議.pdf');
    checkPdf(pdfBase64, 'notice-shien.pdf', ['--expect', '支援会議の開催について（通知）', '--expect', '令和9年2月4日（木）', '--expect', '守秘義務誓約書', '--expect', '駐車場は東側', '--forbid', c.caseNumber, '--forbid', 'Z・Z', '--forbid', '鈴木']);
  }, 60_000);
});

describe('meeting materials (資料)', () => {
  const pdf = Buffer.from('%PDF-1.7\n% 資料\n%%EOF\n').toString('base64');
  const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]).toString('base64');
  const exe = Buffer.from('MZ\u0090\u0000 not a document').toString('base64');
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

  it('numbers 資料 through the 次第 in its order, refuses other file types and files over the limit, and prints numbers only', async () => {
    const m = await plan('shien', { date: '2027-03-04' });
    const c = await register({ initials: 'M・M' });
    let agenda = await ok<Agenda>('agenda.addCaseItem', { meetingId: m.id, caseId: c.id, kind: 'new', minutes: 20 });
    const caseItem = agenda.items.find((i) => i.caseId === c.id)!;
    const reports = agenda.items.find((i) => i.title === '報告事項')!;
    await ok('agenda.addMaterial', { itemId: caseItem.id, fileName: '山田家_経過.pdf', mediaType: 'application/pdf', dataBase64: pdf });
    agenda = await ok<Agenda>('agenda.addMaterial', { itemId: reports.id, fileName: 'report.docx', mediaType: DOCX, dataBase64: docx });
    // 報告事項 comes before 新規ケース, so its material is 資料1.
    expect(agenda.items.find((i) => i.id === reports.id)!.materials.map((x) => x.number)).toEqual([1]);
    expect(agenda.items.find((i) => i.id === caseItem.id)!.materials.map((x) => x.number)).toEqual([2]);

    expect((await fails('agenda.addMaterial', { itemId: reports.id, fileName: 'x.pdf', mediaType: 'application/pdf', dataBase64: exe })).code).toBe('attachment_type_not_allowed');
    await ok('settings.update', { materialsLimitMb: 1 });
    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(1024 * 1024 + 1)]).toString('base64');
    expect(await fails('agenda.addMaterial', { itemId: reports.id, fileName: 'big.pdf', mediaType: 'application/pdf', dataBase64: big })).toMatchObject({ code: 'attachment_too_large', details: { limitMb: 1 } });
    await ok('settings.update', { materialsLimitMb: 50 });

    const { pdfBase64 } = await ok<{ pdfBase64: string }>('meeting.agendaPdf', { meetingId: m.id });
    checkPdf(pdfBase64, 'agenda-materials.pdf', ['--expect', '資料1', '--expect', '資料2', '--forbid', '山田家']);

    const attachments = () => core.session.vault.db.prepare('SELECT count(*) FROM attachments').pluck().get() as number;
    const before = attachments();
    agenda = await ok<Agenda>('agenda.removeMaterial', { materialId: agenda.items.find((i) => i.id === reports.id)!.materials[0]!.id });
    expect(agenda.items.find((i) => i.id === caseItem.id)!.materials.map((x) => x.number)).toEqual([1]);
    await ok('agenda.removeItem', { itemId: caseItem.id });
    expect(attachments()).toBe(before - 2); // the files went with their 資料
  }, 60_000);
});
