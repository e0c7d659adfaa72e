import { KasaneError } from '../../../shared/contract';
import { meetingChange, UPCOMING, WAS_HELD, type MeetingChange, type MeetingLifecycleState } from '../../../shared/domain/meeting-lifecycle';
import type { MeetingType } from '../../../shared/domain/agenda';
import { formatWareki } from '../../../shared/domain/wareki';
import type { Db } from '../vault/database';

export interface MeetingRow {
  id: string;
  type: MeetingType;
  date: string;
  state: MeetingLifecycleState;
  start_time: string | null;
  end_time: string | null;
  cancel_reason: string | null;
}

const sqlList = (states: ReadonlySet<string>) => `(${[...states].map((s) => `'${s}'`).join(', ')})`;
/** `state IN …` of meetings still to come or under way (never a cancelled one), for queries. */
export const UPCOMING_STATES_SQL = sqlList(UPCOMING);
/** `state IN …` of meetings that were really held (opened): only these count as 開催済み. */
export const HELD_STATES_SQL = sqlList(WAS_HELD);

export function meetingRow(db: Db, id: string): MeetingRow {
  const m = db.prepare('SELECT id, type, date, state, start_time, end_time, cancel_reason FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined;
  if (!m) throw new KasaneError('meeting_not_found');
  return m;
}

/** The state machine's refusal as a typed error that says what to do instead. */
/** Throws the state machine's refusal as a typed error that says what to do instead; returns where the change leads. */
export function assertMayChange(m: MeetingRow, change: MeetingChange): MeetingLifecycleState {
  const verdict = meetingChange(m.state, change);
  if (verdict.ok) return verdict.to;
  if (verdict.reason === 'cancelled') throw new KasaneError('meeting_cancelled', { reason: m.cancel_reason ?? '' });
  const code = ({ frozen_from_check_in: 'meeting_frozen_from_check_in', in_session: 'meeting_in_session', not_started: 'meeting_not_started', record_closed: 'meeting_record_closed' } as const)[
    verdict.reason
  ];
  // The change by its key: each language names it (i18n meetings.changes).
  throw new KasaneError(code, { change });
}

/**
 * Every change to a meeting asks here first: refused unless the state machine allows it from the
 * meeting's current state; when it leads to another state (受付 begins, 開会, 閉会, 中止), the
 * meeting moves there in the same transaction. Returns the meeting as it was before.
 */
export function changeMeeting(db: Db, meetingId: string, change: MeetingChange, now: Date): MeetingRow {
  const m = meetingRow(db, meetingId);
  const to = assertMayChange(m, change);
  if (to !== m.state) db.prepare('UPDATE meetings SET state = ?, updated_at = ? WHERE id = ?').run(to, now.toISOString(), m.id);
  return m;
}

/** Attendance and opening happen on the meeting's day or later (recorded afterwards), never before it. */
export function assertHeldBy(m: MeetingRow, today: string): void {
  if (m.date > today) throw new KasaneError('meeting_not_yet_held', { date: formatWareki(m.date) });
}
