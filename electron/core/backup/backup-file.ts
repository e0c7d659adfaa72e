import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { KasaneError } from '../../../shared/contract';

/**
 * One backup is one file, so it can be copied to a USB stick or a share as a unit: a magic line,
 * a JSON header line, then the key file and the (already encrypted) database. Nothing in it is
 * readable without a staff passphrase or the recovery key: the header holds only sizes, hashes
 * and the time, and both parts are the vault's own encrypted files.
 */
const MAGIC = 'KASANE-BACKUP/1\n';
const CHUNK = 4 * 1024 * 1024;

export interface BackupHeader {
  format: 1;
  createdAt: string;
  /** What made it (a button, a lock, the daily backup); absent in files made before it was written. */
  trigger?: 'manual' | 'lock' | 'daily';
  keysBytes: number;
  dbBytes: number;
  keysSha256: string;
  dbSha256: string;
}

export function sha256OfFile(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let n; (n = readSync(fd, buf, 0, CHUNK, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Appends `length` bytes of `from` (starting at `offset`) to the open file `to`; `onChunk` sees each piece written. */
function copyInto(to: number, from: string, offset: number, length: number, onChunk?: (chunk: Buffer, done: number) => void): void {
  const fd = openSync(from, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, length - done), offset + done);
      if (n === 0) throw new KasaneError('backup_damaged');
      writeSync(to, buf, 0, n);
      done += n;
      onChunk?.(buf.subarray(0, n), done);
    }
  } finally {
    closeSync(fd);
  }
}

const headerLine = (header: BackupHeader) => Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8');

/**
 * Writes the backup file (the caller renames it into place once this returned: it is fsync-ed).
 * One pass over the database: it is hashed while it is copied, and the header, written first
 * with a placeholder of the same length, gets the hash at the end. `onProgress` hears the bytes
 * of the database copied so far (first 0).
 */
export function writeBackupFile(
  target: string,
  parts: { keys: Buffer; dbFile: string; createdAt: string; trigger: BackupHeader['trigger'] },
  onProgress?: (done: number, total: number) => void,
): BackupHeader {
  const header: BackupHeader = {
    format: 1,
    createdAt: parts.createdAt,
    trigger: parts.trigger,
    keysBytes: parts.keys.length,
    dbBytes: statSync(parts.dbFile).size,
    keysSha256: createHash('sha256').update(parts.keys).digest('hex'),
    dbSha256: '0'.repeat(64),
  };
  const placeholder = headerLine(header);
  const hash = createHash('sha256');
  const fd = openSync(target, 'wx', 0o600);
  try {
    writeSync(fd, placeholder);
    writeSync(fd, parts.keys);
    onProgress?.(0, header.dbBytes);
    copyInto(fd, parts.dbFile, 0, header.dbBytes, (chunk, done) => {
      hash.update(chunk);
      onProgress?.(done, header.dbBytes);
    });
    header.dbSha256 = hash.digest('hex');
    const line = headerLine(header);
    if (line.length !== placeholder.length) throw new Error('backup header changed length');
    writeSync(fd, line, 0, line.length, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return header;
}

/** Reads and checks the header; refuses anything that is not a whole Kasane backup. */
export function readBackupHeader(file: string): { header: BackupHeader; dataOffset: number } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new KasaneError('backup_not_found');
  }
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('utf8');
    if (!text.startsWith(MAGIC)) throw new KasaneError('backup_not_a_backup');
    const end = text.indexOf('\n', MAGIC.length);
    if (end < 0) throw new KasaneError('backup_damaged');
    let header: BackupHeader;
    try {
      header = JSON.parse(text.slice(MAGIC.length, end)) as BackupHeader;
    } catch {
      throw new KasaneError('backup_damaged');
    }
    if (header.format !== 1) throw new KasaneError('backup_not_a_backup');
    const dataOffset = Buffer.byteLength(text.slice(0, end + 1));
    if (statSync(file).size !== dataOffset + header.keysBytes + header.dbBytes) throw new KasaneError('backup_damaged');
    return { header, dataOffset };
  } finally {
    closeSync(fd);
  }
}

/** Writes the two parts back as files and checks them against the header's hashes. */
export function extractBackup(file: string, to: { keysFile: string; dbFile: string }): BackupHeader {
  const { header, dataOffset } = readBackupHeader(file);
  for (const [path, offset, length, sha] of [
    [to.keysFile, dataOffset, header.keysBytes, header.keysSha256],
    [to.dbFile, dataOffset + header.keysBytes, header.dbBytes, header.dbSha256],
  ] as const) {
    const fd = openSync(path, 'wx', 0o600);
    try {
      copyInto(fd, file, offset, length);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (sha256OfFile(path) !== sha) throw new KasaneError('backup_damaged');
  }
  return header;
}
