import { parseIsoDate } from './calendar-date';

/**
 * 和暦 through ICU's Japanese calendar (Node and Chromium ship full ICU), so era changes come
 * from the platform and not from a table we would have to keep. Dates are formatted at noon UTC
 * with timeZone UTC: a calendar date never shifts by a day.
 */
const ERA_INITIALS: Record<string, string> = { 令和: 'R', 平成: 'H', 昭和: 'S', 大正: 'T', 明治: 'M' };

function instant(iso: string): Date {
  const d = parseIsoDate(iso);
  return new Date(Date.UTC(d.year, d.month - 1, d.day, 12));
}

const partsFormatter = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

export interface EraYear {
  name: string; // 令和
  initial: string; // R
  year: number; // 8
}

export function eraYear(iso: string): EraYear {
  const parts = partsFormatter.formatToParts(instant(iso));
  const name = parts.find((p) => p.type === 'era')?.value ?? '';
  const yearPart = parts.find((p) => p.type === 'year')?.value ?? '';
  // ICU writes the first year of an era as 元 in some versions and 1 in others.
  const year = yearPart === '元' ? 1 : Number(yearPart);
  return { name, initial: ERA_INITIALS[name] ?? name, year };
}

/** 令和8年4月1日; the first year of an era as 元年 (令和元年5月1日). */
export function formatWareki(iso: string, options: { weekday?: boolean } = {}): string {
  const d = parseIsoDate(iso);
  const era = eraYear(iso);
  const yearText = era.year === 1 ? '元' : String(era.year);
  let text = `${era.name}${yearText}年${d.month}月${d.day}日`;
  if (options.weekday) {
    const weekday = new Intl.DateTimeFormat('ja-JP', { weekday: 'short', timeZone: 'UTC' }).format(instant(iso));
    text += `（${weekday}）`;
  }
  return text;
}

/** Gregorian long form for the English UI: 1 April 2026. */
export function formatGregorian(iso: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    instant(iso),
  );
}
