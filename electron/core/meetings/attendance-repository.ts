import { KasaneError, type Attendance } from '../../../shared/contract';
import type { Coverage } from '../../../shared/domain/pledge-coverage';
import type { Db } from '../vault/database';
import { coverageForMeeting, meetingVerdicts } from '../pledges/pledge-repository';
import { createMember } from '../directory/member-repository';
import { formatWareki } from '../../../shared/domain/wareki';
import { materialCopies } from '../minutes/closing';
import { assertHeldBy, assertMayChange, changeMeeting, meetingRow, type MeetingRow } from './meeting-state';

/** HH:MM on the secretariat's clock. */
export const localTime = (d: Date): string => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** A time the record states: given, or now when it is recorded on the day; afterwards it must be given. */
export function recordedTime(m: MeetingRow, given: string | null | undefined, now: Date, today: string, missing: 'arrival_time_required' | 'closing_time_required'): string {
  if (given) return given;
  if (m.date !== today) throw new KasaneError(missing, { date: formatWareki(m.date) });
  return localTime(now);
}

export function getAttendance(db: Db, meetingId: string): Attendance {
  const m = meetingRow(db, meetingId);
  const marks = new Map(
    (
      db.prepare('SELECT member_id, present, walk_in, arrived_at, left_at, pledge_evidence FROM meeting_attendance WHERE meeting_id = ?').all(meetingId) as Array<{
        member_id: string;
        present: number;
        walk_in: number;
        arrived_at: string | null;
        left_at: string | null;
        pledge_evidence: string | null;
      }>
    ).map((a) => [a.member_id, a]),
  );
  const pledgeFacts = db.prepare('SELECT signed_on AS signedOn, wording_version AS wordingVersion FROM pledges WHERE id = ?');
  const rows = coverageForMeeting(db, meetingId).map((now) => {
    const a = marks.get(now.memberId);
    // Once the gate let someone in, the record says what covered them then.
    const evidence = a?.pledge_evidence ? (JSON.parse(a.pledge_evidence) as { by: NonNullable<typeof now.by>; pledgeId: string | null }) : null;
    const c = evidence ? { ...now, covered: true, by: evidence.by, pledgeId: evidence.pledgeId, reason: null } : now;
    const facts = c.pledgeId ? (pledgeFacts.get(c.pledgeId) as { signedOn: string; wordingVersion: number } | undefined) : undefined;
    return {
      ...c,
      pledgeSignedOn: facts?.signedOn ?? null,
      pledgeWordingVersion: facts?.wordingVersion ?? null,
      present: a ? a.present === 1 : null,
      walkIn: a?.walk_in === 1,
      arrivedAt: a?.arrived_at ?? null,
      leftAt: a?.left_at ?? null,
    };
  });
  // The gate concerns a 支援会議 only: everyone who arrived (even if they left again) must be covered.
  const gateOpen = m.type !== 'shien' || rows.every((r) => r.present !== true || r.covered);
  return { meetingId, state: m.state, gateOpen, rows };
}

/** How the gate let someone in: the covering pledge, or their organization's exemption. */
export interface GatePass {
  memberId: string;
  by: 'per_meeting' | 'individual_annual' | 'organization_roster' | 'exemption';
  pledgeId: string | null;
  organizationId: string | null;
}

const passOf = (memberId: string, c: Extract<Coverage, { covered: true }>): GatePass => ({
  memberId,
  by: c.by.kind,
  pledgeId: c.by.kind === 'exemption' ? null : c.by.pledgeId,
  organizationId: c.by.kind === 'exemption' ? c.by.organizationId : null,
});

/**
 * A late arrival at an open 支援会議 passes the same gate as everyone did at 開会. Returns how
 * they passed (for the audit log), or null when no gate applies (not a 支援会議, or not open yet).
 */
function assertMayJoin(db: Db, m: MeetingRow, memberId: string): GatePass | null {
  if (m.type !== 'shien' || m.state !== 'open') return null;
  const row = meetingVerdicts(db, m.id).find((c) => c.memberId === memberId);
  if (!row) return null;
  if (!row.coverage.covered) throw new KasaneError('attendee_not_covered', { name: row.name });
  return passOf(memberId, row.coverage);
}

