import { z } from 'zod';
import { method } from './define';
import { IsoDate } from './home';
import { CASE_STATUSES } from '../domain/case-lifecycle';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const Id = z.string().min(1).max(64);

export const CaseStatusSchema = z.enum(CASE_STATUSES);

export const NeedCategory = z.object({ id: z.string(), label: z.string() });
export type NeedCategory = z.infer<typeof NeedCategory>;

export const ConsentSummary = z.object({ valid: z.boolean(), allowsJusoteki: z.boolean() });

/** A row of the case list: number and initials only, never the name. */
export const CaseRow = z.object({
  id: z.string(),
  caseNumber: z.string(),
  initials: z.string(),
  status: CaseStatusSchema,
  receivedOn: IsoDate,
  leadOrganizationId: z.string().nullable(),
  leadOrganizationName: z.string().nullable(),
  categories: z.array(z.string()),
  consent: ConsentSummary,
});
export type CaseRow = z.infer<typeof CaseRow>;

export const ConsentMethod = z.enum(['written', 'verbal', 'other']);

export const Consent = z.object({
  id: z.string(),
  givenOn: IsoDate,
  method: ConsentMethod,
  obtainedBy: z.string(),
  organizationIds: z.array(z.string()),
  allowsJusoteki: z.boolean(),
  notes: z.string().nullable(),
  withdrawnOn: IsoDate.nullable(),
  withdrawalReason: z.string().nullable(),
  /** The scanned signed form, stored encrypted in the vault (attachment.get to view). */
  scanAttachmentId: z.string().nullable(),
});
export type Consent = z.infer<typeof Consent>;

export const CaseTransition = z.object({
  from: CaseStatusSchema.nullable(),
  to: CaseStatusSchema,
  reason: z.string().nullable(),
  staffName: z.string().nullable(),
  at: z.string(),
});

export const CaseDetail = CaseRow.extend({
  /** Whether a full name is stored; it is shown only through case.reveal (audit-logged). */
  hasFullName: z.boolean(),
  householdNotes: z.string().nullable(),
  intakeRoute: z.string().nullable(),
  receivedByOrganizationId: z.string().nullable(),
  categoryIds: z.array(z.string()),
  consents: z.array(Consent),
  consentToday: ConsentSummary.extend({ organizationIds: z.array(z.string()) }),
  history: z.array(CaseTransition),
  /** The statuses the case may move to today (the UI offers only these). */
  allowedTransitions: z.array(CaseStatusSchema),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const RegisterCaseInput = z
  .object({
    initials: text(20),
    fullName: optionalText(60),
    fullNameKana: optionalText(60),
    birthDate: IsoDate.nullable().optional(),
    householdNotes: optionalText(4000),
    intakeRoute: optionalText(60),
    receivedOn: IsoDate,
    receivedByOrganizationId: Id.nullable().optional(),
    leadOrganizationId: Id.nullable().optional(),
    categoryIds: z.array(Id).max(20).default([]),
    /** Normally assigned automatically; given only when transcribing an existing register. */
    caseNumber: text(40).optional(),
  })
  .strict();
export type RegisterCaseInput = z.input<typeof RegisterCaseInput>;

export const UpdateCaseInput = z
  .object({
    id: Id,
    initials: text(20).optional(),
    fullName: optionalText(60),
    fullNameKana: optionalText(60),
    birthDate: IsoDate.nullable().optional(),
    householdNotes: optionalText(4000),
    intakeRoute: optionalText(60),
    receivedByOrganizationId: Id.nullable().optional(),
    leadOrganizationId: Id.nullable().optional(),
    categoryIds: z.array(Id).max(20).optional(),
  })
  .strict();

/** Scans and images that may be attached: checked by their first bytes, not only the name. */
export const AttachmentMediaType = z.enum(['application/pdf', 'image/png', 'image/jpeg']);
/** Meeting materials (資料) may also be Office files, as the organizations send them. */
export const MaterialMediaType = z.enum([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
]);
export type MaterialMediaType = z.infer<typeof MaterialMediaType>;
export const ATTACHMENT_LIMIT_MB = 20;

export const AttachmentInput = z
  .object({
    fileName: text(120),
    mediaType: AttachmentMediaType,
    dataBase64: z.string().max(Math.ceil((ATTACHMENT_LIMIT_MB * 1024 * 1024 * 4) / 3) + 8),
  })
  .strict();

export const casesMethods = {
  'category.list': method({ input: z.object({}).strict(), output: z.array(NeedCategory), access: 'unlocked' }),
  /** Categories of need are configurable: add, rename, retire (kept on the cases that have them). */
  'category.create': method({ input: z.object({ label: text(40) }).strict(), output: NeedCategory, access: 'administrator' }),
  'category.rename': method({ input: z.object({ id: Id, label: text(40) }).strict(), output: NeedCategory, access: 'administrator' }),
  'category.retire': method({ input: z.object({ id: Id }).strict(), output: z.object({ retired: z.literal(true) }), access: 'administrator' }),
  'case.list': method({
    input: z
      .object({
        status: CaseStatusSchema.optional(),
        organizationId: Id.optional(),
        categoryId: Id.optional(),
        /** Substring of the case number, initials, notes or name; 1 character and up. */
        query: z.string().trim().max(60).optional(),
        includeClosed: z.boolean().optional(),
      })
      .strict(),
    output: z.array(CaseRow),
    access: 'unlocked',
  }),
  'case.get': method({ input: z.object({ id: Id }).strict(), output: CaseDetail, access: 'unlocked' }),
  'case.register': method({ input: RegisterCaseInput, output: CaseDetail, access: 'unlocked' }),
  'case.update': method({ input: UpdateCaseInput, output: CaseDetail, access: 'unlocked' }),
  /** Shows the stored name and date of birth; every reveal is written to the audit log. */
  'case.reveal': method({
    input: z.object({ id: Id }).strict(),
    output: z.object({ fullName: z.string().nullable(), fullNameKana: z.string().nullable(), birthDate: IsoDate.nullable() }),
    access: 'unlocked',
  }),
  'case.transition': method({
    input: z.object({ id: Id, to: CaseStatusSchema, reason: optionalText(400) }).strict(),
    output: CaseDetail,
    access: 'unlocked',
  }),
  'consent.record': method({
    input: z
      .object({
        caseId: Id,
        givenOn: IsoDate,
        method: ConsentMethod,
        obtainedBy: text(60),
        organizationIds: z.array(Id).max(50),
        allowsJusoteki: z.boolean(),
        notes: optionalText(1000),
      })
      .strict(),
    output: CaseDetail,
    access: 'unlocked',
  }),
  'consent.attachScan': method({
    input: AttachmentInput.extend({ consentId: Id }).strict(),
    output: CaseDetail,
    access: 'unlocked',
  }),
  /** Returns an attachment's bytes to view or print; every view is written to the audit log. */
  'attachment.get': method({
    input: z.object({ id: Id }).strict(),
    /** `exportFileName` is what 保存 names the file: generated from what it belongs to, never a person's name. */
    output: z.object({ fileName: z.string(), exportFileName: z.string(), mediaType: MaterialMediaType, dataBase64: z.string() }),
    access: 'unlocked',
  }),
  'consent.withdraw': method({
    input: z.object({ consentId: Id, withdrawnOn: IsoDate, reason: optionalText(400) }).strict(),
    output: CaseDetail,
    access: 'unlocked',
  }),
};
