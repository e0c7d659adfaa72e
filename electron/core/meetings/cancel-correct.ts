import type { z } from 'zod';
import { KasaneError } from '../../../shared/contract';
import type { CorrectMeetingInput } from '../../../shared/contract/meetings';
import { nextJusoteki, placePendingReports, withdrawPlan } from '../plans/plan-repository';
import { transitionCase } from '../cases/case-repository';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';
import { changeMeeting, type MeetingRow } from './meeting-state';
import { localTime } from './attendance-repository';
import { localIsoDate } from '../../../shared/domain/calendar-date';

/**
 * 中止: the meeting keeps its record (with the reason) and is never counted as held. What was
 * waiting for it is released: plans proposed to it go back to draft (offered again for the next
 * meeting), and 事後報告 placed on it move to the next planned 重層的支援会議.
 */
export function cancelMeeting(db: Db, id: string, reason: string, staffId: string, now: Date, today: string): { withdrawnPlans: number; reportsMoved: number } {
  const m = changeMeeting(db, id, 'cancel', now);
  db.prepare('UPDATE meetings SET cancel_reason = ?, cancelled_on = ?, cancelled_by = ?, updated_at = ? WHERE id = ?').run(reason, today, staffId, now.toISOString(), id);
  const proposed = db.prepare("SELECT id, case_id FROM plans WHERE proposed_meeting_id = ? AND state = 'proposed'").all(id) as { id: string; case_id: string }[];
  for (const p of proposed) {
    withdrawPlan(db, p.id, now);
    const status = db.prepare('SELECT status FROM cases WHERE id = ?').pluck().get(p.case_id) as string;
    if (status === 'plan_proposed') transitionCase(db, p.case_id, 'planning', '会議の中止（次の会議で協議）', staffId, now, today);
  }
  let reportsMoved = 0;
  if (m.type === 'jusoteki') {
    const next = nextJusoteki(db, today);
    if (next) reportsMoved = placePendingReports(db, next, now, today);
  }
  return { withdrawnPlans: proposed.length, reportsMoved };
}

/**
 * HH:MM of the latest thing that happened before 閉会: arrivals and departures, and 開会 when it
 * was recorded on the meeting's day (its clock time is then the real one). Not the planned start:
 * a meeting may begin early.
 */
function latestBeforeClosing(db: Db, m: MeetingRow): string {
  const times = db.prepare('SELECT arrived_at FROM meeting_attendance WHERE meeting_id = ? UNION SELECT left_at FROM meeting_attendance WHERE meeting_id = ?').pluck().all(m.id, m.id) as (
    | string
    | null
  )[];
  const openedAt = db.prepare('SELECT opened_at FROM meetings WHERE id = ?').pluck().get(m.id) as string | null;
  const opened = openedAt && localIsoDate(new Date(openedAt)) === m.date ? localTime(new Date(openedAt)) : null;
  return [opened, ...times].filter((t): t is string => t !== null).reduce((a, b) => (b > a ? b : a), '00:00');
}

/** The 閉会 time a record may state: not before 開会, nor before anyone's arrival or departure. */
export function assertClosingTime(db: Db, m: MeetingRow, closedTime: string): void {
  const after = latestBeforeClosing(db, m);
  if (closedTime < after) throw new KasaneError('closing_before_opening', { closedTime, after });
}

type Correction = z.output<typeof CorrectMeetingInput>;

interface RecordFacts {
  place: string | null;
  closedTime: string | null;
  attendance: Record<string, { arrivedAt: string | null; leftAt: string | null }>;
}

function factsOf(db: Db, id: string): RecordFacts {
  const m = db.prepare('SELECT place, closed_time FROM meetings WHERE id = ?').get(id) as { place: string | null; closed_time: string | null };
  const rows = db.prepare('SELECT member_id, arrived_at, left_at FROM meeting_attendance WHERE meeting_id = ? AND present = 1').all(id) as {
    member_id: string;
    arrived_at: string | null;
    left_at: string | null;
  }[];
  return { place: m.place, closedTime: m.closed_time, attendance: Object.fromEntries(rows.map((r) => [r.member_id, { arrivedAt: r.arrived_at, leftAt: r.left_at }])) };
}

/**
 * 記録の訂正 of a closed meeting: the place, the actual 閉会 time, and when people present arrived
 * and left, with the reason; before and after are kept (append-only) and the audit log names the
 * fields. Who was present does not change here: presence is what the gate decided on.
 */
export function correctMeeting(db: Db, input: Correction, staffId: string, now: Date): string[] {
  const m = changeMeeting(db, input.id, 'correct', now);
  const before = factsOf(db, m.id);
  const fields: string[] = [];
  if (input.place !== undefined && (input.place || null) !== before.place) {
    db.prepare('UPDATE meetings SET place = ? WHERE id = ?').run(input.place || null, m.id);
    fields.push('place');
  }
  const setTimes = db.prepare('UPDATE meeting_attendance SET arrived_at = ?, left_at = ?, updated_at = ? WHERE meeting_id = ? AND member_id = ?');
  for (const a of input.attendance ?? []) {
    const was = before.attendance[a.memberId];
    if (!was) {
      const name = (db.prepare('SELECT name FROM members WHERE id = ?').pluck().get(a.memberId) as string | undefined) ?? a.memberId;
      throw new KasaneError('attendee_not_arrived', { name });
    }
    const arrivedAt = a.arrivedAt ?? was.arrivedAt;
    const leftAt = a.leftAt === undefined ? was.leftAt : a.leftAt;
    if (arrivedAt === was.arrivedAt && leftAt === was.leftAt) continue;
    if (leftAt !== null && arrivedAt !== null && leftAt < arrivedAt) {
      const name = db.prepare('SELECT name FROM members WHERE id = ?').pluck().get(a.memberId) as string;
      throw new KasaneError('departure_before_arrival', { name, arrivedAt, leftAt });
    }
    setTimes.run(arrivedAt, leftAt, now.toISOString(), m.id, a.memberId);
    if (!fields.includes('attendance')) fields.push('attendance');
  }
  const closedTime = input.closedTime ?? before.closedTime;
  if (closedTime !== null && (closedTime !== before.closedTime || fields.includes('attendance'))) assertClosingTime(db, m, closedTime);
  if (closedTime !== before.closedTime) {
    db.prepare('UPDATE meetings SET closed_time = ? WHERE id = ?').run(closedTime, m.id);
    fields.push('closedTime');
  }
  if (fields.length === 0) throw new KasaneError('correction_changes_nothing');
  db.prepare('INSERT INTO meeting_corrections (id, meeting_id, reason, fields, before, after, at, by_staff) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    randomId(),
    m.id,
    input.reason,
    JSON.stringify(fields),
    JSON.stringify(before),
    JSON.stringify(factsOf(db, m.id)),
    now.toISOString(),
    staffId,
  );
  return fields;
}
