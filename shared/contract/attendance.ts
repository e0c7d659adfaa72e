import { z } from 'zod';
import { method } from './define';
import { InviteeCoverage } from './pledges';
import { MeetingState } from './meetings';

const Id = z.string().min(1).max(64);
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** One line of the 受付 sheet: an invitee or walk-in, their pledge coverage and attendance. */
export const AttendanceRow = InviteeCoverage.extend({
  present: z.boolean().nullable(), // null: not checked in yet
  walkIn: z.boolean(),
  arrivedAt: Time.nullable(),
  leftAt: Time.nullable(),
  /** The covering pledge's signing date and wording version (for the 出席者名簿 and the minutes). */
  pledgeSignedOn: z.string().nullable(),
  pledgeWordingVersion: z.number().int().nullable(),
});
export type AttendanceRow = z.infer<typeof AttendanceRow>;

export const Attendance = z.object({
  meetingId: z.string(),
  state: MeetingState,
  /** For a 支援会議: whether every attendee marked present is covered (the gate is open). */
  gateOpen: z.boolean(),
  rows: z.array(AttendanceRow),
});
export type Attendance = z.infer<typeof Attendance>;

export const attendanceMethods = {
  'attendance.get': method({ input: z.object({ meetingId: Id }).strict(), output: Attendance, access: 'unlocked' }),
  /** Marks an invitee present (with arrival time) or absent. In an open 支援会議 the same gate applies to a late arrival. */
  'attendance.checkIn': method({
    input: z.object({ meetingId: Id, memberId: Id, present: z.boolean(), arrivedAt: Time.nullable().optional() }).strict(),
    output: Attendance,
    access: 'unlocked',
  }),
  'attendance.leave': method({ input: z.object({ meetingId: Id, memberId: Id, leftAt: Time }).strict(), output: Attendance, access: 'unlocked' }),
  /** A walk-in: an existing member, or a new person (created as a member of their organization). */
  'attendance.addWalkIn': method({
    input: z
      .object({
        meetingId: Id,
        memberId: Id.optional(),
        newPerson: z.object({ name: z.string().trim().min(1).max(60), organizationId: Id, title: z.string().trim().max(60).nullable().optional() }).strict().optional(),
        arrivedAt: Time.nullable().optional(),
      })
      .strict()
      .refine((v) => Boolean(v.memberId) !== Boolean(v.newPerson), { message: 'memberId or newPerson', path: ['memberId'] }),
    output: Attendance,
    access: 'unlocked',
  }),
  /** 開会. A 支援会議 opens only when every attendee present is covered by a pledge (the gate). */
  'meeting.open': method({ input: z.object({ meetingId: Id }).strict(), output: Attendance, access: 'unlocked' }),
};