interface AttendanceMark {
  name: string;
  present: number;
  arrived_at: string | null;
  left_at: string | null;
}

function markOf(db: Db, meetingId: string, memberId: string): AttendanceMark | undefined {
  return db
    .prepare('SELECT m.name, a.present, a.arrived_at, a.left_at FROM meeting_attendance a JOIN members m ON m.id = a.member_id WHERE a.meeting_id = ? AND a.member_id = ?')
    .get(meetingId, memberId) as AttendanceMark | undefined;
}

/** Checking in someone already marked present would overwrite their arrival time: refused. */
function assertNotPresent(mark: AttendanceMark | undefined): void {
  if (mark?.present === 1) throw new KasaneError('attendee_already_checked_in', { name: mark.name, arrivedAt: mark.arrived_at ?? '—' });
}

function mark(db: Db, meetingId: string, memberId: string, present: boolean, walkIn: boolean, arrivedAt: string | null, now: Date): void {
  db.prepare(
    `INSERT INTO meeting_attendance (meeting_id, member_id, present, walk_in, arrived_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (meeting_id, member_id) DO UPDATE SET present = excluded.present, arrived_at = excluded.arrived_at, left_at = NULL, pledge_evidence = NULL, updated_at = excluded.updated_at`,
  ).run(meetingId, memberId, present ? 1 : 0, walkIn ? 1 : 0, present ? arrivedAt : null, now.toISOString());
}

/**
 * Marks an invitee present (受付) or absent; returns how a late arrival passed the gate, if it
 * applied. Once the meeting is open, someone who arrived cannot become absent (their presence
 * decided the gate and their copy): they leave (退席) instead.
 */
export function checkIn(
  db: Db,
  input: { meetingId: string; memberId: string; present: boolean; arrivedAt?: string | null | undefined },
  now: Date,
  today: string,
): GatePass | null {
  const m = meetingRow(db, input.meetingId);
  assertMayChange(m, input.present ? 'arrive' : 'absent');
  if (!db.prepare('SELECT 1 FROM meeting_invitees WHERE meeting_id = ? AND member_id = ?').get(input.meetingId, input.memberId)) {
    throw new KasaneError('member_not_found');
  }
  // Nothing is recorded before the meeting's day, an absence neither: it would start 受付 and freeze the date weeks ahead.
  assertHeldBy(m, today);
  const before = markOf(db, m.id, input.memberId);
  let pass: GatePass | null = null;
  let arrivedAt: string | null = null;
  if (input.present) {
    assertNotPresent(before);
    arrivedAt = recordedTime(m, input.arrivedAt, now, today, 'arrival_time_required');
    pass = assertMayJoin(db, m, input.memberId);
  } else if (before?.present === 1 && m.state === 'open') {
    throw new KasaneError('attendee_already_arrived', { name: before.name, arrivedAt: before.arrived_at ?? '—' });
  }
  changeMeeting(db, m.id, input.present ? 'arrive' : 'absent', now);
  mark(db, input.meetingId, input.memberId, input.present, false, arrivedAt, now);
  if (pass) storeEvidence(db, input.meetingId, pass);
  if (m.state === 'open' && input.present) materialCopies(db, m.id);
  return pass;
}

/** Keeps how the gate let someone in, as it stood then (a later revocation does not rewrite it). */
function storeEvidence(db: Db, meetingId: string, pass: GatePass): void {
  db.prepare('UPDATE meeting_attendance SET pledge_evidence = ? WHERE meeting_id = ? AND member_id = ?').run(
    JSON.stringify({ by: pass.by, pledgeId: pass.pledgeId, organizationId: pass.organizationId }),
    meetingId,
    pass.memberId,
  );
}

