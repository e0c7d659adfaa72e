import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KasaneError } from '../../../shared/contract';
import { appendAudit } from '../audit/audit-log';
import { fsyncDir } from './atomic-file';
import { keyPragmas, type Db } from './database';
import { readKeyFile, writeKeyFile, type KeyFile, type Slot } from './key-file';
import { openDataKey, resealSlot } from './key-slots';
import { DB_FILE, KEYS_FILE } from './paths';

/**
 * Data-key rotation (ARCHITECTURE.md, "The vault"): a new random key, `PRAGMA rekey`, and the
 * new key sealed to the PUBLIC key of every remaining slot, so nobody's passphrase is needed and
 * a copy of the old key file no longer opens the DB.
 *
 * Crash safety. The commit point of a staff removal is the `staff.removed_at` row in the DB;
 * the key files are then brought in line with it:
 *   1. kasane.keys.next is written (atomic, fsynced): the remaining slots, generation + 1;
 *   2. journal_mode=DELETE, PRAGMA rekey (one SQLite transaction: a crash inside it leaves a hot
 *      rollback journal that the OLD key rolls back), journal_mode=WAL;
 *   3. kasane.keys.next is renamed over kasane.keys (atomic) and the folder fsynced.
 * On open (`chooseDataKey`, under the vault lock), when kasane.keys.next exists, the DB itself
 * tells which key file is current: the old file's key is tried first (rolling back an
 * interrupted rekey), then the new one's (the rekey finished: .next is promoted). Whoever opens
 * the vault next then finishes the job (`settleKeys`): a rotation the DB did not reach is done
 * again with a fresh key, and any slot of a staff row marked removed is dropped by a rotation.
 *
 * Progress: the rekey is ONE synchronous SQLite call that rewrites every page (about 1.3 s for
 * 80 MB here); it cannot report progress. The UI shows a busy state with a message while the
 * call is awaited; the renderer stays responsive, the core answers other calls after it.
 */

export const NEXT_KEYS_FILE = `${KEYS_FILE}.next`;

export type CrashPoint = 'after-removal-marked' | 'after-next-written' | 'before-rekey' | 'after-rekey' | 'before-rename' | 'after-rename';

/**
 * Test-only fault injection: KASANE_TEST_CRASH_AT=<point> kills this process with SIGKILL at
 * that point of a rotation; KASANE_TEST_TRACE=1 prints each point as it is reached (so a test can
 * kill at a random moment during the rekey). Both are read here and nowhere else.
 */
