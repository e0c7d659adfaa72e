import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, allowedTransitions, checkTransition, nextSteps, type CaseStatus } from './case-lifecycle';

const consent = { hasValidConsent: true };
const noConsent = { hasValidConsent: false };

/** The whole graph as DOMAIN.md draws it, written out once more by hand: the table is the spec. */
const EXPECTED: Record<CaseStatus, CaseStatus[]> = {
  received: ['reviewed_without_consent', 'consented', 'closed'],
  reviewed_without_consent: ['consented', 'closed', 'suspended'],
  consented: ['assessing', 'closed', 'suspended'],
  assessing: ['planning', 'closed', 'suspended'],
  planning: ['plan_proposed', 'supporting', 'closed', 'suspended'],
  plan_proposed: ['supporting', 'planning', 'closed', 'suspended'],
  supporting: ['evaluating', 'suspended'],
  evaluating: ['planning', 'closed', 'suspended'],
  closed: [],
  suspended: ['assessing'],
};

describe('case lifecycle', () => {
  it.each(CASE_STATUSES.flatMap((from) => CASE_STATUSES.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const verdict = checkTransition(from, to, consent);
    if (from === to) expect(verdict).toEqual({ ok: false, reason: 'same_status' });
    else if (EXPECTED[from].includes(to)) expect(verdict).toEqual({ ok: true });
    else expect(verdict).toEqual({ ok: false, reason: 'not_a_next_step' });
  });

  it('the graph is exactly the table', () => {
    for (const s of CASE_STATUSES) expect([...nextSteps(s)].sort()).toEqual([...EXPECTED[s]].sort());
  });

  it('every status is reachable from 受付, and 終結 is reachable from every status but itself', () => {
    const reach = (start: CaseStatus) => {
      const seen = new Set<CaseStatus>([start]);
      const queue = [start];
      while (queue.length) {
        for (const n of nextSteps(queue.shift()!)) {
          if (seen.has(n)) continue;
          seen.add(n);
          queue.push(n);
        }
      }
      return seen;
    };
    expect([...reach('received')].sort()).toEqual([...CASE_STATUSES].sort());
    for (const s of CASE_STATUSES) if (s !== 'closed') expect(reach(s).has('closed')).toBe(true);
  });

  it('needs valid consent to enter 同意取得 and every later working status, not to close or suspend', () => {
    expect(checkTransition('received', 'consented', noConsent)).toEqual({ ok: false, reason: 'consent_required' });
    expect(checkTransition('supporting', 'evaluating', noConsent)).toEqual({ ok: false, reason: 'consent_required' });
    expect(checkTransition('received', 'reviewed_without_consent', noConsent)).toEqual({ ok: true });
    expect(checkTransition('received', 'closed', noConsent)).toEqual({ ok: true });
    expect(checkTransition('supporting', 'suspended', noConsent)).toEqual({ ok: true });
    expect(allowedTransitions('received', noConsent)).toEqual(['reviewed_without_consent', 'closed']);
    expect(allowedTransitions('received', consent)).toEqual(['reviewed_without_consent', 'consented', 'closed']);
  });

  it('終結 is final', () => {
    expect(allowedTransitions('closed', consent)).toEqual([]);
  });
});
