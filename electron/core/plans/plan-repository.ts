import type { z } from 'zod';
import { KasaneError, type Plan } from '../../../shared/contract';
import type { plansMethods } from '../../../shared/contract/plans';
import { addMonths } from '../../../shared/domain/calendar-date';
import { EDITABLE_PLAN_STATES, planTransition, type PlanEvent, type PlanState } from '../../../shared/domain/plan-approval';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';
import { assertActiveOrganization } from '../directory/organization-repository';
import { addCaseItem } from '../meetings/agenda-repository';
import { listAssignments } from '../minutes/role-repository';
import { transitionCase } from '../cases/case-repository';

type CreateInput = z.output<(typeof plansMethods)['plan.create']['input']>;
type UpdateInput = z.output<(typeof plansMethods)['plan.update']['input']>;
type DecideInput = z.output<(typeof plansMethods)['plan.decide']['input']>;
type EvaluationInput = z.output<(typeof plansMethods)['plan.recordEvaluation']['input']>;

const STATE_JA: Record<PlanState, string> = {
  draft: '下書き',
  proposed: '協議予定',
  appropriate: '適当',
  revise: '修正のうえ再協議',
  hold: '保留',
  decided: '支援決定',
  active: '支援中',
  under_evaluation: '評価中',
  superseded: '新しい版に移行',
  ended: '終了',
};
const WHY_JA = { needs_confirmed_decision: '確定した会議の決定が必要です', not_judged_appropriate: '会議で「適当」とされていません', not_allowed_from_state: '現在の段階からは進めません' } as const;

interface Row {
  id: string;
  case_id: string;
  case_number: string;
  initials: string;
  version: number;
  state: PlanState;
  goals: string;
  assessment_summary: string;
  participation_support: number;
  outreach: number;
  lead_organization_id: string | null;
  lead_name: string | null;
  start_on: string | null;
  monitoring_on: string | null;
  evaluation_on: string | null;
  proposed_meeting_id: string | null;
  proposed_date: string | null;
  decided_on: string | null;
  decision_number: string | null;
  approver_title: string | null;
  approver_name: string | null;
  post_report: number;
  reported_meeting_id: string | null;
  created_at: string;
}

const SELECT = `
  SELECT p.*, c.case_number, c.initials, o.name AS lead_name, m.date AS proposed_date
  FROM plans p JOIN cases c ON c.id = p.case_id
  LEFT JOIN organizations o ON o.id = p.lead_organization_id
  LEFT JOIN meetings m ON m.id = p.proposed_meeting_id`;

function toPlan(db: Db, r: Row, today: string): Plan {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    initials: r.initials,
    version: r.version,
    state: r.state,
    goals: r.goals,
    assessmentSummary: r.assessment_summary,
    participationSupport: r.participation_support === 1,
    outreach: r.outreach === 1,
    leadOrganizationId: r.lead_organization_id,
    leadOrganizationName: r.lead_name,
    startOn: r.start_on,
    monitoringOn: r.monitoring_on,
    evaluationOn: r.evaluation_on,
    proposedMeetingId: r.proposed_meeting_id,
    proposedMeetingDate: r.proposed_date,
    decision: r.decided_on
      ? { decidedOn: r.decided_on, number: r.decision_number ?? '', approverTitle: r.approver_title ?? '', approverName: r.approver_name ?? '' }
      : null,
    postReport: r.post_report === 1,
    reportedMeetingId: r.reported_meeting_id,
    // One list, not two: the plan's 役割分担 are the case's live role assignments.
    roleAssignments: listAssignments(db, { today, caseId: r.case_id }),
    monitorings: db
      .prepare('SELECT id, on_date AS onDate, by_name AS byName, summary, next_step AS nextStep FROM plan_monitorings WHERE plan_id = ? ORDER BY on_date')
      .all(r.id) as Plan['monitorings'],
    evaluations: db
      .prepare(
        `SELECT e.id, e.on_date AS onDate, e.meeting_id AS meetingId, e.outcome, e.reason, o.name AS handoverOrganizationName
         FROM plan_evaluations e LEFT JOIN organizations o ON o.id = e.handover_organization_id WHERE e.plan_id = ? ORDER BY e.on_date`,
      )
      .all(r.id) as Plan['evaluations'],
    createdAt: r.created_at,
  };
}

