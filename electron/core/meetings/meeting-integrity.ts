import { KasaneError } from '../../../shared/contract';
import { formatWareki } from '../../../shared/domain/wareki';
import type { Db } from '../vault/database';
import { meetingVerdicts } from '../pledges/pledge-repository';

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

/** The meetings whose records rest on what the transaction touched. */
function affectedMeetings(db: Db): Map<string, Cause> {
  const touched = db.prepare('SELECT DISTINCT kind, id, cause FROM temp.integrity_touched').all() as { kind: string; id: string; cause: Cause }[];
  const meetings = new Map<string, Cause>();
  // The most specific cause wins the message: a revocation over a replacement over the rest.
  const rank: Cause[] = ['attendance', 'affiliation', 'exemption', 'replacement', 'revocation'];
  const note = (id: string, cause: Cause) => {
    const before = meetings.get(id);
    if (!before || rank.indexOf(cause) > rank.indexOf(before)) meetings.set(id, cause);
  };
  const heldWith = db.prepare(
    `SELECT DISTINCT a.meeting_id FROM meeting_attendance a JOIN meetings m ON m.id = a.meeting_id
     WHERE a.member_id IN (SELECT value FROM json_each(?)) AND a.present = 1 AND m.type = 'shien' AND m.state IN ('open', 'closed')`,
  );
  const membersOfPledge = db.prepare('SELECT member_id FROM pledges WHERE id = ? AND member_id IS NOT NULL UNION SELECT member_id FROM pledge_roster_members WHERE pledge_id = ?');
  const membersOfOrganization = db.prepare('SELECT DISTINCT member_id FROM member_affiliations WHERE organization_id = ?');
  for (const t of touched) {
    const members =
      t.kind === 'meeting'
        ? null
        : t.kind === 'member'
          ? [t.id]
          : t.kind === 'pledge'
            ? (membersOfPledge.pluck().all(t.id, t.id) as string[])
            : (membersOfOrganization.pluck().all(t.id) as string[]);
    if (members === null) note(t.id, t.cause);
    else for (const id of heldWith.pluck().all(JSON.stringify(members)) as string[]) note(id, t.cause);
  }
  return meetings;
}

function violationsOf(db: Db, meetingId: string): Violation[] {
  const m = db.prepare('SELECT id, type, date, state FROM meetings WHERE id = ?').get(meetingId) as { id: string; type: string; date: string; state: string } | undefined;
  if (!m) return [];
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
  const late = db.prepare('SELECT p.member_id, coalesce(x.name, \'\') AS name FROM pledges p LEFT JOIN members x ON x.id = p.member_id WHERE p.meeting_id = ? AND p.signed_on > ?').get(m.id, m.date) as
    | { member_id: string; name: string }
    | undefined;
  if (late) out.push({ ...base, memberId: late.member_id, name: late.name, code: 'attendance_record_breaks' });
  if (m.type === 'shien' && (m.state === 'open' || m.state === 'closed')) {
    for (const v of meetingVerdicts(db, m.id)) if (present.has(v.memberId) && !v.coverage.covered) out.push({ ...base, memberId: v.memberId, name: v.name });
  }
  return out;
}

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
  const affected = affectedMeetings(db);
  db.prepare('DELETE FROM temp.integrity_touched').run();
  for (const [meetingId, cause] of affected) {
    const v = violationsOf(db, meetingId)[0];
    if (!v) continue;
    const date = formatWareki(v.date);
    if (v.code) throw new KasaneError(v.code, { name: v.name, date, ...v.details });
    const organization =
      cause === 'exemption'
        ? ((db
            .prepare(
              `SELECT o.name FROM member_affiliations a JOIN organizations o ON o.id = a.organization_id
               WHERE a.member_id = ? AND a.start_on <= ? AND (a.end_on IS NULL OR a.end_on >= ?) LIMIT 1`,
            )
            .pluck()
            .get(v.memberId, v.date, v.date) as string | undefined) ?? '')
        : '';
    throw new KasaneError(CAUSE_CODE[cause], { name: v.name, date, organization });
  }
}

/** Every violation in the vault, for `kasane verify`: an empty list when every meeting's record holds. */
export function meetingRecordViolations(db: Db): { meetingId: string; date: string; name: string; code: string }[] {
  const ids = db.prepare('SELECT id FROM meetings ORDER BY date').pluck().all() as string[];
  return ids.flatMap((id) => violationsOf(db, id).map((v) => ({ meetingId: v.meetingId, date: v.date, name: v.name, code: v.code ?? 'attendee_not_covered' })));
}
