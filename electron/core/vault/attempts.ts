import { readFileSync, rmSync } from 'node:fs';
import { unlockDelayMs } from '../../../shared/domain/unlock-backoff';
import { writeFileAtomic } from './atomic-file';

/**
 * Failed unlock attempts, kept beside the vault (they cannot go into the encrypted DB while it
 * is locked). They drive the growing delay, survive a restart, and are copied into the audit
 * log at the next successful unlock. They hold times and slot ids only.
 */
export interface FailedAttempt {
  at: string;
  slotId: string | null;
}

export function readAttempts(path: string): FailedAttempt[] {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { failures?: FailedAttempt[] };
    return Array.isArray(parsed.failures) ? parsed.failures.filter((f) => typeof f.at === 'string') : [];
  } catch {
    return [];
  }
}

export function recordFailure(path: string, attempt: FailedAttempt): FailedAttempt[] {
  const failures = [...readAttempts(path), attempt].slice(-1000);
  writeFileAtomic(path, JSON.stringify({ failures }));
  return failures;
}

export function clearAttempts(path: string): void {
  rmSync(path, { force: true });
}

export function retryAfterMs(failures: readonly FailedAttempt[], now: Date): number {
  const last = failures.at(-1);
  if (!last) return 0;
  const until = new Date(last.at).getTime() + unlockDelayMs(failures.length);
  return Math.max(0, until - now.getTime());
}
