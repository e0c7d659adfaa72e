import { KasaneError } from '../../../shared/contract';
import { formatWareki } from '../../../shared/domain/wareki';
import type { Db } from '../vault/database';
import { uncoveredAttendances } from '../pledges/pledge-repository';

/**
 * The records a meeting keeps true, checked at the end of every write transaction that touched
 * what they rest on — whichever command, in whatever order, did it:
 *
 * - the pledge gate as an invariant: in a 支援会議 that is open or closed, everyone recorded as
 *   present (even if they left) is covered on the meeting's date by the register as it now
 *   stands (a pledge, a roster naming them while they belong to the organization, or an
 *   exemption of their organization holding that day);
 * - attendance that could happen: only invitees (walk-ins are added as invitees) have
 *   attendance; a departure needs an arrival and comes after it; numbered copies only for people
 *   present; nothing recorded for a meeting whose 受付 has not begun; a per-meeting pledge signed
 *   on or before its meeting's day.
 *
 * What "touched" means is recorded by TEMP triggers on the tables those facts live in (they live in
 * the connection, not in the vault file), so a new command that changes a pledge, an affiliation, an
 * exemption or an attendance row is checked without having to remember to ask. Each command still
 * checks its own case first, to say precisely what is wrong; this is the guard behind them.
 */
const WATCHED = new WeakSet<Db>();

type Cause = 'attendance' | 'revocation' | 'replacement' | 'exemption' | 'affiliation';

