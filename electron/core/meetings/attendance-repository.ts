import { KasaneError, type Attendance } from '../../../shared/contract';
import type { Db } from '../vault/database';
import { coverageForMeeting } from '../pledges/pledge-repository';
import { createMember } from '../directory/member-repository';

interface MeetingState {
  id: string;
  type: 'jusoteki' | 'shien' | 'other';
  date: string;
  state: 'planned' | 'open' | 'closed';
}

function meetingOf(db: Db, id: string): MeetingState {
  const m = db.prepare('SELECT id, type, date, state FROM meetings WHERE id = ?').get(id) as MeetingState | undefined;
  if (!m) throw new KasaneError('meeting_not_found');
  return m;
}

const STATE_JA = { planned: '予定', open: '開会中', closed: '閉会' } as const;

export function getAttendance(db: Db, meetingId: string): Attendance {
  const m = meetingOf(db, meetingId);
  const marks = new Map(
    (
      db.prepare('SELECT member_id, present, walk_in, arrived_at, left_at FROM meeting_attendance WHERE meeting_id = ?').all(meetingId) as Array<{
        member_id: string;
        present: number;
        walk_in: number;
        arrived_at: string | null;
        left_at: string | null;
      }>
    ).map((a) => [a.member_id, a]),
  );
  const rows = coverageForMeeting(db, meetingId).map((c) => {
    const a = marks.get(c.memberId);
    return { ...c, present: a ? a.present === 1 : null, walkIn: a?.walk_in === 1, arrivedAt: a?.arrived_at ?? null, leftAt: a?.left_at ?? null };
  });
  // The gate concerns a 支援会議 only: every attendee present must be covered.
  const gateOpen = m.type !== 'shien' || rows.every((r) => r.present !== true || r.covered);
  return { meetingId, state: m.state, gateOpen, rows };
}

function assertNotClosed(m: MeetingState): void {
  if (m.state === 'closed') throw new KasaneError('meeting_not_open_state', { state: STATE_JA[m.state] });
}

/** A late arrival at an open 支援会議 passes the same gate as everyone did at 開会. */
function assertMayJoin(db: Db, m: MeetingState, memberId: string): void {
  if (m.type !== 'shien' || m.state !== 'open') return;
  const row = coverageForMeeting(db, m.id).find((c) => c.memberId === memberId);
  if (row && !row.covered) throw new KasaneError('attendee_not_covered', { name: row.name });
}

function mark(db: Db, meetingId: string, memberId: string, present: boolean, walkIn: boolean, arrivedAt: string | null, now: Date): void {
  db.prepare(
    `INSERT INTO meeting_attendance (meeting_id, member_id, present, walk_in, arrived_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (meeting_id, member_id) DO UPDATE SET present = excluded.present, arrived_at = excluded.arrived_at, updated_at = excluded.updated_at`,
  ).run(meetingId, memberId, present ? 1 : 0, walkIn ? 1 : 0, present ? arrivedAt : null, now.toISOString());
}

export function checkIn(db: Db, input: { meetingId: string; memberId: string; present: boolean; arrivedAt?: string | null | undefined }, now: Date): void {
  const m = meetingOf(db, input.meetingId);
  assertNotClosed(m);
  if (!db.prepare('SELECT 1 FROM meeting_invitees WHERE meeting_id = ? AND member_id = ?').get(input.meetingId, input.memberId)) {
    throw new KasaneError('member_not_found');
  }
  if (input.present) assertMayJoin(db, m, input.memberId);
  mark(db, input.meetingId, input.memberId, input.present, false, input.arrivedAt ?? null, now);
}

export function recordLeaving(db: Db, meetingId: string, memberId: string, leftAt: string, now: Date): void {
  meetingOf(db, meetingId);
  const r = db.prepare('UPDATE meeting_attendance SET left_at = ?, updated_at = ? WHERE meeting_id = ? AND member_id = ? AND present = 1').run(leftAt, now.toISOString(), meetingId, memberId);
  if (r.changes === 0) throw new KasaneError('member_not_found');
}

/** Adds a walk-in (an existing member or a new person) as an invitee marked present. */
export function addWalkIn(
  db: Db,
  input: { meetingId: string; memberId?: string | undefined; newPerson?: { name: string; organizationId: string; title?: string | null | undefined } | undefined; arrivedAt?: string | null | undefined },
  now: Date,
): string {
  const m = meetingOf(db, input.meetingId);
  assertNotClosed(m);
  const memberId =
    input.memberId ??
    createMember(db, { name: input.newPerson!.name, organizationId: input.newPerson!.organizationId, title: input.newPerson!.title ?? null, startOn: m.date }, now);
  const org = db
    .prepare('SELECT organization_id FROM member_affiliations WHERE member_id = ? AND start_on <= ? AND (end_on IS NULL OR end_on >= ?) ORDER BY start_on DESC LIMIT 1')
    .get(memberId, m.date, m.date) as { organization_id: string } | undefined;
  if (!org) {
    const name = (db.prepare('SELECT name FROM members WHERE id = ?').get(memberId) as { name: string } | undefined)?.name;
    if (!name) throw new KasaneError('member_not_found');
    throw new KasaneError('invitee_not_active', { name, date: m.date });
  }
  db.prepare('INSERT OR IGNORE INTO meeting_invitees (meeting_id, member_id, organization_id) VALUES (?, ?, ?)').run(m.id, memberId, org.organization_id);
  assertMayJoin(db, m, memberId);
  mark(db, m.id, memberId, true, true, input.arrivedAt ?? null, now);
  return memberId;
}

/** 開会: refused for a 支援会議 while anyone present is not covered; returns the names refused, if any. */
export function openMeeting(db: Db, meetingId: string, staffId: string, now: Date): { refused: string[] } {
  const m = meetingOf(db, meetingId);
  if (m.state !== 'planned') throw new KasaneError('meeting_not_open_state', { state: STATE_JA[m.state] });
  const attendance = getAttendance(db, meetingId);
  if (!attendance.gateOpen) return { refused: attendance.rows.filter((r) => r.present === true && !r.covered).map((r) => r.name) };
  db.prepare("UPDATE meetings SET state = 'open', opened_at = ?, opened_by = ?, updated_at = ? WHERE id = ?").run(now.toISOString(), staffId, now.toISOString(), meetingId);
  return { refused: [] };
}

