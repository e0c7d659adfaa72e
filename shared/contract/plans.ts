import { z } from 'zod';
import { method } from './define';
import { IsoDate } from './home';
import { PLAN_STATES } from '../domain/plan-approval';
import { RoleAssignment } from './minutes';

const Id = z.string().min(1).max(64);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const PlanStateSchema = z.enum(PLAN_STATES);

/** One version of a case's 支援プラン. Its 役割分担 rows are the case's role assignments (one list, not two). */
export const Plan = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  initials: z.string(),
  version: z.number().int(),
  state: PlanStateSchema,
  goals: z.string(),
  assessmentSummary: z.string(),
  participationSupport: z.boolean(), // 参加支援
  outreach: z.boolean(), // アウトリーチ
  leadOrganizationId: z.string().nullable(),
  leadOrganizationName: z.string().nullable(),
  startOn: IsoDate.nullable(),
  /** Default start + 3 months, editable. */
  monitoringOn: IsoDate.nullable(),
  /** Default start + 6 months, editable. */
  evaluationOn: IsoDate.nullable(),
  /** The 重層的支援会議 it was placed on. */
  proposedMeetingId: z.string().nullable(),
  proposedMeetingDate: IsoDate.nullable(),
  /** 支援決定. */
  decision: z.object({ decidedOn: IsoDate, number: z.string(), approverTitle: z.string(), approverName: z.string() }).nullable(),
  /** Decided between meetings (urgent): reported at the next 重層的支援会議. */
  postReport: z.boolean(),
  /** The meeting whose confirmed minutes carried the report (null until reported). */
  reportedMeetingId: z.string().nullable(),
  roleAssignments: z.array(RoleAssignment),
  monitorings: z.array(z.object({ id: z.string(), onDate: IsoDate, byName: z.string(), summary: z.string(), nextStep: z.string().nullable() })),
  evaluations: z.array(
    z.object({
      id: z.string(),
      onDate: IsoDate,
      meetingId: z.string().nullable(),
      outcome: z.enum(['continue', 'close', 'suspend']),
      reason: z.string().nullable(),
      handoverOrganizationName: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
});
export type Plan = z.infer<typeof Plan>;

const PlanFields = {
  goals: z.string().trim().max(4000),
  assessmentSummary: z.string().trim().max(4000),
  participationSupport: z.boolean(),
  outreach: z.boolean(),
  leadOrganizationId: Id.nullable(),
  startOn: IsoDate.nullable(),
  monitoringOn: IsoDate.nullable(),
  evaluationOn: IsoDate.nullable(),
};

/** One row of the "between meetings" desk: what is waiting and the action that resolves it. */
export const DeskRow = z.object({
  kind: z.enum([
    'plan_waiting_meeting', // draft / revise / hold: not yet on an agenda
    'plan_waiting_decision', // 適当, 支援決定 not recorded yet
    'post_report_pending', // 事後報告 not yet reported at a confirmed meeting
    'monitoring_due',
    'evaluation_due',
    'role_overdue',
    'consent_missing', // planned for a 重層的支援会議 without valid consent
  ]),
  caseId: z.string(),
  caseNumber: z.string(),
  initials: z.string(),
  planId: z.string().nullable(),
  meetingId: z.string().nullable(),
  roleAssignmentId: z.string().nullable(),
  organizationName: z.string().nullable(),
  /** The date that matters for the row (due date, meeting date, date judged appropriate). */
  date: IsoDate.nullable(),
  /** Days waiting (positive) or days until due (negative). */
  days: z.number().int().nullable(),
  overdue: z.boolean(),
});
export type DeskRow = z.infer<typeof DeskRow>;

export const plansMethods = {
  'plan.list': method({ input: z.object({ caseId: Id }).strict(), output: z.array(Plan), access: 'unlocked' }),
  'plan.get': method({ input: z.object({ id: Id }).strict(), output: Plan, access: 'unlocked' }),
  /** A new draft: the first of a case, or a new version starting from the latest one. */
  'plan.create': method({ input: z.object({ caseId: Id, ...PlanFields }).partial({ goals: true, assessmentSummary: true, participationSupport: true, outreach: true, leadOrganizationId: true, startOn: true, monitoringOn: true, evaluationOn: true }).strict(), output: Plan, access: 'unlocked' }),
  /** Edits a plan still in draft (or sent back 修正/保留); a decided plan changes only by a new version. */
  'plan.update': method({ input: z.object({ id: Id, ...PlanFields }).partial().required({ id: true }).strict(), output: Plan, access: 'unlocked' }),
  /** Places the plan on a planned 重層的支援会議's 次第 (as a new or evaluation item) and marks it proposed. */
  'plan.propose': method({ input: z.object({ id: Id, meetingId: Id }).strict(), output: Plan, access: 'unlocked' }),
  'plan.withdraw': method({ input: z.object({ id: Id }).strict(), output: Plan, access: 'unlocked' }),
  /**
   * 支援決定: after a confirmed 適当, or urgently from a draft (then flagged 事後報告 and placed on
   * the next 重層的支援会議 as a report item). Refused for plans judged 修正 or 保留.
   */
  'plan.decide': method({
    input: z
      .object({
        id: Id,
        decidedOn: IsoDate,
        number: z.string().trim().min(1).max(40),
        approverTitle: z.string().trim().min(1).max(40),
        approverName: z.string().trim().min(1).max(40),
        urgent: z.boolean().optional(),
      })
      .strict(),
    output: Plan,
    access: 'unlocked',
  }),
  'plan.recordMonitoring': method({
    input: z.object({ id: Id, onDate: IsoDate, byName: z.string().trim().min(1).max(60), summary: z.string().trim().min(1).max(4000), nextStep: optionalText(1000) }).strict(),
    output: Plan,
    access: 'unlocked',
  }),
  /**
   * 評価 at a meeting: continue (a new draft version starts from this one), 終結 with handover to the
   * 主担当機関 (the case closes), or 中断 with a reason (the case is suspended).
   */
  'plan.recordEvaluation': method({
    input: z
      .object({
        id: Id,
        onDate: IsoDate,
        meetingId: Id.nullable().optional(),
        outcome: z.enum(['continue', 'close', 'suspend']),
        reason: optionalText(1000),
        handoverOrganizationId: Id.nullable().optional(),
      })
      .strict(),
    output: Plan,
    access: 'unlocked',
  }),
  'plan.compare': method({
    input: z.object({ fromId: Id, toId: Id }).strict(),
    output: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })),
    access: 'unlocked',
  }),
  /** 会議間の進捗: everything waiting between meetings (today is the client's date). */
  'desk.get': method({ input: z.object({ today: IsoDate }).strict(), output: z.array(DeskRow), access: 'unlocked' }),
  /** 支援プラン or 評価・終結シート as an A4 PDF. */
  'plan.pdf': method({
    input: z.object({ id: Id, document: z.enum(['plan', 'evaluation']) }).strict(),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int() }),
    access: 'unlocked',
  }),
};
