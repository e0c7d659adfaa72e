/**
 * What the minutes say, in the words documents use (always Japanese): decision kinds, role
 * statuses and overdue reasons, and the lifecycle step a decision kind usually proposes.
 */
import { checkTransition, type CaseStatus } from './case-lifecycle';

export type DecisionKind = 'plan_appropriate' | 'plan_revise' | 'plan_hold' | 'continue_monitoring' | 'close' | 'suspend' | 'move_to_jusoteki' | 'resource_gap' | 'other';
export type RoleStatus = 'open' | 'in_progress' | 'done' | 'dropped';
export type OverdueReason = 'circumstances_changed' | 'organization_unable' | 'no_longer_needed' | 'other';

/** The statuses of an assignment still to be done: 未着手, 実施中. */
export const OPEN_ROLE_STATUSES: readonly RoleStatus[] = ['open', 'in_progress'];

/**
 * 期限超過: still open and past its due date on `today` (an assignment with only a frequency is
 * never overdue). The core counts and lists with the same rule in SQL (OVERDUE_SQL).
 */
export function isOverdue(a: { status: RoleStatus; dueOn: string | null }, today: string): boolean {
  return OPEN_ROLE_STATUSES.includes(a.status) && a.dueOn !== null && a.dueOn < today;
}

export const DECISION_KIND_TITLES: Record<DecisionKind, string> = {
  plan_appropriate: 'プラン適当',
  plan_revise: '修正のうえ再協議',
  plan_hold: '保留',
  continue_monitoring: 'モニタリング継続',
  close: '終結',
  suspend: '中断',
  move_to_jusoteki: '同意取得後に重層的支援会議へ',
  resource_gap: '社会資源の不足を確認',
  other: 'その他',
};

export const ROLE_STATUS_TITLES: Record<RoleStatus, string> = { open: '未着手', in_progress: '実施中', done: '完了', dropped: '中止' };

export const OVERDUE_REASON_TITLES: Record<OverdueReason, string> = {
  circumstances_changed: '状況の変化',
  organization_unable: '機関が対応できなかった',
  no_longer_needed: '不要になった',
  other: 'その他',
};

const STEP: Partial<Record<DecisionKind, CaseStatus>> = { close: 'closed', suspend: 'suspended', plan_revise: 'planning' };

/**
 * The lifecycle step a decision kind proposes for a case now in `from`, when the lifecycle allows
 * it from there (the minutes offer it; the secretariat accepts it or not; it is applied at 確定).
 */
export function proposedStep(kind: DecisionKind, from: CaseStatus): CaseStatus | null {
  const to = STEP[kind];
  return to && checkTransition(from, to, { hasValidConsent: true }).ok ? to : null;
}
