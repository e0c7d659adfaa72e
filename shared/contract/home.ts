import { z } from 'zod';
import { method } from './define';

export const MeetingType = z.enum(['jusoteki', 'shien', 'other']);
export type MeetingType = z.infer<typeof MeetingType>;

/** A local calendar date, `YYYY-MM-DD` (no time zone). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const NextMeeting = z.object({
  id: z.string(),
  type: MeetingType,
  title: z.string(),
  date: IsoDate,
  startTime: z.string().nullable(),
  place: z.string().nullable(),
  /** 予定, 受付中 or 開会中 (never a cancelled meeting). */
  state: z.enum(['planned', 'checking_in', 'open']),
});

/** An upcoming 支援会議 with invitees who are not covered by a pledge on its day. */
export const PledgeWarning = z.object({ meetingId: z.string(), title: z.string(), date: IsoDate, uncovered: z.number().int() });

export const HomeSummary = z.object({
  nextMeeting: NextMeeting.nullable(),
  pledgeWarnings: z.array(PledgeWarning),
  counts: z.object({
    upcomingMeetings: z.number().int(),
    pastMeetings: z.number().int(),
    openCases: z.number().int(),
    organizations: z.number().int(),
    /** null until the feature exists in this version (pledges, role assignments land later). */
    pledges: z.number().int().nullable(),
    openRoleAssignments: z.number().int().nullable(),
    /** Open role assignments past their due date (shown as a warning on the home screen). */
    overdueRoleAssignments: z.number().int(),
  }),
  /** Said once on a vault from before roles existed: everyone became an administrator; where to set roles. */
  rolesNotice: z.boolean(),
});
export type HomeSummary = z.infer<typeof HomeSummary>;

export const homeMethods = {
  'home.summary': method({
    input: z.object({ today: IsoDate }).strict(),
    output: HomeSummary,
    access: 'unlocked',
  }),
  /** The roles notice has been read: home does not say it again. */
  'home.dismissRolesNotice': method({ input: z.object({}).strict(), output: z.object({ dismissed: z.literal(true) }), access: 'unlocked' }),
};
