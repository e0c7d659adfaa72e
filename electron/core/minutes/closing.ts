import type { z } from 'zod';
import { KasaneError, type MaterialCopy } from '../../../shared/contract';
import type { Db } from '../vault/database';
import { closeMinutes } from './minutes-repository';
import { recordedTime } from '../meetings/attendance-repository';
import { changeMeeting, meetingRow } from '../meetings/meeting-state';
import { assertClosingTime } from '../meetings/cancel-correct';

type Copy = z.infer<typeof MaterialCopy>;

/**
 * The numbered copies of a 支援会議's materials: one per attendee in the room, numbered in order
 * of arrival as they are handed out — at 開会, then to each covered late arrival as they are let
 * in (meetings opened before this rule get theirs on first look). Someone who left before being
 * handed a copy gets none; a number once given is never reused.
 */
export function materialCopies(db: Db, meetingId: string): Copy[] {
  const m = meetingRow(db, meetingId);
  if (m.type !== 'shien' || (m.state !== 'open' && m.state !== 'closed')) return [];
  if (m.state === 'open') {
    const waiting = db
      .prepare(
        `SELECT t.member_id FROM meeting_attendance t
         WHERE t.meeting_id = ? AND t.present = 1 AND t.left_at IS NULL AND NOT EXISTS (SELECT 1 FROM material_copies c WHERE c.meeting_id = t.meeting_id AND c.member_id = t.member_id)
         ORDER BY t.arrived_at IS NULL, t.arrived_at, t.updated_at, t.member_id`,
      )
      .pluck()
      .all(meetingId) as string[];
    const next = db.prepare('SELECT coalesce(max(number), 0) FROM material_copies WHERE meeting_id = ?').pluck();
    const add = db.prepare('INSERT INTO material_copies (meeting_id, number, member_id) VALUES (?, ?, ?)');
    for (const memberId of waiting) add.run(meetingId, (next.get(meetingId) as number) + 1, memberId);
  }
  const rows = db
    .prepare(
      `SELECT c.number, c.member_id AS memberId, p.name, coalesce(o.name, '') AS organizationName, c.returned
       FROM material_copies c JOIN members p ON p.id = c.member_id
       LEFT JOIN meeting_invitees i ON i.meeting_id = c.meeting_id AND i.member_id = c.member_id
       LEFT JOIN organizations o ON o.id = i.organization_id
       WHERE c.meeting_id = ? ORDER BY c.number`,
    )
    .all(meetingId) as Array<Omit<Copy, 'returned'> & { returned: number }>;
  return rows.map((r) => ({ ...r, returned: r.returned === 1 }));
}

export function markCopyReturned(db: Db, meetingId: string, number: number, returned: boolean, now: Date): void {
  changeMeeting(db, meetingId, 'copies', now);
  materialCopies(db, meetingId);
  const r = db.prepare('UPDATE material_copies SET returned = ? WHERE meeting_id = ? AND number = ?').run(returned ? 1 : 0, meetingId, number);
  if (r.changes === 0) throw new KasaneError('validation_failed', { fields: 'number', issues: [{ path: 'number', code: 'no_such_copy' }] });
}

/**
 * 閉会: a 支援会議 with copies still out closes only with a reason. The 閉会 time is now when it is
 * recorded on the meeting's day; recorded later, the actual time must be given (never the clock's
 * time of the day it was typed in), and it is never before the start or anyone's arrival or departure.
 */
export function closeMeeting(
  db: Db,
  input: { meetingId: string; closedAt?: string | undefined; unreturnedReason?: string | undefined },
  staffId: string,
  now: Date,
  today: string,
): { unreturned: number[] } {
  const m = meetingRow(db, input.meetingId);
  const unreturned = m.state === 'open' ? materialCopies(db, m.id).filter((c) => !c.returned).map((c) => c.number) : [];
  changeMeeting(db, m.id, 'close', now);
  if (unreturned.length && !input.unreturnedReason) throw new KasaneError('materials_not_returned', { numbers: unreturned.join('、') });
  const closedTime = recordedTime(m, input.closedAt, now, today, 'closing_time_required');
  assertClosingTime(db, m, closedTime);
  db.prepare('UPDATE meetings SET closed_at = ?, closed_time = ?, closed_by = ?, unreturned_reason = ?, updated_at = ? WHERE id = ?').run(
    now.toISOString(),
    closedTime,
    staffId,
    unreturned.length ? input.unreturnedReason : null,
    now.toISOString(),
    m.id,
  );
  closeMinutes(db, m.id, now);
  return { unreturned };
}
