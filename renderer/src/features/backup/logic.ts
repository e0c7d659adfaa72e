import type { TFunction } from 'i18next';
import { BACKUP_STALE_DAYS, ERROR_CODES, KasaneError, type BackupStatus, type ErrorCode } from '../../../../shared/contract';

const DAY_MS = 86_400_000;

/** The query key of backup.status, shared by the settings section and the home warning. */
export const BACKUP_STATUS_KEY = ['backup.status'] as const;
/** The query key of backup.progress, polled while a backup runs. */
export const BACKUP_PROGRESS_KEY = ['backup.progress'] as const;

/** Why the home screen asks for attention; empty when backups are in order. */
export type BackupConcern =
  | { kind: 'notSet' }
  | { kind: 'unreachable'; folder: string }
  | { kind: 'never' }
  | { kind: 'old'; at: string; days: number };

/**
 * The home screen's reasons, from backup.status: no folder or an unreachable one, and no good
 * backup in the last BACKUP_STALE_DAYS days (the core decides `stale`; the days are for the words).
 */
export function backupConcerns(status: BackupStatus, now: Date): BackupConcern[] {
  const out: BackupConcern[] = [];
  const folder = status.settings.folder;
  if (!folder) out.push({ kind: 'notSet' });
  else if (!status.folderReachable) out.push({ kind: 'unreachable', folder });
  if (status.stale) {
    if (!status.lastGood) out.push({ kind: 'never' });
    else out.push({ kind: 'old', at: status.lastGood.at, days: Math.max(BACKUP_STALE_DAYS, Math.floor((now.getTime() - Date.parse(status.lastGood.at)) / DAY_MS)) });
  }
  return out;
}

/** Bytes in the unit a person reads: 812 バイト, 48 KB, 3.4 MB, 1.25 GB. */
export function formatBytes(t: TFunction, bytes: number, language: string): string {
  const num = (n: number, digits: number) => new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return t('backup.units.bytes', { n: num(bytes, 0) });
  if (bytes < 1024 ** 2) return t('backup.units.kb', { n: num(bytes / 1024, 0) });
  if (bytes < 1024 ** 3) return t('backup.units.mb', { n: num(bytes / 1024 ** 2, 1) });
  return t('backup.units.gb', { n: num(bytes / 1024 ** 3, 2) });
}

/** How long a backup took: 0.4秒, 12秒, 2分05秒. */
export function formatDuration(t: TFunction, ms: number, language: string): string {
  const seconds = ms / 1000;
  if (seconds < 60) {
    const n = new Intl.NumberFormat(language, { maximumFractionDigits: seconds < 10 ? 1 : 0 }).format(seconds);
    return t('backup.units.seconds', { n });
  }
  const total = Math.round(seconds);
  return t('backup.units.minutes', { m: Math.floor(total / 60), s: String(total % 60).padStart(2, '0') });
}

/** The recorded failure of an attempt as a typed error (with the folder its message names). */
export function attemptError(code: string, folder: string): KasaneError {
  const known = (ERROR_CODES as readonly string[]).includes(code);
  return known ? new KasaneError(code as ErrorCode, { folder }) : new KasaneError('internal', { ref: code });
}
