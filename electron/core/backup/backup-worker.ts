import { renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { KasaneError, type KasaneErrorShape } from '../../../shared/contract';
import { openDatabase, type Db } from '../vault/database';
import { verifyVault } from '../vault/verify';
import { fsyncDir } from '../vault/atomic-file';
import { writeBackupFile, type BackupHeader } from './backup-file';

/**
 * The slow part of a backup, in a worker thread so the core keeps answering while it runs (a
 * vault with many scanned materials takes seconds to minutes): the snapshot (`VACUUM INTO`) on a
 * connection of its own — opened by the same `openDatabase` as the vault, with the same key and
 * pragmas —, the check of the snapshot by opening it, the packing into one file and its rename
 * into place. The core records the attempt (backup.ts).
 *
 * Loaded from the sources through backup-worker-entry.mjs (tsx), and as its own bundle
 * dist/electron/backup-worker.cjs in the Electron app (scripts/build-electron.mjs).
 */

export type BackupPhase = 'snapshot' | 'check' | 'write';

export interface BackupJobInput {
  dbFile: string;
  snapshot: string;
  packing: string;
  /** Where the packed file is renamed to once it is whole (the folder is fsync-ed after). */
  target: string;
  keys: Uint8Array;
  createdAt: string;
  trigger: BackupHeader['trigger'];
  /** The data key, transferred (not copied) to this thread and zeroed here once used. */
  dataKey: ArrayBuffer;
}

export type BackupWorkerMessage =
  | { type: 'phase'; phase: BackupPhase; total: number }
  | { type: 'progress'; done: number }
  | { type: 'done'; header: BackupHeader }
  | { type: 'failed'; error: { kasane: KasaneErrorShape | null; code: string | null; message: string } };

/** The size the snapshot will have: the vault's pages in use (VACUUM INTO leaves out the free ones). */
function pagesInUse(db: Db): number {
  const pragma = (name: string) => db.pragma(name, { simple: true }) as number;
  return Math.max(1, (pragma('page_count') - pragma('freelist_count')) * pragma('page_size'));
}

export function runBackupJob(input: BackupJobInput, post: (message: BackupWorkerMessage) => void): void {
  const dataKey = Buffer.from(input.dataKey);
  try {
    const source = openDatabase(input.dbFile, dataKey, { quickCheck: false });
    try {
      post({ type: 'phase', phase: 'snapshot', total: pagesInUse(source) });
      source.prepare('VACUUM INTO ?').run(input.snapshot);
    } finally {
      source.close();
    }

    post({ type: 'phase', phase: 'check', total: 1 });
    let check: Db | null = null;
    try {
      check = openDatabase(input.snapshot, dataKey, { quickCheck: false });
      if (!verifyVault(check).ok) throw new KasaneError('backup_check_failed');
    } catch (err) {
      throw err instanceof KasaneError && err.code !== 'db_file_corrupt' ? err : new KasaneError('backup_check_failed');
    } finally {
      check?.close();
    }
    // The check opened the snapshot in WAL mode; fold it back so the file is whole on its own.
    for (const extra of ['-wal', '-shm']) rmSync(input.snapshot + extra, { force: true });

    const header = writeBackupFile(
      input.packing,
      { keys: Buffer.from(input.keys), dbFile: input.snapshot, createdAt: input.createdAt, trigger: input.trigger },
      (done, total) => post(done === 0 ? { type: 'phase', phase: 'write', total } : { type: 'progress', done }),
    );
    rmSync(input.snapshot, { force: true }); // packed: its space is given back before the rename
    renameSync(input.packing, input.target);
    fsyncDir(dirname(input.target));
    post({ type: 'done', header });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    post({
      type: 'failed',
      error: { kasane: err instanceof KasaneError ? err.toShape() : null, code: typeof e?.code === 'string' ? e.code : null, message: String(e?.message ?? err) },
    });
  } finally {
    dataKey.fill(0);
  }
}

// One job at a time: the core starts the next only when this one has answered.
parentPort?.on('message', (input: BackupJobInput) => runBackupJob(input, (message) => parentPort!.postMessage(message)));
