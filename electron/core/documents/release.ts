import { KasaneError, RELEASE_HINTS_MAX, type DocumentRelease } from '../../../shared/contract';
import type { ReleaseSubjectKind } from '../../../shared/domain/documents';
import type { Db } from '../vault/database';
import type { Work } from '../rpc/work';

/**
 * A document leaving the vault (saved as a file or printed): recorded in the audit log with its
 * recipient, purpose and the SHA-256 of the bytes handed over, in the same transaction as the
 * checks. The renderer hands the file over only after this succeeded.
 */

const SUBJECT_TABLES: Record<ReleaseSubjectKind, string> = {
  meeting: 'meetings',
  case: 'cases',
  plan: 'plans',
  organization: 'organizations',
  member: 'members',
  attachment: 'attachments',
};

/** Whitespace of either width is not part of a name: 「佐藤 花子」 and 「佐藤花子」 are one name. */
const SQL_SQUEEZE = (col: string) => `replace(replace(${col}, ' ', ''), '　', '')`;

/**
 * Whether `fileName` contains the full name of a person in the vault (a case's subject or a
 * member). File names are generated from document, date and number; this is the last guard.
 */
export function containsPersonalName(db: Db, fileName: string): boolean {
  const squeezed = fileName.replace(/[\s\u3000]/g, '');
  const hit = (table: string, col: string) =>
    db
      .prepare(`SELECT 1 FROM ${table} WHERE ${col} IS NOT NULL AND length(${SQL_SQUEEZE(col)}) >= 2 AND instr(?, ${SQL_SQUEEZE(col)}) > 0 LIMIT 1`)
      .get(squeezed) !== undefined;
  return hit('cases', 'full_name') || hit('cases', 'full_name_kana') || hit('members', 'name');
}

export function recordRelease(w: Work, input: DocumentRelease): { at: string } {
  if (input.subject) {
    const found = w.db.prepare(`SELECT 1 FROM ${SUBJECT_TABLES[input.subject.kind]} WHERE id = ?`).get(input.subject.id);
    if (!found) throw new KasaneError('validation_failed', { fields: 'subject', issues: [{ path: 'subject.id', code: 'not_found' }] });
  }
  if (containsPersonalName(w.db, input.fileName)) throw new KasaneError('file_name_personal');
  w.audit({
    action: 'document.released',
    subject: input.subject?.id ?? null,
    details: {
      document: input.document,
      ...(input.subject ? { subjectKind: input.subject.kind } : {}),
      fileName: input.fileName,
      recipient: input.recipient,
      purpose: input.purpose,
      action: input.action,
      ...(input.pages !== null ? { pages: input.pages } : {}),
      sha256: input.sha256,
    },
  });
  return { at: w.now.toISOString() };
}

/** Recipients and purposes of recent releases, newest first, each once. */
export function releaseHints(db: Db): { recipients: string[]; purposes: string[] } {
  const rows = db.prepare("SELECT details FROM audit_log WHERE action = 'document.released' ORDER BY seq DESC LIMIT 300").pluck().all() as string[];
  const recipients = new Set<string>();
  const purposes = new Set<string>();
  for (const raw of rows) {
    let d: { recipient?: unknown; purpose?: unknown };
    try {
      d = JSON.parse(raw) as typeof d;
    } catch {
      continue;
    }
    if (typeof d.recipient === 'string' && recipients.size < RELEASE_HINTS_MAX) recipients.add(d.recipient);
    if (typeof d.purpose === 'string' && purposes.size < RELEASE_HINTS_MAX) purposes.add(d.purpose);
  }
  return { recipients: [...recipients], purposes: [...purposes] };
}
