import { z } from 'zod';
import { method } from './define';
import { IsoDate } from './home';
import { CaseStatusSchema } from './cases';

const Id = z.string().min(1).max(64);
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Decision kinds of DOMAIN.md ("Minutes and role assignments"). */
export const DecisionKind = z.enum([
  'plan_appropriate', // プラン適当
  'plan_revise', // 修正のうえ再協議
  'plan_hold', // 保留
  'continue_monitoring', // 継続してモニタリング
  'close', // 終結
  'suspend', // 中断
  'move_to_jusoteki', // 同意取得後に重層的支援会議へ
  'resource_gap', // 社会資源の不足を確認
  'other',
]);
export type DecisionKind = z.infer<typeof DecisionKind>;

export const RoleStatus = z.enum(['open', 'in_progress', 'done', 'dropped']);
export type RoleStatus = z.infer<typeof RoleStatus>;

/** Why an assignment was not done by its due date (asked when it is reviewed after the due date). */
export const OverdueReason = z.enum(['circumstances_changed', 'organization_unable', 'no_longer_needed', 'other']);
export type OverdueReason = z.infer<typeof OverdueReason>;

/**
 * The minutes of one meeting: `live` while the meeting is open, `draft` after 閉会, `confirmed`
 * (locked, hashed) after 確定, `amending` while a correction to confirmed minutes is drafted.
 */
export const MinutesState = z.enum(['live', 'draft', 'confirmed', 'amending']);
export type MinutesState = z.infer<typeof MinutesState>;

export const Decision = z.object({
  id: z.string(),
  itemId: z.string(),
  kind: DecisionKind,
  text: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  /** The lifecycle step this decision proposes for its case, applied when the minutes are confirmed. */
  proposedStatus: CaseStatusSchema.nullable(),
  /** Whether the proposal is accepted (only accepted ones are applied at 確定). */
  applyStatus: z.boolean(),
  appliedAt: z.string().nullable(),
});
export type Decision = z.infer<typeof Decision>;

export const RoleAssignment = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  initials: z.string(),
  goal: z.string().nullable(), // 課題・目標
  action: z.string(), // 支援内容
  organizationId: z.string(),
  organizationName: z.string(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  startOn: IsoDate,
  dueOn: IsoDate.nullable(),
  frequency: z.string().nullable(), // e.g. 月1回
  status: RoleStatus,
  /** False until the minutes that created it are confirmed. */
  live: z.boolean(),
  /** Open and past its due date on the day asked. */
  overdue: z.boolean(),
  createdItemId: z.string().nullable(),
  createdMeetingId: z.string().nullable(),
  createdMeetingDate: IsoDate.nullable(),
  lastUpdate: z
    .object({ onDate: IsoDate, status: RoleStatus, note: z.string().nullable(), overdueReason: OverdueReason.nullable(), meetingId: z.string().nullable() })
    .nullable(),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;

export const MinutesItem = z.object({
  itemId: z.string(),
  notes: z.string(),
  /** The autosave revision of the notes (a save with an older revision is ignored). */
  notesRevision: z.number().int(),
  /** Seconds spent on the item so far (the timer runs while it is the current item of an open meeting). */
  elapsedSeconds: z.number().int(),
  decisions: z.array(Decision),
  roleAssignments: z.array(RoleAssignment),
});

export const MinutesVersionInfo = z.object({
  version: z.number().int(),
  sha256: z.string(),
  confirmedAt: z.string(),
  confirmedByName: z.string(),
  /** The reason of an amendment (null for the first confirmed version). */
  reason: z.string().nullable(),
});

export const Minutes = z.object({
  meetingId: z.string(),
  state: MinutesState,
  /** The item in focus in meeting mode (restored after a restart). */
  currentItemId: z.string().nullable(),
  items: z.array(MinutesItem),
  versions: z.array(MinutesVersionInfo),
  /** Reason given while amending (the next confirmed version carries it). */
  amendmentReason: z.string().nullable(),
});
export type Minutes = z.infer<typeof Minutes>;

/** A numbered copy of a 支援会議's materials, handed to a named attendee and collected at 閉会. */
export const MaterialCopy = z.object({
  number: z.number().int(),
  memberId: z.string(),
  name: z.string(),
  organizationName: z.string(),
  returned: z.boolean(),
});

export const DiffPart = z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() });

