import type { z } from 'zod';
import { KasaneError, type Meeting, type MeetingSummary } from '../../../shared/contract';
import type { CreateMeetingInput, MeetingWarning, UpdateMeetingInput } from '../../../shared/contract/meetings';
import { defaultSections, DEFAULT_MINUTES, MEETING_TYPE_TITLES, SECTION_TITLES, type MeetingType } from '../../../shared/domain/agenda';
import { fiscalYearRange } from '../../../shared/domain/fiscal-year';
import type { MeetingChange } from '../../../shared/domain/meeting-lifecycle';
import { randomId } from '../vault/crypto';
import { assertMayChange, meetingRow } from './meeting-state';
import type { Db } from '../vault/database';

type Warning = z.infer<typeof MeetingWarning>;

const SUMMARY = `
  SELECT m.id, m.type, m.title, m.date, m.start_time AS startTime, m.end_time AS endTime, m.place, m.state,
    m.cancel_reason AS cancelReason, m.cancelled_on AS cancelledOn,
    (SELECT count(*) FROM meeting_invitees i WHERE i.meeting_id = m.id) AS inviteeCount,
    (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id AND a.case_id IS NOT NULL) AS caseItemCount
  FROM meetings m`;

export function listMeetings(db: Db, filter: { fiscalYear?: number; type?: MeetingType }): MeetingSummary[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.fiscalYear !== undefined) {
    const range = fiscalYearRange(filter.fiscalYear);
    where.push('m.date BETWEEN @start AND @end');
    Object.assign(params, range);
  }
  if (filter.type) {
    where.push('m.type = @type');
    params.type = filter.type;
  }
  return db.prepare(`${SUMMARY} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY m.date DESC, m.start_time DESC`).all(params) as MeetingSummary[];
}

export function getMeeting(db: Db, id: string): Meeting {
  const summary = db.prepare(`${SUMMARY} WHERE m.id = ?`).get(id) as MeetingSummary | undefined;
  if (!summary) throw new KasaneError('meeting_not_found');
  const extra = db.prepare('SELECT chair_member_id AS chairMemberId, notes, closed_time AS closedTime FROM meetings WHERE id = ?').get(id) as {
    chairMemberId: string | null;
    notes: string | null;
    closedTime: string | null;
  };
  const corrections = (
    db
      .prepare(
        `SELECT c.at, s.name AS staffName, c.reason, c.fields FROM meeting_corrections c JOIN staff s ON s.id = c.by_staff WHERE c.meeting_id = ? ORDER BY c.at`,
      )
      .all(id) as { at: string; staffName: string; reason: string; fields: string }[]
  ).map((c) => ({ ...c, fields: JSON.parse(c.fields) as string[] }));
  const invitees = (
    db
      .prepare(
        `SELECT i.member_id AS memberId, p.name, i.organization_id AS organizationId, o.name AS organizationName,
           (SELECT a.title FROM member_affiliations a WHERE a.member_id = i.member_id AND a.organization_id = i.organization_id ORDER BY a.start_on DESC LIMIT 1) AS title,
           NOT EXISTS (SELECT 1 FROM member_affiliations a WHERE a.member_id = i.member_id AND a.organization_id = i.organization_id
             AND a.start_on <= @date AND (a.end_on IS NULL OR a.end_on >= @date)) AS hasLeft
         FROM meeting_invitees i JOIN members p ON p.id = i.member_id JOIN organizations o ON o.id = i.organization_id
         WHERE i.meeting_id = @id ORDER BY o.sort_order, coalesce(p.name_kana, p.name)`,
      )
      .all({ id, date: summary.date }) as Array<Omit<Meeting['invitees'][number], 'hasLeft'> & { hasLeft: number }>
  ).map((i) => ({ ...i, hasLeft: i.hasLeft === 1 }));
  return { ...summary, ...extra, invitees, corrections };
}

/** The organization a member belongs to on `date`, or invitee_not_active. */
function organizationOn(db: Db, memberId: string, date: string): string {
  const row = db
    .prepare('SELECT organization_id FROM member_affiliations WHERE member_id = ? AND start_on <= ? AND (end_on IS NULL OR end_on >= ?) ORDER BY start_on DESC LIMIT 1')
    .get(memberId, date, date) as { organization_id: string } | undefined;
  if (row) return row.organization_id;
  const person = db.prepare('SELECT name FROM members WHERE id = ?').get(memberId) as { name: string } | undefined;
  if (!person) throw new KasaneError('member_not_found');
  throw new KasaneError('invitee_not_active', { name: person.name, date });
}

function checkTimes(startTime: string | null | undefined, endTime: string | null | undefined): void {
  if (startTime && endTime && endTime <= startTime) throw new KasaneError('meeting_end_before_start', { startTime, endTime });
}

function setInvitees(db: Db, meetingId: string, memberIds: readonly string[], date: string): void {
  db.prepare('DELETE FROM meeting_invitees WHERE meeting_id = ?').run(meetingId);
  const add = db.prepare('INSERT INTO meeting_invitees (meeting_id, member_id, organization_id) VALUES (?, ?, ?)');
  for (const memberId of new Set(memberIds)) add.run(meetingId, memberId, organizationOn(db, memberId, date));
}

function insertFrame(db: Db, meetingId: string, type: MeetingType, copyFrom: string | undefined, now: Date): void {
  const add = db.prepare('INSERT INTO agenda_items (id, meeting_id, position, section, title, minutes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  if (copyFrom) {
    // The frame of the earlier meeting (its own wording and minutes), without its cases.
    const frame = db.prepare('SELECT section, title, minutes FROM agenda_items WHERE meeting_id = ? AND case_id IS NULL ORDER BY position').all(copyFrom) as {
      section: string;
      title: string;
      minutes: number;
    }[];
    frame.forEach((f, i) => add.run(randomId(), meetingId, i, f.section, f.title, f.minutes, now.toISOString()));
    return;
  }
  defaultSections(type).forEach((s, i) => add.run(randomId(), meetingId, i, s, SECTION_TITLES[s], DEFAULT_MINUTES[s] ?? 0, now.toISOString()));
}

