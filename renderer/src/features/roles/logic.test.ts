import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  isDefaultFilters,
  listInput,
  matchCaseNumber,
  needsOverdueReason,
  overdueDays,
  pivotStats,
  proposedStatus,
} from './logic';

describe('overdue days', () => {
  it('counts calendar days past the due date, across a month and a year end', () => {
    expect(overdueDays({ dueOn: '2026-03-31', status: 'open' }, '2026-04-01')).toBe(1);
    expect(overdueDays({ dueOn: '2025-12-31', status: 'in_progress' }, '2026-01-30')).toBe(30);
    expect(overdueDays({ dueOn: '2028-02-28', status: 'open' }, '2028-03-01')).toBe(2); // leap year
  });

  it('is null on the due date, before it, without a due date, and once done or dropped', () => {
    expect(overdueDays({ dueOn: '2026-04-01', status: 'open' }, '2026-04-01')).toBeNull();
    expect(overdueDays({ dueOn: '2026-04-02', status: 'open' }, '2026-04-01')).toBeNull();
    expect(overdueDays({ dueOn: null, status: 'open' }, '2026-04-01')).toBeNull();
    expect(overdueDays({ dueOn: '2026-03-01', status: 'done' }, '2026-04-01')).toBeNull();
    expect(overdueDays({ dueOn: '2026-03-01', status: 'dropped' }, '2026-04-01')).toBeNull();
  });
});

describe('the reason category', () => {
  const overdue = { dueOn: '2026-03-01', status: 'in_progress' as const };
  it('is asked for an overdue assignment unless it is recorded as done', () => {
    expect(needsOverdueReason(overdue, 'in_progress', '2026-04-01')).toBe(true);
    expect(needsOverdueReason(overdue, 'dropped', '2026-04-01')).toBe(true);
    expect(needsOverdueReason(overdue, 'open', '2026-04-01')).toBe(true);
    expect(needsOverdueReason(overdue, 'done', '2026-04-01')).toBe(false);
  });

  it('is asked when the day recorded is past the due date, and not for one on time or without a due date', () => {
    const notYet = { dueOn: '2026-04-10', status: 'open' as const };
    expect(needsOverdueReason(notYet, 'in_progress', '2026-04-10')).toBe(false);
    expect(needsOverdueReason(notYet, 'in_progress', '2026-04-11')).toBe(true);
    // progress recorded for a day before the due date (written up later) was on time
    expect(needsOverdueReason(overdue, 'in_progress', '2026-02-28')).toBe(false);
    expect(needsOverdueReason({ dueOn: null, status: 'open' }, 'dropped', '2027-01-01')).toBe(false);
    // a half-typed date is not judged
    expect(needsOverdueReason(notYet, 'in_progress', '2026-04')).toBe(false);
  });

  it('is not asked once the assignment is already done or dropped', () => {
    expect(needsOverdueReason({ dueOn: '2026-03-01', status: 'done' }, 'in_progress', '2026-04-01')).toBe(false);
  });
});

describe('filters', () => {
  it('start with open and in-progress assignments only', () => {
    expect(isDefaultFilters(DEFAULT_FILTERS)).toBe(true);
    expect(listInput(DEFAULT_FILTERS, '2026-05-01')).toEqual({ today: '2026-05-01', status: ['open', 'in_progress'] });
    expect(proposedStatus('open')).toBe('in_progress');
    expect(proposedStatus('done')).toBe('done');
  });

  it('send what is chosen, in the contract order, and leave out half-typed dates', () => {
    const f = { ...DEFAULT_FILTERS, organizationId: 'o1', memberId: 'm1', statuses: ['dropped' as const, 'open' as const], dueBefore: '2026-06-30', overdueOnly: true };
    expect(isDefaultFilters(f)).toBe(false);
    expect(listInput(f, '2026-05-01')).toEqual({
      today: '2026-05-01',
      organizationId: 'o1',
      memberId: 'm1',
      status: ['open', 'dropped'],
      dueBefore: '2026-07-01', // 「6月30日まで」 includes the 30th; the core's bound excludes its day
      overdueOnly: true,
    });
    expect(listInput({ ...DEFAULT_FILTERS, dueBefore: '2026-0' }, '2026-05-01')).not.toHaveProperty('dueBefore');
  });

  it('find a case by part of its number, typed in full width or lower case', () => {
    const rows = [{ caseNumber: 'R8-001' }, { caseNumber: 'R8-012' }, { caseNumber: 'R7-101' }];
    expect(matchCaseNumber(rows, '').map((r) => r.caseNumber)).toEqual(['R8-001', 'R8-012', 'R7-101']);
    expect(matchCaseNumber(rows, 'r8').map((r) => r.caseNumber)).toEqual(['R8-001', 'R8-012']);
    expect(matchCaseNumber(rows, 'Ｒ８－０１２').map((r) => r.caseNumber)).toEqual(['R8-012']);
    expect(matchCaseNumber(rows, '01').map((r) => r.caseNumber)).toEqual(['R8-001', 'R8-012', 'R7-101']);
    expect(matchCaseNumber(rows, 'R9')).toEqual([]);
  });
});

describe('the follow-up analysis table', () => {
  it('pivots organization × reason with totals, the organization with most overdue reviews first', () => {
    const table = pivotStats([
      { organizationId: 'a', organizationName: '社会福祉協議会', reason: 'other', count: 1 },
      { organizationId: 'b', organizationName: '地域包括支援センター', reason: 'organization_unable', count: 2 },
      { organizationId: 'b', organizationName: '地域包括支援センター', reason: 'circumstances_changed', count: 1 },
      { organizationId: 'a', organizationName: '社会福祉協議会', reason: 'organization_unable', count: 1 },
      { organizationId: 'c', organizationName: '福祉課', reason: 'other', count: 0 },
    ]);
    expect(table.rows.map((r) => [r.organizationName, r.total])).toEqual([
      ['地域包括支援センター', 3],
      ['社会福祉協議会', 2],
    ]);
    expect(table.rows[0]!.counts).toEqual({ circumstances_changed: 1, organization_unable: 2, no_longer_needed: 0, other: 0 });
    expect(table.totals).toEqual({ circumstances_changed: 1, organization_unable: 3, no_longer_needed: 0, other: 1 });
    expect(table.total).toBe(5);
  });

  it('is empty without counts', () => {
    expect(pivotStats([])).toEqual({ rows: [], totals: { circumstances_changed: 0, organization_unable: 0, no_longer_needed: 0, other: 0 }, total: 0 });
  });
});