/** One versioned snapshot, readable as it was confirmed. */
export const MinutesSnapshot = z.object({
  version: z.number().int(),
  sha256: z.string(),
  text: z.string(),
});

const roleFields = {
  goal: z.string().trim().max(400).nullable().optional(),
  action: z.string().trim().min(1).max(1000),
  organizationId: Id,
  memberId: Id.nullable().optional(),
  startOn: IsoDate,
  dueOn: IsoDate.nullable().optional(),
  frequency: z.string().trim().max(60).nullable().optional(),
};

export const minutesMethods = {
  'minutes.get': method({ input: z.object({ meetingId: Id }).strict(), output: Minutes, access: 'unlocked' }),
  /**
   * Autosave of an item's discussion notes: called while typing (debounced well under a second).
   * Durable when it returns; a save carrying an older revision than the stored one is ignored.
   */
  'minutes.saveNotes': method({
    input: z.object({ itemId: Id, notes: z.string().max(100_000), revision: z.number().int().min(1) }).strict(),
    output: z.object({ itemId: z.string(), revision: z.number().int(), savedAt: z.string() }),
    access: 'unlocked',
  }),
  /** Meeting mode: move the focus (and the item timer) to another item. */
  'minutes.focusItem': method({ input: z.object({ meetingId: Id, itemId: Id }).strict(), output: Minutes, access: 'unlocked' }),
  'minutes.addDecision': method({
    input: z
      .object({
        itemId: Id,
        kind: DecisionKind,
        text: z.string().trim().min(1).max(2000),
        caseId: Id.nullable().optional(),
        proposedStatus: CaseStatusSchema.nullable().optional(),
      })
      .strict(),
    output: Decision,
    access: 'unlocked',
  }),
  'minutes.updateDecision': method({
    input: z
      .object({ id: Id, kind: DecisionKind.optional(), text: z.string().trim().min(1).max(2000).optional(), applyStatus: z.boolean().optional() })
      .strict(),
    output: Decision,
    access: 'unlocked',
  }),
  'minutes.removeDecision': method({ input: z.object({ id: Id }).strict(), output: z.object({ removed: z.literal(true) }), access: 'unlocked' }),
  /** A role assignment decided at this item; it becomes live when the minutes are confirmed. */
  'role.create': method({ input: z.object({ itemId: Id, caseId: Id, ...roleFields }).strict(), output: RoleAssignment, access: 'unlocked' }),
  /** Changes an assignment not yet live (created in minutes not yet confirmed). */
  'role.update': method({
    input: z
      .object({
        id: Id,
        goal: roleFields.goal,
        action: roleFields.action.optional(),
        organizationId: Id.optional(),
        memberId: roleFields.memberId,
        startOn: IsoDate.optional(),
        dueOn: roleFields.dueOn,
        frequency: roleFields.frequency,
      })
      .strict(),
    output: RoleAssignment,
    access: 'unlocked',
  }),
  'role.remove': method({ input: z.object({ id: Id }).strict(), output: z.object({ removed: z.literal(true) }), access: 'unlocked' }),
  /**
   * Progress of a live assignment: new status with a note and date, at a meeting (前回決定事項の
   * 進捗確認) or between meetings. Reviewing an overdue assignment that is not done needs a reason.
   */
  'role.recordProgress': method({
    input: z
      .object({
        id: Id,
        status: RoleStatus,
        note: z.string().trim().max(1000).nullable().optional(),
        onDate: IsoDate,
        meetingId: Id.nullable().optional(),
        overdueReason: OverdueReason.nullable().optional(),
      })
      .strict(),
    output: RoleAssignment,
    access: 'unlocked',
  }),
  /** Live assignments with filters; `overdueOn` keeps only those open and past due on that day. */
  'role.list': method({
    input: z
      .object({
        today: IsoDate,
        organizationId: Id.optional(),
        memberId: Id.optional(),
        caseId: Id.optional(),
        status: z.array(RoleStatus).optional(),
        dueBefore: IsoDate.optional(),
        overdueOnly: z.boolean().optional(),
      })
      .strict(),
    output: z.array(RoleAssignment),
    access: 'unlocked',
  }),
  /** 前回決定事項・役割分担の進捗確認: open live assignments of the agenda's cases, and every overdue one. */
  'role.forMeeting': method({ input: z.object({ meetingId: Id }).strict(), output: z.array(RoleAssignment), access: 'unlocked' }),
  /** Where follow-up breaks down: overdue reviews counted by organization and reason. */
  'role.overdueStats': method({
    input: z.object({ from: IsoDate, to: IsoDate }).strict(),
    output: z.array(z.object({ organizationId: z.string(), organizationName: z.string(), reason: OverdueReason, count: z.number().int() })),
    access: 'unlocked',
  }),
  /** Numbered material copies of a 支援会議 (handed out at 開会 and to covered late arrivals). */
  'meeting.copies': method({ input: z.object({ meetingId: Id }).strict(), output: z.array(MaterialCopy), access: 'unlocked' }),
  'meeting.markCopyReturned': method({
    input: z.object({ meetingId: Id, number: z.number().int().min(1), returned: z.boolean() }).strict(),
    output: z.array(MaterialCopy),
    access: 'unlocked',
  }),
  /**
   * 閉会. A 支援会議 with copies not returned closes only with a reason. The minutes become a draft.
   * The next meeting's date may be set from the 次回日程 item.
   */
  'meeting.close': method({
    input: z
      .object({
        meetingId: Id,
        closedAt: Time.optional(),
        unreturnedReason: z.string().trim().min(1).max(400).optional(),
        nextMeeting: z.object({ date: IsoDate, startTime: Time }).strict().optional(),
      })
      .strict(),
    output: z.object({ minutes: Minutes, nextMeetingId: z.string().nullable() }),
    access: 'unlocked',
  }),
  /** 確定: locks the minutes, stores their SHA-256, applies accepted lifecycle steps, makes role assignments live. */
  'minutes.confirm': method({ input: z.object({ meetingId: Id }).strict(), output: Minutes, access: 'unlocked' }),
  /** Starts a correction of confirmed minutes; the next 確定 stores a new version with this reason. */
  'minutes.amend': method({ input: z.object({ meetingId: Id, reason: z.string().trim().min(1).max(400) }).strict(), output: Minutes, access: 'unlocked' }),
  'minutes.version': method({ input: z.object({ meetingId: Id, version: z.number().int().min(1) }).strict(), output: MinutesSnapshot, access: 'unlocked' }),
  'minutes.diff': method({
    input: z.object({ meetingId: Id, from: z.number().int().min(1), to: z.number().int().min(1) }).strict(),
    output: z.array(DiffPart),
    access: 'unlocked',
  }),
  /**
   * 会議録 (重層的支援会議) or 支援会議記録 (支援会議: 秘, case numbers only, one watermarked copy per
   * recipient holding only the case items they took part in; each copy goes into the distribution log).
   */
  'minutes.pdf': method({
    input: z
      .object({ meetingId: Id, recipientMemberIds: z.array(Id).min(1).max(200).optional(), preview: z.boolean().optional() })
      .strict(),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int(), copies: z.number().int() }),
    access: 'unlocked',
  }),
  /** 役割分担一覧 for one organization: only its own assignments. */
  'role.listPdf': method({
    input: z.object({ organizationId: Id, today: IsoDate, meetingId: Id.optional() }).strict(),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int() }),
    access: 'unlocked',
  }),
  /** Who received which copy of a meeting's record. */
  'minutes.distributions': method({
    input: z.object({ meetingId: Id }).strict(),
    output: z.array(z.object({ copyNumber: z.number().int(), copies: z.number().int(), recipient: z.string(), version: z.number().int(), at: z.string(), byName: z.string() })),
    access: 'unlocked',
  }),
};
