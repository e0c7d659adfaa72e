import type { DeskRow, Plan } from '../../../../shared/contract';
import { addMonths } from '../../../../shared/domain/calendar-date';
import { EDITABLE_PLAN_STATES, planTransition, type PlanState } from '../../../../shared/domain/plan-approval';

/** What the latest version of a plan offers now: only the steps the state machine allows. */
export interface PlanActions {
  edit: boolean;
  propose: boolean;
  withdraw: boolean;
  /** 支援決定 after a confirmed 適当. */
  decide: boolean;
  /** 支援決定 from a draft: only as urgent (事後報告). */
  decideUrgent: boolean;
  monitoring: boolean;
  evaluation: boolean;
  /** A decided (or later) plan changes only through a new version. */
  newVersion: boolean;
}

const RUNNING: ReadonlySet<PlanState> = new Set(['decided', 'active', 'under_evaluation']);

export function planActions(state: PlanState, caseOpen: boolean): PlanActions {
  const none: PlanActions = { edit: false, propose: false, withdraw: false, decide: false, decideUrgent: false, monitoring: false, evaluation: false, newVersion: false };
  if (!caseOpen) return none;
  return {
    edit: EDITABLE_PLAN_STATES.has(state),
    propose: planTransition(state, { type: 'propose' }).ok,
    withdraw: planTransition(state, { type: 'withdraw' }).ok,
    decide: planTransition(state, { type: 'decide', urgent: false }).ok,
    decideUrgent: planTransition(state, { type: 'decide', urgent: true }).ok,
    // Monitoring runs while the plan is decided or in support; the evaluation also once under evaluation.
    monitoring: state === 'decided' || state === 'active',
    evaluation: RUNNING.has(state),
    newVersion: RUNNING.has(state),
  };
}

/**
 * The date that follows the start date by `months` (モニタリング +3, 評価 +6): filled in when the
 * field is empty, or when it still holds the default of the previous start date (not changed by hand).
 */
export function followStart(current: string, previousStart: string, nextStart: string, months: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(nextStart)) return current;
  const untouched = current === '' || (/^\d{4}-\d{2}-\d{2}$/.test(previousStart) && current === addMonths(previousStart, months));
  return untouched ? addMonths(nextStart, months) : current;
}

/** The desk's groups, in the order the secretariat works through them. */
export const DESK_KINDS: readonly DeskRow['kind'][] = [
  'plan_waiting_meeting',
  'plan_waiting_decision',
  'post_report_pending',
  'monitoring_due',
  'evaluation_due',
  'role_overdue',
  'consent_missing',
];

export interface DeskGroup {
  kind: DeskRow['kind'];
  rows: DeskRow[];
  overdue: number;
}

/** Rows grouped by kind (every kind, empty ones too); overdue rows first, then by date. */
export function groupDesk(rows: readonly DeskRow[]): DeskGroup[] {
  return DESK_KINDS.map((kind) => {
    const mine = rows
      .filter((r) => r.kind === kind)
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.caseNumber.localeCompare(b.caseNumber));
    return { kind, rows: mine, overdue: mine.filter((r) => r.overdue).length };
  });
}

export function deskTotals(rows: readonly DeskRow[]): { count: number; overdue: number } {
  return { count: rows.length, overdue: rows.filter((r) => r.overdue).length };
}

/** The words of a row's day count: i18n key under plans.desk and its count, or null for none. */
export function dayWords(row: Pick<DeskRow, 'kind' | 'days' | 'overdue'>): { key: string; count: number } | null {
  if (row.days === null) return null;
  if (row.overdue) return { key: 'overdue', count: Math.abs(row.days) };
  if (row.kind === 'consent_missing') return row.days === 0 ? { key: 'meetingToday', count: 0 } : { key: 'meetingIn', count: Math.abs(row.days) };
  if (row.kind === 'monitoring_due' || row.kind === 'evaluation_due') {
    if (row.days === 0) return { key: 'dueToday', count: 0 };
    return row.days < 0 ? { key: 'dueIn', count: -row.days } : { key: 'overdue', count: row.days };
  }
  return { key: 'waiting', count: Math.max(0, row.days) };
}

/** Where a desk row is resolved. */
export type DeskTarget = 'plan' | 'meeting' | 'roles' | 'case';

export function deskTargets(row: Pick<DeskRow, 'kind' | 'meetingId'>): DeskTarget[] {
  switch (row.kind) {
    case 'role_overdue':
      return ['roles'];
    case 'consent_missing':
      return row.meetingId ? ['case', 'meeting'] : ['case'];
    default:
      return ['plan'];
  }
}

/** plan.compare names its fields in Japanese (as documents do); the UI shows them in its own language. */
const COMPARE_FIELDS: Record<string, string> = {
  目標: 'goals',
  アセスメントの要約: 'assessmentSummary',
  参加支援: 'participationSupport',
  アウトリーチ: 'outreach',
  主担当機関: 'lead',
  開始日: 'startOn',
  モニタリング日: 'monitoringOn',
  評価日: 'evaluationOn',
  状態: 'state',
  // the contract's own field names, should the core send those instead
  goals: 'goals',
  assessmentSummary: 'assessmentSummary',
  participationSupport: 'participationSupport',
  outreach: 'outreach',
  leadOrganizationName: 'lead',
  startOn: 'startOn',
  monitoringOn: 'monitoringOn',
  evaluationOn: 'evaluationOn',
  state: 'state',
};

export function compareFieldKey(field: string): string | null {
  return COMPARE_FIELDS[field] ?? null;
}

/** The versions newest first (plan.list already answers so; kept stable if it ever does not). */
export function newestFirst(plans: readonly Plan[]): Plan[] {
  return [...plans].sort((a, b) => b.version - a.version);
}
