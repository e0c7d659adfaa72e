import { addDays, daysInMonth, parseIsoDate, toIsoDate } from '../../../../shared/domain/calendar-date';
import { eraYear } from '../../../../shared/domain/wareki';

/**
 * The month grid of the meetings calendar, as pure date arithmetic (no time zone: dates are
 * `YYYY-MM-DD`). Weeks start on Sunday, as on Japanese municipal calendars (日 in red, 土 in blue).
 */
export interface GridDay {
  iso: string;
  day: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** false for the days of the previous or next month that fill the first and last week */
  inMonth: boolean;
}

export interface MonthGrid {
  /** `YYYY-MM` */
  month: string;
  year: number;
  monthNumber: number;
  /** First and last day shown (may be in the neighbouring months). */
  start: string;
  end: string;
  weeks: GridDay[][];
}

const MONTH = /^(\d{4})-(\d{2})$/;

export function parseMonth(month: string): { year: number; month: number } {
  const m = MONTH.exec(month);
  const year = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || n > 12) throw new RangeError(`not a YYYY-MM month: ${month}`);
  return { year, month: n };
}

/** `YYYY-MM` of a date. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

export function shiftMonth(month: string, delta: number): string {
  const { year, month: n } = parseMonth(month);
  const index = year * 12 + (n - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function weekdayOf(iso: string): number {
  const d = parseIsoDate(iso);
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** The same day of the month in another month, clamped to its last day (31 → 30 in November). */
export function sameDayIn(month: string, iso: string): string {
  const { year, month: n } = parseMonth(month);
  return toIsoDate({ year, month: n, day: Math.min(parseIsoDate(iso).day, daysInMonth(year, n)) });
}

export function monthGrid(month: string): MonthGrid {
  const { year, month: n } = parseMonth(month);
  const first = toIsoDate({ year, month: n, day: 1 });
  const last = toIsoDate({ year, month: n, day: daysInMonth(year, n) });
  const start = addDays(first, -weekdayOf(first));
  const end = addDays(last, 6 - weekdayOf(last));
  const weeks: GridDay[][] = [];
  for (let iso = start; iso <= end; iso = addDays(iso, 1)) {
    const d = parseIsoDate(iso);
    const weekday = weekdayOf(iso);
    if (weekday === 0) weeks.push([]);
    weeks[weeks.length - 1]!.push({ iso, day: d.day, weekday, inMonth: d.month === n });
  }
  return { month, year, monthNumber: n, start, end, weeks };
}

function eraText(iso: string): string {
  const era = eraYear(iso);
  return `${era.name}${era.year === 1 ? '元' : era.year}年`;
}

/**
 * The heading of a month in 和暦: 令和8年11月, 令和元年5月. A month in which the era changed
 * names both (昭和64年・平成元年1月).
 */
export function warekiMonth(month: string): string {
  const { year, month: n } = parseMonth(month);
  const first = toIsoDate({ year, month: n, day: 1 });
  const last = toIsoDate({ year, month: n, day: daysInMonth(year, n) });
  const a = eraText(first);
  const b = eraText(last);
  return `${a === b ? a : `${a}・${b}`}${n}月`;
}

/** The heading of a month in the English UI: November 2026. */
export function gregorianMonth(month: string, locale = 'en-GB'): string {
  const { year, month: n } = parseMonth(month);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, n - 1, 15)));
}
