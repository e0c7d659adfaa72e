import { HELD_STATES_SQL } from '../meetings/meeting-state';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { KasaneError, type BackupContents, type BackupProgress, type BackupRecord, type BackupSettings, type BackupStatus } from '../../../shared/contract';
import { BACKUP_KEEP, BACKUP_STALE_DAYS } from '../../../shared/contract/backup';
import type { Db } from '../vault/database';
import { appendAudit } from '../audit/audit-log';
import { fsyncDir } from '../vault/atomic-file';
import { readKeyFile } from '../vault/key-file';
import { staffOf, unlockVault, vaultFiles, type OpenVault } from '../vault/vault';
import { openWithRecoveryKey, recoverySecret, roleOf } from '../staff/staff-service';
import { verifyVault } from '../vault/verify';
import { retryAfterMs, type FailedAttempt } from '../vault/attempts';
import { extractBackup, readBackupHeader, sha256OfFile, type BackupHeader } from './backup-file';
import { writeRestoreMarker } from './restore-marker';
import type { BackupJobInput, BackupPhase, BackupWorkerMessage } from './backup-worker';

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

/** The backup under way in this process (one at a time), and how far it is. */
interface RunningBackup {
  dir: string;
  phase: BackupPhase;
  done: number;
  total: number;
  startedAt: string;
  /** The snapshot file, whose size is the progress of the snapshot phase. */
  snapshot: string | null;
  finished: Promise<unknown>;
}
let running: RunningBackup | null = null;

/** How far the backup of the vault in `dir` is, or null when none runs. */
export function backupProgress(dir: string): BackupProgress | null {
  const job = running;
  if (!job || job.dir !== dir || job.total === 0) return null;
  let done = job.done;
  if (job.phase === 'snapshot' && job.snapshot) {
    try {
      done = statSync(job.snapshot).size;
    } catch {
      done = 0; // not created yet
    }
  }
  return { phase: job.phase, done: Math.min(done, job.total), total: job.total, startedAt: job.startedAt };
}

/** The backup running on the vault in `dir`, as a promise that settles when it has finished (however it ended); null when none runs. */
export function runningBackup(dir: string): Promise<void> | null {
  const job = running;
  return job && job.dir === dir ? job.finished.then(noop, noop) : null;
}
const noop = () => undefined;

/**
 * The worker's script: in the Electron app, its own bundle beside the main bundle
 * (dist/electron/backup-worker.cjs, scripts/build-electron.mjs); from the sources, through tsx.
 */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.cjs') ? new URL('./backup-worker.cjs', here) : new URL('./backup-worker-entry.mjs', here);
}

/** An error the worker reported, as the typed error it was or as what the file system said (for folderError). */
function errorFromWorker(error: Extract<BackupWorkerMessage, { type: 'failed' }>['error']): Error {
  if (error.kasane) return KasaneError.fromShape(error.kasane);
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
}

/**
 * The worker thread, started at the first backup and kept for the next ones (starting it loads
 * the core's modules: under tsx that is most of a small backup's time). It holds no key between
 * backups, and keeps the process alive only while a backup runs.
 */
let worker: Worker | null = null;

function backupWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(workerUrl());
  w.on('exit', () => {
    if (worker === w) worker = null;
  });
  w.on('error', (err) => console.error(`[kasane] backup worker failed: ${err.name} ${(err as NodeJS.ErrnoException).code ?? ''}`));
  worker = w;
  return w;
}

/** Runs the snapshot, its check and the packing in the worker thread; `job` follows its progress. */
function runWorker(input: Omit<BackupJobInput, 'dataKey'>, dataKey: Buffer, job: RunningBackup): Promise<BackupHeader> {
  const w = backupWorker();
  return new Promise<BackupHeader>((resolve, reject) => {
    const finish = (settle: () => void) => {
      w.off('message', onMessage).off('exit', onExit);
      w.unref();
      settle();
    };
    const onMessage = (m: BackupWorkerMessage) => {
      if (m.type === 'phase') Object.assign(job, { phase: m.phase, total: m.total, done: 0 });
      else if (m.type === 'progress') job.done = m.done;
      else if (m.type === 'done') finish(() => resolve(m.header));
      else finish(() => reject(errorFromWorker(m.error)));
    };
    // A worker that fails ('error') exits too.
    const onExit = (code: number) => finish(() => reject(new Error(`backup worker exited (${code})`)));
    w.on('message', onMessage).on('exit', onExit);
    w.ref();
    // A copy of the data key in a buffer of its own, moved (not copied) to the worker, which zeroes it.
    const key = new Uint8Array(dataKey);
    w.postMessage({ ...input, dataKey: key.buffer } satisfies BackupJobInput, [key.buffer]);
  });
}

