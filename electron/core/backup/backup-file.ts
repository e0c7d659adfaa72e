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
  keysBytes: number;
  dbBytes: number;
  keysSha256: string;
  dbSha256: string;
}

function sha256OfFile(path: string): string {
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

/** Appends `length` bytes of `from` (starting at `offset`) to the open file `to`. */
function copyInto(to: number, from: string, offset: number, length: number): void {
  const fd = openSync(from, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, length - done), offset + done);
      if (n === 0) throw new KasaneError('backup_damaged');
      writeSync(to, buf, 0, n);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes the backup file (the caller renames it into place once this returned: it is fsync-ed). */
export function writeBackupFile(target: string, parts: { keys: Buffer; dbFile: string; createdAt: string }): BackupHeader {
  const header: BackupHeader = {
    format: 1,
    createdAt: parts.createdAt,
    keysBytes: parts.keys.length,
    dbBytes: statSync(parts.dbFile).size,
    keysSha256: createHash('sha256').update(parts.keys).digest('hex'),
    dbSha256: sha256OfFile(parts.dbFile),
  };
  const fd = openSync(target, 'wx', 0o600);
  try {
    writeSync(fd, MAGIC + JSON.stringify(header) + '\n');
    writeSync(fd, parts.keys);
    copyInto(fd, parts.dbFile, 0, header.dbBytes);
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
