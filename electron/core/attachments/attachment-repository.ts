import { createHash } from 'node:crypto';
import { z } from 'zod';
import { KasaneError } from '../../../shared/contract';
import { ATTACHMENT_LIMIT_MB, type MaterialMediaType } from '../../../shared/contract/cases';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';

export type MediaType = MaterialMediaType;

const ZIP = [0x50, 0x4b, 0x03, 0x04]; // Office Open XML files are ZIP archives
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // legacy Office compound files

/** The first bytes of each allowed type: a renamed .exe is not a PDF. */
const SIGNATURES: Record<MediaType, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ZIP,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ZIP,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ZIP,
  'application/msword': OLE,
  'application/vnd.ms-excel': OLE,
  'application/vnd.ms-powerpoint': OLE,
};

export function decodeAttachment(dataBase64: string, mediaType: MediaType, limitMb: number = ATTACHMENT_LIMIT_MB): Buffer {
  if (!z.base64().safeParse(dataBase64).success) throw new KasaneError('attachment_type_not_allowed');
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > limitMb * 1024 * 1024) throw new KasaneError('attachment_too_large', { limitMb });
  if (!SIGNATURES[mediaType].every((b, i) => bytes[i] === b)) throw new KasaneError('attachment_type_not_allowed');
  return bytes;
}

/** Stores the file inside the encrypted DB (never on disk beside it). */
export function storeAttachment(db: Db, file: { fileName: string; mediaType: MediaType; bytes: Buffer }, staffId: string, now: Date): string {
  const id = randomId();
  db.prepare(
    'INSERT INTO attachments (id, file_name, media_type, size, sha256, content, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(id, file.fileName, file.mediaType, file.bytes.length, createHash('sha256').update(file.bytes).digest('hex'), file.bytes, now.toISOString(), staffId);
  return id;
}

export function readAttachment(db: Db, id: string): { fileName: string; mediaType: MediaType; dataBase64: string } {
  const row = db.prepare('SELECT file_name, media_type, content FROM attachments WHERE id = ?').get(id) as
    | { file_name: string; media_type: MediaType; content: Buffer }
    | undefined;
  if (!row) throw new KasaneError('validation_failed', { fields: 'id', issues: [{ path: 'id', code: 'not_found' }] });
  return { fileName: row.file_name, mediaType: row.media_type, dataBase64: row.content.toString('base64') };
}
