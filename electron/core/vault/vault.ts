import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { KasaneError, type StaffRef } from '../../../shared/contract';
import { assessPassphrase } from '../../../shared/domain/passphrase-strength';
import { appendAudit } from '../audit/audit-log';
import { randomId, type ScryptParams } from './crypto';
import { createDatabase, openDatabase, type Db } from './database';
import { createSlot, readKeyFile, writeKeyFile, KEY_FILE_VERSION, type KeyFile, type Slot } from './key-file';
import { unwrapPrivateKey } from './key-slots';
import { chooseDataKey, settleKeys, type ChosenKey } from './rotation';
import type { KeyObject } from 'node:crypto';
import { acquireLock } from './lock-file';
import { migrate } from './migrations';
import { ATTEMPTS_FILE, DB_FILE, KEYS_FILE, LOCK_FILE } from './paths';
import { clearAttempts, readAttempts, recordFailure, retryAfterMs } from './attempts';
import { fsyncDir } from './atomic-file';
import { clearRestoreMarker, readRestoreMarker, recordRestore } from '../backup/restore-marker';

/** An unlocked vault: the open DB, who opened it, and how to let go of it. */
export interface OpenVault {
  dir: string;
  db: Db;
  staff: StaffRef;
  /**
   * The data key, kept in the core's memory only (never sent to the renderer) so that key slots
   * can be added and re-sealed while unlocked; replaced by a rotation, zeroed on close.
   */
  dataKey: Buffer;
  close(): void;
}

export interface VaultFiles {
  dir: string;
  db: string;
  keys: string;
  lock: string;
  attempts: string;
}

export function vaultFiles(dir: string): VaultFiles {
  return { dir, db: join(dir, DB_FILE), keys: join(dir, KEYS_FILE), lock: join(dir, LOCK_FILE), attempts: join(dir, ATTEMPTS_FILE) };
}

/** A vault exists when either of its files does (a missing twin is then an error, not a new vault). */
export function vaultExists(dir: string): boolean {
  const f = vaultFiles(dir);
  return existsSync(f.db) || existsSync(f.keys);
}

export function staffOf(keyFile: KeyFile): StaffRef[] {
  return keyFile.slots.filter((s) => s.kind === 'staff' && s.staffId).map((s) => ({ id: s.staffId!, name: s.label }));
}

export interface CreateVaultOptions {
  municipalityName: string;
  secretariatName: string;
  staffName: string;
  passphrase: string;
  /** Tests and the sample vault may use cheaper parameters; real vaults use the default. */
  scrypt?: ScryptParams;
  /** Fills the new DB (sample data) inside the creation, before the vault appears. */
  seed?: (db: Db, staffId: string) => void;
  now?: Date;
}

export function checkNewPassphrase(passphrase: string, personalWords: string[]): void {
  if (passphrase.length === 0) throw new KasaneError('passphrase_empty');
  const verdict = assessPassphrase(passphrase, personalWords);
  if (!verdict.acceptable) throw new KasaneError('passphrase_weak', { problems: verdict.problems });
}

/**
 * Creates a vault in `dir`. Everything is built in a hidden sibling folder and renamed into
 * place at the end, so a crash during creation never leaves a half-made vault behind.
 */
export async function createVault(dir: string, opts: CreateVaultOptions): Promise<OpenVault> {
  if (vaultExists(dir)) throw new KasaneError('vault_exists');
  if (existsSync(dir) && readdirSync(dir).some((n) => !n.startsWith('.'))) throw new KasaneError('vault_exists');
  checkNewPassphrase(opts.passphrase, [opts.municipalityName, opts.staffName]);
  const now = opts.now ?? new Date();

  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  const staging = join(parent, `.${basename(dir)}.creating-${randomId(4)}`);
  mkdirSync(staging, { mode: 0o700 });
  const dataKey = randomBytes(32);
  const staffId = randomId();
  try {
    const files = vaultFiles(staging);
    const db = createDatabase(files.db, dataKey);
    try {
      migrate(db);
      db.transaction(() => {
        const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
        put.run('municipalityName', opts.municipalityName);
        put.run('secretariatName', opts.secretariatName);
        put.run('idleLockMinutes', '10');
        put.run('createdAt', now.toISOString());
        db.prepare('INSERT INTO staff (id, name, created_at) VALUES (?, ?, ?)').run(staffId, opts.staffName, now.toISOString());
        appendAudit(db, { action: 'vault.created', staffId, details: {} }, now);
        opts.seed?.(db, staffId);
      })();
    } finally {
      db.close();
    }
    const keyFile: KeyFile = { format: 'kasane.keys', version: KEY_FILE_VERSION, vaultId: randomId(16), generation: 0, slots: [] };
    keyFile.slots.push(
      await createSlot(keyFile, {
        kind: 'staff',
        staffId,
        label: opts.staffName,
        passphrase: opts.passphrase,
        dataKey,
        ...(opts.scrypt ? { scrypt: opts.scrypt } : {}),
      }),
    );
    writeKeyFile(files.keys, keyFile);
    if (existsSync(dir)) rmSync(dir, { recursive: true }); // only dot-files were there (checked above)
    renameSync(staging, dir);
    fsyncDir(parent);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    dataKey.fill(0);
    throw err;
  }
  return openWithKey(dir, dataKey, { id: staffId, name: opts.staffName }, now);
}

