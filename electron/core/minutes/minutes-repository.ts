import { WAS_HELD, type MeetingLifecycleState } from '../../../shared/domain/meeting-lifecycle';
import { KasaneError, type Minutes, type MinutesState } from '../../../shared/contract';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../vault/database';
import { listDecisions } from './decision-repository';
import { assignmentsCreatedAt } from './role-repository';

const STATE_JA: Record<MinutesState, string> = { live: '会議中', draft: '下書き', confirmed: '確定', amending: '訂正中' };

interface MinutesRow {
  meeting_id: string;
  state: MinutesState;
  current_item_id: string | null;
  focused_since: string | null;
  amendment_reason: string | null;
}

/**
 * The minutes row of a meeting, created on first use: `live` once the meeting is open, `draft`
 * once it is closed. A planned meeting has no minutes yet.
 */
export function minutesRow(db: Db, meetingId: string, now: Date): MinutesRow {
  const row = db.prepare('SELECT meeting_id, state, current_item_id, focused_since, amendment_reason FROM minutes WHERE meeting_id = ?').get(meetingId) as
    | MinutesRow
    | undefined;
  if (row) return row;
  const meeting = db.prepare('SELECT state FROM meetings WHERE id = ?').get(meetingId) as { state: string } | undefined;
  if (!meeting) throw new KasaneError('meeting_not_found');
  // Minutes are of a meeting that was held: not before 開会, never of a cancelled one.
  if (!WAS_HELD.has(meeting.state as MeetingLifecycleState)) throw new KasaneError('minutes_not_ready', { state: meeting.state === 'cancelled' ? '中止' : '開会前' });
  const state: MinutesState = meeting.state === 'open' ? 'live' : 'draft';
  db.prepare('INSERT INTO minutes (meeting_id, state, updated_at) VALUES (?, ?, ?)').run(meetingId, state, now.toISOString());
  return { meeting_id: meetingId, state, current_item_id: null, focused_since: null, amendment_reason: null };
}

/** Refuses changes to confirmed minutes (an amendment must be started first) and to a planned meeting. */
export function assertEditable(db: Db, meetingId: string, now: Date): MinutesRow {
  const row = minutesRow(db, meetingId, now);
  if (row.state === 'confirmed') throw new KasaneError('minutes_confirmed');
  return row;
}

export function meetingOfItem(db: Db, itemId: string): { meetingId: string; caseId: string | null; date: string; type: string } {
  const row = db
    .prepare('SELECT a.meeting_id AS meetingId, a.case_id AS caseId, m.date, m.type FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE a.id = ?')
    .get(itemId) as { meetingId: string; caseId: string | null; date: string; type: string } | undefined;
  if (!row) throw new KasaneError('agenda_item_not_found');
  return row;
}

export function stateName(state: MinutesState): string {
  return STATE_JA[state];
}

/**
 * Autosave of one item's notes: one short upsert, ignored when an older revision arrives late
 * (saves may overtake each other). Returns the revision now stored.
 */
/** The autosave's statements, prepared once per connection: a save is the hottest path of the app. */
const saveStatements = new WeakMap<Db, { state: Statement; upsert: Statement; stored: Statement }>();
function statementsFor(db: Db) {
  let s = saveStatements.get(db);
  if (!s) {
    s = {
      state: db.prepare('SELECT a.meeting_id AS meetingId, n.state FROM agenda_items a LEFT JOIN minutes n ON n.meeting_id = a.meeting_id WHERE a.id = ?'),
      upsert: db.prepare(
        `INSERT INTO minutes_notes (item_id, body, revision, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (item_id) DO UPDATE SET body = excluded.body, revision = excluded.revision, updated_at = excluded.updated_at
         WHERE excluded.revision > minutes_notes.revision
         RETURNING revision, updated_at AS savedAt`,
      ),
      stored: db.prepare('SELECT revision, updated_at AS savedAt FROM minutes_notes WHERE item_id = ?'),
    };
    saveStatements.set(db, s);
  }
  return s;
}

/**
 * Autosave of one item's notes: one short upsert, ignored when an older revision arrives late
 * (saves may overtake each other). Returns the revision now stored.
 */
