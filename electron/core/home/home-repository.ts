import type { HomeSummary } from '../../../shared/contract';
import { fiscalYearOf } from '../../../shared/domain/fiscal-year';
import type { Db } from '../vault/database';
import { countActivePledges, coverageForMeeting } from '../pledges/pledge-repository';
import { OVERDUE_SQL } from '../minutes/role-repository';
import { HELD_STATES_SQL, UPCOMING_STATES_SQL } from '../meetings/meeting-state';

const count = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

const MAX_PLEDGE_WARNINGS = 5;

/** Upcoming 支援会議 (still planned) with invitees not covered on the day: soonest first, at most five. */
function pledgeWarnings(db: Db, today: string): HomeSummary['pledgeWarnings'] {
  const meetings = db
    .prepare("SELECT id, title, date FROM meetings WHERE type = 'shien' AND state IN ('planned', 'checking_in') AND date >= ? ORDER BY date, start_time, created_at")
    .all(today) as { id: string; title: string; date: string }[];
  const warnings: HomeSummary['pledgeWarnings'] = [];
  for (const m of meetings) {
    const uncovered = coverageForMeeting(db, m.id).filter((c) => !c.covered).length;
    if (uncovered > 0) warnings.push({ meetingId: m.id, title: m.title, date: m.date, uncovered });
    if (warnings.length === MAX_PLEDGE_WARNINGS) break;
  }
  return warnings;
}

export function homeSummary(db: Db, today: string): HomeSummary {
  const next = db
    .prepare(
      `SELECT id, type, title, date, start_time AS startTime, place, state FROM meetings
       WHERE date >= ? AND state IN ${UPCOMING_STATES_SQL} ORDER BY date, start_time LIMIT 1`,
    )
    .get(today) as HomeSummary['nextMeeting'] | undefined;
  return {
    nextMeeting: next ?? null,
    pledgeWarnings: pledgeWarnings(db, today),
    rolesNotice: db.prepare("SELECT 1 FROM settings WHERE key = 'rolesNotice'").get() !== undefined,
    counts: {
      // A cancelled meeting is neither upcoming nor held.
      upcomingMeetings: count(db, `SELECT count(*) AS n FROM meetings WHERE date >= ? AND state IN ${UPCOMING_STATES_SQL}`, today),
      // 開催済み: only meetings that were opened; one closed today is past already, one still open is not.
      pastMeetings: count(db, `SELECT count(*) AS n FROM meetings WHERE state IN ${HELD_STATES_SQL} AND (state = 'closed' OR date < ?)`, today),
      openCases: count(db, "SELECT count(*) AS n FROM cases WHERE status NOT IN ('closed', 'suspended')"),
      organizations: count(db, 'SELECT count(*) AS n FROM organizations WHERE retired_at IS NULL'),
      // Active pledges of the current 年度 (not revoked, not superseded).
      pledges: countActivePledges(db, fiscalYearOf(today)),
      // Live role assignments not done yet, and those of them past their due date.
      openRoleAssignments: count(db, "SELECT count(*) AS n FROM role_assignments WHERE live = 1 AND status IN ('open', 'in_progress')"),
      overdueRoleAssignments: count(db, `SELECT count(*) AS n FROM role_assignments r WHERE r.live = 1 AND ${OVERDUE_SQL}`, { today }),
    },
  };
}
