import { createHash } from 'node:crypto';
import { diffLines } from 'diff';
import { KasaneError } from '../../../shared/contract';
import type { Db } from '../vault/database';
import { transitionCase } from '../cases/case-repository';
import { minutesRow, setMinutesState, stateName } from './minutes-repository';
import { makeLive } from './role-repository';
import { applyMeetingDecision, markReported } from '../plans/plan-repository';
import { meetingRecord, recordText } from './meeting-record';

export interface Confirmed {
  version: number;
  sha256: string;
  transitions: number;
  liveAssignments: number;
}

/**
 * 確定: the minutes' canonical text is stored as a new version with its SHA-256 (append-only), the
 * accepted lifecycle steps are applied to their cases (each recorded with the minutes item), and
 * the role assignments decided at the meeting become live. One transaction: all or nothing.
 */
export function confirmMinutes(db: Db, meetingId: string, staffId: string, now: Date, today: string): Confirmed {
  const row = minutesRow(db, meetingId, now);
  if (row.state === 'confirmed') {
    const version = db.prepare('SELECT max(version) FROM minutes_versions WHERE meeting_id = ?').pluck().get(meetingId) as number;
    throw new KasaneError('minutes_already_confirmed', { version });
  }
  if (row.state === 'live') throw new KasaneError('minutes_not_ready', { state: stateName(row.state) });
  const steps = db
    .prepare(
      `SELECT d.id, d.case_id AS caseId, d.proposed_status AS proposedStatus, d.item_id AS itemId FROM decisions d JOIN agenda_items a ON a.id = d.item_id
       WHERE a.meeting_id = ? AND d.proposed_status IS NOT NULL AND d.apply_status = 1 AND d.applied_at IS NULL ORDER BY a.position, d.created_at`,
    )
    .all(meetingId) as { id: string; caseId: string; proposedStatus: Parameters<typeof transitionCase>[2]; itemId: string }[];
  for (const s of steps) {
    transitionCase(db, s.caseId, s.proposedStatus, '会議の決定による', staffId, now, today, s.itemId);
    db.prepare('UPDATE decisions SET applied_at = ? WHERE id = ?').run(now.toISOString(), s.id);
  }
  // A 重層的支援会議's confirmed decision judges the case's proposed plan; 事後報告 items count as reported.
  const meeting = db.prepare('SELECT id, date FROM meetings WHERE id = ?').get(meetingId) as { id: string; date: string };
  const judged = db
    .prepare(
      `SELECT d.case_id AS caseId, d.kind FROM decisions d JOIN agenda_items a ON a.id = d.item_id
       WHERE a.meeting_id = ? AND d.case_id IS NOT NULL AND d.kind IN ('plan_appropriate', 'plan_revise', 'plan_hold') ORDER BY a.position, d.created_at`,
    )
    .all(meetingId) as { caseId: string; kind: 'plan_appropriate' | 'plan_revise' | 'plan_hold' }[];
  for (const j of judged) {
    const outcome = j.kind === 'plan_appropriate' ? 'appropriate' : j.kind === 'plan_revise' ? 'revise' : 'hold';
    applyMeetingDecision(db, j.caseId, outcome, meeting, staffId, now, today);
  }
  markReported(db, meetingId);
  const liveAssignments = makeLive(db, meetingId);
  const text = recordText(meetingRecord(db, meetingId, today));
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  const version = ((db.prepare('SELECT max(version) FROM minutes_versions WHERE meeting_id = ?').pluck().get(meetingId) as number | null) ?? 0) + 1;
  db.prepare('INSERT INTO minutes_versions (meeting_id, version, content, sha256, reason, confirmed_at, confirmed_by) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    meetingId,
    version,
    text,
    sha256,
    row.amendment_reason,
    now.toISOString(),
    staffId,
  );
  setMinutesState(db, meetingId, 'confirmed', null, now);
  return { version, sha256, transitions: steps.length, liveAssignments };
}

/** 訂正: confirmed minutes become editable again; the next 確定 stores a new version carrying the reason. */
export function startAmendment(db: Db, meetingId: string, reason: string, now: Date): void {
  const row = minutesRow(db, meetingId, now);
  if (row.state !== 'confirmed') throw new KasaneError('minutes_not_ready', { state: stateName(row.state) });
  setMinutesState(db, meetingId, 'amending', reason, now);
}

export function minutesVersion(db: Db, meetingId: string, version: number): { version: number; sha256: string; text: string } {
  const row = db.prepare('SELECT version, sha256, content AS text FROM minutes_versions WHERE meeting_id = ? AND version = ?').get(meetingId, version) as
    | { version: number; sha256: string; text: string }
    | undefined;
  if (!row) throw new KasaneError('minutes_version_not_found', { version });
  return row;
}

/** Line by line: a changed line shows as removed and added, as reviewers of minutes read a correction. */
export function minutesDiff(db: Db, meetingId: string, from: number, to: number): { op: 'same' | 'added' | 'removed'; text: string }[] {
  const a = minutesVersion(db, meetingId, from).text;
  const b = minutesVersion(db, meetingId, to).text;
  return diffLines(a, b).map((p) => ({ op: p.added ? 'added' : p.removed ? 'removed' : 'same', text: p.value }));
}
