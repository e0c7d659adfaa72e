import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync } from 'node:fs';
import { KasaneError } from '../../../shared/contract';
import { assertNotNewer } from './migrations';

export type { Db };

export function keyPragmas(db: Db, dataKey: Buffer): void {
  // Order matters (STACK.md): cipher, legacy, then the raw key (no per-open PBKDF2).
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${dataKey.toString('hex')}'"`);
}

/** Pragmas shared by the vault and the bench's plaintext baseline (so the bench compares encryption only). */
export function performancePragmas(db: Db): void {
  // Sorts and temporary indexes stay in memory: SQLite's temp files would not be encrypted.
  db.pragma('temp_store=MEMORY');
  // 32 MB of decrypted pages in the core's memory (never the renderer's): a page is decrypted
  // once per session instead of on every read.
  db.pragma('cache_size=-32768');
}

function settle(db: Db): void {
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=FULL');
  db.pragma('foreign_keys=ON');
  db.pragma('secure_delete=ON');
  performancePragmas(db);
}

/** Creates a new encrypted database file. */
export function createDatabase(file: string, dataKey: Buffer): Db {
  if (existsSync(file)) throw new KasaneError('vault_exists');
  // Owner-only from the first byte; SQLite gives its WAL and journal the same mode.
  closeSync(openSync(file, 'wx', 0o600));
  const db = new Database(file);
  keyPragmas(db, dataKey);
  settle(db);
  return db;
}

/**
 * Opens an existing vault DB. The key was already authenticated by its key slot, so a failure
 * here means the file itself is damaged (or belongs to another key file): nothing is written to
 * it before every check has passed, so a damaged file stays exactly as it was.
 */
export function openDatabase(file: string, dataKey: Buffer, opts: { quickCheck?: boolean } = {}): Db {
  if (!existsSync(file)) throw new KasaneError('db_file_missing');
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch {
    throw new KasaneError('db_file_corrupt');
  }
  try {
    keyPragmas(db, dataKey);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    assertNotNewer(db);
    if (opts.quickCheck !== false) {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new KasaneError('db_file_corrupt');
    }
    settle(db);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof KasaneError) throw err;
    throw new KasaneError('db_file_corrupt');
  }
}
