/**
 * A meeting's lifecycle (DOMAIN.md "Meetings") as a pure state machine: for every state, which
 * changes to the meeting are allowed and where they lead. The core refuses every change this
 * function refuses (`meeting_change_refused`, with the reason), and the UI offers only what it
 * allows.
 *
 * planned → checking_in (受付: once anyone's attendance is recorded) → open 開会 → closed 閉会;
 * cancelled 中止 (with a reason) from planned or checking_in. From 受付 on, the facts that decide
 * who must be covered by a pledge (date, type, who was invited) are frozen: to move a meeting,
 * cancel it and plan again; an invitee who does not come is marked absent, not removed. After
 * 閉会 the record changes only by an audited correction with a reason.
 */
export const MEETING_STATES = ['planned', 'checking_in', 'open', 'closed', 'cancelled'] as const;
export type MeetingLifecycleState = (typeof MEETING_STATES)[number];

export const MEETING_CHANGES = [
  'date',
  'time',
  'type',
  'place',
  'title',
  'chair',
  'notes',
  'invite',
  'uninvite',
  'agenda',
  'materials',
  'arrive',
  'absent',
  'leave',
  'walk_in',
  'open',
  'copies',
  'close',
  'cancel',
  'correct',
] as const;
export type MeetingChange = (typeof MEETING_CHANGES)[number];

/**
 * Why a change is refused, each with its own way out in the message:
 * - frozen_from_check_in: decides who must be covered; cancel and plan again / mark absent.
 * - in_session: the meeting is open; e.g. a late arrival is a walk-in, the 次第 is fixed.
 * - not_started: needs 受付 or 開会 first (e.g. 退席 before anyone arrived, 閉会 before 開会).
 * - record_closed: after 閉会 only a correction with a reason.
 * - cancelled: a cancelled meeting is kept as it was.
 */
export type MeetingRefusal = 'frozen_from_check_in' | 'in_session' | 'not_started' | 'record_closed' | 'cancelled';

export type MeetingVerdict = { ok: true; to: MeetingLifecycleState } | { ok: false; reason: MeetingRefusal };

const PLANNING: readonly MeetingChange[] = ['date', 'time', 'type', 'place', 'title', 'chair', 'notes', 'invite', 'uninvite', 'agenda', 'materials'];
const ATTENDANCE: readonly MeetingChange[] = ['arrive', 'absent', 'leave', 'walk_in'];
/** What may still change from 受付 to 閉会: nothing that decides who must be covered. */
const CHECKING_IN: readonly MeetingChange[] = ['time', 'place', 'title', 'chair', 'notes', 'invite', 'agenda', 'materials', ...ATTENDANCE];
const IN_SESSION: readonly MeetingChange[] = ['time', 'place', 'title', 'chair', 'notes', ...ATTENDANCE, 'copies'];

const ok = (to: MeetingLifecycleState): MeetingVerdict => ({ ok: true, to });
const no = (reason: MeetingRefusal): MeetingVerdict => ({ ok: false, reason });

export function meetingChange(from: MeetingLifecycleState, change: MeetingChange): MeetingVerdict {
  switch (from) {
    case 'planned':
      if (PLANNING.includes(change)) return ok('planned');
      // Recording anyone's attendance (present or absent) starts 受付.
      if (change === 'arrive' || change === 'absent' || change === 'walk_in') return ok('checking_in');
      if (change === 'open') return ok('open');
      if (change === 'cancel') return ok('cancelled');
      return no('not_started');
    case 'checking_in':
      if (CHECKING_IN.includes(change)) return ok('checking_in');
      if (change === 'open') return ok('open');
      if (change === 'cancel') return ok('cancelled');
      return change === 'date' || change === 'type' || change === 'uninvite' ? no('frozen_from_check_in') : no('not_started');
    case 'open':
      if (IN_SESSION.includes(change)) return ok('open');
      if (change === 'close') return ok('closed');
      return change === 'date' || change === 'type' || change === 'uninvite' ? no('frozen_from_check_in') : no('in_session');
    case 'closed':
      return change === 'correct' ? ok('closed') : no('record_closed');
    case 'cancelled':
      return no('cancelled');
  }
}

export const mayChange = (from: MeetingLifecycleState, change: MeetingChange): boolean => meetingChange(from, change).ok;

/** A meeting that was really held: counted as 開催済み, its attendance is a record. */
export const WAS_HELD: ReadonlySet<MeetingLifecycleState> = new Set(['open', 'closed']);
/** A meeting still to come (or under way): listed as upcoming. */
export const UPCOMING: ReadonlySet<MeetingLifecycleState> = new Set(['planned', 'checking_in', 'open']);
