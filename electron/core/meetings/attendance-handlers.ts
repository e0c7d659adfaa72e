import { KasaneError } from '../../../shared/contract';
import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import { addWalkIn, checkIn, getAttendance, openMeeting, recordLeaving } from './attendance-repository';

type AttendanceMethod = 'attendance.get' | 'attendance.checkIn' | 'attendance.leave' | 'attendance.addWalkIn' | 'meeting.open';

export const attendanceHandlers: { [M in AttendanceMethod]: Handler<M> } = {
  'attendance.get': (ctx, input) => read(ctx, (w) => getAttendance(w.db, input.meetingId)),
  'attendance.checkIn': (ctx, input) => {
    try {
      return write(ctx, (w) => {
        checkIn(w.db, input, w.now);
        w.audit({ action: 'attendance.checked_in', subject: input.meetingId, details: { memberId: input.memberId, present: input.present } });
        return getAttendance(w.db, input.meetingId);
      });
    } catch (err) {
      if (err instanceof KasaneError && err.code === 'attendee_not_covered') {
        write(ctx, (w) => w.audit({ action: 'gate.refused', subject: input.meetingId, details: { memberId: input.memberId, at: 'check_in' } }));
      }
      throw err;
    }
  },
  'attendance.leave': (ctx, input) =>
    write(ctx, (w) => {
      recordLeaving(w.db, input.meetingId, input.memberId, input.leftAt, w.now);
      w.audit({ action: 'attendance.left', subject: input.meetingId, details: { memberId: input.memberId } });
      return getAttendance(w.db, input.meetingId);
    }),
  'attendance.addWalkIn': (ctx, input) =>
    write(ctx, (w) => {
      const memberId = addWalkIn(w.db, input, w.now);
      w.audit({ action: 'attendance.walk_in', subject: input.meetingId, details: { memberId, newPerson: Boolean(input.newPerson) } });
      return getAttendance(w.db, input.meetingId);
    }),
  'meeting.open': (ctx, input) => {
    // A refusal is recorded in the audit log even though nothing else changes.
    const result = write(ctx, (w) => {
      const { refused } = openMeeting(w.db, input.meetingId, w.staffId, w.now);
      w.audit(refused.length ? { action: 'gate.refused', subject: input.meetingId, details: { uncovered: refused.length, at: 'open' } } : { action: 'meeting.opened', subject: input.meetingId });
      return { refused, attendance: getAttendance(w.db, input.meetingId) };
    });
    if (result.refused.length) throw new KasaneError('pledge_gate_closed', { names: result.refused.join('、') });
    return result.attendance;
  },
};
