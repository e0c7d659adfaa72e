import { createHash } from 'node:crypto';
import type { Db } from '../vault/database';

/**
 * The audit log is append-only (triggers refuse UPDATE and DELETE) and hash-chained: each row
 * stores the previous row's hash and the hash of its own content, so changing or removing any
 * row breaks the chain from that row on, which `verifyAuditChain` reports.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditAction =
  | 'vault.created'
  | 'vault.unlocked'
  | 'vault.unlock_failed'
  | 'vault.locked'
  | 'settings.updated'
  | 'sample.seeded'
  | StaffAuditAction
  | DirectoryAuditAction
  | CaseAuditAction
  | MinutesAuditAction;

/** Minutes and role assignments (autosaves of notes are not audited: they are the content itself). */
type MinutesAuditAction =
  | 'minutes.decision_changed'
  | 'minutes.role_changed'
  | 'role.progress'
  | 'meeting.copy_returned'
  | 'meeting.closed'
  | 'minutes.confirmed'
  | 'minutes.amendment_started'
  | 'minutes.case_transitioned'
  | 'backup.configured'
  | 'backup.created'
  | 'backup.failed'
  | 'backup.restored'
  | 'plan.changed'
  | 'plan.decided';

type DirectoryAuditAction =
  | 'organization.created'
  | 'organization.updated'
  | 'organization.retired'
  | 'organization.reinstated'
  | 'member.created'
  | 'member.updated'
  | 'member.moved'
  | 'member.left'
  | 'directory.imported';

type CaseAuditAction =
  | 'case.registered'
  | 'case.revealed'
  | 'case.transitioned'
  | 'case.updated'
  | 'category.changed'
  | 'consent.recorded'
  | 'consent.scan_attached'
  | 'consent.withdrawn'
  | 'attachment.viewed'
  | 'meeting.planned'
  | 'meeting.updated'
  | 'meeting.cancelled'
  | 'meeting.corrected'
  | 'agenda.changed'
  | 'document.exported'
  | 'document.released'
  | 'pledge.recorded'
  | 'pledge.superseded'
  | 'pledge.scan_attached'
  | 'pledge.revoked'
  | 'pledge.original_received'
  | 'pledge.wording_updated'
  | 'attendance.checked_in'
  | 'attendance.left'
  | 'attendance.walk_in'
  | 'meeting.opened'
  | 'gate.refused'
  | 'gate.exemption_used'
  | 'gate.late_arrival_covered';

type StaffAuditAction =
  | 'staff.added'
  | 'staff.role_changed'
  | 'access.refused'
  | 'organization.exemption_changed'
  | 'staff.removed'
  | 'staff.passphrase_changed'
  | 'recovery_key.created'
  | 'vault.recovered'
  | 'vault.key_rotated';

export interface AuditEntry {
  action: AuditAction;
  staffId: string | null;
  subject?: string | null;
  details?: Record<string, unknown>;
  /** When it happened; defaults to now. Failed unlocks are recorded later with their own time. */
  at?: string;
}

interface AuditRow {
  seq: number;
  at: string;
  staff_id: string | null;
  action: string;
  subject: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

function rowHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([row.seq, row.at, row.staff_id, row.action, row.subject, row.details, row.prev_hash]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Appends one entry. Call inside the transaction of the change it records. */
export function appendAudit(db: Db, entry: AuditEntry, now: Date = new Date()): void {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: entry.at ?? now.toISOString(),
    staff_id: entry.staffId,
    action: entry.action,
    subject: entry.subject ?? null,
    details: JSON.stringify(entry.details ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  db.prepare(
    `INSERT INTO audit_log (seq, at, staff_id, action, subject, details, prev_hash, hash)
     VALUES (@seq, @at, @staff_id, @action, @subject, @details, @prev_hash, @hash)`,
  ).run({ ...row, hash: rowHash(row) });
}

export type ChainVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string };

export function verifyAuditChain(db: Db): ChainVerdict {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<AuditRow>) {
    rows++;
    if (row.seq !== expectedSeq) return { ok: false, rows, brokenAt: expectedSeq, reason: 'missing row' };
    if (row.prev_hash !== prev) return { ok: false, rows, brokenAt: row.seq, reason: 'link to previous row broken' };
    if (rowHash(row) !== row.hash) return { ok: false, rows, brokenAt: row.seq, reason: 'row content changed' };
    prev = row.hash;
    expectedSeq++;
  }
  return { ok: true, rows };
}
