import { formatWareki } from '../../shared/domain/wareki';
import { parseIsoDate } from '../../shared/domain/calendar-date';

function noonUtc(iso: string): Date {
  const d = parseIsoDate(iso);
  return new Date(Date.UTC(d.year, d.month - 1, d.day, 12));
}

/** A calendar date for the UI: 和暦 with weekday in Japanese, a long Gregorian date in English. */
export function formatDate(iso: string, language: string): string {
  if (language === 'ja') return formatWareki(iso, { weekday: true });
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(noonUtc(iso));
}

export function isMac(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  const platform = nav.userAgentData?.platform ?? navigator.platform ?? '';
  return /mac/i.test(platform);
}