/**
 * A backup: `VACUUM INTO` a consistent encrypted snapshot while the app keeps working (see
 * STACK.md: better-sqlite3's backup() refuses an encrypted source), opened and checked with the
 * data key, packed with the key file into one file written beside its final name and renamed
 * into place — all of that in a worker thread with its own connection (backup-worker.ts), so
 * the core keeps answering meanwhile and `backupProgress` can say how far it is. Nothing older is
 * touched until the new one is good. Every attempt is recorded (and audited for `auditAs`, the
 * staff account that asked). One at a time: another is refused with backup_in_progress.
 */
/**
 * `opts.to`: a one-off destination (kasane backup --to DIR, e.g. a USB stick): used for this backup
 * only, never saved as the folder of later automatic backups, and never pruned (the files there
 * are someone else's to keep).
 */
export function createBackup(vault: OpenVault, trigger: Trigger, now: Date, opts: { auditAs?: string; to?: string } = {}): Promise<BackupRecord> {
  if (running) return Promise.reject(new KasaneError('backup_in_progress'));
  const job: RunningBackup = { dir: vault.dir, phase: 'snapshot', done: 0, total: 0, startedAt: now.toISOString(), snapshot: null, finished: Promise.resolve() };
  running = job;
  const finished = makeBackup(vault, trigger, now, job, opts.auditAs ?? null, opts.to ?? null).finally(() => {
    if (running === job) running = null;
  });
  job.finished = finished;
  return finished;
}

