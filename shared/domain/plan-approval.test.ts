import { describe, expect, it } from 'vitest';
import { PLAN_STATES, planTransition, type PlanEvent, type PlanState } from './plan-approval';

const EVENTS: PlanEvent[] = [
  { type: 'propose' },
  { type: 'withdraw' },
  { type: 'meeting_decision', outcome: 'appropriate', fromConfirmedMinutes: true },
  { type: 'meeting_decision', outcome: 'revise', fromConfirmedMinutes: true },
  { type: 'meeting_decision', outcome: 'hold', fromConfirmedMinutes: true },
  { type: 'meeting_decision', outcome: 'appropriate', fromConfirmedMinutes: false },
  { type: 'decide', urgent: false },
  { type: 'decide', urgent: true },
  { type: 'start' },
  { type: 'evaluate' },
  { type: 'supersede' },
  { type: 'end' },
];

/** Every allowed step, written out: anything not listed must be refused. */
const ALLOWED: Record<string, PlanState> = {
  'draft/propose': 'proposed',
  'hold/propose': 'proposed',
  'revise/propose': 'proposed',
  'proposed/withdraw': 'draft',
  'proposed/meeting_decision:appropriate:true': 'appropriate',
  'proposed/meeting_decision:revise:true': 'revise',
  'proposed/meeting_decision:hold:true': 'hold',
  'appropriate/decide:false': 'decided',
  'draft/decide:true': 'decided',
  'decided/start': 'active',
  'active/evaluate': 'under_evaluation',
  'decided/supersede': 'superseded',
  'active/supersede': 'superseded',
  'under_evaluation/supersede': 'superseded',
  'decided/end': 'ended',
  'active/end': 'ended',
  'under_evaluation/end': 'ended',
};
const key = (e: PlanEvent) =>
  e.type === 'meeting_decision' ? `meeting_decision:${e.outcome}:${e.fromConfirmedMinutes}` : e.type === 'decide' ? `decide:${e.urgent}` : e.type;

describe('plan approval state machine', () => {
  it('allows exactly the listed steps from every state (10 states × 12 events)', () => {
    for (const from of PLAN_STATES) {
      for (const event of EVENTS) {
        const verdict = planTransition(from, event);
        const expected = ALLOWED[`${from}/${key(event)}`];
        expect(verdict.ok ? verdict.to : null, `${from} + ${key(event)}`).toBe(expected ?? null);
      }
    }
  });

  it('only a confirmed meeting decision judges a plan; a plan judged 修正 or 保留 cannot be decided; the urgent path is flagged 事後報告', () => {
    expect(planTransition('proposed', { type: 'meeting_decision', outcome: 'appropriate', fromConfirmedMinutes: false })).toEqual({ ok: false, reason: 'needs_confirmed_decision' });
    expect(planTransition('revise', { type: 'decide', urgent: false })).toEqual({ ok: false, reason: 'not_judged_appropriate' });
    expect(planTransition('hold', { type: 'decide', urgent: false })).toEqual({ ok: false, reason: 'not_judged_appropriate' });
    expect(planTransition('draft', { type: 'decide', urgent: true })).toEqual({ ok: true, to: 'decided', postReport: true });
    expect(planTransition('appropriate', { type: 'decide', urgent: false })).toEqual({ ok: true, to: 'decided', postReport: false });
  });
});
