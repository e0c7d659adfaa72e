/**
 * Dates in Kasane are local calendar dates stored as `YYYY-MM-DD`. These helpers never go
 * through a time zone, so 31 March stays 31 March wherever the PC's clock is set.
 */
export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(iso: string): CalendarDate {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) {
    throw new RangeError(`no such date: ${iso}`);
  }
  return date;
}

export function toIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The local date of an instant, as the user sees it on the PC's clock. */
export function localIsoDate(instant: Date): string {
  return toIsoDate({ year: instant.getFullYear(), month: instant.getMonth() + 1, day: instant.getDate() });
}

/** Adds calendar months; a day past the end of the target month clamps to its last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const d = parseIsoDate(iso);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return toIsoDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); no time zone involved. */
export function daysBetween(from: string, to: string): number {
  const day = (iso: string) => {
    const d = parseIsoDate(iso);
    return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
  };
  return day(to) - day(from);
}

export function addDays(iso: string, days: number): string {
  const d = parseIsoDate(iso);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return toIsoDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}
