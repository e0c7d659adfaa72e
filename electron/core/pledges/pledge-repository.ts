import type { z } from 'zod';
import { KasaneError, type InviteeCoverage, type PledgeRecord } from '../../../shared/contract';
import type { RecordPledgeInput } from '../../../shared/contract/pledges';
import { fiscalYearRange } from '../../../shared/domain/fiscal-year';
import { coverage, type Affiliation, type Pledge } from '../../../shared/domain/pledge-coverage';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';
import { assertActiveOrganization } from '../directory/organization-repository';

interface PledgeRow {
  id: string;
  kind: PledgeRecord['kind'];
  member_id: string | null;
  member_name: string | null;
  organization_id: string | null;
  organization_name: string | null;
  meeting_id: string | null;
  fiscal_year: number | null;
  signed_on: string;
  addressee: string;
  wording_version: number;
  original_received: number;
  revoked_on: string | null;
  revocation_reason: string | null;
  roster: string;
}

const SELECT = `
  SELECT p.*, m.name AS member_name, o.name AS organization_name,
    (SELECT json_group_array(json_object('memberId', r.member_id, 'name', rm.name))
       FROM pledge_roster_members r JOIN members rm ON rm.id = r.member_id WHERE r.pledge_id = p.id) AS roster
  FROM pledges p LEFT JOIN members m ON m.id = p.member_id LEFT JOIN organizations o ON o.id = p.organization_id`;

const toRecord = (r: PledgeRow): PledgeRecord => ({
  id: r.id,
  kind: r.kind,
  memberId: r.member_id,
  memberName: r.member_name,
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  rosterMembers: JSON.parse(r.roster) as PledgeRecord['rosterMembers'],
  meetingId: r.meeting_id,
  fiscalYear: r.fiscal_year,
  signedOn: r.signed_on,
  addressee: r.addressee,
  wordingVersion: r.wording_version,
  originalReceived: r.original_received === 1,
  revokedOn: r.revoked_on,
  revocationReason: r.revocation_reason,
});

export function getPledge(db: Db, id: string): PledgeRecord {
  const row = db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as PledgeRow | undefined;
  if (!row) throw new KasaneError('pledge_not_found');
  return toRecord(row);
}

