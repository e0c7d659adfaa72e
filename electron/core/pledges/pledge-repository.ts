import type { z } from 'zod';
import { KasaneError, type InviteeCoverage, type PersonCoverage, type PledgeRecord, type PledgeRenewal } from '../../../shared/contract';
import type { RecordPledgeInput } from '../../../shared/contract/pledges';
import { fiscalYearRange } from '../../../shared/domain/fiscal-year';
import { formatWareki } from '../../../shared/domain/wareki';
import { coverage, organizationOn, type Affiliation, type Coverage, type Exemption, type MeetingRef, type Pledge } from '../../../shared/domain/pledge-coverage';
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
  scan_attachment_id: string | null;
  superseded_by: string | null;
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
  scanAttachmentId: r.scan_attachment_id,
  supersededBy: r.superseded_by,
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
  // Revoked and superseded pledges are history: shown only when asked for.
  if (!filter.includeRevoked) where.push('p.revoked_on IS NULL AND p.superseded_by IS NULL');
  const rows = db.prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.signed_on DESC, p.created_at DESC`).all(params) as PledgeRow[];
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

type RecordInput = z.output<typeof RecordPledgeInput>;

/** The head of an organization signs for the people who belong to it on the signing day, no one else. */
function assertRosterBelongs(db: Db, organizationId: string, memberIds: readonly string[], signedOn: string): void {
  const belongs = db.prepare('SELECT 1 FROM member_affiliations WHERE member_id = ? AND organization_id = ? AND start_on <= ? AND (end_on IS NULL OR end_on >= ?)');
  for (const memberId of new Set(memberIds)) {
    if (belongs.get(memberId, organizationId, signedOn, signedOn)) continue;
    const name = db.prepare('SELECT name FROM members WHERE id = ?').pluck().get(memberId) as string;
    const organization = db.prepare('SELECT name FROM organizations WHERE id = ?').pluck().get(organizationId) as string;
    throw new KasaneError('roster_member_not_in_organization', { name, organization, signedOn: formatWareki(signedOn) });
  }
}

/** The active pledges (not revoked, not superseded) for the same person or organization and period, latest first. */
function activeDuplicates(db: Db, input: RecordInput): { id: string; signed_on: string }[] {
  const [same, params] =
    input.kind === 'per_meeting'
      ? ['member_id = @member AND meeting_id = @meeting', { member: input.memberId, meeting: input.meetingId }]
      : input.kind === 'individual_annual'
        ? ['member_id = @member AND fiscal_year = @fy', { member: input.memberId, fy: input.fiscalYear }]
        : ['organization_id = @org AND fiscal_year = @fy', { org: input.organizationId, fy: input.fiscalYear }];
  return db
    .prepare(`SELECT id, signed_on FROM pledges WHERE kind = @kind AND ${same} AND revoked_on IS NULL AND superseded_by IS NULL ORDER BY signed_on DESC, created_at DESC`)
    .all({ kind: input.kind, ...params }) as { id: string; signed_on: string }[];
}

/**
 * Records a pledge; returns its id and the ids of the pledges it replaced. A second active pledge
 * for the same person (organization) and period is refused with `pledge_duplicate` unless
 * `supersede` is set: then the earlier one is kept, marked as superseded by the new one.
 */
export function recordPledge(db: Db, input: RecordInput, staffId: string, now: Date, today: string): { id: string; superseded: string[] } {
  if (input.signedOn > today) throw new KasaneError('pledge_signed_in_future');
  if (input.kind !== 'per_meeting' && input.signedOn > fiscalYearRange(input.fiscalYear).end) {
    throw new KasaneError('pledge_outside_fiscal_year', { signedOn: input.signedOn, fiscalYear: input.fiscalYear });
  }
  if (input.kind === 'organization_roster') {
    assertActiveOrganization(db, input.organizationId);
    input.memberIds.forEach((m) => assertMember(db, m));
    assertRosterBelongs(db, input.organizationId, input.memberIds, input.signedOn);
  } else {
    assertMember(db, input.memberId);
  }
  if (input.kind === 'per_meeting') {
    const meeting = db.prepare('SELECT date, type, state, cancel_reason FROM meetings WHERE id = ?').get(input.meetingId) as
      | { date: string; type: string; state: string; cancel_reason: string | null }
      | undefined;
    if (!meeting) throw new KasaneError('meeting_not_found');
    // Strict reading of DOMAIN.md: pledges are a 支援会議's; a cancelled meeting is not held.
    if (meeting.type !== 'shien') throw new KasaneError('pledge_meeting_not_shien');
    if (meeting.state === 'cancelled') throw new KasaneError('meeting_cancelled', { reason: meeting.cancel_reason ?? '' });
    if (input.signedOn > meeting.date) throw new KasaneError('pledge_after_meeting', { signedOn: input.signedOn, meetingDate: meeting.date });
  }
  const duplicates = activeDuplicates(db, input);
  if (duplicates.length > 0 && !input.supersede) throw new KasaneError('pledge_duplicate', { signedOn: duplicates[0]!.signed_on, pledgeId: duplicates[0]!.id });
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
  const supersede = db.prepare('UPDATE pledges SET superseded_by = ? WHERE id = ?');
  for (const d of duplicates) supersede.run(id, d.id);
  return { id, superseded: duplicates.map((d) => d.id) };
}

/** A revocation is recorded when it happens: never dated in the future, never before the signing. */
export function revokePledge(db: Db, id: string, revokedOn: string, reason: string, today: string): void {
  const p = getPledge(db, id);
  if (p.revokedOn) throw new KasaneError('pledge_already_revoked', { revokedOn: p.revokedOn });
  if (revokedOn > today) throw new KasaneError('pledge_revoked_in_future', { revokedOn: formatWareki(revokedOn) });
  if (revokedOn < p.signedOn) throw new KasaneError('validation_failed', { fields: 'revokedOn', issues: [{ path: 'revokedOn', code: 'before_signed' }] });
  db.prepare('UPDATE pledges SET revoked_on = ?, revocation_reason = ? WHERE id = ?').run(revokedOn, reason, id);
}

export function setOriginalReceived(db: Db, id: string, received: boolean): void {
  getPledge(db, id);
  db.prepare('UPDATE pledges SET original_received = ? WHERE id = ?').run(received ? 1 : 0, id);
}

/** Attaches (or replaces) the scanned signed copy; the earlier scan stays in the vault, unreferenced. */
export function attachPledgeScan(db: Db, id: string, attachmentId: string): string | null {
  const previous = getPledge(db, id).scanAttachmentId;
  db.prepare('UPDATE pledges SET scan_attachment_id = ? WHERE id = ?').run(attachmentId, id);
  return previous;
}

/** A pledge as the pure rule sees it, and the day its successor was signed (if it was superseded). */
interface StoredPledge {
  pledge: Pledge;
  replacedOn: string | null;
}

/** Every pledge that concerns these people (revoked and superseded ones too), earliest signed first. */
function pledgesFor(db: Db, memberIds: string[]): StoredPledge[] {
  const ids = JSON.stringify(memberIds);
  const rows = db
    .prepare(
      `SELECT p.id, p.kind, p.member_id, p.organization_id, p.meeting_id, p.fiscal_year, p.signed_on, p.revoked_on, s.signed_on AS replaced_on,
         (SELECT json_group_array(member_id) FROM pledge_roster_members WHERE pledge_id = p.id) AS roster
       FROM pledges p LEFT JOIN pledges s ON s.id = p.superseded_by
       WHERE p.member_id IN (SELECT value FROM json_each(@ids))
          OR p.id IN (SELECT pledge_id FROM pledge_roster_members WHERE member_id IN (SELECT value FROM json_each(@ids)))
       ORDER BY p.signed_on, p.created_at`,
    )
    .all({ ids }) as Array<{
    id: string;
    kind: Pledge['kind'];
    member_id: string;
    organization_id: string;
    meeting_id: string;
    fiscal_year: number;
    signed_on: string;
    revoked_on: string | null;
    replaced_on: string | null;
    roster: string;
  }>;
  return rows.map((r): StoredPledge => {
    const base = { id: r.id, signedOn: r.signed_on, revokedOn: r.revoked_on };
    const pledge: Pledge =
      r.kind === 'per_meeting'
        ? { ...base, kind: r.kind, memberId: r.member_id, meetingId: r.meeting_id }
        : r.kind === 'individual_annual'
          ? { ...base, kind: r.kind, memberId: r.member_id, fiscalYear: r.fiscal_year }
          : { ...base, kind: r.kind, organizationId: r.organization_id, memberIds: JSON.parse(r.roster) as string[], fiscalYear: r.fiscal_year };
    return { pledge, replacedOn: r.replaced_on };
  });
}

/**
 * The pledges that count on a day. A superseded pledge counts until the day its successor was
 * signed (from then on the successor covers): a meeting held before the replacement keeps the
 * pledge that covered it, and nothing is covered twice.
 */
function effectiveOn(stored: readonly StoredPledge[], day: string, kinds?: readonly Pledge['kind'][]): Pledge[] {
  return stored.filter((s) => (s.replacedOn === null || s.replacedOn > day) && (!kinds || kinds.includes(s.pledge.kind))).map((s) => s.pledge);
}

const ANNUAL_KINDS: readonly Pledge['kind'][] = ['individual_annual', 'organization_roster'];

type ExemptionPeriod = Exemption & { fromOn: string; untilOn: string | null };

function exemptionPeriods(db: Db): ExemptionPeriod[] {
  return db.prepare('SELECT organization_id AS organizationId, reason, from_on AS fromOn, until_on AS untilOn FROM organization_exemptions').all() as ExemptionPeriod[];
}

/** The exemptions that held on a day (an exemption withdrawn today still covered last year's meetings). */
const exemptionsOn = (periods: readonly ExemptionPeriod[], day: string): Exemption[] =>
  periods.filter((e) => e.fromOn <= day && (e.untilOn === null || e.untilOn >= day));

const exemptionsOf = (db: Db, day: string): Exemption[] => exemptionsOn(exemptionPeriods(db), day);

/**
 * Of these attendances (a person present at a meeting on a day), the ones the register as it now
 * stands does not cover: the pledges, affiliations and exemption periods are read once for all
 * of them, so re-checking ten years of one person's meetings stays one pass.
 */
export function uncoveredAttendances<T extends { memberId: string; meetingId: string; date: string }>(db: Db, attendances: readonly T[]): T[] {
  if (attendances.length === 0) return [];
  const memberIds = [...new Set(attendances.map((a) => a.memberId))];
  const stored = pledgesFor(db, memberIds);
  const affiliations = affiliationsFor(db, memberIds);
  const periods = exemptionPeriods(db);
  return attendances.filter((a) => {
    const exemptions = exemptionsOn(periods, a.date);
    const person = { memberId: a.memberId, affiliations: affiliations.get(a.memberId) ?? [] };
    return !coverage(person, { id: a.meetingId, date: a.date }, effectiveOn(stored, a.date), exemptions).covered;
  });
}

/** Each person's affiliation history, oldest first (the order the pure rule reads it in). */
function affiliationsFor(db: Db, memberIds: string[]): Map<string, Affiliation[]> {
  const rows = db
    .prepare(
      `SELECT member_id, organization_id AS organizationId, start_on AS startOn, end_on AS endOn FROM member_affiliations
       WHERE member_id IN (SELECT value FROM json_each(?)) ORDER BY start_on, created_at`,
    )
    .all(JSON.stringify(memberIds)) as Array<Affiliation & { member_id: string }>;
  const byMember = new Map<string, Affiliation[]>();
  for (const { member_id, ...a } of rows) byMember.set(member_id, [...(byMember.get(member_id) ?? []), a]);
  return byMember;
}

/** The pure rule's verdict for each of these people on a meeting's day (or on a day with no particular meeting). */
function verdicts(db: Db, memberIds: string[], meeting: MeetingRef, opts: { kinds?: readonly Pledge['kind'][]; exemptions?: boolean } = {}): Map<string, Coverage> {
  const stored = pledgesFor(db, memberIds);
  const pledges = effectiveOn(stored, meeting.date, opts.kinds);
  const exemptions = opts.exemptions === false ? [] : exemptionsOf(db, meeting.date);
  const affiliations = affiliationsFor(db, memberIds);
  return new Map(memberIds.map((id) => [id, coverage({ memberId: id, affiliations: affiliations.get(id) ?? [] }, meeting, pledges, exemptions)]));
}

const coverageFields = (c: Coverage) => ({
  covered: c.covered,
  by: c.covered ? c.by.kind : null,
  pledgeId: c.covered && c.by.kind !== 'exemption' ? c.by.pledgeId : null,
  exemptionReason: c.covered && c.by.kind === 'exemption' ? c.by.reason : null,
  reason: c.covered ? null : c.reason,
});

/** Every invitee of a meeting with the pure rule's verdict on the meeting day (the gate reads this). */
export function meetingVerdicts(db: Db, meetingId: string): Array<{ memberId: string; name: string; organizationName: string; coverage: Coverage }> {
  const meeting = db.prepare('SELECT id, date FROM meetings WHERE id = ?').get(meetingId) as MeetingRef | undefined;
  if (!meeting) throw new KasaneError('meeting_not_found');
  const invitees = db
    .prepare(
      `SELECT i.member_id AS memberId, p.name, o.name AS organizationName FROM meeting_invitees i
       JOIN members p ON p.id = i.member_id JOIN organizations o ON o.id = i.organization_id
       WHERE i.meeting_id = ? ORDER BY o.sort_order, coalesce(p.name_kana, p.name)`,
    )
    .all(meetingId) as { memberId: string; name: string; organizationName: string }[];
  const byMember = verdicts(
    db,
    invitees.map((i) => i.memberId),
    meeting,
  );
  return invitees.map((i) => ({ ...i, coverage: byMember.get(i.memberId)! }));
}

export function coverageForMeeting(db: Db, meetingId: string): InviteeCoverage[] {
  return meetingVerdicts(db, meetingId).map(({ coverage: c, ...i }) => ({ ...i, ...coverageFields(c) }));
}

/** Matches no per-meeting pledge: the verdict for a day, not for a meeting. */
const NO_MEETING = '';

/**
 * Who is covered on a day by an annual pledge, a roster or an exemption: every member with an
 * affiliation on that day (or those of one organization), in directory order. Per-meeting
 * pledges cover a meeting, not a day, so they do not count here.
 */
export function coverageOn(db: Db, date: string, organizationId?: string): PersonCoverage[] {
  const rows = db
    .prepare(
      `SELECT m.id AS memberId, m.name, a.organization_id AS organizationId, o.name AS organizationName, a.title
       FROM member_affiliations a JOIN members m ON m.id = a.member_id JOIN organizations o ON o.id = a.organization_id
       WHERE a.start_on <= @date AND (a.end_on IS NULL OR a.end_on >= @date)
       ORDER BY o.sort_order, o.name, coalesce(m.name_kana, m.name), m.id`,
    )
    .all({ date }) as { memberId: string; name: string; organizationId: string; organizationName: string; title: string | null }[];
  const ids = [...new Set(rows.map((r) => r.memberId))];
  const affiliations = affiliationsFor(db, ids);
  // One row per person: the organization the rule places them in on that day.
  const people = rows.filter((r) => organizationOn({ memberId: r.memberId, affiliations: affiliations.get(r.memberId) ?? [] }, date) === r.organizationId);
  const wanted = organizationId ? people.filter((r) => r.organizationId === organizationId) : people;
  const byMember = verdicts(
    db,
    wanted.map((r) => r.memberId),
    { id: NO_MEETING, date },
    { kinds: ANNUAL_KINDS },
  );
  return wanted.map((r) => ({ ...r, ...coverageFields(byMember.get(r.memberId)!) }));
}

/**
 * The "new 年度" view: everyone whose annual coverage (an individual pledge or a roster of that
 * 年度, not revoked) still holds on 31 March, and who is invited to a 支援会議 dated from 1 April
 * of the next 年度; one row per person with the earliest such meeting, soonest meeting first.
 * `renewed`: already covered on that meeting's day by an annual pledge or roster, or an exemption.
 */
export function pledgeRenewals(db: Db, fiscalYear: number): PledgeRenewal[] {
  const { end } = fiscalYearRange(fiscalYear);
  const nextStart = fiscalYearRange(fiscalYear + 1).start;
  const candidates = db
    .prepare(
      `SELECT p.member_id AS memberId FROM pledges p WHERE p.kind = 'individual_annual' AND p.fiscal_year = @fy AND p.revoked_on IS NULL
       UNION
       SELECT r.member_id FROM pledge_roster_members r JOIN pledges p ON p.id = r.pledge_id
       WHERE p.kind = 'organization_roster' AND p.fiscal_year = @fy AND p.revoked_on IS NULL`,
    )
    .pluck()
    .all({ fy: fiscalYear }) as string[];
  if (candidates.length === 0) return [];
  const stored = pledgesFor(db, candidates);
  const affiliations = affiliationsFor(db, candidates);
  const firstMeeting = db.prepare(
    `SELECT m.id, m.title, m.date, o.name AS organizationName, o.sort_order, coalesce(pm.name_kana, pm.name) AS sortName, pm.name
     FROM meeting_invitees i JOIN meetings m ON m.id = i.meeting_id JOIN organizations o ON o.id = i.organization_id JOIN members pm ON pm.id = i.member_id
     WHERE i.member_id = ? AND m.type = 'shien' AND m.date >= ?
     ORDER BY m.date, m.start_time, m.created_at LIMIT 1`,
  );
  const rows: Array<PledgeRenewal & { sortOrder: number; sortName: string }> = [];
  for (const memberId of candidates) {
    const person = { memberId, affiliations: affiliations.get(memberId) ?? [] };
    const ending = coverage(
      person,
      { id: NO_MEETING, date: end },
      effectiveOn(stored, end, ANNUAL_KINDS).filter((p) => p.kind !== 'per_meeting' && p.fiscalYear === fiscalYear && p.revokedOn === null),
      [],
    );
    if (!ending.covered || ending.by.kind === 'exemption' || ending.by.kind === 'per_meeting') continue;
    const meeting = firstMeeting.get(memberId, nextStart) as
      | { id: string; title: string; date: string; organizationName: string; sort_order: number; sortName: string; name: string }
      | undefined;
    if (!meeting) continue;
    const renewed = coverage(person, meeting, effectiveOn(stored, meeting.date, ANNUAL_KINDS), exemptionsOf(db, meeting.date)).covered;
    rows.push({
      memberId,
      name: meeting.name,
      organizationName: meeting.organizationName,
      endingPledgeId: ending.by.pledgeId,
      endingKind: ending.by.kind,
      renewed,
      meetingId: meeting.id,
      meetingTitle: meeting.title,
      meetingDate: meeting.date,
      sortOrder: meeting.sort_order,
      sortName: meeting.sortName,
    });
  }
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => cmp(a.meetingDate, b.meetingDate) || cmp(a.sortOrder, b.sortOrder) || cmp(a.organizationName, b.organizationName) || cmp(a.sortName, b.sortName));
  return rows.map(({ sortOrder: _o, sortName: _n, ...r }) => r);
}

/** Active pledges (not revoked, not superseded) of a 年度; a per-meeting pledge belongs to its meeting's 年度. */
export function countActivePledges(db: Db, fiscalYear: number): number {
  const range = fiscalYearRange(fiscalYear);
  return db
    .prepare(
      `SELECT count(*) FROM pledges p WHERE p.revoked_on IS NULL AND p.superseded_by IS NULL
       AND (p.fiscal_year = @fy OR p.meeting_id IN (SELECT id FROM meetings WHERE date BETWEEN @start AND @end))`,
    )
    .pluck()
    .get({ fy: fiscalYear, ...range }) as number;
}
