import { z } from 'zod';
import { method } from './define';
import { IsoDate } from './home';
import { AttachmentInput } from './cases';

const Id = z.string().min(1).max(64);
const FiscalYear = z.number().int().min(2000).max(2100);

export const PledgeKind = z.enum(['per_meeting', 'individual_annual', 'organization_roster']);
export type PledgeKind = z.infer<typeof PledgeKind>;

export const PledgeRecord = z.object({
  id: z.string(),
  kind: PledgeKind,
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  /** The named staff of a roster pledge. */
  rosterMembers: z.array(z.object({ memberId: z.string(), name: z.string() })),
  meetingId: z.string().nullable(),
  fiscalYear: z.number().int().nullable(),
  signedOn: IsoDate,
  addressee: z.string(),
  wordingVersion: z.number().int(),
  originalReceived: z.boolean(),
  revokedOn: IsoDate.nullable(),
  revocationReason: z.string().nullable(),
  /** The scanned signed copy (attachment.get to view), stored encrypted in the vault. */
  scanAttachmentId: z.string().nullable(),
  /** Set when a later pledge for the same person (or organization) and period replaced this one. */
  supersededBy: z.string().nullable(),
});
export type PledgeRecord = z.infer<typeof PledgeRecord>;

export const RecordPledgeInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('per_meeting'), memberId: Id, meetingId: Id, signedOn: IsoDate, addressee: z.string().trim().min(1).max(60), originalReceived: z.boolean(), supersede: z.boolean().optional() }).strict(),
  z.object({ kind: z.literal('individual_annual'), memberId: Id, fiscalYear: FiscalYear, signedOn: IsoDate, addressee: z.string().trim().min(1).max(60), originalReceived: z.boolean(), supersede: z.boolean().optional() }).strict(),
  z
    .object({
      kind: z.literal('organization_roster'),
      organizationId: Id,
      memberIds: z.array(Id).min(1).max(500),
      fiscalYear: FiscalYear,
      signedOn: IsoDate,
      addressee: z.string().trim().min(1).max(60),
      originalReceived: z.boolean(),
      supersede: z.boolean().optional(),
    })
    .strict(),
]);

/** One invitee of a 支援会議 and whether they are covered on the meeting day, and why (not). */
export const InviteeCoverage = z.object({
  memberId: z.string(),
  name: z.string(),
  organizationName: z.string(),
  covered: z.boolean(),
  by: z.enum(['per_meeting', 'individual_annual', 'organization_roster', 'exemption']).nullable(),
  pledgeId: z.string().nullable(),
  exemptionReason: z.string().nullable(),
  reason: z.enum(['revoked', 'signed_after_meeting', 'expired', 'roster_other_organization', 'pledge_for_other_meeting', 'no_pledge']).nullable(),
});
export type InviteeCoverage = z.infer<typeof InviteeCoverage>;

/**
 * Whether one active member is covered on a given day by an annual pledge, a roster or an exemption
 * (per-meeting pledges cover a meeting, not a day, and are not considered: `reason` is then `no_pledge`).
 */
export const PersonCoverage = InviteeCoverage.extend({
  organizationId: z.string(),
  title: z.string().nullable(),
});
export type PersonCoverage = z.infer<typeof PersonCoverage>;

/** Someone whose annual coverage ends on 31 March and who is invited to a 支援会議 after 1 April. */
export const PledgeRenewal = z.object({
  memberId: z.string(),
  name: z.string(),
  organizationName: z.string(),
  endingPledgeId: z.string(),
  endingKind: z.enum(['individual_annual', 'organization_roster']),
  /** Already covered on that meeting's day by an annual pledge or roster of the new 年度, or by an exemption of their organization. */
  renewed: z.boolean(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  meetingDate: IsoDate,
});
export type PledgeRenewal = z.infer<typeof PledgeRenewal>;

export const PledgeFormInput = z.discriminatedUnion('kind', [
  /** Per-meeting forms, pre-filled, one page each: for the given invitees, or for all who lack coverage. */
  z.object({ kind: z.literal('per_meeting'), meetingId: Id, memberIds: z.array(Id).max(200).optional() }).strict(),
  z.object({ kind: z.literal('individual_annual'), memberId: Id, fiscalYear: FiscalYear }).strict(),
  z.object({ kind: z.literal('organization_roster'), organizationId: Id, fiscalYear: FiscalYear }).strict(),
]);

export const pledgesMethods = {
  /**
   * The register, latest signed first. Revoked and superseded pledges are history and are left out
   * unless `includeRevoked` is true (then both are listed: see `revokedOn` and `supersededBy`).
   */
  'pledge.list': method({
    input: z.object({ fiscalYear: FiscalYear.optional(), organizationId: Id.optional(), includeRevoked: z.boolean().optional() }).strict(),
    output: z.array(PledgeRecord),
    access: 'unlocked',
  }),
  /**
   * Refused with `pledge_duplicate` when an active pledge (not revoked, not superseded) exists for
   * the same member and 年度 (individual), organization and 年度 (roster) or member and meeting
   * (per meeting), unless `supersede` is true: then the earlier one gets `supersededBy`. A
   * superseded pledge still covers meetings dated before its successor was signed (so a meeting
   * already held keeps its evidence); from that day on only the successor counts. A per-meeting
   * pledge signed after its meeting's day is refused with `pledge_after_meeting`.
   */
  'pledge.record': method({ input: RecordPledgeInput, output: PledgeRecord, access: 'unlocked' }),
  /** Attach (or replace) the scanned signed copy: a PDF or an image, checked by its first bytes. */
  'pledge.attachScan': method({ input: AttachmentInput.extend({ pledgeId: Id }).strict(), output: PledgeRecord, access: 'unlocked' }),
  /** Who is covered on a day (annual pledges, rosters, exemptions), for all active members or one organization. */
  'pledge.coverageOn': method({
    input: z.object({ date: IsoDate, organizationId: Id.optional() }).strict(),
    output: z.array(PersonCoverage),
    access: 'unlocked',
  }),
  /**
   * The "new 年度" view: annual coverage ending 31 March of this 年度, invited to a 支援会議 from 1 April;
   * one row per person (their earliest such meeting, in any state), soonest meeting first, then directory order.
   */
  'pledge.renewals': method({ input: z.object({ fiscalYear: FiscalYear }).strict(), output: z.array(PledgeRenewal), access: 'unlocked' }),
  'pledge.revoke': method({
    input: z.object({ id: Id, revokedOn: IsoDate, reason: z.string().trim().min(1).max(400) }).strict(),
    output: PledgeRecord,
    access: 'unlocked',
  }),
  'pledge.markOriginalReceived': method({ input: z.object({ id: Id, received: z.boolean() }).strict(), output: PledgeRecord, access: 'unlocked' }),
  /** Coverage of every invitee of a meeting on its day (the gate of a 支援会議 uses the same rule). */
  'pledge.coverageForMeeting': method({ input: z.object({ meetingId: Id }).strict(), output: z.array(InviteeCoverage), access: 'unlocked' }),
  'pledge.wording': method({
    input: z.object({}).strict(),
    output: z.object({ version: z.number().int(), text: z.string() }),
    access: 'unlocked',
  }),
  /** Each edit of the wording is a new version; pledges keep the version they were signed on. */
  'pledge.updateWording': method({
    input: z.object({ text: z.string().trim().min(20).max(4000) }).strict(),
    output: z.object({ version: z.number().int(), text: z.string() }),
    access: 'administrator',
  }),
  'pledge.formPdf': method({
    input: PledgeFormInput,
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int() }),
    access: 'unlocked',
  }),
};