function row(db: Db, id: string): Row {
  const r = db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
  if (!r) throw new KasaneError('plan_not_found');
  return r;
}

export function getPlan(db: Db, id: string, today: string): Plan {
  return toPlan(db, row(db, id), today);
}

export function listPlans(db: Db, caseId: string, today: string): Plan[] {
  return (db.prepare(`${SELECT} WHERE p.case_id = ? ORDER BY p.version DESC`).all(caseId) as Row[]).map((r) => toPlan(db, r, today));
}

/** Applies one step of the pure state machine, or refuses with its reason. */
function step(db: Db, r: Row, event: PlanEvent, now: Date): { postReport: boolean } {
  const verdict = planTransition(r.state, event);
  if (!verdict.ok) throw new KasaneError('plan_step_refused', { why: WHY_JA[verdict.reason], reason: verdict.reason, state: STATE_JA[r.state] });
  db.prepare('UPDATE plans SET state = ?, updated_at = ? WHERE id = ?').run(verdict.to, now.toISOString(), r.id);
  return { postReport: verdict.postReport };
}

/** Monitoring 3 months and evaluation 6 months after the start, unless given. */
function datesFrom(startOn: string | null, monitoringOn: string | null | undefined, evaluationOn: string | null | undefined) {
  const monitoring = monitoringOn !== undefined ? monitoringOn : startOn ? addMonths(startOn, 3) : null;
  const evaluation = evaluationOn !== undefined ? evaluationOn : startOn ? addMonths(startOn, 6) : null;
  if (startOn && evaluation && evaluation < startOn) throw new KasaneError('plan_evaluation_before_start', { evaluationOn: evaluation, startOn });
  return { monitoring, evaluation };
}

/** A new draft: the first plan of the case, or the next version, starting from the latest. */
export function createPlan(db: Db, input: CreateInput, now: Date): string {
  if (!db.prepare('SELECT 1 FROM cases WHERE id = ?').get(input.caseId)) throw new KasaneError('case_not_found');
  const latest = db.prepare(`${SELECT} WHERE p.case_id = ? ORDER BY p.version DESC LIMIT 1`).get(input.caseId) as Row | undefined;
  if (input.leadOrganizationId) assertActiveOrganization(db, input.leadOrganizationId);
  const startOn = input.startOn !== undefined ? input.startOn : (latest?.start_on ?? null);
  const { monitoring, evaluation } = datesFrom(startOn, input.monitoringOn, input.evaluationOn);
  const id = randomId();
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO plans (id, case_id, version, state, goals, assessment_summary, participation_support, outreach, lead_organization_id, start_on, monitoring_on, evaluation_on, created_at, updated_at)
     VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    input.caseId,
    (latest?.version ?? 0) + 1,
    input.goals ?? latest?.goals ?? '',
    input.assessmentSummary ?? latest?.assessment_summary ?? '',
    (input.participationSupport ?? latest?.participation_support === 1) ? 1 : 0,
    (input.outreach ?? latest?.outreach === 1) ? 1 : 0,
    input.leadOrganizationId !== undefined ? input.leadOrganizationId : (latest?.lead_organization_id ?? null),
    startOn,
    monitoring,
    evaluation,
    at,
    at,
  );
  return id;
}