/** Installs the watch on a connection; outside any transaction (a rolled-back one would take it along). */
export function watch(db: Db): void {
  if (WATCHED.has(db)) return;
  const touched = (table: string, events: string, kind: string, id: string, cause: Cause, when = '') =>
    events
      .split(' ')
      .map((event) => {
        const row = event === 'DELETE' ? 'OLD' : 'NEW';
        return `CREATE TEMP TRIGGER IF NOT EXISTS watch_${table}_${event.toLowerCase()}_${cause} AFTER ${event} ON main.${table} ${when}
          BEGIN INSERT INTO temp.integrity_touched (kind, id, cause) VALUES ('${kind}', ${row}.${id}, '${cause}'); END;`;
      })
      .join('\n');
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS integrity_touched (kind TEXT NOT NULL, id TEXT NOT NULL, cause TEXT NOT NULL);
    ${touched('meetings', 'UPDATE', 'meeting', 'id', 'attendance')}
    ${touched('meeting_attendance', 'INSERT UPDATE DELETE', 'meeting', 'meeting_id', 'attendance')}
    ${touched('meeting_invitees', 'INSERT UPDATE DELETE', 'meeting', 'meeting_id', 'attendance')}
    ${touched('material_copies', 'INSERT UPDATE DELETE', 'meeting', 'meeting_id', 'attendance')}
    ${touched('pledges', 'UPDATE', 'pledge', 'id', 'revocation', 'WHEN NEW.revoked_on IS NOT OLD.revoked_on')}
    ${touched('pledges', 'INSERT UPDATE', 'pledge', 'id', 'replacement')}
    ${touched('pledges', 'INSERT', 'meeting', 'meeting_id', 'attendance', 'WHEN NEW.meeting_id IS NOT NULL')}
    ${touched('pledge_roster_members', 'INSERT DELETE', 'member', 'member_id', 'replacement')}
    ${touched('member_affiliations', 'INSERT UPDATE DELETE', 'member', 'member_id', 'affiliation')}
    ${touched('organization_exemptions', 'INSERT UPDATE DELETE', 'organization', 'organization_id', 'exemption')}
  `);
  WATCHED.add(db);
}

/** Call first inside a write transaction: starts recording what it touches. */
export function beginWatch(db: Db): void {
  db.prepare('DELETE FROM temp.integrity_touched').run();
}

interface Violation {
  meetingId: string;
  date: string;
  memberId: string | null;
  name: string;
  /** The attendance fact itself is wrong (not the coverage behind it). */
  code?: 'departure_before_arrival' | 'attendance_record_breaks';
  details?: Record<string, string>;
}

/** What a transaction touched, as the meetings to check: all of a meeting, or some people's attendance at it. */
interface Scope {
  /** Meetings whose own rows changed: every check, for everyone in them. */
  meetings: Map<string, Cause>;
  /** Meetings where some people's coverage may have changed (their pledge, affiliation, organization's exemption). */
  attendances: Map<string, { cause: Cause; memberIds: Set<string> }>;
}

const RANK: readonly Cause[] = ['attendance', 'affiliation', 'exemption', 'replacement', 'revocation'];
/** The most specific cause wins the message: a revocation over a replacement over the rest. */
const stronger = (a: Cause | undefined, b: Cause): Cause => (a === undefined || RANK.indexOf(b) > RANK.indexOf(a) ? b : a);

function scopeOf(db: Db): Scope {
  const touched = db.prepare('SELECT DISTINCT kind, id, cause FROM temp.integrity_touched').all() as { kind: string; id: string; cause: Cause }[];
  const scope: Scope = { meetings: new Map(), attendances: new Map() };
  const heldWith = db.prepare(
    `SELECT DISTINCT a.meeting_id AS meetingId, a.member_id AS memberId FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id
     WHERE a.member_id IN (SELECT value FROM json_each(?)) AND a.present = 1 AND m.type = 'shien' AND m.state IN ('open', 'closed')`,
  );
  const membersOfPledge = db.prepare('SELECT member_id FROM pledges WHERE id = ? AND member_id IS NOT NULL UNION SELECT member_id FROM pledge_roster_members WHERE pledge_id = ?').pluck();
  const membersOfOrganization = db.prepare('SELECT DISTINCT member_id FROM member_affiliations WHERE organization_id = ?').pluck();
  for (const t of touched) {
    if (t.kind === 'meeting') {
      scope.meetings.set(t.id, stronger(scope.meetings.get(t.id), t.cause));
      continue;
    }
    const members =
      t.kind === 'member' ? [t.id] : t.kind === 'pledge' ? (membersOfPledge.all(t.id, t.id) as string[]) : (membersOfOrganization.all(t.id) as string[]);
    for (const a of heldWith.all(JSON.stringify(members)) as { meetingId: string; memberId: string }[]) {
      const entry = scope.attendances.get(a.meetingId) ?? { cause: t.cause, memberIds: new Set<string>() };
      entry.cause = stronger(entry.cause, t.cause);
      entry.memberIds.add(a.memberId);
      scope.attendances.set(a.meetingId, entry);
    }
  }
  return scope;
}

interface MeetingFacts {
  id: string;
  type: string;
  date: string;
  state: string;
}

/** Attendance that could not happen: someone not invited, a departure without or before an arrival, a copy for someone not present. */
function attendanceViolations(db: Db, m: MeetingFacts): Violation[] {
  const out: Violation[] = [];
  const rows = db
    .prepare(
      `SELECT a.member_id, p.name, a.present, a.arrived_at, a.left_at, EXISTS (SELECT 1 FROM meeting_invitees i WHERE i.meeting_id = a.meeting_id AND i.member_id = a.member_id) AS invited
       FROM meeting_attendance a JOIN members p ON p.id = a.member_id WHERE a.meeting_id = ?`,
    )
    .all(m.id) as { member_id: string; name: string; present: number; arrived_at: string | null; left_at: string | null; invited: number }[];
  const base = { meetingId: m.id, date: m.date };
  if (m.state === 'planned' && rows.length > 0) out.push({ ...base, memberId: null, name: rows[0]!.name, code: 'attendance_record_breaks' });
  for (const r of rows) {
    if (!r.invited) out.push({ ...base, memberId: r.member_id, name: r.name, code: 'attendance_record_breaks' });
    if (r.left_at !== null && (r.present !== 1 || r.arrived_at === null || r.left_at < r.arrived_at)) {
      out.push({ ...base, memberId: r.member_id, name: r.name, code: 'departure_before_arrival', details: { arrivedAt: r.arrived_at ?? '—', leftAt: r.left_at } });
    }
  }
  const present = new Set(rows.filter((r) => r.present === 1).map((r) => r.member_id));
  for (const c of db.prepare('SELECT c.member_id, p.name FROM material_copies c JOIN members p ON p.id = c.member_id WHERE c.meeting_id = ?').all(m.id) as { member_id: string; name: string }[]) {
    if (!present.has(c.member_id)) out.push({ ...base, memberId: c.member_id, name: c.name, code: 'attendance_record_breaks' });
  }
  const late = db.prepare("SELECT p.member_id, coalesce(x.name, '') AS name FROM pledges p LEFT JOIN members x ON x.id = p.member_id WHERE p.meeting_id = ? AND p.signed_on > ?").get(m.id, m.date) as
    | { member_id: string; name: string }
    | undefined;
  if (late) out.push({ ...base, memberId: late.member_id, name: late.name, code: 'attendance_record_breaks' });
  return out;
}

/** The gate as an invariant: people present at an open or closed 支援会議 (all of them, or these) not covered by the register as it stands. */
function uncovered(db: Db, meetings: readonly MeetingFacts[], only?: Map<string, Set<string>>): Violation[] {
  const held = meetings.filter((m) => m.type === 'shien' && (m.state === 'open' || m.state === 'closed'));
  const present = db.prepare('SELECT a.member_id AS memberId, p.name FROM meeting_attendance a JOIN members p ON p.id = a.member_id WHERE a.meeting_id = ? AND a.present = 1');
  const attendances = held.flatMap((m) =>
    (present.all(m.id) as { memberId: string; name: string }[]).filter((a) => !only || only.get(m.id)?.has(a.memberId)).map((a) => ({ ...a, meetingId: m.id, date: m.date })),
  );
  return uncoveredAttendances(db, attendances);
}

const factsOf = (db: Db, ids: Iterable<string>): MeetingFacts[] => {
  const get = db.prepare('SELECT id, type, date, state FROM meetings WHERE id = ?');
  return [...ids].flatMap((id) => (get.get(id) as MeetingFacts | undefined) ?? []);
};

const CAUSE_CODE = {
  attendance: 'attendance_record_breaks',
  revocation: 'pledge_revocation_breaks_record',
  replacement: 'pledge_replacement_breaks_record',
  exemption: 'exemption_withdrawal_breaks_record',
  affiliation: 'affiliation_change_breaks_record',
} as const;

/**
 * Call at the end of a write transaction, inside it: throws (so the whole change rolls back) when
 * the change left a meeting's record untrue, naming the person, the meeting and what to do.
 */
export function assertRecordsHold(db: Db): void {
  if (!WATCHED.has(db)) return;
  const scope = scopeOf(db);
  db.prepare('DELETE FROM temp.integrity_touched').run();
  const touched = factsOf(db, scope.meetings.keys());
  const first =
    touched.flatMap((m) => attendanceViolations(db, m))[0] ??
    uncovered(db, touched)[0] ??
    uncovered(db, factsOf(db, scope.attendances.keys()), new Map([...scope.attendances].map(([id, a]) => [id, a.memberIds])))[0];
  if (!first) return;
  const date = formatWareki(first.date);
  if (first.code) throw new KasaneError(first.code, { name: first.name, date, ...first.details });
  const cause = stronger(scope.meetings.get(first.meetingId), scope.attendances.get(first.meetingId)?.cause ?? 'attendance');
  const organization =
    cause === 'exemption'
      ? ((db
          .prepare(
            `SELECT o.name FROM member_affiliations a JOIN organizations o ON o.id = a.organization_id
             WHERE a.member_id = ? AND a.start_on <= ? AND (a.end_on IS NULL OR a.end_on >= ?) LIMIT 1`,
          )
          .pluck()
          .get(first.memberId, first.date, first.date) as string | undefined) ?? '')
      : '';
  throw new KasaneError(CAUSE_CODE[cause], { name: first.name, date, organization });
}

/** Every violation in the vault, for `kasane verify`: an empty list when every meeting's record holds. */
export function meetingRecordViolations(db: Db): { meetingId: string; date: string; name: string; code: string }[] {
  const all = db.prepare('SELECT id, type, date, state FROM meetings ORDER BY date').all() as MeetingFacts[];
  return [...all.flatMap((m) => attendanceViolations(db, m)), ...uncovered(db, all)].map((v) => ({
    meetingId: v.meetingId,
    date: v.date,
    name: v.name,
    code: v.code ?? 'attendee_not_covered',
  }));
}
