/**
 * Support-plan approval (DOMAIN.md "Support-plan approval") as a pure state machine. The core
 * refuses every step this function refuses, with its reason as a typed error.
 *
 * draft → proposed (on a 重層的支援会議 agenda) → the confirmed meeting decision: appropriate 適当 /
 * revise 修正のうえ再協議 / hold 保留 → decided (支援決定) → active → under_evaluation →
 * superseded (a newer version decided) or ended. Urgent path: draft → decided, flagged 事後報告.
 */
export const PLAN_STATES = ['draft', 'proposed', 'appropriate', 'revise', 'hold', 'decided', 'active', 'under_evaluation', 'superseded', 'ended'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

export type MeetingOutcome = 'appropriate' | 'revise' | 'hold';

export type PlanEvent =
  | { type: 'propose' }
  | { type: 'withdraw' }
  /** Only a confirmed meeting decision may judge a plan: anything else is refused. */
  | { type: 'meeting_decision'; outcome: MeetingOutcome; fromConfirmedMinutes: boolean }
  | { type: 'decide'; urgent: boolean }
  | { type: 'start' }
  | { type: 'evaluate' }
  | { type: 'supersede' }
  | { type: 'end' };

export type PlanRefusal = 'needs_confirmed_decision' | 'not_judged_appropriate' | 'not_allowed_from_state';

export type PlanVerdict = { ok: true; to: PlanState; postReport: boolean } | { ok: false; reason: PlanRefusal };

const ok = (to: PlanState, postReport = false): PlanVerdict => ({ ok: true, to, postReport });
const no = (reason: PlanRefusal): PlanVerdict => ({ ok: false, reason });

export function planTransition(from: PlanState, event: PlanEvent): PlanVerdict {
  switch (event.type) {
    case 'propose':
      return from === 'draft' || from === 'hold' || from === 'revise' ? ok('proposed') : no('not_allowed_from_state');
    case 'withdraw':
      return from === 'proposed' ? ok('draft') : no('not_allowed_from_state');
    case 'meeting_decision':
      if (!event.fromConfirmedMinutes) return no('needs_confirmed_decision');
      return from === 'proposed' ? ok(event.outcome) : no('not_allowed_from_state');
    case 'decide':
      if (event.urgent) return from === 'draft' ? ok('decided', true) : no('not_allowed_from_state');
      // 支援決定 follows a meeting's 適当; a plan judged 修正 or 保留 cannot be decided.
      if (from === 'appropriate') return ok('decided');
      return from === 'revise' || from === 'hold' || from === 'proposed' || from === 'draft' ? no('not_judged_appropriate') : no('not_allowed_from_state');
    case 'start':
      return from === 'decided' ? ok('active') : no('not_allowed_from_state');
    case 'evaluate':
      return from === 'active' ? ok('under_evaluation') : no('not_allowed_from_state');
    case 'supersede':
      return from === 'decided' || from === 'active' || from === 'under_evaluation' ? ok('superseded') : no('not_allowed_from_state');
    case 'end':
      return from === 'active' || from === 'under_evaluation' || from === 'decided' ? ok('ended') : no('not_allowed_from_state');
  }
}

/** A plan that may still be edited in place; later states change only through a new version. */
export const EDITABLE_PLAN_STATES: ReadonlySet<PlanState> = new Set(['draft', 'revise', 'hold']);
