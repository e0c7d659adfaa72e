import type { AuditFilter, AuditGroup, AuditRow, AuditVerdict } from '../../../../shared/contract/audit';
import { addMonths, parseIsoDate } from '../../../../shared/domain/calendar-date';

export const PAGE_SIZE = 50;

/** The viewer's filters as the form holds them ('' = every staff member, [] = every kind). */
export interface AuditFilters {
  from: string;
  to: string;
  staffId: string;
  groups: AuditGroup[];
}

/** The last month up to today: what a person checking "what happened lately" wants first. */
export function defaultFilters(today: string): AuditFilters {
  return { from: addMonths(today, -1), to: today, staffId: '', groups: [] };
}

export function isDefaultFilters(f: AuditFilters, today: string): boolean {
  const d = defaultFilters(today);
  return f.from === d.from && f.to === d.to && f.staffId === '' && f.groups.length === 0;
}

function isDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

export type FilterProblem = 'incomplete' | 'range';

/** The contract's filter, or why the form cannot be asked yet (a date being typed, or from after to). */
export function filterInput(f: AuditFilters): { input: AuditFilter } | { problem: FilterProblem } {
  if (!isDate(f.from) || !isDate(f.to)) return { problem: 'incomplete' };
  if (f.from > f.to) return { problem: 'range' };
  return {
    input: {
      from: f.from,
      to: f.to,
      ...(f.staffId ? { staffId: f.staffId } : {}),
      ...(f.groups.length ? { groups: f.groups } : {}),
    },
  };
}

/** Where a page sits in the whole list: 1-based page, page count, first and last row numbers. */
export function pageInfo(offset: number, total: number, limit: number): { page: number; pages: number; first: number; last: number } {
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  return { page, pages, first: total === 0 ? 0 : offset + 1, last: Math.min(total, offset + limit) };
}

/** An i18n key part is used only when it looks like one (a rewritten row may hold any text). */
export function safeKey(value: string): string | null {
  return /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/i.test(value) ? value : null;
}

/**
 * The row to mark after a failed verification: the broken one, or for a missing row the first one
 * after the gap (the row itself is gone).
 */
export function markedSeq(verdict: AuditVerdict | undefined, rows: readonly AuditRow[]): number | null {
  if (!verdict || verdict.ok) return null;
  if (verdict.reason !== 'missing_row') return verdict.brokenAt;
  const after = rows.filter((r) => r.seq > verdict.brokenAt).map((r) => r.seq);
  return after.length ? Math.min(...after) : null;
}