export function crashPoint(point: CrashPoint): void {
  if (process.env.KASANE_TEST_TRACE) writeSync(1, `point ${point}\n`);
  if (process.env.KASANE_TEST_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}

/**
 * Whether `dataKey` opens the DB file: SQLCipher's own check (page 1 decrypts and authenticates)
 * fails with SQLITE_NOTADB for another key. Any other failure (a damaged file) is not the key's
 * fault: it counts as opening, and openDatabase reports the damage.
 */
function keyOpensDb(dbFile: string, dataKey: Buffer): boolean {
  let db: Db;
  try {
    db = new Database(dbFile, { fileMustExist: true });
  } catch {
    return true;
  }
  try {
    keyPragmas(db, dataKey);
    // With the right key a hot journal left by an interrupted rekey is rolled back here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch (err) {
    return (err as { code?: string }).code !== 'SQLITE_NOTADB';
  } finally {
    db.close();
  }
}

/** SQLCipher's salt: the first 16 bytes of the DB file, in the clear. */
function dbSalt(dbFile: string): string {
  const fd = openSync(dbFile, 'r');
  try {
    const salt = Buffer.alloc(16);
    if (readSync(fd, salt, 0, 16, 0) !== 16) throw new Error('DB file too short for a salt');
    return salt.toString('hex');
  } finally {
    closeSync(fd);
  }
}

function readNext(dir: string): KeyFile | null {
  const path = join(dir, NEXT_KEYS_FILE);
  if (!existsSync(path)) return null;
  try {
    return readKeyFile(path);
  } catch {
    return null; // writeFileAtomic never leaves a partial file; anything unreadable is ignored
  }
}

export interface ChosenKey {
  dataKey: Buffer;
  /** The key file that now matches the DB. */
  keyFile: KeyFile;
  /** Set when a rotation was written but the DB never reached it: finish it after opening. */
  resume: KeyFile | null;
}

/**
 * Which data key opens the DB, given the slot's private key. Run with the vault lock held.
 * Returns null when this slot no longer opens the vault (its account was removed and the rekey
 * finished); throws keys_file_mismatch when a key file opens but does not fit the DB (an old
 * copy of kasane.keys put back after a rotation).
 */
export function chooseDataKey(dir: string, keyFile: KeyFile, slot: Slot, privateKey: KeyObject): ChosenKey | null {
  const dbFile = join(dir, DB_FILE);
  const next = readNext(dir);
  const current = openDataKey(keyFile, slot, privateKey);
  if (current && keyOpensDb(dbFile, current)) return { dataKey: current, keyFile, resume: next };
  current?.fill(0);
  const nextSlot = next?.slots.find((s) => s.id === slot.id);
  const nextKey = next && nextSlot ? openDataKey(next, nextSlot, privateKey) : null;
  if (next && nextKey && keyOpensDb(dbFile, nextKey)) {
    renameSync(join(dir, NEXT_KEYS_FILE), join(dir, KEYS_FILE));
    fsyncDir(dir);
    return { dataKey: nextKey, keyFile: next, resume: null };
  }
  nextKey?.fill(0);
  if (next && !nextSlot) return null; // removed while the rotation was pending: not any more
  if (!current) return null;
  throw new KasaneError('keys_file_mismatch');
}

/** What a rotation needs of the open vault. */
export interface RotatingVault {
  dir: string;
  db: Db;
  dataKey: Buffer;
}

export interface RotationResult {
  keyFile: KeyFile;
  generation: number;
  ms: number;
}

/**
 * Rotates the data key and keeps only `keep` (re-sealed to their public keys). Synchronous on
 * purpose: nothing else runs on this connection between the steps. Replaces `vault.dataKey`.
 */
export function rotateDataKey(
  vault: RotatingVault,
  current: KeyFile,
  keep: readonly Slot[],
  audit: { staffId: string | null; now: Date; details?: Record<string, unknown> },
): RotationResult {
  if (!keep.some((s) => s.kind === 'staff')) throw new KasaneError('last_staff_account');
  const started = performance.now();
  const keysPath = join(vault.dir, KEYS_FILE);
  const nextPath = join(vault.dir, NEXT_KEYS_FILE);
  const newKey = randomBytes(32);
  const base = { ...current, generation: current.generation + 1 };
  const next: KeyFile = { ...base, slots: keep.map((s) => resealSlot(base, s, newKey)) };
  writeKeyFile(nextPath, next);
  crashPoint('after-next-written');

  const { db } = vault;
  db.pragma('journal_mode=DELETE'); // rekey is refused in WAL mode (STACK.md); this checkpoints the WAL
  crashPoint('before-rekey');
  try {
    // The new key with the file's CURRENT salt (raw key + salt form). A plain raw-key rekey also
    // writes a new random salt into page 1; a crash in the middle then leaves a page 1 whose salt
    // no longer matches the old key's journal pages, and neither key can roll the journal back
    // (seen in the random-kill test). With the salt kept, the old key always can. The salt only
    // feeds SQLCipher's HMAC-key derivation; reusing it with a fresh random 256-bit key is fine.
    db.pragma(`rekey="x'${newKey.toString('hex')}${dbSalt(join(vault.dir, DB_FILE))}'"`);
  } catch (err) {
    // The rekey is one transaction: on failure the DB is still under the old key.
    db.pragma('journal_mode=WAL');
    rmSync(nextPath, { force: true });
    newKey.fill(0);
    throw err;
  }
  crashPoint('after-rekey');
  db.pragma('journal_mode=WAL');
  crashPoint('before-rename');
  renameSync(nextPath, keysPath);
  fsyncDir(vault.dir);
  crashPoint('after-rename');

  vault.dataKey.fill(0);
  vault.dataKey = newKey;
  const ms = Math.round(performance.now() - started);
  appendAudit(
    db,
    { action: 'vault.key_rotated', staffId: audit.staffId, details: { generation: next.generation, slots: next.slots.length, ms, ...audit.details } },
    audit.now,
  );
  return { keyFile: next, generation: next.generation, ms };
}

function loggedGeneration(db: Db): number {
  const details = db.prepare("SELECT details FROM audit_log WHERE action = 'vault.key_rotated' ORDER BY seq DESC LIMIT 1").pluck().get() as
    | string
    | undefined;
  if (!details) return 0;
  try {
    const g = (JSON.parse(details) as { generation?: unknown }).generation;
    return typeof g === 'number' ? g : 0;
  } catch {
    return 0;
  }
}

/**
 * Right after opening: finishes whatever an interrupted rotation or removal left, so the key
 * file matches the DB's staff rows again. Returns the key file now in force.
 */
export function settleKeys(vault: RotatingVault, chosen: Pick<ChosenKey, 'keyFile' | 'resume'>, staffId: string, now: Date): KeyFile {
  let file = chosen.keyFile;
  const removed = new Set(vault.db.prepare('SELECT id FROM staff WHERE removed_at IS NOT NULL').pluck().all() as string[]);
  const target = (chosen.resume ?? file).slots.filter((s) => !(s.kind === 'staff' && s.staffId && removed.has(s.staffId)));
  const sameSlots = target.length === file.slots.length && target.every((s) => file.slots.some((f) => f.id === s.id));
  if ((chosen.resume || !sameSlots) && target.some((s) => s.kind === 'staff')) {
    file = rotateDataKey(vault, file, target, { staffId, now, details: { resumed: true } }).keyFile;
  } else {
    rmSync(join(vault.dir, NEXT_KEYS_FILE), { force: true });
  }
  // A rotation whose audit entry was lost (crash right after the rename) is recorded now.
  if (file.generation > loggedGeneration(vault.db)) {
    appendAudit(vault.db, { action: 'vault.key_rotated', staffId, details: { generation: file.generation, slots: file.slots.length, resumed: true } }, now);
  }
  return file;
}