/** Another meeting in the same place whose time overlaps: worth a warning, not a refusal. */
export function roomWarnings(db: Db, meetingId: string): Warning[] {
  const m = db.prepare('SELECT date, start_time, end_time, place FROM meetings WHERE id = ?').get(meetingId) as {
    date: string;
    start_time: string | null;
    end_time: string | null;
    place: string | null;
  };
  if (!m.place || !m.start_time) return [];
  const others = db
    .prepare(
      `SELECT id, title, start_time, end_time FROM meetings WHERE id <> @id AND date = @date AND place = @place
       AND start_time < coalesce(@end, '24:00') AND coalesce(end_time, '24:00') > @start`,
    )
    .all({ id: meetingId, date: m.date, place: m.place, start: m.start_time, end: m.end_time }) as { id: string; title: string; start_time: string }[];
  return others.map((o) => ({ code: 'room_overlap' as const, details: { otherMeetingId: o.id, title: o.title, startTime: o.start_time } }));
}

export function createMeeting(db: Db, input: z.output<typeof CreateMeetingInput>, now: Date): string {
  checkTimes(input.startTime, input.endTime);
  if (input.chairMemberId) organizationOn(db, input.chairMemberId, input.date);
  let invitees = input.inviteeMemberIds;
  if (input.copyFromMeetingId) {
    const source = db.prepare('SELECT type FROM meetings WHERE id = ?').get(input.copyFromMeetingId) as { type: MeetingType } | undefined;
    if (!source) throw new KasaneError('meeting_not_found');
    if (invitees.length === 0) {
      invitees = db.prepare('SELECT member_id FROM meeting_invitees WHERE meeting_id = ?').pluck().all(input.copyFromMeetingId) as string[];
    }
  }
  const id = randomId();
  db.prepare(
    `INSERT INTO meetings (id, type, title, date, start_time, end_time, place, chair_member_id, notes, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?)`,
  ).run(
    id,
    input.type,
    input.title || MEETING_TYPE_TITLES[input.type],
    input.date,
    input.startTime,
    input.endTime ?? null,
    input.place || null,
    input.chairMemberId ?? null,
    input.notes || null,
    now.toISOString(),
    now.toISOString(),
  );
  setInvitees(db, id, invitees, input.date);
  insertFrame(db, id, input.type, input.copyFromMeetingId, now);
  return id;
}

/** Which change of the state machine each field of `meeting.update` is. */
const FIELD_CHANGES = {
  title: ['title', 'title'],
  date: ['date', 'date'],
  startTime: ['start_time', 'time'],
  endTime: ['end_time', 'time'],
  place: ['place', 'place'],
  chairMemberId: ['chair_member_id', 'chair'],
  notes: ['notes', 'notes'],
} as const satisfies Record<string, readonly [string, MeetingChange]>;

/**
 * Changes what the meeting's state allows, all or nothing: every changed field is first asked of
 * the state machine (from 受付 on: never the date, the type or an invitee's removal). Returns the
 * names of the fields that changed.
 */
export function updateMeeting(db: Db, input: z.output<typeof UpdateMeetingInput>, now: Date): string[] {
  const row = meetingRow(db, input.id);
  const before = db.prepare('SELECT * FROM meetings WHERE id = ?').get(input.id) as Record<string, string | null>;
  const date = input.date ?? row.date;
  checkTimes(input.startTime ?? before.start_time, input.endTime === undefined ? before.end_time : input.endTime);
  const updates: [column: string, value: string | null, field: string][] = [];
  const changes = new Set<MeetingChange>();
  for (const [field, [column, change]] of Object.entries(FIELD_CHANGES)) {
    const value = input[field as keyof typeof FIELD_CHANGES];
    if (value === undefined) continue;
    const normalized = value === '' ? null : value;
    if (normalized === before[column]) continue;
    if (field === 'title' && normalized === null) continue; // a meeting always has a title
    updates.push([column, normalized, field]);
    changes.add(change);
  }
  const current = new Set(db.prepare('SELECT member_id FROM meeting_invitees WHERE meeting_id = ?').pluck().all(input.id) as string[]);
  const wanted = new Set(input.inviteeMemberIds ?? current);
  const added = [...wanted].filter((id) => !current.has(id));
  const removed = [...current].filter((id) => !wanted.has(id));
  if (added.length) changes.add('invite');
  if (removed.length) changes.add('uninvite');
  for (const change of changes) assertMayChange(row, change);
  for (const [column, value] of updates) db.prepare(`UPDATE meetings SET ${column} = ?, updated_at = ? WHERE id = ?`).run(value, now.toISOString(), input.id);
  const drop = db.prepare('DELETE FROM meeting_invitees WHERE meeting_id = ? AND member_id = ?');
  for (const memberId of removed) drop.run(input.id, memberId);
  const add = db.prepare('INSERT INTO meeting_invitees (meeting_id, member_id, organization_id) VALUES (?, ?, ?)');
  for (const memberId of added) add.run(input.id, memberId, organizationOn(db, memberId, date));
  // Invitees are invited for the organization they belong to on the meeting's day.
  if (input.date !== undefined && input.date !== row.date) setInvitees(db, input.id, [...wanted], date);
  return [...updates.map(([, , field]) => field), ...(added.length || removed.length ? ['inviteeMemberIds'] : [])];
}
