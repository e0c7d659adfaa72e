import { createHash } from 'node:crypto';
import { z } from 'zod';
import { KasaneError } from '../../../shared/contract';
import { ATTACHMENT_LIMIT_MB, type MaterialMediaType } from '../../../shared/contract/cases';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';
import { EXTENSION_OF } from '../../../shared/domain/documents';
import { MEETING_TYPE_TITLES, type MeetingType } from '../../../shared/domain/agenda';
import { formatWareki } from '../../../shared/domain/wareki';
import { MATERIAL_ORDER } from '../meetings/material-order';

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

export function readAttachment(db: Db, id: string): { fileName: string; exportFileName: string; mediaType: MediaType; dataBase64: string } {
  const row = db.prepare('SELECT file_name, media_type, content FROM attachments WHERE id = ?').get(id) as
    | { file_name: string; media_type: MediaType; content: Buffer }
    | undefined;
  if (!row) throw new KasaneError('validation_failed', { fields: 'id', issues: [{ path: 'id', code: 'not_found' }] });
  return { fileName: row.file_name, exportFileName: attachmentExportName(db, id, row.media_type), mediaType: row.media_type, dataBase64: row.content.toString('base64') };
}

/**
 * The name a stored file leaves the vault under: what it is and what it belongs to (a case's
 * number, a meeting's date), never the name it was uploaded with — that one may well be a
 * person's name (「佐藤花子_経過.docx」).
 */
export function attachmentExportName(db: Db, id: string, mediaType: MediaType): string {
  const ext = EXTENSION_OF[mediaType] ?? 'bin';
  const consent = db.prepare('SELECT c.case_number FROM consents s JOIN cases c ON c.id = s.case_id WHERE s.scan_attachment_id = ?').pluck().get(id) as string | undefined;
  if (consent) return `同意書_${consent}.${ext}`;
  const pledge = db.prepare('SELECT signed_on FROM pledges WHERE scan_attachment_id = ?').pluck().get(id) as string | undefined;
  if (pledge) return `誓約書_写し_${formatWareki(pledge)}.${ext}`;
  const material = db
    .prepare(
      `SELECT number, date, type FROM (
         SELECT m.attachment_id, mt.date, mt.type, row_number() OVER (ORDER BY ${MATERIAL_ORDER}) AS number
         FROM agenda_materials m JOIN agenda_items a ON a.id = m.item_id JOIN meetings mt ON mt.id = a.meeting_id
         WHERE a.meeting_id = (SELECT a2.meeting_id FROM agenda_materials m2 JOIN agenda_items a2 ON a2.id = m2.item_id WHERE m2.attachment_id = @id)
       ) WHERE attachment_id = @id`,
    )
    .get({ id }) as { number: number; date: string; type: MeetingType } | undefined;
  if (material) return `資料${material.number}_${formatWareki(material.date)}_${MEETING_TYPE_TITLES[material.type]}.${ext}`;
  return `添付ファイル.${ext}`;
}
