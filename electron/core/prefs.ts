import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Prefs } from '../../shared/contract';
import { writeFileAtomic } from './vault/atomic-file';

/** Per-PC preferences (language, text size): readable before unlock, no case data. */
export const DEFAULT_PREFS: Prefs = { locale: 'ja', textSize: 'standard' };

export function readPrefs(file: string): Prefs {
  try {
    const parsed = Prefs.partial().safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return { ...DEFAULT_PREFS, ...(parsed.success ? parsed.data : {}) };
  } catch {
    return { ...DEFAULT_PREFS };
  }
}

export function writePrefs(file: string, prefs: Prefs): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileAtomic(file, `${JSON.stringify(prefs, null, 2)}\n`);
}