function openWithKey(dir: string, dataKey: Buffer, staff: StaffRef, now: Date): OpenVault {
  const release = acquireLock(vaultFiles(dir).lock, staff.name, now);
  return openLocked(dir, dataKey, staff, release);
}

/** Opens the DB with the lock already held; on failure zeroes the key and releases the lock. */
function openLocked(dir: string, dataKey: Buffer, staff: StaffRef, release: () => void): OpenVault {
  try {
    const db = openDatabase(vaultFiles(dir).db, dataKey);
    migrate(db);
    const vault: OpenVault = {
      dir,
      db,
      staff,
      dataKey,
      close: () => {
        if (db.open) {
          db.pragma('wal_checkpoint(TRUNCATE)');
          db.close();
        }
        vault.dataKey.fill(0);
        release();
      },
    };
    return vault;
  } catch (err) {
    dataKey.fill(0);
    release();
    throw err;
  }
}

/**
 * Opens the vault through a slot whose private key was unwrapped (passphrase or recovery key),
 * finishing an interrupted key rotation on the way (rotation.ts). Null when this slot no longer
 * opens the vault (its account was removed).
 */
export function openThroughSlot(
  dir: string,
  keyFile: KeyFile,
  slot: Slot,
  privateKey: KeyObject,
  staff: StaffRef,
  now: Date,
): { vault: OpenVault; keyFile: KeyFile } | null {
  const release = acquireLock(vaultFiles(dir).lock, staff.name, now);
  let chosen: ChosenKey | null;
  try {
    chosen = chooseDataKey(dir, keyFile, slot, privateKey);
  } catch (err) {
    release();
    throw err;
  }
  if (!chosen) {
    release();
    return null;
  }
  const vault = openLocked(dir, chosen.dataKey, staff, release);
  let settled: KeyFile;
  try {
    settled = settleKeys(vault, chosen, staff.id, now);
  } catch (err) {
    vault.close();
    throw err;
  }
  if (!settled.slots.some((s) => s.id === slot.id)) {
    vault.close();
    return null;
  }
  return { vault, keyFile: settled };
}

export function unlockRetryAfterMs(dir: string, now: Date): number {
  return retryAfterMs(readAttempts(vaultFiles(dir).attempts), now);
}

/**
 * Unlocks with a staff passphrase. Wrong passphrases are counted beside the vault and slow the
 * next attempt; the count goes into the audit log once someone gets in.
 */
export async function unlockVault(dir: string, input: { staffId?: string; passphrase: string }, now = new Date()): Promise<OpenVault> {
  const files = vaultFiles(dir);
  const wait = unlockRetryAfterMs(dir, now);
  if (wait > 0) throw new KasaneError('too_many_attempts', { retryAfterMs: wait, seconds: Math.ceil(wait / 1000) });
  const keyFile = readKeyFile(files.keys);
  if (!existsSync(files.db)) throw new KasaneError('db_file_missing');
  if (input.passphrase.length === 0) throw new KasaneError('passphrase_empty');

  const candidates = keyFile.slots.filter((s) => s.kind === 'staff' && (!input.staffId || s.staffId === input.staffId));
  for (const slot of candidates) {
    const privateKey = await unwrapPrivateKey(keyFile, slot, input.passphrase);
    if (!privateKey) continue;
    const staff = { id: slot.staffId!, name: slot.label };
    const opened = openThroughSlot(dir, keyFile, slot, privateKey, staff, now);
    if (!opened) continue;
    const vault = opened.vault;
    const failures = readAttempts(files.attempts);
    const restored = readRestoreMarker(dir);
    vault.db.transaction(() => {
      if (restored) recordRestore(vault.db, restored);
      for (const f of failures) {
        appendAudit(vault.db, { action: 'vault.unlock_failed', staffId: keyFile.slots.find((s) => s.id === f.slotId)?.staffId ?? null, at: f.at });
      }
      appendAudit(vault.db, { action: 'vault.unlocked', staffId: staff.id }, now);
    })();
    clearAttempts(files.attempts);
    if (restored) clearRestoreMarker(dir);
    return vault;
  }
  const failures = recordFailure(files.attempts, { at: now.toISOString(), slotId: candidates.length === 1 ? candidates[0]!.id : null });
  const retry = retryAfterMs(failures, now);
  throw new KasaneError('wrong_passphrase', { retryAfterMs: retry, seconds: Math.ceil(retry / 1000) });
}
