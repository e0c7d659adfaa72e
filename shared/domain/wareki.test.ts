import { describe, expect, it } from 'vitest';
import { eraYear, formatWareki } from './wareki';
import { fiscalYearOf, fiscalYearRange, formatFiscalYear } from './fiscal-year';
import { addDays, addMonths, daysBetween, localIsoDate, parseIsoDate } from './calendar-date';

describe('和暦', () => {
  it('formats dates across the Heisei/Reiwa boundary, with 元年', () => {
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('2026-04-01')).toBe('令和8年4月1日');
    expect(formatWareki('1989-01-07')).toBe('昭和64年1月7日');
    expect(formatWareki('1989-01-08')).toBe('平成元年1月8日');
  });
  it('adds the weekday', () => {
    expect(formatWareki('2026-11-23', { weekday: true })).toBe('令和8年11月23日（月）');
  });
  it('gives the era initial', () => {
    expect(eraYear('2026-11-23')).toEqual({ name: '令和', initial: 'R', year: 8 });
    expect(eraYear('2019-03-31')).toEqual({ name: '平成', initial: 'H', year: 31 });
  });
});

describe('年度', () => {
  it('starts on 1 April and ends on 31 March', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2027-01-15')).toBe(2026);
    expect(fiscalYearRange(2026)).toEqual({ start: '2026-04-01', end: '2027-03-31' });
  });
  it('is named after the era year in which it starts (令和元年度 starts in Heisei 31)', () => {
    expect(formatFiscalYear(2026)).toBe('令和8年度');
    expect(formatFiscalYear(2026, 'short')).toBe('R8');
    // 1 April 2019 is still 平成31年: the 年度 is called 平成31年度 by the calendar of its first day.
    expect(formatFiscalYear(2019)).toBe('平成31年度');
    expect(formatFiscalYear(2020)).toBe('令和2年度');
  });
});

describe('calendar dates', () => {
  it('rejects impossible dates', () => {
    expect(() => parseIsoDate('2026-02-29')).toThrow();
    expect(() => parseIsoDate('2026-13-01')).toThrow();
    expect(() => parseIsoDate('26-1-1')).toThrow();
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });
  it('adds months clamping to the month end, and days across years', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-11-30', -12)).toBe('2025-11-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2027-03-05', '2027-03-01')).toBe(-4);
  });
  it('takes the local date of an instant', () => {
    expect(localIsoDate(new Date(2026, 3, 1, 0, 5))).toBe('2026-04-01');
  });
});