export function listPledges(db: Db, filter: { fiscalYear?: number; organizationId?: string; includeRevoked?: boolean }): PledgeRecord[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.fiscalYear !== undefined) {
    // Per-meeting pledges belong to the 年度 of their meeting.
    const range = fiscalYearRange(filter.fiscalYear);
    where.push('(p.fiscal_year = @fy OR p.meeting_id IN (SELECT id FROM meetings WHERE date BETWEEN @start AND @end))');
    Object.assign(params, { fy: filter.fiscalYear, ...range });
  }
  if (filter.organizationId) {
    where.push(`(p.organization_id = @org OR p.member_id IN (SELECT member_id FROM member_affiliations WHERE organization_id = @org))`);
    params.org = filter.organizationId;
  }
  if (!filter.includeRevoked) where.push('p.revoked_on IS NULL');
  const rows = db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.signed_on DESC`).all(params) as PledgeRow[];
  return rows.map(toRecord);
}

function assertMember(db: Db, id: string): void {
  if (!db.prepare('SELECT 1 FROM members WHERE id = ?').get(id)) throw new KasaneError('member_not_found');
}

export function currentWording(db: Db): { version: number; text: string } {
  return db.prepare('SELECT version, text FROM pledge_wordings ORDER BY version DESC LIMIT 1').get() as { version: number; text: string };
}

export function updateWording(db: Db, text: string, staffId: string, now: Date): { version: number; text: string } {
  const current = currentWording(db);
  if (current.text === text) return current;
  db.prepare('INSERT INTO pledge_wordings (version, text, created_at, created_by) VALUES (?, ?, ?, ?)').run(current.version + 1, text, now.toISOString(), staffId);
  return currentWording(db);
}

export function recordPledge(db: Db, input: z.output<typeof RecordPledgeInput>, staffId: string, now: Date, today: string): string {
  if (input.signedOn > today) throw new KasaneError('pledge_signed_in_future');
  if (input.kind !== 'per_meeting' && input.signedOn > fiscalYearRange(input.fiscalYear).end) {
    throw new KasaneError('pledge_outside_fiscal_year', { signedOn: input.signedOn, fiscalYear: input.fiscalYear });
  }
  if (input.kind === 'organization_roster') {
    assertActiveOrganization(db, input.organizationId);
    input.memberIds.forEach((m) => assertMember(db, m));
  } else {
    assertMember(db, input.memberId);
  }
  if (input.kind === 'per_meeting' && !db.prepare('SELECT 1 FROM meetings WHERE id = ?').get(input.meetingId)) throw new KasaneError('meeting_not_found');
  const id = randomId();
  db.prepare(
    `INSERT INTO pledges (id, kind, member_id, organization_id, meeting_id, fiscal_year, signed_on, addressee, wording_version, original_received, created_at, created_by)
     VALUES (@id, @kind, @member, @org, @meeting, @fy, @signedOn, @addressee, @wording, @received, @at, @staff)`,
  ).run({
    id,
    kind: input.kind,
    member: input.kind === 'organization_roster' ? null : input.memberId,
    org: input.kind === 'organization_roster' ? input.organizationId : null,
    meeting: input.kind === 'per_meeting' ? input.meetingId : null,
    fy: input.kind === 'per_meeting' ? null : input.fiscalYear,
    signedOn: input.signedOn,
    addressee: input.addressee,
    wording: currentWording(db).version,
    received: input.originalReceived ? 1 : 0,
    at: now.toISOString(),
    staff: staffId,
  });
  if (input.kind === 'organization_roster') {
    const add = db.prepare('INSERT INTO pledge_roster_members (pledge_id, member_id) VALUES (?, ?)');
    for (const m of new Set(input.memberIds)) add.run(id, m);
  }
  return id;
}

export function revokePledge(db: Db, id: string, revokedOn: string, reason: string): void {
  const p = getPledge(db, id);
  if (p.revokedOn) throw new KasaneError('pledge_already_revoked', { revokedOn: p.revokedOn });
  if (revokedOn < p.signedOn) throw new KasaneError('validation_failed', { fields: 'revokedOn', issues: [{ path: 'revokedOn', code: 'before_signed' }] });
  db.prepare('UPDATE pledges SET revoked_on = ?, revocation_reason = ? WHERE id = ?').run(revokedOn, reason, id);
}

export function setOriginalReceived(db: Db, id: string, received: boolean): void {
  getPledge(db, id);
  db.prepare('UPDATE pledges SET original_received = ? WHERE id = ?').run(received ? 1 : 0, id);
}

/** The pure rule's view of the pledges that concern these people. */
function pledgesFor(db: Db, memberIds: string[]): Pledge[] {
  const ids = JSON.stringify(memberIds);
  const rows = db
    .prepare(
      `SELECT p.id, p.kind, p.member_id, p.organization_id, p.meeting_id, p.fiscal_year, p.signed_on, p.revoked_on,
         (SELECT json_group_array(member_id) FROM pledge_roster_members WHERE pledge_id = p.id) AS roster
       FROM pledges p
       WHERE p.member_id IN (SELECT value FROM json_each(@ids))
          OR p.id IN (SELECT pledge_id FROM pledge_roster_members WHERE member_id IN (SELECT value FROM json_each(@ids)))`,
    )
    .all({ ids }) as Array<{ id: string; kind: Pledge['kind']; member_id: string; organization_id: string; meeting_id: string; fiscal_year: number; signed_on: string; revoked_on: string | null; roster: string }>;
  return rows.map((r): Pledge => {
    const base = { id: r.id, signedOn: r.signed_on, revokedOn: r.revoked_on };
    if (r.kind === 'per_meeting') return { ...base, kind: r.kind, memberId: r.member_id, meetingId: r.meeting_id };
    if (r.kind === 'individual_annual') return { ...base, kind: r.kind, memberId: r.member_id, fiscalYear: r.fiscal_year };
    return { ...base, kind: r.kind, organizationId: r.organization_id, memberIds: JSON.parse(r.roster) as string[], fiscalYear: r.fiscal_year };
  });
}

export function coverageForMeeting(db: Db, meetingId: string): InviteeCoverage[] {
  const meeting = db.prepare('SELECT id, date FROM meetings WHERE id = ?').get(meetingId) as { id: string; date: string } | undefined;
  if (!meeting) throw new KasaneError('meeting_not_found');
  const invitees = db
    .prepare(
      `SELECT i.member_id AS memberId, p.name, o.name AS organizationName FROM meeting_invitees i
       JOIN members p ON p.id = i.member_id JOIN organizations o ON o.id = i.organization_id
       WHERE i.meeting_id = ? ORDER BY o.sort_order, coalesce(p.name_kana, p.name)`,
    )
    .all(meetingId) as { memberId: string; name: string; organizationName: string }[];
  const ids = invitees.map((i) => i.memberId);
  const pledges = pledgesFor(db, ids);
  const exemptions = db.prepare('SELECT id AS organizationId, pledge_exemption_reason AS reason FROM organizations WHERE pledge_exemption_reason IS NOT NULL').all() as {
    organizationId: string;
    reason: string;
  }[];
  const affiliations = db
    .prepare('SELECT member_id, organization_id AS organizationId, start_on AS startOn, end_on AS endOn FROM member_affiliations WHERE member_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as Array<Affiliation & { member_id: string }>;
  return invitees.map((i) => {
    const c = coverage({ memberId: i.memberId, affiliations: affiliations.filter((a) => a.member_id === i.memberId) }, meeting, pledges, exemptions);
    return {
      ...i,
      covered: c.covered,
      by: c.covered ? c.by.kind : null,
      pledgeId: c.covered && c.by.kind !== 'exemption' ? c.by.pledgeId : null,
      exemptionReason: c.covered && c.by.kind === 'exemption' ? c.by.reason : null,
      reason: c.covered ? null : c.reason,
    };
  });
}
