import { createHash } from 'node:crypto';
import { verifyAuditChain, type ChainVerdict } from '../audit/audit-log';
import type { Db } from './database';
import { meetingRecordViolations } from '../meetings/meeting-integrity';

/** Confirmed minutes whose stored text no longer matches its hash, or the hash the audit log recorded at 確定. */
export interface MinutesVerdict {
  ok: boolean;
  versions: number;
  changed: { meetingId: string; version: number }[];
}

export interface VerifyReport {
  ok: boolean;
  integrity: string[];
  auditChain: ChainVerdict;
  minutes: MinutesVerdict;
  /** Meetings whose record does not hold (the pledge gate, attendance): none in a sound vault. */
  meetings: { ok: boolean; violations: { meetingId: string; date: string; code: string }[] };
}

/**
 * Confirmed minutes are checked twice: the text against its own SHA-256, and that hash against
 * the one written into the hash-chained audit log at 確定 — so rewriting text and hash together
 * still shows (unless the audit chain is rewritten too, which the chain check catches).
 */
export function verifyMinutes(db: Db): MinutesVerdict {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'minutes_versions'").get();
  if (!hasTable) return { ok: true, versions: 0, changed: [] };
  const audited = new Map<string, string>();
  for (const row of db.prepare("SELECT subject, details FROM audit_log WHERE action = 'minutes.confirmed'").all() as { subject: string; details: string }[]) {
    const d = JSON.parse(row.details) as { version: number; sha256: string };
    audited.set(`${row.subject}/${d.version}`, d.sha256);
  }
  const rows = db.prepare('SELECT meeting_id AS meetingId, version, content, sha256 FROM minutes_versions ORDER BY meeting_id, version').all() as {
    meetingId: string;
    version: number;
    content: string;
    sha256: string;
  }[];
  const changed = rows
    .filter((r) => createHash('sha256').update(r.content, 'utf8').digest('hex') !== r.sha256 || audited.get(`${r.meetingId}/${r.version}`) !== r.sha256)
    .map(({ meetingId, version }) => ({ meetingId, version }));
  return { ok: changed.length === 0, versions: rows.length, changed };
}

/** `kasane verify`: SQLite's own integrity check, the audit log's hash chain, the confirmed minutes and the meetings' records. */
export function verifyVault(db: Db): VerifyReport {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const auditChain = verifyAuditChain(db);
  const minutes = verifyMinutes(db);
  // Names stay inside the vault: the report carries ids, dates and codes.
  const violations = meetingRecordViolations(db).map(({ meetingId, date, code }) => ({ meetingId, date, code }));
  const meetings = { ok: violations.length === 0, violations };
  return { ok: integrity.length === 1 && integrity[0] === 'ok' && auditChain.ok && minutes.ok && meetings.ok, integrity, auditChain, minutes, meetings };
}
