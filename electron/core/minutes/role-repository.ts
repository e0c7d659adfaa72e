import type { z } from 'zod';
import { KasaneError, type OverdueReason, type RoleAssignment } from '../../../shared/contract';
import type { minutesMethods } from '../../../shared/contract/minutes';
import { OPEN_ROLE_STATUSES, isOverdue } from '../../../shared/domain/minutes';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';
import { assertActiveOrganization } from '../directory/organization-repository';
import { assertEditable, meetingOfItem } from './minutes-repository';

type CreateInput = z.output<(typeof minutesMethods)['role.create']['input']>;
type UpdateInput = z.output<(typeof minutesMethods)['role.update']['input']>;
type ProgressInput = z.output<(typeof minutesMethods)['role.recordProgress']['input']>;
type ListInput = z.output<(typeof minutesMethods)['role.list']['input']>;

const SELECT = `
  SELECT r.id, r.case_id AS caseId, c.case_number AS caseNumber, c.initials, r.goal, r.action,
    r.organization_id AS organizationId, o.name AS organizationName, r.member_id AS memberId, p.name AS memberName,
    r.start_on AS startOn, r.due_on AS dueOn, r.frequency, r.status, r.live,
    r.created_item_id AS createdItemId, a.meeting_id AS createdMeetingId, m.date AS createdMeetingDate,
    (SELECT json_object('onDate', g.on_date, 'status', g.status, 'note', g.note, 'overdueReason', g.overdue_reason, 'meetingId', g.meeting_id)
       FROM role_progress g WHERE g.assignment_id = r.id ORDER BY g.created_at DESC, g.rowid DESC LIMIT 1) AS lastUpdate
  FROM role_assignments r
  JOIN cases c ON c.id = r.case_id
  JOIN organizations o ON o.id = r.organization_id
  LEFT JOIN members p ON p.id = r.member_id
  LEFT JOIN agenda_items a ON a.id = r.created_item_id
  LEFT JOIN meetings m ON m.id = a.meeting_id`;

type Row = Omit<RoleAssignment, 'live' | 'overdue' | 'lastUpdate'> & { live: number; lastUpdate: string | null };

/**
 * isOverdue (shared/domain/minutes.ts) in SQL, for counting and listing in the database: a row of
 * `role_assignments r` open and past its due date on the date bound as `@today`. Home, the role
 * list and the desk use it; role-overdue.test.ts checks that it picks the rows isOverdue picks.
 */
export const OVERDUE_SQL = `r.status IN (${OPEN_ROLE_STATUSES.map((s) => `'${s}'`).join(', ')}) AND r.due_on IS NOT NULL AND r.due_on < @today`;

const toAssignment =
  (today: string) =>
  (r: Row): RoleAssignment => ({
    ...r,
    live: r.live === 1,
    overdue: isOverdue(r, today),
    lastUpdate: r.lastUpdate ? (JSON.parse(r.lastUpdate) as RoleAssignment['lastUpdate']) : null,
  });

export function getAssignment(db: Db, id: string, today: string): RoleAssignment {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as Row | undefined;
  if (!row) throw new KasaneError('role_not_found');
  return toAssignment(today)(row);
}

/** The assignments decided at a meeting (live or not yet), in 次第 order. */
export function assignmentsCreatedAt(db: Db, meetingId: string, today: string): RoleAssignment[] {
  return (db.prepare(`${SELECT} WHERE a.meeting_id = ? ORDER BY a.position, r.created_at, r.id`).all(meetingId) as Row[]).map(toAssignment(today));
}

function checkDates(startOn: string, dueOn: string | null, frequency: string | null): void {
  if (dueOn && dueOn < startOn) throw new KasaneError('role_due_before_start', { dueOn, startOn });
  if (!dueOn && !frequency) throw new KasaneError('role_needs_due_or_frequency');
}

function checkPerson(db: Db, organizationId: string, memberId: string | null): void {
  assertActiveOrganization(db, organizationId);
  if (!memberId) return;
  const belongs = db.prepare('SELECT 1 FROM member_affiliations WHERE member_id = ? AND organization_id = ?').get(memberId, organizationId);
  if (!belongs) throw new KasaneError('validation_failed', { fields: 'memberId', issues: [{ path: 'memberId', code: 'not_in_organization' }] });
}

