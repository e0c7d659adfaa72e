import { parseIsoDate, toIsoDate } from './calendar-date';
import { eraYear } from './wareki';

/** 年度: 1 April to 31 March, named after the calendar year in which it starts. */
export function fiscalYearOf(iso: string): number {
  const d = parseIsoDate(iso);
  return d.month >= 4 ? d.year : d.year - 1;
}

export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  return {
    start: toIsoDate({ year: fiscalYear, month: 4, day: 1 }),
    end: toIsoDate({ year: fiscalYear + 1, month: 3, day: 31 }),
  };
}

/** 令和8年度 (R8 in short form) for the 年度 that starts on 1 April 2026. */
export function formatFiscalYear(fiscalYear: number, style: 'long' | 'short' = 'long'): string {
  const era = eraYear(toIsoDate({ year: fiscalYear, month: 4, day: 1 }));
  if (style === 'short') return `${era.initial}${era.year}`;
  return `${era.name}${era.year === 1 ? '元' : era.year}年度`;
}
