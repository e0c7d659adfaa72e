import { describe, expect, it } from 'vitest';
import { gregorianMonth, monthGrid, sameDayIn, shiftMonth, warekiMonth, weekdayOf } from './monthGrid';

const days = (grid: ReturnType<typeof monthGrid>) => grid.weeks.flat();

describe('month grid of the meetings calendar', () => {
  it('starts on Sunday and fills the first and last week from the neighbouring months', () => {
    // 1 November 2026 is a Sunday; 30 November a Monday.
    const grid = monthGrid('2026-11');
    expect(grid.weeks).toHaveLength(5);
    expect(grid.start).toBe('2026-11-01');
    expect(grid.end).toBe('2026-12-05');
    expect(grid.weeks.every((w) => w.length === 7)).toBe(true);
    expect(grid.weeks.every((w) => w[0]!.weekday === 0 && w[6]!.weekday === 6)).toBe(true);
    const trailing = days(grid).filter((d) => !d.inMonth);
    expect(trailing.map((d) => d.iso)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    expect(days(grid).filter((d) => d.inMonth)).toHaveLength(30);
  });

  it('has leading days of the previous month when the 1st is not a Sunday', () => {
    // 1 April 2026 (the first day of 令和8年度) is a Wednesday.
    const grid = monthGrid('2026-04');
    expect(grid.start).toBe('2026-03-29');
    expect(grid.weeks[0]!.map((d) => [d.day, d.inMonth])).toEqual([
      [29, false],
      [30, false],
      [31, false],
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
    expect(grid.end).toBe('2026-05-02');
    expect(grid.weeks).toHaveLength(5);
  });

  it('needs four weeks for a February that starts on Sunday and six for a long month that starts on Saturday', () => {
    const feb = monthGrid('2026-02'); // 1 Feb 2026 is a Sunday, 28 days
    expect(feb.weeks).toHaveLength(4);
    expect(days(feb).every((d) => d.inMonth)).toBe(true);
    const aug = monthGrid('2026-08'); // 1 Aug 2026 is a Saturday, 31 days
    expect(aug.weeks).toHaveLength(6);
    expect(aug.weeks[0]!.filter((d) => d.inMonth).map((d) => d.day)).toEqual([1]);
    expect(aug.end).toBe('2026-09-05');
  });

  it('knows leap years and crosses the end of the calendar year', () => {
    expect(days(monthGrid('2028-02')).filter((d) => d.inMonth)).toHaveLength(29);
    const dec = monthGrid('2026-12');
    expect(dec.end).toBe('2027-01-02');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2027-01', -1)).toBe('2026-12');
    expect(shiftMonth('2026-04', -13)).toBe('2025-03');
  });

  it('moves to the same day of another month, clamped to its end', () => {
    expect(sameDayIn('2026-11', '2026-10-31')).toBe('2026-11-30');
    expect(sameDayIn('2027-02', '2026-12-30')).toBe('2027-02-28');
    expect(weekdayOf('2026-11-23')).toBe(1);
  });

  it('writes the heading in 和暦, with 元年 and both eras in a month where the era changed', () => {
    expect(warekiMonth('2026-11')).toBe('令和8年11月');
    expect(warekiMonth('2019-04')).toBe('平成31年4月');
    expect(warekiMonth('2019-05')).toBe('令和元年5月');
    expect(warekiMonth('1989-01')).toBe('昭和64年・平成元年1月');
    expect(gregorianMonth('2026-11')).toBe('November 2026');
  });

  it('refuses what is not a month', () => {
    expect(() => monthGrid('2026-13')).toThrow(RangeError);
    expect(() => monthGrid('2026-1')).toThrow(RangeError);
  });
});
