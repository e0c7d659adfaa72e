/**
 * The case lifecycle of DOMAIN.md as a pure transition function. The UI offers only what
 * `allowedTransitions` returns, and the core refuses anything else with a typed error.
 *
 * received 受付 → (reviewed_without_consent 支援会議で検討中) → consented 同意取得 → assessing
 * アセスメント → planning プラン作成中 → plan_proposed 重層的支援会議で協議 → supporting 支援中
 * → evaluating 評価 → planning (見直し) | closed 終結 | suspended 中断.
 */
export const CASE_STATUSES = [
  'received',
  'reviewed_without_consent',
  'consented',
  'assessing',
  'planning',
  'plan_proposed',
  'supporting',
  'evaluating',
  'closed',
  'suspended',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses from which the case is still being worked on (not closed or suspended). */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => s !== 'closed' && s !== 'suspended');

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  // A case may close at once when no support is needed.
  received: ['reviewed_without_consent', 'consented', 'closed'],
  // Reviewed at a 支援会議 without consent until the person agrees; it may also end there.
  reviewed_without_consent: ['consented', 'closed', 'suspended'],
  consented: ['assessing', 'closed', 'suspended'],
  assessing: ['planning', 'closed', 'suspended'],
  // planning → supporting is the urgent path: a plan decided between meetings (事後報告).
  planning: ['plan_proposed', 'supporting', 'closed', 'suspended'],
  // 修正のうえ再協議 sends the plan back to planning.
  plan_proposed: ['supporting', 'planning', 'closed', 'suspended'],
  supporting: ['evaluating', 'suspended'],
  // After evaluation: revise the plan (見直し), close (終結) or suspend (中断).
  evaluating: ['planning', 'closed', 'suspended'],
  closed: [],
  // Support may resume after a suspension, starting again from the assessment.
  suspended: ['assessing'],
};

/** Statuses that need valid consent to enter: everything from 同意取得 on, except the endings. */
const NEEDS_CONSENT: ReadonlySet<CaseStatus> = new Set(['consented', 'assessing', 'planning', 'plan_proposed', 'supporting', 'evaluating']);

export interface TransitionContext {
  /** Whether the case has valid consent on the day of the transition (see consent.ts). */
  hasValidConsent: boolean;
}

export type TransitionRefusal = 'not_a_next_step' | 'consent_required' | 'same_status';

export type TransitionVerdict = { ok: true } | { ok: false; reason: TransitionRefusal };

export function checkTransition(from: CaseStatus, to: CaseStatus, ctx: TransitionContext): TransitionVerdict {
  if (from === to) return { ok: false, reason: 'same_status' };
  if (!NEXT[from].includes(to)) return { ok: false, reason: 'not_a_next_step' };
  if (NEEDS_CONSENT.has(to) && !ctx.hasValidConsent) return { ok: false, reason: 'consent_required' };
  return { ok: true };
}

/** What the UI may offer from `from` today. */
export function allowedTransitions(from: CaseStatus, ctx: TransitionContext): CaseStatus[] {
  return NEXT[from].filter((to) => checkTransition(from, to, ctx).ok);
}

/** Every step of the graph, for tests and documentation. */
export function nextSteps(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from];
}
