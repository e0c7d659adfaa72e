import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda, CaseDetail, DeskRow, Member, Organization, Plan } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { VAULT_INPUT, daysLater, tempHome, testClock, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import { checkPdf } from '../testing/pdf-check';
import type { KasaneCore } from '../app';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const clock = testClock('2026-11-23T10:00:00+09:00');
const { ok, fails } = contractCalls(() => core);
let orgs: Organization[];
let members: Member[];
const org = (name: string) => orgs.find((o) => o.name === name)!.id;

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, clock.now);
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  orgs = await ok<Organization[]>('organization.list', {});
  await ok('member.create', { name: '会議 一郎', organizationId: org('社会福祉協議会'), startOn: '2025-04-01' });
  members = await ok<Member[]>('member.list', {});
});
afterAll(async () => {
  await core.close();
  t.cleanup();
});


/** A consented case brought to プラン作成中. */
async function caseInPlanning(initials: string): Promise<string> {
  const c = await ok<CaseDetail>('case.register', { initials, receivedOn: '2026-10-01', fullName: '支援 対象者' });
  await ok('consent.record', { caseId: c.id, givenOn: '2026-10-05', method: 'written', obtainedBy: '見本', organizationIds: [], allowsJusoteki: true });
  for (const to of ['consented', 'assessing', 'planning']) await ok('case.transition', { id: c.id, to });
  return c.id;
}

const planJusoteki = async (date: string) =>
  (await ok<{ meeting: Meeting }>('meeting.create', { type: 'jusoteki', date, startTime: '14:00', inviteeMemberIds: members.map((m) => m.id) })).meeting;

/** Holds a 重層的支援会議 with one decision on the case's item and confirms its minutes. */
async function holdAndConfirm(meetingId: string, caseId: string, kind: string): Promise<void> {
  await ok('attendance.checkIn', { meetingId, memberId: members[0]!.id, present: true });
  await ok('meeting.open', { meetingId });
  const item = (await ok<Agenda>('agenda.get', { meetingId })).items.find((i) => i.caseId === caseId)!;
  await ok('minutes.addDecision', { itemId: item.id, kind, text: '協議の結果' });
  await ok('meeting.close', { meetingId, closedAt: '16:00' });
  await ok('minutes.confirm', { meetingId });
}

