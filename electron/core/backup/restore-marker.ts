import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-log';
import { writeFileAtomic } from '../vault/atomic-file';
import type { Db } from '../vault/database';

/**
 * A restored vault is exactly the backup's bytes: nothing can be written into it while it is
 * locked (it is encrypted, and the restore must not change what it restores). So the restore
 * leaves this small file beside the vault's files, and the next successful unlock writes what it
 * says into the vault — an audit entry `backup.restored` and the record of the restored backup
 * (which the backup itself cannot hold: its record is written after its snapshot was taken) —
 * and then removes it. It holds no case data and no secret: names of files, times and a hash.
 */
export const RESTORE_MARKER_FILE = 'kasane.restored.json';

export const RestoreMarker = z.object({
  format: z.literal(1),
  /** The backup file as it was chosen: its folder and name, size and SHA-256. */
  folder: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** When the backup was made (its header), and by which trigger when the header says so. */
  createdAt: z.string(),
  trigger: z.enum(['manual', 'lock', 'daily']),
  restoredAt: z.string(),
  /** Where the vault it replaced was kept; null when there was none (a new PC). */
  keptAside: z.string().nullable(),
  /** The staff account whose passphrase opened the backup; null when the recovery key did. */
  openedBy: z.string().nullable(),
  withRecoveryKey: z.boolean(),
});
export type RestoreMarker = z.infer<typeof RestoreMarker>;

const markerPath = (dir: string) => join(dir, RESTORE_MARKER_FILE);

export function writeRestoreMarker(dir: string, marker: RestoreMarker): void {
  writeFileAtomic(markerPath(dir), JSON.stringify(marker));
}

/** The marker of a restore not yet recorded, or null (none, or not one we can read: then it is left alone). */
export function readRestoreMarker(dir: string): RestoreMarker | null {
  let text: string;
  try {
    text = readFileSync(markerPath(dir), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = RestoreMarker.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Writes the restore into the unlocked vault: the audit entry (at the time of the restore, in the
 * name of whoever opened the backup) and the restored backup as the last good one (at the time it
 * was made). Call inside the unlock's transaction; once per marker, even if removing the marker
 * failed after an earlier unlock.
 */
export function recordRestore(db: Db, marker: RestoreMarker): void {
  const done = db
    .prepare("SELECT 1 FROM audit_log WHERE action = 'backup.restored' AND at = ? AND json_extract(details, '$.sha256') = ?")
    .get(marker.restoredAt, marker.sha256);
  if (done) return;
  appendAudit(db, {
    action: 'backup.restored',
    staffId: marker.openedBy,
    at: marker.restoredAt,
    details: {
      fileName: marker.fileName,
      createdAt: marker.createdAt,
      sha256: marker.sha256,
      keptAside: marker.keptAside,
      withRecoveryKey: marker.withRecoveryKey,
    },
  });
  db.prepare('INSERT INTO backups (at, folder, file_name, size, duration_ms, trigger, ok, error_code) VALUES (?, ?, ?, ?, NULL, ?, 1, NULL)').run(
    marker.createdAt,
    marker.folder,
    marker.fileName,
    marker.sizeBytes,
    marker.trigger,
  );
}

/** After the unlock's transaction committed. */
export function clearRestoreMarker(dir: string): void {
  rmSync(markerPath(dir), { force: true });
}
