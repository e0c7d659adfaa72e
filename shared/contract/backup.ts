import { z } from 'zod';
import { method } from './define';
import { IsoDate } from './home';

const FolderPath = z.string().trim().min(1).max(1000);
const FilePath = z.string().trim().min(1).max(1000);

export const BACKUP_KEEP = { min: 3, max: 365, default: 30 } as const;
/** The home screen warns when the last good backup is older than this. */
export const BACKUP_STALE_DAYS = 7;

export const BackupSettings = z.object({
  /** Where backups go (a USB stick, a network share); null until the secretariat chooses. */
  folder: z.string().nullable(),
  /** The newest N are kept, plus the newest of each month. */
  keep: z.number().int(),
  /** Back up once a day while the app is open. */
  daily: z.boolean(),
  /** Back up whenever the vault is locked or the app quits. */
  onLock: z.boolean(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const BackupRecord = z.object({
  at: z.string(),
  folder: z.string(),
  fileName: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  trigger: z.enum(['manual', 'lock', 'daily']),
  ok: z.boolean(),
  errorCode: z.string().nullable(),
});
export type BackupRecord = z.infer<typeof BackupRecord>;

export const BackupStatus = z.object({
  settings: BackupSettings,
  lastGood: BackupRecord.nullable(),
  lastAttempt: BackupRecord.nullable(),
  /** The folder exists and can be written to right now. */
  folderReachable: z.boolean(),
  /** No good backup in the last BACKUP_STALE_DAYS days (or never). */
  stale: z.boolean(),
  /** Backup files in the folder, newest first. */
  files: z.array(z.object({ fileName: z.string(), sizeBytes: z.number().int(), createdAt: z.string() })),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

/**
 * A backup under way, in its three steps: the snapshot of the vault (bytes of the snapshot file
 * against the vault's pages in use), the check of the snapshot by opening it (no measure inside:
 * done 0 of 1 until it is over), and writing the backup file (bytes of the database copied).
 */
export const BackupProgress = z.object({
  phase: z.enum(['snapshot', 'check', 'write']),
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  startedAt: z.string(),
});
export type BackupProgress = z.infer<typeof BackupProgress>;

/** What a backup holds, shown after unlocking it and before anything is replaced. */
export const BackupContents = z.object({
  createdAt: z.string(),
  sizeBytes: z.number().int(),
  municipalityName: z.string(),
  staffNames: z.array(z.string()),
  counts: z.object({ cases: z.number().int(), meetings: z.number().int(), members: z.number().int(), confirmedMinutes: z.number().int(), auditEntries: z.number().int() }),
  lastMeeting: z.object({ date: IsoDate, title: z.string() }).nullable(),
  /** SQLite integrity check and the audit chain of the backup itself. */
  verified: z.boolean(),
});
export type BackupContents = z.infer<typeof BackupContents>;

/**
 * What opens a backup: the passphrase of a staff account that existed when it was made, or the
 * recovery key that was valid then. One or the other, never both.
 */
const Passphrase = z.string().min(1).max(200);
const RecoveryKey = z.string().min(1).max(200);
export const OpenBackupInput = z.union([
  z.object({ file: FilePath, passphrase: Passphrase }).strict(),
  z.object({ file: FilePath, recoveryKey: RecoveryKey }).strict(),
]);
export type OpenBackupInput = z.infer<typeof OpenBackupInput>;

export const backupMethods = {
  'backup.status': method({ input: z.object({}).strict(), output: BackupStatus, access: 'unlocked', activity: false }),
  'backup.configure': method({
    input: z
      .object({ folder: FolderPath.nullable(), keep: z.number().int().min(BACKUP_KEEP.min).max(BACKUP_KEEP.max), daily: z.boolean(), onLock: z.boolean() })
      .partial()
      .strict(),
    output: BackupStatus,
    access: 'administrator',
  }),
  /**
   * One click: a consistent snapshot while the app keeps working, checked by opening it before it
   * counts. Answers when the backup is done; one at a time (backup_in_progress).
   */
  'backup.now': method({ input: z.object({}).strict(), output: BackupRecord, access: 'unlocked' }),
  /** The backup under way (a click, the daily one, a lock), polled while it runs; null when none runs. */
  'backup.progress': method({ input: z.object({}).strict(), output: BackupProgress.nullable(), access: 'unlocked', activity: false }),
  /**
   * Unlocks a backup file with a staff passphrase or the recovery key to show what it holds;
   * nothing is replaced.
   * Works with or without a vault (a new PC restoring from a USB stick).
   */
  'backup.inspect': method({ input: OpenBackupInput, output: BackupContents, access: 'public' }),
  /**
   * Replaces the vault with the backup: refused while a vault is unlocked; the current vault is
   * moved aside (never overwritten) and the restored one is verified before it takes its place.
   */
  'backup.restore': method({
    input: OpenBackupInput,
    output: z.object({ contents: BackupContents, keptAside: z.string().nullable() }),
    access: 'public',
  }),
};
