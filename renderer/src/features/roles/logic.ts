import type { OverdueReason, RoleAssignment, RoleStatus } from '../../../../shared/contract/minutes';
import { addDays, daysBetween } from '../../../../shared/domain/calendar-date';
import { OPEN_ROLE_STATUSES, isOverdue } from '../../../../shared/domain/minutes';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export const ROLE_STATUSES: readonly RoleStatus[] = ['open', 'in_progress', 'done', 'dropped'];
export const OVERDUE_REASONS: readonly OverdueReason[] = ['circumstances_changed', 'organization_unable', 'no_longer_needed', 'other'];

/** Whole calendar days from `dueOn` to `today` (0 on the due date itself, negative before it). */
export function daysPast(dueOn: string, today: string): number {
  return daysBetween(dueOn, today);
}

/** Days an assignment is overdue on `today`, or null when it is not (done, dropped, no due date, not yet due). */
export function overdueDays(row: Pick<RoleAssignment, 'dueOn' | 'status'>, today: string): number | null {
  return row.dueOn && isOverdue(row, today) ? daysPast(row.dueOn, today) : null;
}

/**
 * Whether recording `status` on `onDate` needs a reason category — the core's rule: the
 * assignment is still open and past its due date on the day recorded, and it is not being
 * recorded as done.
 */
export function needsOverdueReason(row: Pick<RoleAssignment, 'dueOn' | 'status'>, status: RoleStatus, onDate: string): boolean {
  if (status === 'done' || !ISO.test(onDate)) return false;
  return overdueDays(row, onDate) !== null;
}

/** The status proposed first when recording progress: 未着手 moves on to 実施中, others stay. */
export function proposedStatus(current: RoleStatus): RoleStatus {
  return current === 'open' ? 'in_progress' : current;
}

export interface RoleFilters {
  organizationId: string;
  memberId: string;
  caseNumber: string;
  statuses: RoleStatus[];
  /** The last due date shown (included). */
  dueBefore: string;
  overdueOnly: boolean;
}

export const DEFAULT_FILTERS: RoleFilters = {
  organizationId: '',
  memberId: '',
  caseNumber: '',
  statuses: [...OPEN_ROLE_STATUSES], // the list's default: the assignments still to be done
  dueBefore: '',
  overdueOnly: false,
};

export function isDefaultFilters(f: RoleFilters): boolean {
  return (
    !f.organizationId &&
    !f.memberId &&
    !f.caseNumber.trim() &&
    !f.dueBefore &&
    !f.overdueOnly &&
    f.statuses.length === OPEN_ROLE_STATUSES.length &&
    OPEN_ROLE_STATUSES.every((s) => f.statuses.includes(s))
  );
}

/** The `role.list` input of the filters (the case number is matched here, not by the core). */
export function listInput(f: RoleFilters, today: string) {
  return {
    today,
    ...(f.organizationId ? { organizationId: f.organizationId } : {}),
    ...(f.memberId ? { memberId: f.memberId } : {}),
    status: ROLE_STATUSES.filter((s) => f.statuses.includes(s)),
    // The filter reads 「期限がこの日まで」 (the day included); the core's dueBefore excludes its day.
    ...(ISO.test(f.dueBefore) ? { dueBefore: addDays(f.dueBefore, 1) } : {}),
    ...(f.overdueOnly ? { overdueOnly: true } : {}),
  };
}

/** Case numbers are typed in many ways (r8-001, Ｒ８－００１): compare without width, case or dash variants. */
function normalizeCaseNumber(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[‐－―−ー]/g, '-')
    .replace(/\s+/g, '');
}

/** Rows whose case number contains the query (all rows for an empty query). */
export function matchCaseNumber<T extends Pick<RoleAssignment, 'caseNumber'>>(rows: readonly T[], query: string): T[] {
  const q = normalizeCaseNumber(query);
  if (!q) return [...rows];
  return rows.filter((r) => normalizeCaseNumber(r.caseNumber).includes(q));
}

export interface StatsCell {
  organizationId: string;
  organizationName: string;
  reason: OverdueReason;
  count: number;
}

export interface StatsTable {
  rows: { organizationId: string; organizationName: string; counts: Record<OverdueReason, number>; total: number }[];
  totals: Record<OverdueReason, number>;
  total: number;
}

const zeroCounts = (): Record<OverdueReason, number> => ({ circumstances_changed: 0, organization_unable: 0, no_longer_needed: 0, other: 0 });

/** organization × reason, with row and column totals; organizations with the most overdue reviews first. */
export function pivotStats(cells: readonly StatsCell[], collator = new Intl.Collator('ja')): StatsTable {
  const byOrg = new Map<string, StatsTable['rows'][number]>();
  const totals = zeroCounts();
  let total = 0;
  for (const cell of cells) {
    let row = byOrg.get(cell.organizationId);
    if (!row) {
      row = { organizationId: cell.organizationId, organizationName: cell.organizationName, counts: zeroCounts(), total: 0 };
      byOrg.set(cell.organizationId, row);
    }
    row.counts[cell.reason] += cell.count;
    row.total += cell.count;
    totals[cell.reason] += cell.count;
    total += cell.count;
  }
  const rows = [...byOrg.values()]
    .filter((r) => r.total > 0)
    .sort((a, b) => b.total - a.total || collator.compare(a.organizationName, b.organizationName));
  return { rows, totals, total };
}
