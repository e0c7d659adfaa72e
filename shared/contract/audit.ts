import { z } from 'zod';
import { method } from './define';
import { IsoDate } from './home';
import { AUDIT_GROUPS } from '../domain/audit-kinds';

// The audit log viewer: the hash-chained log read back, filtered and paged; its verification;
// and its export as an A4 PDF for an inspection (監査・検査). Reading it changes nothing.

export const AuditGroup = z.enum(AUDIT_GROUPS);
export type AuditGroup = z.infer<typeof AuditGroup>;

/** The most rows one page of the viewer can ask for; the log itself grows without limit. */
export const AUDIT_PAGE_MAX = 200;
/** The most rows one PDF may hold (about 100 A4 pages): a longer period must be split. */
export const AUDIT_PDF_MAX_ROWS = 3000;

export const AuditFilter = z
  .object({
    /** Local calendar dates, both included. */
    from: IsoDate,
    to: IsoDate,
    staffId: z.string().min(1).max(64).optional(),
    /** Groups to show; absent or empty means every group. */
    groups: z.array(AuditGroup).max(AUDIT_GROUPS.length).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

/**
 * What a row is about, in words a person can read: a meeting's title and date, a case's number
 * (never a name), an organization's or a staff member's name. `label` is null when the thing no
 * longer exists or the row names nothing this version knows.
 */
export const AuditSubject = z.object({
  kind: z.enum(['case', 'meeting', 'organization', 'member', 'staff', 'pledge', 'category', 'attachment', 'decision', 'role', 'plan', 'unknown']),
  label: z.string().nullable(),
  /** A meeting's date (also for a decision, the date of its meeting). */
  date: IsoDate.nullable(),
});
export type AuditSubject = z.infer<typeof AuditSubject>;

export const AuditRow = z.object({
  seq: z.number().int(),
  /** ISO instant. */
  at: z.string(),
  staffId: z.string().nullable(),
  /** Null when the row names no staff account (a failed unlock of an unknown slot) or an unknown one. */
  staffName: z.string().nullable(),
  action: z.string(),
  group: AuditGroup,
  subject: AuditSubject.nullable(),
  /** The row's details as stored (JSON); text to show as text, never as markup. */
  details: z.record(z.string(), z.unknown()),
  /**
   * Readable names for the ids found in `details` (members → name and organization, cases → number,
   * organizations → name, meetings → title and date). Never a case's name.
   */
  names: z.record(z.string(), z.string()),
});
export type AuditRow = z.infer<typeof AuditRow>;

/** Confirmed minutes whose text no longer matches the hash recorded at 確定 (verifyMinutes). */
const ChangedMinutes = z.array(z.object({ meetingId: z.string(), version: z.number().int(), title: z.string(), date: IsoDate }));

export const AuditVerdict = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), rows: z.number().int(), changedMinutes: ChangedMinutes }),
  z.object({
    ok: z.literal(false),
    rows: z.number().int(),
    changedMinutes: ChangedMinutes,
    /** The first row whose chain does not hold (or the first missing number). */
    brokenAt: z.number().int(),
    reason: z.enum(['missing_row', 'link_broken', 'content_changed']),
    /** The local day of that row (for a missing one, of the next row there is), to show it; null if unreadable. */
    brokenOn: IsoDate.nullable(),
  }),
]);
export type AuditVerdict = z.infer<typeof AuditVerdict>;

export const AuditStaffOption = z.object({ id: z.string(), name: z.string(), removed: z.boolean() });
export type AuditStaffOption = z.infer<typeof AuditStaffOption>;

export const auditMethods = {
  /**
   * One page of the log, newest first. `atSeq` asks for the page holding that row (e.g. the first
   * broken link): the answer's `offset` says where that page starts. Refused with
   * `audit_range_invalid` when `from` is after `to`.
   */
  'audit.list': method({
    input: AuditFilter.extend({
      limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
      offset: z.number().int().min(0).default(0),
      atSeq: z.number().int().min(1).optional(),
    }).strict(),
    output: z.object({ rows: z.array(AuditRow), total: z.number().int(), offset: z.number().int(), limit: z.number().int() }),
    access: 'unlocked',
  }),
  /** Every staff account that ever existed (removed ones too), for the filter. */
  'audit.staff': method({ input: z.object({}).strict(), output: z.array(AuditStaffOption), access: 'unlocked' }),
  /** Checks the whole hash chain: every row's content and its link to the previous one. */
  'audit.verify': method({ input: z.object({}).strict(), output: AuditVerdict, access: 'unlocked' }),
  /**
   * The filtered log as an A4 PDF for an inspection (period, filters, the chain's verdict, page
   * numbers), audited as `document.exported` with its recipient and purpose. More than
   * AUDIT_PDF_MAX_ROWS rows are refused with `audit_export_too_large`.
   */
  'audit.pdf': method({
    input: AuditFilter.extend({
      recipient: z.string().trim().max(100).optional(),
      purpose: z.string().trim().max(200).optional(),
    }).strict(),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int(), rows: z.number().int(), verdict: AuditVerdict }),
    access: 'administrator',
  }),
};
