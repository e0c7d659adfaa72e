import { z } from 'zod';
import { method } from './define';
import { IsoDate, MeetingType } from './home';
import { AGENDA_SECTIONS } from '../domain/agenda';
import { MaterialMediaType } from './cases';
import { MEETING_STATES } from '../domain/meeting-lifecycle';

const Id = z.string().min(1).max(64);
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** planned → checking_in (受付) → open 開会 → closed 閉会; cancelled 中止 (shared/domain/meeting-lifecycle). */
export const MeetingState = z.enum(MEETING_STATES);
export const AgendaSectionSchema = z.enum(AGENDA_SECTIONS);
export const CaseItemKindSchema = z.enum(['new', 'evaluation', 'closure', 'report']);

export const Invitee = z.object({
  memberId: z.string(),
  name: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  title: z.string().nullable(),
  /** The person no longer belongs to the organization they were invited for. */
  hasLeft: z.boolean(),
});

export const MeetingSummary = z.object({
  id: z.string(),
  type: MeetingType,
  title: z.string(),
  date: IsoDate,
  startTime: Time.nullable(),
  endTime: Time.nullable(),
  place: z.string().nullable(),
  state: MeetingState,
  inviteeCount: z.number().int(),
  caseItemCount: z.number().int(),
  /** 中止: why, and the day it was cancelled. */
  cancelReason: z.string().nullable(),
  cancelledOn: IsoDate.nullable(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

/** An audited correction of a closed meeting's record: what changed and why. */
export const MeetingCorrection = z.object({
  at: z.string(),
  staffName: z.string(),
  reason: z.string(),
  fields: z.array(z.string()),
});

export const Meeting = MeetingSummary.extend({
  chairMemberId: z.string().nullable(),
  notes: z.string().nullable(),
  invitees: z.array(Invitee),
  /** 閉会 as the record states it (HH:MM). */
  closedTime: Time.nullable(),
  corrections: z.array(MeetingCorrection),
});
export type Meeting = z.infer<typeof Meeting>;

/** Things worth a second look that do not stop the user (a shared room, an agenda too long). */
export const MeetingWarning = z.object({
  code: z.enum(['room_overlap', 'agenda_overrun']),
  details: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const AgendaItem = z.object({
  id: z.string(),
  position: z.number().int(),
  section: AgendaSectionSchema,
  title: z.string(),
  kind: CaseItemKindSchema.nullable(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
  initials: z.string().nullable(),
  presenterOrganizationId: z.string().nullable(),
  presenterOrganizationName: z.string().nullable(),
  minutes: z.number().int(),
  /** Invitees who take part in this item; empty means all (need-to-know in a 支援会議). */
  participantMemberIds: z.array(z.string()),
  /** Set when the case's consent was withdrawn after it was planned for a 重層的支援会議. */
  consentWithdrawn: z.boolean(),
  /** 資料1, 資料2 … numbered through the whole 次第 in its order. */
  materials: z.array(z.object({ id: z.string(), number: z.number().int(), fileName: z.string(), attachmentId: z.string() })),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const Agenda = z.object({
  meetingId: z.string(),
  items: z.array(AgendaItem),
  totalMinutes: z.number().int(),
  meetingMinutes: z.number().int().nullable(),
  warnings: z.array(MeetingWarning),
});
export type Agenda = z.infer<typeof Agenda>;

const MeetingFields = {
  title: optionalText(80),
  date: IsoDate,
  startTime: Time,
  endTime: Time.nullable().optional(),
  place: optionalText(80),
  chairMemberId: Id.nullable().optional(),
  notes: optionalText(2000),
  inviteeMemberIds: z.array(Id).max(200),
};

export const CreateMeetingInput = z.object({ type: MeetingType, ...MeetingFields, copyFromMeetingId: Id.optional() }).strict();
export const UpdateMeetingInput = z.object({ id: Id, ...MeetingFields }).partial().required({ id: true }).strict();

export const CancelMeetingInput = z.object({ id: Id, reason: z.string().trim().min(1).max(400) }).strict();

/**
 * A correction of a closed meeting's record, with the reason: the place, the actual 閉会 time,
 * and arrival / departure times. Who was present does not change here: presence decided the gate.
 */
export const CorrectMeetingInput = z
  .object({
    id: Id,
    reason: z.string().trim().min(1).max(400),
    place: z.string().trim().max(80).nullable().optional(),
    closedTime: Time.optional(),
    attendance: z
      .array(z.object({ memberId: Id, arrivedAt: Time.optional(), leftAt: Time.nullable().optional() }).strict())
      .max(200)
      .optional(),
  })
  .strict();

export const MeetingResult = z.object({ meeting: Meeting, warnings: z.array(MeetingWarning) });

export const Suggestion = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  initials: z.string(),
  kind: CaseItemKindSchema,
  reason: z.enum(['waiting_decision', 'evaluation_due', 'post_report', 'closure_candidate', 'without_consent_review']),
});

export const meetingsMethods = {
  'meeting.list': method({
    input: z.object({ fiscalYear: z.number().int().min(2000).max(2100).optional(), type: MeetingType.optional() }).strict(),
    output: z.array(MeetingSummary),
    access: 'unlocked',
  }),
  'meeting.get': method({ input: z.object({ id: Id }).strict(), output: Meeting, access: 'unlocked' }),
  /** Plans a meeting with the default 次第 of its type, or a copy of another meeting's frame and invitees. */
  'meeting.create': method({ input: CreateMeetingInput, output: MeetingResult, access: 'unlocked' }),
  /** Changes what the meeting's state allows (shared/domain/meeting-lifecycle); from 受付 on, never the date, type or who was invited. */
  'meeting.update': method({ input: UpdateMeetingInput, output: MeetingResult, access: 'unlocked' }),
  /** 中止 (from planned or 受付): the record is kept, its case items are offered again for the next meeting. */
  'meeting.cancel': method({ input: CancelMeetingInput, output: MeetingResult, access: 'unlocked' }),
  /** An audited correction of a closed meeting (place, 閉会 time, arrival and departure times), with the reason. */
  'meeting.correct': method({ input: CorrectMeetingInput, output: MeetingResult, access: 'unlocked' }),
  'agenda.get': method({ input: z.object({ meetingId: Id }).strict(), output: Agenda, access: 'unlocked' }),
  'agenda.addCaseItem': method({
    input: z
      .object({
        meetingId: Id,
        caseId: Id,
        kind: CaseItemKindSchema,
        presenterOrganizationId: Id.nullable().optional(),
        minutes: z.number().int().min(0).max(600),
        participantMemberIds: z.array(Id).max(200).optional(),
      })
      .strict(),
    output: Agenda,
    access: 'unlocked',
  }),
  'agenda.addItem': method({
    input: z.object({ meetingId: Id, section: AgendaSectionSchema, title: z.string().trim().min(1).max(120), minutes: z.number().int().min(0).max(600) }).strict(),
    output: Agenda,
    access: 'unlocked',
  }),
  'agenda.updateItem': method({
    input: z
      .object({
        itemId: Id,
        title: z.string().trim().min(1).max(120).optional(),
        minutes: z.number().int().min(0).max(600).optional(),
        presenterOrganizationId: Id.nullable().optional(),
        participantMemberIds: z.array(Id).max(200).optional(),
      })
      .strict(),
    output: Agenda,
    access: 'unlocked',
  }),
  'agenda.removeItem': method({ input: z.object({ itemId: Id }).strict(), output: Agenda, access: 'unlocked' }),
  /** Moves an item to another place in the order (drag and drop, or Alt+↑/↓ by keyboard). */
  'agenda.moveItem': method({ input: z.object({ itemId: Id, toPosition: z.number().int().min(0).max(1000) }).strict(), output: Agenda, access: 'unlocked' }),
  /** Attaches a material (資料) to an item; stored encrypted in the vault, size limit from settings. */
  'agenda.addMaterial': method({
    input: z
      .object({ itemId: Id, fileName: z.string().trim().min(1).max(120), mediaType: MaterialMediaType, dataBase64: z.string().max(700 * 1024 * 1024) })
      .strict(),
    output: Agenda,
    access: 'unlocked',
  }),
  'agenda.removeMaterial': method({ input: z.object({ materialId: Id }).strict(), output: Agenda, access: 'unlocked' }),
  'agenda.suggestions': method({ input: z.object({ meetingId: Id }).strict(), output: z.array(Suggestion), access: 'unlocked' }),
  /** 出席者名簿 with pledge status (秘 for a 支援会議). */
  'meeting.attendancePdf': method({
    input: z.object({ meetingId: Id }).strict(),
    output: z.object({ fileName: z.string(), pdfBase64: z.string() }),
    access: 'unlocked',
  }),
  /** 開催通知 to the invitees, as an A4 PDF. */
  'meeting.noticePdf': method({
    input: z.object({ meetingId: Id }).strict(),
    output: z.object({ fileName: z.string(), pdfBase64: z.string() }),
    access: 'unlocked',
  }),
  /** The 次第 as an A4 PDF (the same bytes are previewed, saved and printed). */
  'meeting.agendaPdf': method({
    input: z.object({ meetingId: Id }).strict(),
    output: z.object({ fileName: z.string(), pdfBase64: z.string() }),
    access: 'unlocked',
  }),
};
