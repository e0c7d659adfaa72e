import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../../../shared/contract/audit';
import { defaultFilters, filterInput, isDefaultFilters, markedSeq, pageInfo, safeKey } from './logic';

const row = (seq: number) => ({ seq }) as AuditRow;

describe('audit viewer logic', () => {
  it('starts with the last month up to today, every staff member and every kind', () => {
    expect(defaultFilters('2026-03-31')).toEqual({ from: '2026-02-28', to: '2026-03-31', staffId: '', groups: [] });
    expect(isDefaultFilters(defaultFilters('2026-11-23'), '2026-11-23')).toBe(true);
    expect(isDefaultFilters({ ...defaultFilters('2026-11-23'), groups: ['reveal'] }, '2026-11-23')).toBe(false);
  });

  it('asks the core only with a complete, ordered period; leaves out empty filters', () => {
    expect(filterInput({ from: '2026-11-01', to: '2026-11-23', staffId: '', groups: [] })).toEqual({ input: { from: '2026-11-01', to: '2026-11-23' } });
    expect(filterInput({ from: '2026-11-01', to: '2026-11-23', staffId: 's1', groups: ['unlock'] })).toEqual({
      input: { from: '2026-11-01', to: '2026-11-23', staffId: 's1', groups: ['unlock'] },
    });
    expect(filterInput({ from: '', to: '2026-11-23', staffId: '', groups: [] })).toEqual({ problem: 'incomplete' });
    expect(filterInput({ from: '2026-02-30', to: '2026-11-23', staffId: '', groups: [] })).toEqual({ problem: 'incomplete' });
    expect(filterInput({ from: '2026-11-24', to: '2026-11-23', staffId: '', groups: [] })).toEqual({ problem: 'range' });
  });

  it('numbers pages and rows', () => {
    expect(pageInfo(0, 0, 50)).toEqual({ page: 1, pages: 1, first: 0, last: 0 });
    expect(pageInfo(0, 120, 50)).toEqual({ page: 1, pages: 3, first: 1, last: 50 });
    expect(pageInfo(100, 120, 50)).toEqual({ page: 3, pages: 3, first: 101, last: 120 });
  });

  it('marks the broken row, or the first one after a missing row', () => {
    const rows = [row(12), row(11), row(9), row(8)];
    expect(markedSeq({ ok: true, rows: 12, changedMinutes: [] }, rows)).toBeNull();
    expect(markedSeq({ ok: false, rows: 12, changedMinutes: [], brokenAt: 11, reason: 'content_changed', brokenOn: null }, rows)).toBe(11);
    expect(markedSeq({ ok: false, rows: 11, changedMinutes: [], brokenAt: 10, reason: 'missing_row', brokenOn: null }, rows)).toBe(11);
  });

  it('uses only plain words as translation keys', () => {
    expect(safeKey('vault.unlocked')).toBe('vault.unlocked');
    expect(safeKey('a.b.c')).toBeNull();
    expect(safeKey('<img>')).toBeNull();
  });
});