export function saveNotes(db: Db, input: { itemId: string; notes: string; revision: number }, now: Date): { revision: number; savedAt: string } {
  const st = statementsFor(db);
  const item = st.state.get(input.itemId) as { meetingId: string; state: MinutesState | null } | undefined;
  if (!item) throw new KasaneError('agenda_item_not_found');
  // The usual case is one lookup; the first save of a meeting creates its minutes row.
  if (item.state === 'confirmed') throw new KasaneError('minutes_confirmed');
  if (item.state === null) assertEditable(db, item.meetingId, now);
  const saved = st.upsert.get(input.itemId, input.notes, input.revision, now.toISOString()) as { revision: number; savedAt: string } | undefined;
  return saved ?? (st.stored.get(input.itemId) as { revision: number; savedAt: string });
}

/** Adds the time since the current item got the focus to its timer (only while the meeting runs). */
function stopTimer(db: Db, row: MinutesRow, now: Date): void {
  if (!row.current_item_id || !row.focused_since) return;
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(row.focused_since)) / 1000));
  db.prepare(
    `INSERT INTO minutes_notes (item_id, body, revision, elapsed_seconds, updated_at) VALUES (?, '', 0, ?, ?)
     ON CONFLICT (item_id) DO UPDATE SET elapsed_seconds = elapsed_seconds + excluded.elapsed_seconds`,
  ).run(row.current_item_id, seconds, now.toISOString());
  db.prepare('UPDATE minutes SET focused_since = NULL WHERE meeting_id = ?').run(row.meeting_id);
}

export function focusItem(db: Db, meetingId: string, itemId: string, now: Date): void {
  const row = assertEditable(db, meetingId, now);
  if (meetingOfItem(db, itemId).meetingId !== meetingId) throw new KasaneError('agenda_item_not_found');
  if (row.current_item_id === itemId && row.focused_since) return;
  stopTimer(db, row, now);
  // The timer runs only in a meeting in session; a draft just remembers where the user was.
  const since = row.state === 'live' ? now.toISOString() : null;
  db.prepare('UPDATE minutes SET current_item_id = ?, focused_since = ?, updated_at = ? WHERE meeting_id = ?').run(itemId, since, now.toISOString(), meetingId);
}

/** 閉会 turns live minutes into a draft and stops the item timer. */
export function closeMinutes(db: Db, meetingId: string, now: Date): void {
  const row = minutesRow(db, meetingId, now);
  stopTimer(db, row, now);
  db.prepare("UPDATE minutes SET state = 'draft', updated_at = ? WHERE meeting_id = ?").run(now.toISOString(), meetingId);
}

export function setMinutesState(db: Db, meetingId: string, state: MinutesState, amendmentReason: string | null, now: Date): void {
  db.prepare('UPDATE minutes SET state = ?, amendment_reason = ?, updated_at = ? WHERE meeting_id = ?').run(state, amendmentReason, now.toISOString(), meetingId);
}

export function getMinutes(db: Db, meetingId: string, now: Date, today: string): Minutes {
  const row = minutesRow(db, meetingId, now);
  const items = db
    .prepare(
      `SELECT a.id AS itemId, coalesce(n.body, '') AS notes, coalesce(n.revision, 0) AS notesRevision, coalesce(n.elapsed_seconds, 0) AS elapsedSeconds
       FROM agenda_items a LEFT JOIN minutes_notes n ON n.item_id = a.id WHERE a.meeting_id = ? ORDER BY a.position`,
    )
    .all(meetingId) as { itemId: string; notes: string; notesRevision: number; elapsedSeconds: number }[];
  const running = row.focused_since ? Math.max(0, Math.round((now.getTime() - Date.parse(row.focused_since)) / 1000)) : 0;
  const decisions = listDecisions(db, meetingId);
  const assignments = assignmentsCreatedAt(db, meetingId, today);
  const versions = db
    .prepare(
      `SELECT v.version, v.sha256, v.confirmed_at AS confirmedAt, s.name AS confirmedByName, v.reason
       FROM minutes_versions v JOIN staff s ON s.id = v.confirmed_by WHERE v.meeting_id = ? ORDER BY v.version`,
    )
    .all(meetingId) as Minutes['versions'];
  return {
    meetingId,
    state: row.state,
    currentItemId: row.current_item_id,
    amendmentReason: row.amendment_reason,
    versions,
    items: items.map((i) => ({
      ...i,
      elapsedSeconds: i.elapsedSeconds + (i.itemId === row.current_item_id ? running : 0),
      decisions: decisions.filter((d) => d.itemId === i.itemId),
      roleAssignments: assignments.filter((a) => a.createdItemId === i.itemId),
    })),
  };
}