describe('support plans', () => {
  it('draft → proposed on a 重層的支援会議 → 適当 only through confirmed minutes → 支援決定 → monitoring due on the desk → evaluation closes the case with handover', async () => {
    const caseId = await caseInPlanning('A・K');
    const plan = await ok<Plan>('plan.create', { caseId, goals: '家計の安定と就労', assessmentSummary: '多重債務', participationSupport: true, leadOrganizationId: org('社会福祉協議会'), startOn: '2026-12-01' });
    expect(plan).toMatchObject({ version: 1, state: 'draft', monitoringOn: '2027-03-01', evaluationOn: '2027-06-01' });
    expect((await fails('plan.update', { id: plan.id, evaluationOn: '2026-11-01' })).code).toBe('plan_evaluation_before_start');
    expect((await ok<DeskRow[]>('desk.get', { today: '2026-11-23' })).map((r) => [r.kind, r.caseId])).toContainEqual(['plan_waiting_meeting', caseId]);

    const meeting = await planJusoteki('2026-11-24');
    const proposed = await ok<Plan>('plan.propose', { id: plan.id, meetingId: meeting.id });
    expect(proposed).toMatchObject({ state: 'proposed', proposedMeetingId: meeting.id });
    expect((await ok<Agenda>('agenda.get', { meetingId: meeting.id })).items.some((i) => i.caseId === caseId && i.kind === 'new')).toBe(true);
    expect((await ok<CaseDetail>('case.get', { id: caseId })).status).toBe('plan_proposed');
    // Only a confirmed meeting decision can make it 適当: 支援決定 now is refused, nothing changed.
    const early = await fails('plan.decide', { id: plan.id, decidedOn: '2026-11-23', number: '福第100号', approverTitle: '市長', approverName: '見本 一郎' });
    expect(early).toMatchObject({ code: 'plan_step_refused', details: { reason: 'not_judged_appropriate' } });
    expect((await ok<Plan>('plan.get', { id: plan.id })).state).toBe('proposed');

    await daysLater(core, clock, '2026-11-24T15:00:00+09:00');
    await holdAndConfirm(meeting.id, caseId, 'plan_appropriate');
    expect((await ok<Plan>('plan.get', { id: plan.id })).state).toBe('appropriate');
    expect((await ok<DeskRow[]>('desk.get', { today: '2026-11-30' })).find((r) => r.kind === 'plan_waiting_decision' && r.caseId === caseId)).toMatchObject({ days: 6 });

    expect((await fails('plan.decide', { id: plan.id, decidedOn: '2026-12-02', number: '福第101号', approverTitle: '市長', approverName: '見本 一郎' })).code).toBe('validation_failed'); // in the future
    const decided = await ok<Plan>('plan.decide', { id: plan.id, decidedOn: '2026-11-24', number: '福第101号', approverTitle: '市長', approverName: '見本 一郎' });
    expect(decided).toMatchObject({ state: 'decided', decision: { number: '福第101号' }, postReport: false });
    expect((await ok<CaseDetail>('case.get', { id: caseId })).status).toBe('supporting');
    expect((await fails('plan.update', { id: plan.id, goals: '書き換え' })).code).toBe('plan_not_editable');

    // Months later: the monitoring is overdue on the desk.
    await daysLater(core, clock, '2027-03-05T09:00:00+09:00');
    const desk = await ok<DeskRow[]>('desk.get', { today: '2027-03-05' });
    expect(desk.find((r) => r.kind === 'monitoring_due' && r.caseId === caseId)).toMatchObject({ overdue: true, date: '2027-03-01', days: 4 });
    await ok('plan.recordMonitoring', { id: plan.id, onDate: '2027-03-05', byName: '会議 一郎', summary: '返済計画どおり' });
    expect((await ok<DeskRow[]>('desk.get', { today: '2027-03-05' })).some((r) => r.kind === 'monitoring_due' && r.caseId === caseId)).toBe(false);

    const pdf = await ok<{ pdfBase64: string; fileName: string }>('plan.pdf', { id: plan.id, document: 'plan' });
    expect(pdf.fileName).not.toContain('支援 対象者');
    checkPdf(pdf.pdfBase64, 'support-plan.pdf', ['--expect', '支援プラン', '--expect', '☑ 参加支援', '--expect', '福第101号', '--expect', '家計の安定と就労', '--forbid', '支援 対象者']);

    await daysLater(core, clock, '2027-06-02T09:00:00+09:00');
    expect((await fails('plan.recordEvaluation', { id: plan.id, onDate: '2026-11-30', outcome: 'close' })).code).toBe('plan_evaluation_before_start');
    const ended = await ok<Plan>('plan.recordEvaluation', { id: plan.id, onDate: '2027-06-02', outcome: 'close', reason: '目標を達成', handoverOrganizationId: org('地域包括支援センター') });
    expect(ended.state).toBe('ended');
    const closed = await ok<CaseDetail>('case.get', { id: caseId });
    expect(closed.status).toBe('closed');
    const sheet = await ok<{ pdfBase64: string }>('plan.pdf', { id: plan.id, document: 'evaluation' });
    checkPdf(sheet.pdfBase64, 'evaluation-sheet.pdf', ['--expect', '評価・終結シート', '--expect', '引継ぎ先：地域包括支援センター', '--expect', '返済計画どおり']);
  });

  it('修正 or 保留 cannot be decided; a new version starts from the previous one and can be compared', async () => {
    await daysLater(core, clock, '2027-06-03T09:00:00+09:00');
    const caseId = await caseInPlanning('B・S');
    const plan = await ok<Plan>('plan.create', { caseId, goals: '通所先の確保', startOn: '2027-07-01' });
    const meeting = await planJusoteki('2027-06-03');
    await ok('plan.propose', { id: plan.id, meetingId: meeting.id });
    await holdAndConfirm(meeting.id, caseId, 'plan_revise');
    expect((await ok<Plan>('plan.get', { id: plan.id })).state).toBe('revise');
    expect((await ok<CaseDetail>('case.get', { id: caseId })).status).toBe('planning');
    expect((await fails('plan.decide', { id: plan.id, decidedOn: '2027-06-03', number: '福第102号', approverTitle: '市長', approverName: '見本 一郎' })).details).toMatchObject({ reason: 'not_judged_appropriate' });
    const v2 = await ok<Plan>('plan.create', { caseId, goals: '通所先の確保と家族の休息' });
    expect(v2).toMatchObject({ version: 2, startOn: '2027-07-01', state: 'draft' });
    const diff = await ok<{ field: string; from: string; to: string }[]>('plan.compare', { fromId: plan.id, toId: v2.id });
    expect(diff).toContainEqual({ field: '目標', from: '通所先の確保', to: '通所先の確保と家族の休息' });
  });

  it('an urgent plan decided between meetings is flagged 事後報告, placed on the next 重層的支援会議 as a report item, and counts as reported once its minutes are confirmed', async () => {
    const caseId = await caseInPlanning('C・T');
    const plan = await ok<Plan>('plan.create', { caseId, goals: '緊急の住まい確保', startOn: '2027-06-01' });
    const decide = { id: plan.id, decidedOn: '2027-06-03', number: '福第103号', approverTitle: '市長', approverName: '見本 一郎', urgent: true };
    expect(await fails('plan.decide', decide)).toMatchObject({ code: 'plan_start_before_decision', details: { startOn: '2027-06-01', decidedOn: '2027-06-03' } });
    expect((await ok<Plan>('plan.get', { id: plan.id })).state).toBe('draft');
    await ok('plan.update', { id: plan.id, startOn: '2027-06-03' });
    const decided = await ok<Plan>('plan.decide', decide);
    expect(decided).toMatchObject({ state: 'decided', postReport: true, reportedMeetingId: null });
    expect((await ok<DeskRow[]>('desk.get', { today: '2027-06-03' })).some((r) => r.kind === 'post_report_pending' && r.caseId === caseId)).toBe(true);
    const next = await planJusoteki('2027-06-10');
    // The desk's row now points at the meeting that will carry the report.
    expect((await ok<DeskRow[]>('desk.get', { today: '2027-06-03' })).find((r) => r.kind === 'post_report_pending' && r.caseId === caseId)?.meetingId).toBe(next.id);
    const item = (await ok<Agenda>('agenda.get', { meetingId: next.id })).items.find((i) => i.caseId === caseId);
    expect(item).toMatchObject({ kind: 'report', section: 'reports' });
    await daysLater(core, clock, '2027-06-10T15:00:00+09:00');
    await holdAndConfirm(next.id, caseId, 'other');
    expect((await ok<Plan>('plan.get', { id: plan.id })).reportedMeetingId).toBe(next.id);
    expect((await ok<DeskRow[]>('desk.get', { today: '2027-06-10' })).some((r) => r.kind === 'post_report_pending' && r.caseId === caseId)).toBe(false);

    // The agenda builder of a later 重層的支援会議 proposes its evaluation (due 3 December) and the
    // revised plan of the second test waiting for review.
    const later = await planJusoteki('2027-11-20');
    const suggestions = await ok<{ caseNumber: string; caseId: string; reason: string; kind: string }[]>('agenda.suggestions', { meetingId: later.id });
    expect(suggestions.find((x) => x.caseId === caseId)).toMatchObject({ kind: 'evaluation', reason: 'evaluation_due' });
    expect(suggestions.some((x) => x.reason === 'waiting_decision')).toBe(true);
  });
});