export function updatePlan(db: Db, input: UpdateInput, now: Date): void {
  const r = row(db, input.id);
  if (!EDITABLE_PLAN_STATES.has(r.state)) throw new KasaneError('plan_not_editable', { state: STATE_JA[r.state] });
  if (input.leadOrganizationId) assertActiveOrganization(db, input.leadOrganizationId);
  const startOn = input.startOn !== undefined ? input.startOn : r.start_on;
  const startChanged = input.startOn !== undefined && input.startOn !== r.start_on;
  // A new start date moves the default dates with it unless they are given too.
  const { monitoring, evaluation } = datesFrom(
    startOn,
    input.monitoringOn !== undefined ? input.monitoringOn : startChanged ? undefined : r.monitoring_on,
    input.evaluationOn !== undefined ? input.evaluationOn : startChanged ? undefined : r.evaluation_on,
  );
  db.prepare(
    `UPDATE plans SET goals = ?, assessment_summary = ?, participation_support = ?, outreach = ?, lead_organization_id = ?, start_on = ?, monitoring_on = ?, evaluation_on = ?, updated_at = ? WHERE id = ?`,
  ).run(
    input.goals ?? r.goals,
    input.assessmentSummary ?? r.assessment_summary,
    (input.participationSupport ?? r.participation_support === 1) ? 1 : 0,
    (input.outreach ?? r.outreach === 1) ? 1 : 0,
    input.leadOrganizationId !== undefined ? input.leadOrganizationId : r.lead_organization_id,
    startOn,
    monitoring,
    evaluation,
    now.toISOString(),
    r.id,
  );
}

/** Placed on a planned 重層的支援会議's 次第 (new plan → 新規, later versions → 継続評価). */
export function proposePlan(db: Db, id: string, meetingId: string, staffId: string, now: Date, today: string): void {
  const r = row(db, id);
  const m = db.prepare('SELECT type, state FROM meetings WHERE id = ?').get(meetingId) as { type: string; state: string } | undefined;
  if (!m) throw new KasaneError('meeting_not_found');
  if (m.type !== 'jusoteki' || m.state !== 'planned') throw new KasaneError('plan_meeting_not_jusoteki');
  step(db, r, { type: 'propose' }, now);
  if (!db.prepare('SELECT 1 FROM agenda_items WHERE meeting_id = ? AND case_id = ?').get(meetingId, r.case_id)) {
    addCaseItem(db, { meetingId, caseId: r.case_id, kind: r.version === 1 ? 'new' : 'evaluation', minutes: 15, presenterOrganizationId: r.lead_organization_id }, now, today);
  }
  db.prepare('UPDATE plans SET proposed_meeting_id = ? WHERE id = ?').run(meetingId, id);
  const status = db.prepare('SELECT status FROM cases WHERE id = ?').pluck().get(r.case_id) as string;
  if (status === 'planning') transitionCase(db, r.case_id, 'plan_proposed', '重層的支援会議で協議', staffId, now, today);
}

export function withdrawPlan(db: Db, id: string, now: Date): void {
  step(db, row(db, id), { type: 'withdraw' }, now);
  db.prepare('UPDATE plans SET proposed_meeting_id = NULL WHERE id = ?').run(id);
}

/** The next planned 重層的支援会議 from `date` (事後報告 goes there). */
export function nextJusoteki(db: Db, date: string): string | undefined {
  return db.prepare("SELECT id FROM meetings WHERE type = 'jusoteki' AND state = 'planned' AND date >= ? ORDER BY date, start_time LIMIT 1").pluck().get(date) as
    | string
    | undefined;
}

/** Places every 事後報告 not yet on an agenda on this (planned 重層的支援会議) meeting as a 報告 item. */
export function placePendingReports(db: Db, meetingId: string, now: Date, today: string): number {
  const pending = db
    .prepare(
      `SELECT p.case_id FROM plans p WHERE p.post_report = 1 AND p.reported_meeting_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE a.case_id = p.case_id AND a.kind = 'report' AND m.state NOT IN ('closed', 'cancelled'))`,
    )
    .pluck()
    .all() as string[];
  let placed = 0;
  for (const caseId of pending) {
    if (db.prepare('SELECT 1 FROM agenda_items WHERE meeting_id = ? AND case_id = ?').get(meetingId, caseId)) continue;
    addCaseItem(db, { meetingId, caseId, kind: 'report', minutes: 5 }, now, today);
    placed++;
  }
  return placed;
}

