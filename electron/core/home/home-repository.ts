import type { HomeSummary } from '../../../shared/contract';
import type { Db } from '../vault/database';

const count = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;

export function homeSummary(db: Db, today: string): HomeSummary {
  const next = db
    .prepare(
      `SELECT id, type, title, date, start_time AS startTime, place FROM meetings
       WHERE date >= ? AND state IN ('planned', 'open') ORDER BY date, start_time LIMIT 1`,
    )
    .get(today) as HomeSummary['nextMeeting'] | undefined;
  return {
    nextMeeting: next ?? null,
    counts: {
      upcomingMeetings: count(db, "SELECT count(*) AS n FROM meetings WHERE date >= ? AND state IN ('planned', 'open')", today),
      pastMeetings: count(db, 'SELECT count(*) AS n FROM meetings WHERE date < ?', today),
      openCases: count(db, "SELECT count(*) AS n FROM cases WHERE status NOT IN ('closed', 'suspended')"),
      organizations: count(db, 'SELECT count(*) AS n FROM organizations WHERE retired_at IS NULL'),
      // The pledge register and role assignments arrive with their own issues.
      pledges: null,
      openRoleAssignments: null,
    },
  };
}