export function createAssignment(db: Db, input: CreateInput, now: Date): string {
  const item = meetingOfItem(db, input.itemId);
  assertEditable(db, item.meetingId, now);
  if (!db.prepare('SELECT 1 FROM agenda_items WHERE meeting_id = ? AND case_id = ?').get(item.meetingId, input.caseId)) {
    throw new KasaneError('decision_case_not_on_agenda');
  }
  checkDates(input.startOn, input.dueOn ?? null, input.frequency ?? null);
  checkPerson(db, input.organizationId, input.memberId ?? null);
  const id = randomId();
  db.prepare(
    `INSERT INTO role_assignments (id, case_id, goal, action, organization_id, member_id, start_on, due_on, frequency, created_item_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.caseId, input.goal ?? null, input.action, input.organizationId, input.memberId ?? null, input.startOn, input.dueOn ?? null, input.frequency ?? null, input.itemId, now.toISOString());
  return id;
}

/** Only assignments of minutes not yet confirmed change; live ones get progress records instead. */
function assertDraftAssignment(db: Db, a: RoleAssignment, now: Date): void {
  if (a.live) throw new KasaneError('role_already_live');
  if (a.createdMeetingId) assertEditable(db, a.createdMeetingId, now);
}

export function updateAssignment(db: Db, input: UpdateInput, now: Date, today: string): void {
  const a = getAssignment(db, input.id, today);
  assertDraftAssignment(db, a, now);
  const next = {
    goal: input.goal === undefined ? a.goal : input.goal,
    action: input.action ?? a.action,
    organizationId: input.organizationId ?? a.organizationId,
    memberId: input.memberId === undefined ? (input.organizationId ? null : a.memberId) : input.memberId,
    startOn: input.startOn ?? a.startOn,
    dueOn: input.dueOn === undefined ? a.dueOn : input.dueOn,
    frequency: input.frequency === undefined ? a.frequency : input.frequency,
  };
  checkDates(next.startOn, next.dueOn, next.frequency);
  checkPerson(db, next.organizationId, next.memberId);
  db.prepare(
    `UPDATE role_assignments SET goal = @goal, action = @action, organization_id = @organizationId, member_id = @memberId,
       start_on = @startOn, due_on = @dueOn, frequency = @frequency WHERE id = @id`,
  ).run({ ...next, id: a.id });
}

export function removeAssignment(db: Db, id: string, now: Date, today: string): RoleAssignment {
  const a = getAssignment(db, id, today);
  assertDraftAssignment(db, a, now);
  db.prepare('DELETE FROM role_assignments WHERE id = ?').run(id);
  return a;
}

/** 確定 makes the assignments decided at the meeting live. */
export function makeLive(db: Db, meetingId: string): number {
  return db
    .prepare('UPDATE role_assignments SET live = 1 WHERE live = 0 AND created_item_id IN (SELECT id FROM agenda_items WHERE meeting_id = ?)')
    .run(meetingId).changes;
}

export function recordProgress(db: Db, input: ProgressInput, staffId: string, now: Date, today: string): void {
  const a = getAssignment(db, input.id, today);
  if (!a.live) throw new KasaneError('minutes_not_ready', { state: '確定前' });
  if (input.onDate > today) throw new KasaneError('validation_failed', { fields: 'onDate', issues: [{ path: 'onDate', code: 'in_future' }] });
  if (input.meetingId && !db.prepare('SELECT 1 FROM meetings WHERE id = ?').get(input.meetingId)) throw new KasaneError('meeting_not_found');
  // Reviewing an assignment past its due date that is still not done: say why, so follow-up gaps show.
  const overdueAtReview = isOverdue(a, input.onDate) && input.status !== 'done';
  if (overdueAtReview && !input.overdueReason) throw new KasaneError('overdue_reason_required');
  db.prepare(
    `INSERT INTO role_progress (id, assignment_id, meeting_id, on_date, status, note, overdue_reason, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(randomId(), a.id, input.meetingId ?? null, input.onDate, input.status, input.note ?? null, overdueAtReview ? input.overdueReason : null, now.toISOString(), staffId);
  db.prepare('UPDATE role_assignments SET status = ? WHERE id = ?').run(input.status, a.id);
}

export function listAssignments(db: Db, input: ListInput): RoleAssignment[] {
  const where = ['r.live = 1'];
  const params: Record<string, unknown> = { today: input.today };
  const filter = (sql: string, name: string, value: unknown) => {
    where.push(sql);
    params[name] = value;
  };
  if (input.organizationId) filter('r.organization_id = @org', 'org', input.organizationId);
  if (input.memberId) filter('r.member_id = @member', 'member', input.memberId);
  if (input.caseId) filter('r.case_id = @case', 'case', input.caseId);
  if (input.status?.length) filter('r.status IN (SELECT value FROM json_each(@statuses))', 'statuses', JSON.stringify(input.status));
  if (input.dueBefore) filter('r.due_on IS NOT NULL AND r.due_on < @dueBefore', 'dueBefore', input.dueBefore);
  if (input.overdueOnly) where.push(OVERDUE_SQL);
  const rows = db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY r.due_on IS NULL, r.due_on, c.case_number`).all(params) as Row[];
  return rows.map(toAssignment(input.today));
}

/** 前回決定事項・役割分担の進捗確認: open assignments of the cases on this 次第, and every overdue one. */
export function assignmentsForMeeting(db: Db, meetingId: string): RoleAssignment[] {
  const meeting = db.prepare('SELECT date FROM meetings WHERE id = ?').get(meetingId) as { date: string } | undefined;
  if (!meeting) throw new KasaneError('meeting_not_found');
  const rows = db
    .prepare(
      `${SELECT}
       WHERE r.live = 1 AND r.status IN ('open', 'in_progress')
         AND (r.case_id IN (SELECT case_id FROM agenda_items WHERE meeting_id = @meetingId AND case_id IS NOT NULL)
              OR (r.due_on IS NOT NULL AND r.due_on < @date))
       ORDER BY c.case_number, r.due_on`,
    )
    .all({ meetingId, date: meeting.date }) as Row[];
  return rows.map(toAssignment(meeting.date));
}

export function overdueStats(db: Db, from: string, to: string): { organizationId: string; organizationName: string; reason: OverdueReason; count: number }[] {
  return db
    .prepare(
      `SELECT r.organization_id AS organizationId, o.name AS organizationName, g.overdue_reason AS reason, count(*) AS count
       FROM role_progress g JOIN role_assignments r ON r.id = g.assignment_id JOIN organizations o ON o.id = r.organization_id
       WHERE g.overdue_reason IS NOT NULL AND g.on_date BETWEEN ? AND ?
       GROUP BY r.organization_id, g.overdue_reason ORDER BY o.sort_order, g.overdue_reason`,
    )
    .all(from, to) as { organizationId: string; organizationName: string; reason: OverdueReason; count: number }[];
}