/**
 * 支援決定. After a confirmed 適当; or urgently from a draft, which flags the plan 事後報告 and
 * puts it on the next planned 重層的支援会議 as a report item. The start date may not precede it.
 * A newer decided version supersedes the earlier decided/active one, and the case follows.
 */
export function decidePlan(db: Db, input: DecideInput, staffId: string, now: Date, today: string): void {
  const r = row(db, input.id);
  if (input.decidedOn > today) throw new KasaneError('validation_failed', { fields: 'decidedOn', issues: [{ path: 'decidedOn', code: 'in_future' }] });
  if (r.start_on && r.start_on < input.decidedOn) throw new KasaneError('plan_start_before_decision', { startOn: r.start_on, decidedOn: input.decidedOn });
  const { postReport } = step(db, r, { type: 'decide', urgent: input.urgent === true }, now);
  db.prepare('UPDATE plans SET decided_on = ?, decision_number = ?, approver_title = ?, approver_name = ?, post_report = ? WHERE id = ?').run(
    input.decidedOn,
    input.number,
    input.approverTitle,
    input.approverName,
    postReport ? 1 : 0,
    r.id,
  );
  const older = db.prepare("SELECT id FROM plans WHERE case_id = ? AND id <> ? AND state IN ('decided', 'active', 'under_evaluation')").pluck().all(r.case_id, r.id) as string[];
  for (const o of older) step(db, row(db, o), { type: 'supersede' }, now);
  // The case is supported from the decision on (planning → supporting is the urgent path).
  const status = db.prepare('SELECT status FROM cases WHERE id = ?').pluck().get(r.case_id) as string;
  if (status === 'plan_proposed' || status === 'planning') transitionCase(db, r.case_id, 'supporting', '支援決定', staffId, now, today);
  if (postReport) {
    const meetingId = nextJusoteki(db, today);
    if (meetingId) placePendingReports(db, meetingId, now, today);
  }
}

/** The confirmed decision of a 重層的支援会議 judges the case's proposed plan (called at 確定). */
export function applyMeetingDecision(
  db: Db,
  caseId: string,
  outcome: 'appropriate' | 'revise' | 'hold',
  meeting: { id: string; date: string },
  staffId: string,
  now: Date,
  today: string,
): boolean {
  const r = db.prepare(`${SELECT} WHERE p.case_id = ? AND p.state = 'proposed' ORDER BY p.version DESC LIMIT 1`).get(caseId) as Row | undefined;
  if (!r) return false;
  step(db, r, { type: 'meeting_decision', outcome, fromConfirmedMinutes: true }, now);
  db.prepare('UPDATE plans SET judged_on = ?, proposed_meeting_id = coalesce(proposed_meeting_id, ?) WHERE id = ?').run(meeting.date, meeting.id, r.id);
  // 修正のうえ再協議 sends the case back to planning (unless the minutes' own step already did).
  const status = db.prepare('SELECT status FROM cases WHERE id = ?').pluck().get(caseId) as string;
  if (outcome === 'revise' && status === 'plan_proposed') transitionCase(db, caseId, 'planning', '修正のうえ再協議', staffId, now, today);
  return true;
}

/** A 事後報告 counts as reported when the minutes of the meeting that carried it are confirmed. */
export function markReported(db: Db, meetingId: string): void {
  db.prepare(
    `UPDATE plans SET reported_meeting_id = ? WHERE post_report = 1 AND reported_meeting_id IS NULL
       AND case_id IN (SELECT case_id FROM agenda_items WHERE meeting_id = ? AND kind = 'report')`,
  ).run(meetingId, meetingId);
}

export function recordMonitoring(db: Db, input: { id: string; onDate: string; byName: string; summary: string; nextStep?: string | null | undefined }, now: Date, today: string): void {
  const r = row(db, input.id);
  if (r.state !== 'decided' && r.state !== 'active') throw new KasaneError('plan_step_refused', { why: WHY_JA.not_allowed_from_state, reason: 'not_allowed_from_state', state: STATE_JA[r.state] });
  if (input.onDate > today) throw new KasaneError('validation_failed', { fields: 'onDate', issues: [{ path: 'onDate', code: 'in_future' }] });
  if (r.state === 'decided') step(db, r, { type: 'start' }, now);
  db.prepare('INSERT INTO plan_monitorings (id, plan_id, on_date, by_name, summary, next_step, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    randomId(),
    r.id,
    input.onDate,
    input.byName,
    input.summary,
    input.nextStep ?? null,
    now.toISOString(),
  );
}

