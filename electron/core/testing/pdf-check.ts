import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The handbook's pdfcheck (../shared/tools/pdfcheck.mjs), vendored as tools/pdfcheck.mjs so the
 * tests run wherever the repository is cloned; tools/pdfcheck.test.ts keeps the copy identical.
 */
export const PDFCHECK = resolve(import.meta.dirname, '../../../tools/pdfcheck.mjs');

/**
 * Checks a printed PDF the way every document test must: A4, embedded non-Type 3 fonts, text on
 * each page, 禁則, expected and forbidden text. Keeps the file and a PNG of page 1 under
 * test-results/pdf for a human look. Returns the extracted text; throws pdfcheck's report.
 */
export function checkPdf(pdf: Buffer | string, name: string, args: string[]): string {
  mkdirSync('test-results/pdf', { recursive: true });
  const file = join('test-results/pdf', name);
  writeFileSync(file, typeof pdf === 'string' ? Buffer.from(pdf, 'base64') : pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, file.replace(/\.pdf$/, '')]);
  try {
    execFileSync('node', [PDFCHECK, file, ...args], { encoding: 'utf8' });
  } catch (err) {
    throw new Error(String((err as { stdout?: string }).stdout ?? err), { cause: err });
  }
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
