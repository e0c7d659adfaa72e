import { describe, expect, it } from 'vitest';
import { MEETING_CHANGES, MEETING_STATES, meetingChange } from './meeting-lifecycle';

/** Every allowed change, written out per state: anything not listed must be refused. */
const ALLOWED: Record<string, string> = {
  ...Object.fromEntries(['date', 'time', 'type', 'place', 'title', 'chair', 'notes', 'invite', 'uninvite', 'agenda', 'materials'].map((c) => [`planned/${c}`, 'planned'])),
  'planned/arrive': 'checking_in',
  'planned/absent': 'checking_in',
  'planned/walk_in': 'checking_in',
  'planned/open': 'open',
  'planned/cancel': 'cancelled',
  ...Object.fromEntries(
    ['time', 'place', 'title', 'chair', 'notes', 'invite', 'agenda', 'materials', 'arrive', 'absent', 'leave', 'walk_in'].map((c) => [`checking_in/${c}`, 'checking_in']),
  ),
  'checking_in/open': 'open',
  'checking_in/cancel': 'cancelled',
  ...Object.fromEntries(['time', 'place', 'title', 'chair', 'notes', 'arrive', 'absent', 'leave', 'walk_in', 'copies'].map((c) => [`open/${c}`, 'open'])),
  'open/close': 'closed',
  'closed/correct': 'closed',
};

describe('meeting state machine', () => {
  it(`allows exactly the listed changes from every state (${MEETING_STATES.length} states × ${MEETING_CHANGES.length} changes)`, () => {
    for (const from of MEETING_STATES) {
      for (const change of MEETING_CHANGES) {
        const verdict = meetingChange(from, change);
        expect(verdict.ok ? verdict.to : null, `${from} + ${change}`).toBe(ALLOWED[`${from}/${change}`] ?? null);
      }
    }
  });

  it('says why: the facts that decide who must be covered are frozen from 受付 on; a closed record needs a correction; a cancelled meeting stays as it was', () => {
    for (const from of ['checking_in', 'open'] as const) {
      for (const change of ['date', 'type', 'uninvite'] as const) expect(meetingChange(from, change)).toEqual({ ok: false, reason: 'frozen_from_check_in' });
    }
    expect(meetingChange('open', 'invite')).toEqual({ ok: false, reason: 'in_session' });
    expect(meetingChange('open', 'cancel')).toEqual({ ok: false, reason: 'in_session' });
    expect(meetingChange('planned', 'leave')).toEqual({ ok: false, reason: 'not_started' });
    expect(meetingChange('checking_in', 'close')).toEqual({ ok: false, reason: 'not_started' });
    for (const change of MEETING_CHANGES.filter((c) => c !== 'correct')) expect(meetingChange('closed', change)).toEqual({ ok: false, reason: 'record_closed' });
    for (const change of MEETING_CHANGES) expect(meetingChange('cancelled', change)).toEqual({ ok: false, reason: 'cancelled' });
  });
});
