import { fiscalYearOf } from './fiscal-year';
import { eraYear } from './wareki';
import { toIsoDate } from './calendar-date';

/**
 * Case numbers are assigned per 年度: R8-001, R8-002 … and start again at 001 each April.
 * The format is a setting; placeholders: {era} (R), {eraYear} (8), {fy} (2026), {seq} (1),
 * {seq:3} (001, zero-padded to 3).
 */
export const DEFAULT_CASE_NUMBER_FORMAT = '{era}{eraYear}-{seq:3}';

export function formatCaseNumber(format: string, fiscalYear: number, seq: number): string {
  const era = eraYear(toIsoDate({ year: fiscalYear, month: 4, day: 1 }));
  return format.replace(/\{(era|eraYear|fy|seq)(?::(\d))?\}/g, (_, name: string, width?: string) => {
    const value = name === 'era' ? era.initial : name === 'eraYear' ? String(era.year) : name === 'fy' ? String(fiscalYear) : String(seq);
    return width ? value.padStart(Number(width), '0') : value;
  });
}

/** A format is usable when it contains the sequence number (otherwise numbers would repeat). */
export function isValidCaseNumberFormat(format: string): boolean {
  return /\{seq(?::\d)?\}/.test(format) && format.length <= 40;
}

export function caseFiscalYear(receivedOn: string): number {
  return fiscalYearOf(receivedOn);
}
