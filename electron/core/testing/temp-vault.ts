import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type KasaneCore } from '../app';
import type { ScryptParams } from '../vault/crypto';
import { resolvePaths, type VaultPaths } from '../vault/paths';

/**
 * Tests run on real encrypted vaults in temp folders. Only the KDF is made cheaper (the
 * passphrase check is the same code, with N = 2^10 instead of 2^17) so a suite of hundreds of
 * unlocks stays fast; the bench measures the real parameters.
 */
export const FAST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

export const GOOD_PASSPHRASE = 'ひだまり 坂道 2026 みずうみ';

export const VAULT_INPUT = {
  municipalityName: 'みほん市',
  secretariatName: '福祉課',
  staffName: '試験 太郎',
  passphrase: GOOD_PASSPHRASE,
};

export function tempHome(): { home: string; paths: VaultPaths; cleanup(): void } {
  const home = mkdtempSync(join(tmpdir(), 'kasane-test-'));
  return { home, paths: resolvePaths({ home, env: {} }), cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export function testCore(paths: VaultPaths, clock?: () => Date): KasaneCore {
  return createCore({ paths, scrypt: FAST_SCRYPT, ...(clock ? { clock } : {}) });
}

/** The time a test's core reads (`testCore(paths, clock.now)`), moved on by the test. */
export interface TestClock {
  now: () => Date;
  set: (at: string | Date) => void;
}

export function testClock(start: string): TestClock {
  let at = new Date(start);
  return { now: () => at, set: (next) => (at = new Date(next)) };
}

/** Days pass: the clock moves to `iso`, the idle lock has locked the vault meanwhile, so the secretariat unlocks again. */
export async function daysLater(core: KasaneCore, clock: TestClock, iso: string): Promise<void> {
  clock.set(iso);
  await core.dispatch('vault.lock', {});
  if (!(await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE })).ok) throw new Error('unlock failed');
}
