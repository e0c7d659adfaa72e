import { KasaneError } from '../../../shared/contract';
import type { Handler, HandlerContext } from '../rpc/handlers';
import { read, write, type Work } from '../rpc/work';
import { addWalkIn, checkIn, getAttendance, openMeeting, recordLeaving, type GatePass } from './attendance-repository';

type AttendanceMethod = 'attendance.get' | 'attendance.checkIn' | 'attendance.leave' | 'attendance.addWalkIn' | 'meeting.open';

/**
 * Every gate decision goes into the audit log, with member ids (never names): who was refused,
 * how each attendee was covered at 開会, a late arrival let in, and each use of an exemption.
 */
function auditPasses(w: Work, meetingId: string, passes: readonly GatePass[], at: 'open' | 'check_in' | 'walk_in'): void {
  for (const p of passes) {
    if (at !== 'open') w.audit({ action: 'gate.late_arrival_covered', subject: meetingId, details: { memberId: p.memberId, by: p.by, pledgeId: p.pledgeId, at } });
    if (p.by === 'exemption') w.audit({ action: 'gate.exemption_used', subject: meetingId, details: { memberId: p.memberId, organizationId: p.organizationId, at } });
  }
}

/** A refusal is recorded even though the refused change itself is rolled back. */
function auditingRefusal<T>(ctx: HandlerContext, meetingId: string, details: Record<string, unknown>, run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof KasaneError && err.code === 'attendee_not_covered') write(ctx, (w) => w.audit({ action: 'gate.refused', subject: meetingId, details }));
    throw err;
  }
}

export const attendanceHandlers: { [M in AttendanceMethod]: Handler<M> } = {
  'attendance.get': (ctx, input) => read(ctx, (w) => getAttendance(w.db, input.meetingId)),
  'attendance.checkIn': (ctx, input) =>
    auditingRefusal(ctx, input.meetingId, { memberId: input.memberId, at: 'check_in' }, () =>
      write(ctx, (w) => {
        const pass = checkIn(w.db, input, w.now, w.today);
        w.audit({ action: 'attendance.checked_in', subject: input.meetingId, details: { memberId: input.memberId, present: input.present } });
        if (pass) auditPasses(w, input.meetingId, [pass], 'check_in');
        return getAttendance(w.db, input.meetingId);
      }),
    ),
  'attendance.leave': (ctx, input) =>
    write(ctx, (w) => {
      recordLeaving(w.db, input.meetingId, input.memberId, input.leftAt, w.now);
      w.audit({ action: 'attendance.left', subject: input.meetingId, details: { memberId: input.memberId } });
      return getAttendance(w.db, input.meetingId);
    }),
  'attendance.addWalkIn': (ctx, input) =>
    // A refused new person is not kept, so there is no member id to name.
    auditingRefusal(ctx, input.meetingId, { memberId: input.memberId ?? null, newPerson: Boolean(input.newPerson), at: 'walk_in' }, () =>
      write(ctx, (w) => {
        const { memberId, pass } = addWalkIn(w.db, input, w.now, w.today);
        w.audit({ action: 'attendance.walk_in', subject: input.meetingId, details: { memberId, newPerson: Boolean(input.newPerson) } });
        if (pass) auditPasses(w, input.meetingId, [pass], 'walk_in');
        return getAttendance(w.db, input.meetingId);
      }),
    ),
  'meeting.open': (ctx, input) => {
    // A refusal is recorded in the audit log even though nothing else changes.
    const result = write(ctx, (w) => {
      const { refused, passes } = openMeeting(w.db, input.meetingId, w.staffId, w.now, w.today);
      if (refused.length) {
        w.audit({ action: 'gate.refused', subject: input.meetingId, details: { uncovered: refused.length, memberIds: refused.map((r) => r.memberId), at: 'open' } });
      } else {
        // For a 支援会議, the evidence of the opening: who was present and what covered each of them.
        w.audit({ action: 'meeting.opened', subject: input.meetingId, ...(passes.length ? { details: { coverage: passes.map(({ memberId, by, pledgeId }) => ({ memberId, by, pledgeId })) } } : {}) });
        auditPasses(w, input.meetingId, passes, 'open');
      }
      return { refused, attendance: getAttendance(w.db, input.meetingId) };
    });
    if (result.refused.length) throw new KasaneError('pledge_gate_closed', { names: result.refused.map((r) => r.name).join('、') });
    return result.attendance;
  },
};