/** 退席: only someone who arrived, once, and not before their arrival. */
export function recordLeaving(db: Db, meetingId: string, memberId: string, leftAt: string, now: Date): void {
  const m = meetingRow(db, meetingId);
  assertMayChange(m, 'leave');
  const a = markOf(db, meetingId, memberId);
  if (!a) {
    if (!db.prepare('SELECT 1 FROM meeting_invitees WHERE meeting_id = ? AND member_id = ?').get(meetingId, memberId)) throw new KasaneError('member_not_found');
    const name = db.prepare('SELECT name FROM members WHERE id = ?').pluck().get(memberId) as string;
    throw new KasaneError('attendee_not_arrived', { name });
  }
  if (a.present !== 1 || a.arrived_at === null) throw new KasaneError('attendee_not_arrived', { name: a.name });
  if (a.left_at !== null) throw new KasaneError('attendee_already_left', { name: a.name, leftAt: a.left_at });
  if (leftAt < a.arrived_at) throw new KasaneError('departure_before_arrival', { name: a.name, arrivedAt: a.arrived_at, leftAt });
  changeMeeting(db, meetingId, 'leave', now);
  db.prepare('UPDATE meeting_attendance SET left_at = ?, updated_at = ? WHERE meeting_id = ? AND member_id = ?').run(leftAt, now.toISOString(), meetingId, memberId);
}

/** Adds a walk-in (an existing member or a new person) as an invitee marked present. */
export function addWalkIn(
  db: Db,
  input: { meetingId: string; memberId?: string | undefined; newPerson?: { name: string; organizationId: string; title?: string | null | undefined } | undefined; arrivedAt?: string | null | undefined },
  now: Date,
  today: string,
): { memberId: string; pass: GatePass | null } {
  const m = meetingRow(db, input.meetingId);
  assertMayChange(m, 'walk_in');
  assertHeldBy(m, today);
  if (input.memberId) assertNotPresent(markOf(db, m.id, input.memberId));
  const arrivedAt = recordedTime(m, input.arrivedAt, now, today, 'arrival_time_required');
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
  const pass = assertMayJoin(db, m, memberId);
  changeMeeting(db, m.id, 'walk_in', now);
  mark(db, m.id, memberId, true, true, arrivedAt, now);
  if (pass) storeEvidence(db, m.id, pass);
  if (m.state === 'open') materialCopies(db, m.id);
  return { memberId, pass };
}

/**
 * 開会: refused for a 支援会議 while anyone present is not covered. Returns who was refused (ids
 * and names), or, once open, how each person present passed the gate.
 */
export function openMeeting(
  db: Db,
  meetingId: string,
  staffId: string,
  now: Date,
  today: string,
): { refused: { memberId: string; name: string }[]; passes: GatePass[] } {
  const m = meetingRow(db, meetingId);
  assertMayChange(m, 'open');
  assertHeldBy(m, today);
  const present = new Set(
    // Everyone who arrived, even if they have left again: what they heard at 受付 is covered too,
    // and a departure is no way around the gate. Someone who should not be there is marked absent.
    db.prepare('SELECT member_id FROM meeting_attendance WHERE meeting_id = ? AND present = 1').pluck().all(meetingId) as string[],
  );
  const attendees = m.type === 'shien' ? meetingVerdicts(db, meetingId).filter((v) => present.has(v.memberId)) : [];
  const refused = attendees.filter((v) => !v.coverage.covered).map((v) => ({ memberId: v.memberId, name: v.name }));
  if (refused.length) return { refused, passes: [] };
  changeMeeting(db, meetingId, 'open', now);
  db.prepare('UPDATE meetings SET opened_at = ?, opened_by = ?, updated_at = ? WHERE id = ?').run(now.toISOString(), staffId, now.toISOString(), meetingId);
  const passes = attendees.flatMap((v) => (v.coverage.covered ? [passOf(v.memberId, v.coverage)] : []));
  for (const pass of passes) storeEvidence(db, meetingId, pass);
  // The numbered copies are handed to the people in the room as the meeting opens.
  materialCopies(db, meetingId);
  return { refused: [], passes };
}
