import { z } from 'zod';
import { method } from './define';
import { IsoDate } from './home';

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
});
export type PledgeRecord = z.infer<typeof PledgeRecord>;

export const RecordPledgeInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('per_meeting'), memberId: Id, meetingId: Id, signedOn: IsoDate, addressee: z.string().trim().min(1).max(60), originalReceived: z.boolean() }).strict(),
  z.object({ kind: z.literal('individual_annual'), memberId: Id, fiscalYear: FiscalYear, signedOn: IsoDate, addressee: z.string().trim().min(1).max(60), originalReceived: z.boolean() }).strict(),
  z
    .object({
      kind: z.literal('organization_roster'),
      organizationId: Id,
      memberIds: z.array(Id).min(1).max(500),
      fiscalYear: FiscalYear,
      signedOn: IsoDate,
      addressee: z.string().trim().min(1).max(60),
      originalReceived: z.boolean(),
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

export const PledgeFormInput = z.discriminatedUnion('kind', [
  /** Per-meeting forms, pre-filled, one page each: for the given invitees, or for all who lack coverage. */
  z.object({ kind: z.literal('per_meeting'), meetingId: Id, memberIds: z.array(Id).max(200).optional() }).strict(),
  z.object({ kind: z.literal('individual_annual'), memberId: Id, fiscalYear: FiscalYear }).strict(),
  z.object({ kind: z.literal('organization_roster'), organizationId: Id, fiscalYear: FiscalYear }).strict(),
]);

export const pledgesMethods = {
  'pledge.list': method({
    input: z.object({ fiscalYear: FiscalYear.optional(), organizationId: Id.optional(), includeRevoked: z.boolean().optional() }).strict(),
    output: z.array(PledgeRecord),
    access: 'unlocked',
  }),
  'pledge.record': method({ input: RecordPledgeInput, output: PledgeRecord, access: 'unlocked' }),
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
    access: 'unlocked',
  }),
  'pledge.formPdf': method({
    input: PledgeFormInput,
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int() }),
    access: 'unlocked',
  }),
};
