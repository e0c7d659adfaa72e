import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { KasaneError, type BackupContents, type BackupRecord, type BackupSettings, type BackupStatus } from '../../../shared/contract';
import { BACKUP_KEEP, BACKUP_STALE_DAYS } from '../../../shared/contract/backup';
import type { Db } from '../vault/database';
import { openDatabase } from '../vault/database';
import { fsyncDir } from '../vault/atomic-file';
import { unlockVault, vaultFiles, type OpenVault } from '../vault/vault';
import { verifyVault } from '../vault/verify';
import { extractBackup, readBackupHeader, writeBackupFile } from './backup-file';

const PREFIX = 'kasane-backup-';
const SUFFIX = '.kasanebak';
type Trigger = BackupRecord['trigger'];

const pad = (n: number) => String(n).padStart(2, '0');
const stampAt = (now: Date) => `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;

/**
 * File names carry the time only: never a name, a municipality or anything from the vault. Two
 * backups in the same second (a manual one, then a lock) get -2, -3 … rather than replace each other.
 */
function freeFileName(folder: string, now: Date): string {
  for (let n = 1; ; n++) {
    const name = `${PREFIX}${stampAt(now)}${n === 1 ? '' : `-${n}`}${SUFFIX}`;
    if (!existsSync(join(folder, name))) return name;
  }
}

const isBackupName = (n: string) => /^kasane-backup-\d{8}-\d{6}(-\d+)?\.kasanebak$/.test(n);
/** Newest first: by time, then by the same-second counter. */
function newestFirst(names: string[]): string[] {
  const key = (n: string) => {
    const m = /^kasane-backup-(\d{8}-\d{6})(?:-(\d+))?/.exec(n)!;
    return `${m[1]}-${(m[2] ?? '1').padStart(6, '0')}`;
  };
  return names.filter(isBackupName).sort((a, b) => key(b).localeCompare(key(a)));
}

export function readBackupSettings(db: Db): BackupSettings {
  const get = (key: string) => (db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
  return {
    folder: get('backupFolder') || null,
    keep: Number(get('backupKeep')) || BACKUP_KEEP.default,
    daily: get('backupDaily') !== 'false',
    onLock: get('backupOnLock') !== 'false',
  };
}

export function writeBackupSettings(db: Db, input: Partial<BackupSettings>): void {
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  if (input.folder !== undefined) put.run('backupFolder', input.folder ?? '');
  if (input.keep !== undefined) put.run('backupKeep', String(input.keep));
  if (input.daily !== undefined) put.run('backupDaily', String(input.daily));
  if (input.onLock !== undefined) put.run('backupOnLock', String(input.onLock));
}

function writable(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** The error a secretariat can act on, from what the file system said. */
function folderError(err: unknown, folder: string): KasaneError {
  if (err instanceof KasaneError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || /SQLITE_FULL|database or disk is full/i.test(String((err as Error).message))) return new KasaneError('backup_disk_full');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || /readonly|read-only/i.test(String((err as Error).message))) {
    return new KasaneError('backup_folder_not_writable', { folder });
  }
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EIO') return new KasaneError('backup_folder_unreachable', { folder });
  return new KasaneError('backup_check_failed');
}

export function listBackupFiles(folder: string): { fileName: string; sizeBytes: number; createdAt: string }[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return newestFirst(names).flatMap((fileName) => {
      try {
        const { header } = readBackupHeader(join(folder, fileName));
        return [{ fileName, sizeBytes: statSync(join(folder, fileName)).size, createdAt: header.createdAt }];
      } catch {
        return [];
      }
    });
}

/** Keeps the newest `keep` backups and the newest of every month; removes the rest (after a good backup only). */
export function pruneBackups(folder: string, keep: number): string[] {
  const names = newestFirst(readdirSync(folder));
  const months = new Set<string>();
  const removed: string[] = [];
  names.forEach((name, i) => {
    const month = name.slice(PREFIX.length, PREFIX.length + 6);
    const monthly = !months.has(month);
    months.add(month);
    if (i < keep || monthly) return;
    unlinkSync(join(folder, name));
    removed.push(name);
  });
  return removed;
}

function record(db: Db, r: BackupRecord): void {
  db.prepare('INSERT INTO backups (at, folder, file_name, size, duration_ms, trigger, ok, error_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    r.at,
    r.folder,
    r.fileName,
    r.sizeBytes,
    r.durationMs,
    r.trigger,
    r.ok ? 1 : 0,
    r.errorCode,
  );
}

/**
 * A backup: `VACUUM INTO` a consistent encrypted snapshot while the app keeps working (see
 * STACK.md: better-sqlite3's backup() refuses an encrypted source), opened and checked with the
 * data key, packed with the key file into one file written beside its final name and renamed
 * into place. Nothing older is touched until the new one is good. Every attempt is recorded.
 */
export function createBackup(vault: OpenVault, trigger: Trigger, now: Date): BackupRecord {
  const settings = readBackupSettings(vault.db);
  if (!settings.folder) throw new KasaneError('backup_folder_not_set');
  const folder = settings.folder;
  const started = Date.now();
  const fileName = existsSync(folder) ? freeFileName(folder, now) : `${PREFIX}${stampAt(now)}${SUFFIX}`;
  const snapshot = join(folder, `.${fileName}.db.partial`);
  const packing = join(folder, `.${fileName}.partial`);
  try {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new KasaneError('backup_folder_unreachable', { folder });
    if (!writable(folder)) throw new KasaneError('backup_folder_not_writable', { folder });
    vault.db.prepare('VACUUM INTO ?').run(snapshot);
    let check: Db | null = null;
    try {
      check = openDatabase(snapshot, vault.dataKey, { quickCheck: false });
      const ok = verifyVault(check).ok;
      if (!ok) throw new KasaneError('backup_check_failed');
    } catch (err) {
      throw err instanceof KasaneError && err.code !== 'db_file_corrupt' ? err : new KasaneError('backup_check_failed');
    } finally {
      check?.close();
    }
    // The check opened the snapshot in WAL mode; fold it back so the file is whole on its own.
    for (const extra of ['-wal', '-shm']) rmSync(snapshot + extra, { force: true });
    writeBackupFile(packing, { keys: readFileSync(vaultFiles(vault.dir).keys), dbFile: snapshot, createdAt: now.toISOString() });
    renameSync(packing, join(folder, fileName));
    fsyncDir(folder);
    const done: BackupRecord = {
      at: now.toISOString(),
      folder,
      fileName,
      sizeBytes: statSync(join(folder, fileName)).size,
      durationMs: Date.now() - started,
      trigger,
      ok: true,
      errorCode: null,
    };
    record(vault.db, done);
    pruneBackups(folder, settings.keep);
    return done;
  } catch (err) {
    const e = folderError(err, folder);
    record(vault.db, { at: now.toISOString(), folder, fileName: null, sizeBytes: null, durationMs: Date.now() - started, trigger, ok: false, errorCode: e.code });
    throw e;
  } finally {
    for (const partial of [snapshot, `${snapshot}-wal`, `${snapshot}-shm`, packing]) rmSync(partial, { force: true });
  }
}

const rowToRecord = (r: Record<string, unknown> | undefined): BackupRecord | null =>
  r
    ? {
        at: r.at as string,
        folder: r.folder as string,
        fileName: (r.file_name as string | null) ?? null,
        sizeBytes: (r.size as number | null) ?? null,
        durationMs: (r.duration_ms as number | null) ?? null,
        trigger: r.trigger as Trigger,
        ok: r.ok === 1,
        errorCode: (r.error_code as string | null) ?? null,
      }
    : null;

export function backupStatus(db: Db, now: Date): BackupStatus {
  const settings = readBackupSettings(db);
  const lastGood = rowToRecord(db.prepare('SELECT * FROM backups WHERE ok = 1 ORDER BY id DESC LIMIT 1').get() as Record<string, unknown> | undefined);
  const lastAttempt = rowToRecord(db.prepare('SELECT * FROM backups ORDER BY id DESC LIMIT 1').get() as Record<string, unknown> | undefined);
  return {
    settings,
    lastGood,
    lastAttempt,
    folderReachable: settings.folder !== null && writable(settings.folder),
    stale: !lastGood || now.getTime() - Date.parse(lastGood.at) > BACKUP_STALE_DAYS * 86_400_000,
    files: settings.folder ? listBackupFiles(settings.folder) : [],
  };
}

/** Whether the daily backup is due (the last good one is a day old or there is none). */
export function dailyBackupDue(db: Db, now: Date): boolean {
  const s = readBackupSettings(db);
  if (!s.daily || !s.folder) return false;
  const last = db.prepare("SELECT at FROM backups WHERE ok = 1 ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined;
  return !last || now.getTime() - Date.parse(last) >= 86_400_000;
}

function contentsOf(db: Db, createdAt: string, sizeBytes: number, staffNames: string[]): BackupContents {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const last = db.prepare("SELECT date, title FROM meetings WHERE state <> 'planned' ORDER BY date DESC, start_time DESC LIMIT 1").get() as
    | { date: string; title: string }
    | undefined;
  return {
    createdAt,
    sizeBytes,
    municipalityName: (db.prepare("SELECT value FROM settings WHERE key = 'municipalityName'").pluck().get() as string | undefined) ?? '',
    staffNames,
    counts: {
      cases: count('SELECT count(*) FROM cases'),
      meetings: count('SELECT count(*) FROM meetings'),
      members: count('SELECT count(*) FROM members'),
      confirmedMinutes: count('SELECT count(DISTINCT meeting_id) FROM minutes_versions'),
      auditEntries: count('SELECT count(*) FROM audit_log'),
    },
    lastMeeting: last ?? null,
    verified: verifyVault(db).ok,
  };
}

/**
 * Unpacks a backup into a new folder beside `near` (same disk, so a restore can rename it into
 * place), unlocks it with the passphrase and reads what it holds. The caller keeps or removes it.
 */
async function unpackAndOpen(file: string, passphrase: string, near: string, now: Date): Promise<{ dir: string; contents: BackupContents }> {
  const header = readBackupHeader(file).header;
  const parent = dirname(near);
  const dir = mkdtempSync(join(parent, `.${basename(near)}.restore-`));
  try {
    const files = vaultFiles(dir);
    extractBackup(file, { keysFile: files.keys, dbFile: files.db });
    const vault = await unlockVault(dir, { passphrase }, now);
    try {
      const staffNames = vault.db.prepare('SELECT name FROM staff WHERE removed_at IS NULL ORDER BY created_at').pluck().all() as string[];
      return { dir, contents: contentsOf(vault.db, header.createdAt, statSync(file).size, staffNames) };
    } finally {
      vault.close();
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export async function inspectBackup(file: string, passphrase: string, vaultDir: string, now: Date): Promise<BackupContents> {
  const { dir, contents } = await unpackAndOpen(file, passphrase, vaultDir, now);
  rmSync(dir, { recursive: true, force: true });
  return contents;
}

/**
 * Restore: the backup is unpacked and verified first; only then is the current vault moved aside
 * (kept, never overwritten) and the restored folder renamed into its place. The vault must not be
 * open. Returns where the previous vault was kept.
 */
export async function restoreBackup(file: string, passphrase: string, vaultDir: string, now: Date): Promise<{ contents: BackupContents; keptAside: string | null }> {
  const checked = await unpackAndOpen(file, passphrase, vaultDir, now);
  rmSync(checked.dir, { recursive: true, force: true });
  if (!checked.contents.verified) throw new KasaneError('backup_damaged');
  // What takes the vault's place is the backup's own bytes, unpacked again (the check above
  // unlocked its copy, which writes an audit entry): the restored vault is exactly the backup.
  const dir = mkdtempSync(join(dirname(vaultDir), `.${basename(vaultDir)}.restore-`));
  const stamp = stampAt(now);
  const aside = existsSync(vaultDir) ? `${vaultDir}.before-restore-${stamp}` : null;
  try {
    const files = vaultFiles(dir);
    extractBackup(file, { keysFile: files.keys, dbFile: files.db });
    if (aside) renameSync(vaultDir, aside);
    try {
      renameSync(dir, vaultDir);
    } catch (err) {
      if (aside) renameSync(aside, vaultDir);
      throw err;
    }
    fsyncDir(dirname(vaultDir));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err instanceof KasaneError ? err : new KasaneError('restore_failed');
  }
  return { contents: checked.contents, keptAside: aside };
}