/**
 * 評価: continue → a new draft version from this one; 終結 → the plan ends and the case closes
 * (handover to the 主担当機関 recorded); 中断 → the plan ends and the case is suspended.
 */
export function recordEvaluation(db: Db, input: EvaluationInput, staffId: string, now: Date, today: string): string {
  let r = row(db, input.id);
  if (r.start_on && input.onDate < r.start_on) throw new KasaneError('plan_evaluation_before_start', { evaluationOn: input.onDate, startOn: r.start_on });
  if (input.outcome === 'suspend' && !input.reason) throw new KasaneError('validation_failed', { fields: 'reason', issues: [{ path: 'reason', code: 'required' }] });
  if (input.handoverOrganizationId) assertActiveOrganization(db, input.handoverOrganizationId);
  if (r.state === 'decided') {
    step(db, r, { type: 'start' }, now);
    r = row(db, r.id);
  }
  if (r.state === 'active') {
    step(db, r, { type: 'evaluate' }, now);
    r = row(db, r.id);
  }
  if (r.state !== 'under_evaluation') throw new KasaneError('plan_step_refused', { why: WHY_JA.not_allowed_from_state, reason: 'not_allowed_from_state', state: STATE_JA[r.state] });
  db.prepare('INSERT INTO plan_evaluations (id, plan_id, on_date, meeting_id, outcome, reason, handover_organization_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    randomId(),
    r.id,
    input.onDate,
    input.meetingId ?? null,
    input.outcome,
    input.reason ?? null,
    input.handoverOrganizationId ?? null,
    now.toISOString(),
  );
  const caseStatus = () => db.prepare('SELECT status FROM cases WHERE id = ?').pluck().get(r.case_id) as string;
  if (caseStatus() === 'supporting') transitionCase(db, r.case_id, 'evaluating', '評価', staffId, now, today);
  if (input.outcome === 'continue') {
    transitionCase(db, r.case_id, 'planning', '評価により見直し', staffId, now, today);
    return createPlan(db, { caseId: r.case_id }, now);
  }
  step(db, r, { type: 'end' }, now);
  if (input.outcome === 'close') {
    if (input.handoverOrganizationId) db.prepare('UPDATE cases SET lead_organization_id = ? WHERE id = ?').run(input.handoverOrganizationId, r.case_id);
    transitionCase(db, r.case_id, 'closed', input.reason ?? '評価により終結', staffId, now, today);
  } else {
    transitionCase(db, r.case_id, 'suspended', input.reason ?? '中断', staffId, now, today);
  }
  return r.id;
}

const FIELDS: [keyof Row, string][] = [
  ['goals', '目標'],
  ['assessment_summary', 'アセスメントの要約'],
  ['participation_support', '参加支援'],
  ['outreach', 'アウトリーチ'],
  ['lead_name', '主担当機関'],
  ['start_on', '開始日'],
  ['monitoring_on', 'モニタリング日'],
  ['evaluation_on', '評価日'],
  ['state', '状態'],
];

export function comparePlans(db: Db, fromId: string, toId: string): { field: string; from: string; to: string }[] {
  const a = row(db, fromId);
  const b = row(db, toId);
  const show = (key: keyof Row, r: Row) => {
    const v = r[key];
    if (key === 'participation_support' || key === 'outreach') return v === 1 ? 'あり' : 'なし';
    if (key === 'state') return STATE_JA[v as PlanState];
    return v === null || v === undefined ? '' : String(v);
  };
  return FIELDS.filter(([key]) => show(key, a) !== show(key, b)).map(([key, field]) => ({ field, from: show(key, a), to: show(key, b) }));
}

export { STATE_JA as PLAN_STATE_TITLES };
