import type { z } from 'zod';
import { KasaneError, type MaterialCopy } from '../../../shared/contract';
import type { Db } from '../vault/database';
import { closeMinutes } from './minutes-repository';
import { meetingOf, STATE_JA } from '../meetings/attendance-repository';

type Copy = z.infer<typeof MaterialCopy>;

/** HH:MM on the secretariat's clock. */
const localTime = (d: Date): string => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/**
 * The numbered copies of a 支援会議's materials: one per attendee present, numbered in order of
 * arrival as they are handed out. Numbers are assigned when first asked for after 開会, so a
 * covered late arrival gets the next number; a number once given is never reused.
 */
export function materialCopies(db: Db, meetingId: string): Copy[] {
  const m = meetingOf(db, meetingId);
  if (m.type !== 'shien' || m.state === 'planned') return [];
  if (m.state === 'open') {
    const waiting = db
      .prepare(
        `SELECT t.member_id FROM meeting_attendance t
         WHERE t.meeting_id = ? AND t.present = 1 AND NOT EXISTS (SELECT 1 FROM material_copies c WHERE c.meeting_id = t.meeting_id AND c.member_id = t.member_id)
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

export function markCopyReturned(db: Db, meetingId: string, number: number, returned: boolean): void {
  const m = meetingOf(db, meetingId);
  if (m.state !== 'open') throw new KasaneError('meeting_not_open_state', { state: STATE_JA[m.state] });
  materialCopies(db, meetingId);
  const r = db.prepare('UPDATE material_copies SET returned = ? WHERE meeting_id = ? AND number = ?').run(returned ? 1 : 0, meetingId, number);
  if (r.changes === 0) throw new KasaneError('validation_failed', { fields: 'number', issues: [{ path: 'number', code: 'no_such_copy' }] });
}

/** 閉会: a 支援会議 with copies still out closes only with a reason. */
export function closeMeeting(db: Db, input: { meetingId: string; closedAt?: string | undefined; unreturnedReason?: string | undefined }, staffId: string, now: Date): { unreturned: number[] } {
  const m = meetingOf(db, input.meetingId);
  if (m.state !== 'open') throw new KasaneError('meeting_not_open_state', { state: STATE_JA[m.state] });
  const unreturned = materialCopies(db, m.id).filter((c) => !c.returned).map((c) => c.number);
  if (unreturned.length && !input.unreturnedReason) throw new KasaneError('materials_not_returned', { numbers: unreturned.join('、') });
  const closedTime = input.closedAt ?? localTime(now);
  db.prepare("UPDATE meetings SET state = 'closed', closed_at = ?, closed_time = ?, closed_by = ?, unreturned_reason = ?, updated_at = ? WHERE id = ?").run(
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
