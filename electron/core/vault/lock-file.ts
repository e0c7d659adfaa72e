import { hostname } from 'node:os';
import { openSync, readFileSync, unlinkSync, writeSync, closeSync, fsyncSync } from 'node:fs';
import { KasaneError } from '../../../shared/contract';

/**
 * One writer per vault. The lock file says who holds the vault and since when, so the second
 * window can tell the user whom to ask. A lock left by a process that died on this PC is stale
 * and taken over; a lock from another PC (a vault on a network share) is respected.
 */
export interface LockInfo {
  pid: number;
  host: string;
  by: string;
  since: string; // ISO instant
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return null; // unreadable (e.g. half-written by a crash): treat as stale
  }
}

function formatSince(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Takes the lock or throws vault_in_use. Returns the function that releases it. */
export function acquireLock(path: string, by: string, now: Date): () => void {
  const info: LockInfo = { pid: process.pid, host: hostname(), by, since: now.toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      fsyncSync(fd);
      closeSync(fd);
      return () => {
        const current = readLock(path);
        if (current?.pid === info.pid && current.since === info.since) unlinkSync(path);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = readLock(path);
      const stale = !held || (held.host === info.host && held.pid !== process.pid && !isAlive(held.pid));
      if (!stale) throw new KasaneError('vault_in_use', { by: `${held.by} / ${held.host}`, since: formatSince(held.since) });
      unlinkSync(path);
    }
  }
  throw new KasaneError('vault_in_use', { by: '?', since: '?' });
}
