import Encoding from 'encoding-japanese';
import Papa from 'papaparse';
import { KasaneError } from '../../../shared/contract';

/**
 * Reads a CSV file as Excel writes it: UTF-8 (with or without BOM) or Shift_JIS (Excel's
 * 「CSV（コンマ区切り）」 on a Japanese Windows). Anything else is refused with
 * import_bad_encoding rather than imported as mojibake.
 */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'UTF-8' | 'Shift_JIS' } {
  const detected = Encoding.detect(bytes, ['UTF8', 'SJIS', 'ASCII']);
  let encoding: 'UTF-8' | 'Shift_JIS';
  if (detected === 'UTF8' || detected === 'ASCII') encoding = 'UTF-8';
  else if (detected === 'SJIS') encoding = 'Shift_JIS';
  else throw new KasaneError('import_bad_encoding');
  const text =
    encoding === 'UTF-8'
      ? new TextDecoder('utf-8', { fatal: false }).decode(bytes)
      : Encoding.convert(bytes, { to: 'UNICODE', from: 'SJIS', type: 'string' });
  if (text.includes('\uFFFD')) throw new KasaneError('import_bad_encoding');
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}

/** Header row and data rows, trimmed; blank lines dropped. */
export function parseCsv(text: string): { header: string[]; rows: { line: number; cells: string[] }[] } {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header, ...data] = parsed.data;
  if (!header) throw new KasaneError('import_empty');
  const rows = data.map((cells, i) => ({ line: i + 2, cells: cells.map((c) => c.trim()) }));
  if (rows.length === 0) throw new KasaneError('import_empty');
  return { header: header.map((h) => h.trim()), rows };
}