async function makeBackup(vault: OpenVault, trigger: Trigger, now: Date, job: RunningBackup, auditAs: string | null, oneOff: string | null): Promise<BackupRecord> {
  const configured = readBackupSettings(vault.db);
  const settings = oneOff ? { ...configured, folder: oneOff } : configured;
  if (!settings.folder) {
    if (auditAs) appendAudit(vault.db, { action: 'backup.failed', staffId: auditAs, details: { code: 'backup_folder_not_set' } }, now);
    throw new KasaneError('backup_folder_not_set');
  }
  const folder = settings.folder;
  const started = Date.now();
  const fileName = existsSync(folder) ? freeFileName(folder, now) : `${PREFIX}${stampAt(now)}${SUFFIX}`;
  const snapshot = join(folder, `.${fileName}.db.partial`);
  const packing = join(folder, `.${fileName}.partial`);
  job.snapshot = snapshot;
  try {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new KasaneError('backup_folder_unreachable', { folder });
    if (!writable(folder)) throw new KasaneError('backup_folder_not_writable', { folder });
    const keys = readFileSync(vaultFiles(vault.dir).keys);
    await runWorker({ dbFile: vaultFiles(vault.dir).db, snapshot, packing, target: join(folder, fileName), keys, createdAt: now.toISOString(), trigger }, vault.dataKey, job);
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
    vault.db.transaction(() => {
      record(vault.db, done);
      if (auditAs) appendAudit(vault.db, { action: 'backup.created', staffId: auditAs, details: { fileName: done.fileName, sizeBytes: done.sizeBytes } }, now);
    })();
    if (!oneOff) pruneBackups(folder, settings.keep);
    return done;
  } catch (err) {
    const e = folderError(err, folder);
    vault.db.transaction(() => {
      record(vault.db, { at: now.toISOString(), folder, fileName: null, sizeBytes: null, durationMs: Date.now() - started, trigger, ok: false, errorCode: e.code });
      if (auditAs) appendAudit(vault.db, { action: 'backup.failed', staffId: auditAs, details: { code: e.code } }, now);
    })();
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
  const last = db.prepare(`SELECT date, title FROM meetings WHERE state IN ${HELD_STATES_SQL} ORDER BY date DESC, start_time DESC LIMIT 1`).get() as
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

/** What opens a backup: a staff passphrase or the recovery key (as typed; its form is checked first). */
export type BackupSecret = { passphrase: string } | { recoveryKey: string };

/** Opens the unpacked copy in `dir` through the recovery slot its key file had when the backup was made. */
async function openWithRecovery(dir: string, recoveryKey: string, now: Date): Promise<OpenVault> {
  const secret = recoverySecret(recoveryKey);
  const keyFile = readKeyFile(vaultFiles(dir).keys);
  if (!keyFile.slots.some((s) => s.kind === 'recovery')) throw new KasaneError('backup_no_recovery_key');
  // The copy is thrown away after reading: it is opened in the name of its first account (the
  // lock file and a pending rotation's audit entry need one), never used for anything else.
  const staff = staffOf(keyFile)[0] ?? { id: 'recovery', name: 'recovery' };
  const opened = await openWithRecoveryKey(dir, keyFile, secret, staff, now);
  if (!opened) throw new KasaneError('backup_recovery_key_wrong');
  return opened.vault;
}

/**
 * Wrong passphrases and recovery keys tried on a backup, kept in the core's memory: a backup is
 * opened in a temporary copy whose attempts file is thrown away, so without this, guessing would
 * be unlimited. They slow the next attempt on the same backup exactly as on the unlock screen
 * (attempts.ts: 1 s, 2 s, 4 s … 60 s). A backup is known by the hashes in its header, which are
 * checked against its contents before any attempt: a copy or a renamed file is the same backup.
 */
const backupFailures = new Map<string, FailedAttempt[]>();
const failuresKey = (h: BackupHeader) => `${h.keysSha256}:${h.dbSha256}`;
const waitDetails = (ms: number) => ({ retryAfterMs: ms, seconds: Math.ceil(ms / 1000) });

/**
 * Unpacks a backup into a new folder beside `near` (same disk, so a restore can rename it into
 * place), unlocks it with the passphrase or the recovery key and reads what it holds. The caller
 * keeps or removes it. A recovery key with a typo is refused before anything is written.
 */
async function unpackAndOpen(
  file: string,
  secret: BackupSecret,
  near: string,
  now: Date,
): Promise<{ dir: string; contents: BackupContents; header: BackupHeader; openedBy: string | null; administrator: boolean }> {
  const header = readBackupHeader(file).header;
  const key = failuresKey(header);
  const wait = retryAfterMs(backupFailures.get(key) ?? [], now);
  if (wait > 0) throw new KasaneError('too_many_attempts', waitDetails(wait));
  if ('recoveryKey' in secret) recoverySecret(secret.recoveryKey);
  const parent = dirname(near);
  const dir = mkdtempSync(join(parent, `.${basename(near)}.restore-`));
  try {
    const files = vaultFiles(dir);
    extractBackup(file, { keysFile: files.keys, dbFile: files.db });
    let vault: OpenVault;
    try {
      vault = 'recoveryKey' in secret ? await openWithRecovery(dir, secret.recoveryKey, now) : await unlockVault(dir, { passphrase: secret.passphrase }, now);
    } catch (err) {
      if (!(err instanceof KasaneError) || (err.code !== 'wrong_passphrase' && err.code !== 'backup_recovery_key_wrong')) throw err;
      const failures = [...(backupFailures.get(key) ?? []), { at: now.toISOString(), slotId: null }].slice(-1000);
      backupFailures.set(key, failures);
      throw new KasaneError(err.code, waitDetails(retryAfterMs(failures, now)));
    }
    backupFailures.delete(key);
    try {
      const staffNames = vault.db.prepare('SELECT name FROM staff WHERE removed_at IS NULL ORDER BY created_at').pluck().all() as string[];
      const openedBy = 'passphrase' in secret ? vault.staff.id : null;
      // The recovery key is the administrator's (printed and kept by the 課長); a passphrase counts as the role its account has in the backup.
      const administrator = openedBy === null || roleOf(vault) === 'administrator';
      return { dir, header, openedBy, administrator, contents: contentsOf(vault.db, header.createdAt, statSync(file).size, staffNames) };
    } finally {
      vault.close();
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export async function inspectBackup(file: string, secret: BackupSecret, vaultDir: string, now: Date): Promise<BackupContents> {
  const { dir, contents } = await unpackAndOpen(file, secret, vaultDir, now);
  rmSync(dir, { recursive: true, force: true });
  return contents;
}

/**
 * Restore: the backup is unpacked and verified first; only then is the current vault moved aside
 * (kept, never overwritten) and the restored folder renamed into its place. The vault must not be
 * open. Returns where the previous vault was kept. Beside the restored files goes the restore
 * marker (restore-marker.ts), which the next unlock writes into the audit log and the backups.
 */
export async function restoreBackup(file: string, secret: BackupSecret, vaultDir: string, now: Date): Promise<{ contents: BackupContents; keptAside: string | null }> {
  const checked = await unpackAndOpen(file, secret, vaultDir, now);
  rmSync(checked.dir, { recursive: true, force: true });
  // Replacing the whole vault is an administrator's decision (issue 17); anyone may look inside.
  if (!checked.administrator) throw new KasaneError('administrator_only', { what: 'backup.restore' });
  if (!checked.contents.verified) throw new KasaneError('backup_damaged');
  // What takes the vault's place is the backup's own bytes, unpacked again (the check above
  // unlocked its copy, which writes an audit entry): the restored vault is exactly the backup.
  const dir = mkdtempSync(join(dirname(vaultDir), `.${basename(vaultDir)}.restore-`));
  const stamp = stampAt(now);
  const aside = existsSync(vaultDir) ? `${vaultDir}.before-restore-${stamp}` : null;
  try {
    const files = vaultFiles(dir);
    extractBackup(file, { keysFile: files.keys, dbFile: files.db });
    writeRestoreMarker(dir, {
      format: 1,
      folder: dirname(resolve(file)),
      fileName: basename(file),
      sizeBytes: statSync(file).size,
      sha256: sha256OfFile(file),
      createdAt: checked.header.createdAt,
      // Files made before the header named its trigger: most backups are made by the button.
      trigger: checked.header.trigger ?? 'manual',
      restoredAt: now.toISOString(),
      keptAside: aside,
      openedBy: checked.openedBy,
      withRecoveryKey: 'recoveryKey' in secret,
    });
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
