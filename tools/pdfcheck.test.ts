import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const HANDBOOK = resolve(import.meta.dirname, '../../shared/tools/pdfcheck.mjs');

describe('vendored pdfcheck', () => {
  it.skipIf(!existsSync(HANDBOOK))('is identical to the handbook copy beside the project (skipped where the handbook is absent)', () => {
    expect(readFileSync(resolve(import.meta.dirname, 'pdfcheck.mjs'), 'utf8')).toBe(readFileSync(HANDBOOK, 'utf8'));
  });
});
