import { fiscalYearOf } from './fiscal-year';

/**
 * Who is covered by a confidentiality pledge (守秘義務誓約) for a 支援会議 on a given day
 * (DOMAIN.md, Confidentiality pledges). The gate that keeps a meeting closed asks this for every
 * checked-in attendee, so it is one pure function, tested at every edge.
 *
 * Covered by: a per-meeting pledge for that meeting; an individual pledge for the 年度 that
 * contains the meeting day; an organization roster pledge for that 年度 that names the person
 * while they belong to that organization; or an exemption of the organization they belong to.
 * A revoked pledge covers nothing from its revocation day on (it still covered meetings before,
 * so past attendance lists stay true). A pledge counts from the day it was signed.
 */
export type Pledge =
  | { id: string; kind: 'per_meeting'; memberId: string; meetingId: string; signedOn: string; revokedOn: string | null }
  | { id: string; kind: 'individual_annual'; memberId: string; fiscalYear: number; signedOn: string; revokedOn: string | null }
  | { id: string; kind: 'organization_roster'; organizationId: string; memberIds: readonly string[]; fiscalYear: number; signedOn: string; revokedOn: string | null };

export interface Affiliation {
  organizationId: string;
  startOn: string;
  endOn: string | null;
}

export interface Person {
  memberId: string;
  affiliations: readonly Affiliation[];
}

export interface MeetingRef {
  id: string;
  date: string; // YYYY-MM-DD
}

export interface Exemption {
  organizationId: string;
  reason: string;
}

export type CoveredBy = { kind: Pledge['kind']; pledgeId: string } | { kind: 'exemption'; organizationId: string; reason: string };

/** Why someone is not covered, the most useful reason first when several apply. */
export type NotCoveredReason =
  | 'revoked' // their pledge was revoked before the meeting
  | 'signed_after_meeting' // the only pledge was signed after the meeting day
  | 'expired' // they have a pledge, but for an earlier 年度
  | 'roster_other_organization' // named on a roster of an organization they no longer belong to
  | 'pledge_for_other_meeting' // a per-meeting pledge, but for another meeting
  | 'no_pledge';

export type Coverage = { covered: true; by: CoveredBy } | { covered: false; reason: NotCoveredReason };

const REASON_ORDER: readonly NotCoveredReason[] = ['revoked', 'signed_after_meeting', 'expired', 'roster_other_organization', 'pledge_for_other_meeting', 'no_pledge'];

export function organizationOn(person: Person, day: string): string | null {
  const a = person.affiliations.find((x) => x.startOn <= day && (x.endOn === null || x.endOn >= day));
  return a?.organizationId ?? null;
}

/** Does this pledge concern the person at all (before checking dates)? */
function concerns(p: Pledge, person: Person): boolean {
  return p.kind === 'organization_roster' ? p.memberIds.includes(person.memberId) : p.memberId === person.memberId;
}

function verdict(p: Pledge, person: Person, meeting: MeetingRef): Coverage {
  const fy = fiscalYearOf(meeting.date);
  if (p.kind === 'per_meeting' && p.meetingId !== meeting.id) return { covered: false, reason: 'pledge_for_other_meeting' };
  if (p.kind !== 'per_meeting' && p.fiscalYear !== fy) {
    return { covered: false, reason: p.fiscalYear < fy ? 'expired' : 'no_pledge' };
  }
  if (p.kind === 'organization_roster' && organizationOn(person, meeting.date) !== p.organizationId) {
    return { covered: false, reason: 'roster_other_organization' };
  }
  if (p.signedOn > meeting.date) return { covered: false, reason: 'signed_after_meeting' };
  if (p.revokedOn !== null && p.revokedOn <= meeting.date) return { covered: false, reason: 'revoked' };
  return { covered: true, by: { kind: p.kind, pledgeId: p.id } };
}

export function coverage(person: Person, meeting: MeetingRef, pledges: readonly Pledge[], exemptions: readonly Exemption[]): Coverage {
  const verdicts = pledges.filter((p) => concerns(p, person)).map((p) => verdict(p, person, meeting));
  const covered = verdicts.find((v) => v.covered);
  if (covered) return covered;
  const org = organizationOn(person, meeting.date);
  const exemption = org === null ? undefined : exemptions.find((e) => e.organizationId === org);
  if (exemption) return { covered: true, by: { kind: 'exemption', organizationId: exemption.organizationId, reason: exemption.reason } };
  const reasons = verdicts.flatMap((v) => (v.covered ? [] : [v.reason]));
  return { covered: false, reason: REASON_ORDER.find((r) => reasons.includes(r)) ?? 'no_pledge' };
}
