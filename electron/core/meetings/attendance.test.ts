import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attendance, Member, Organization } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { VAULT_INPUT, daysLater, tempHome, testClock, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import { checkPdf } from '../testing/pdf-check';
import type { KasaneCore } from '../app';
import { addDays } from '../../../shared/domain/calendar-date';
import type { PledgeRecord } from '../../../shared/contract';

let t: ReturnType<typeof tempHome>;
const clock = testClock('2026-11-23T09:00:00+09:00');
let core: KasaneCore;
const { ok, fails } = contractCalls(() => core);
let orgs: Organization[];
let members: Member[];
const org = (name: string) => orgs.find((o) => o.name === name)!.id;
const member = (name: string) => members.find((m) => m.name === name)!.id;

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, clock.now);
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
  orgs = await ok<Organization[]>('organization.list', {});
  await ok('member.create', { name: '誓約 済子', organizationId: org('社会福祉協議会'), startOn: '2025-04-01' });
  await ok('member.create', { name: '未誓 約男', organizationId: org('地域包括支援センター'), startOn: '2025-04-01' });
  members = await ok<Member[]>('member.list', {});
  await ok('pledge.record', { kind: 'individual_annual', memberId: member('誓約 済子'), fiscalYear: 2026, signedOn: '2026-04-01', addressee: 'みほん市長', originalReceived: true });
});
afterAll(async () => {
  await core.close();
  t.cleanup();
});

/** Each test's meeting is held on a day of its own (attendance is recorded on the day, a withdrawal from the next). */
let day = 0;
const nextDay = async () => {
  day++;
  await daysLater(core, clock, `${addDays('2026-11-23', day)}T09:00:00+09:00`);
  return addDays('2026-11-23', day);
};
const plan = async (type: 'shien' | 'jusoteki') =>
  (await ok<{ meeting: Meeting }>('meeting.create', { type, date: await nextDay(), startTime: '10:00', inviteeMemberIds: members.map((m) => m.id) })).meeting;
const audit = (action: string) =>
  (core.session.vault.db.prepare('SELECT subject, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { subject: string | null; details: string }[]).map((r) => ({
    subject: r.subject,
    details: JSON.parse(r.details) as unknown,
  }));
const gateRefusals = () => core.session.vault.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'gate.refused'").pluck().get() as number;

describe('check-in and the pledge gate', () => {
  it('a 支援会議 does not open while someone present is not covered; marking them absent opens it', async () => {
    const m = await plan('shien');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('誓約 済子'), present: true, arrivedAt: '09:55' });
    let a = await ok<Attendance>('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: true, arrivedAt: '09:58' });
    expect(a.gateOpen).toBe(false);
    const before = gateRefusals();
    expect(await fails('meeting.open', { meetingId: m.id })).toMatchObject({ code: 'pledge_gate_closed', details: { names: '未誓 約男' } });
    expect(gateRefusals()).toBe(before + 1); // the refusal is in the audit log
    expect((await ok<Meeting>('meeting.get', { id: m.id })).state).toBe('checking_in');

    a = await ok<Attendance>('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: false });
    expect(a.gateOpen).toBe(true);
    expect((await ok<Attendance>('meeting.open', { meetingId: m.id })).state).toBe('open');
    // Opening twice is refused; the agenda is frozen once open.
    expect((await fails('meeting.open', { meetingId: m.id })).code).toBe('meeting_in_session');
    expect((await fails('agenda.addItem', { meetingId: m.id, section: 'other', title: '追加', minutes: 5 })).code).toBe('meeting_in_session');
  });

  it('signing a per-meeting pledge at the door lets the meeting open', async () => {
    const m = await plan('shien');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: true });
    expect((await fails('meeting.open', { meetingId: m.id })).code).toBe('pledge_gate_closed');
    await ok('pledge.record', { kind: 'per_meeting', memberId: member('未誓 約男'), meetingId: m.id, signedOn: '2026-11-23', addressee: 'みほん市長', originalReceived: true });
    expect((await ok<Attendance>('meeting.open', { meetingId: m.id })).state).toBe('open');
  });

  it('a late arrival at an open 支援会議 passes the same gate; a walk-in new person too', async () => {
    const m = await plan('shien');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('誓約 済子'), present: true });
    await ok('meeting.open', { meetingId: m.id });
    expect(await fails('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: true, arrivedAt: '10:20' })).toMatchObject({
      code: 'attendee_not_covered',
      details: { name: '未誓 約男' },
    });
    const walkIn = await fails('attendance.addWalkIn', { meetingId: m.id, newPerson: { name: '飛込 来子', organizationId: org('健康課'), title: '保健師' }, arrivedAt: '10:30' });
    expect(walkIn).toMatchObject({ code: 'attendee_not_covered', details: { name: '飛込 来子' } });
    // Nothing of the refused walk-in was kept.
    expect((await ok<Member[]>('member.list', {})).some((x) => x.name === '飛込 来子')).toBe(false);
    const a = await ok<Attendance>('attendance.get', { meetingId: m.id });
    expect(a.rows.filter((r) => r.present === true).map((r) => r.name)).toEqual(['誓約 済子']);
  });

  it('a 重層的支援会議 has no pledge gate; walk-ins and departures are recorded', async () => {
    const m = await plan('jusoteki');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: true, arrivedAt: '10:00' });
    await ok('attendance.addWalkIn', { meetingId: m.id, newPerson: { name: '当日 参加', organizationId: org('健康課'), title: null }, arrivedAt: '10:05' });
    const opened = await ok<Attendance>('meeting.open', { meetingId: m.id });
    expect(opened.state).toBe('open');
    const left = await ok<Attendance>('attendance.leave', { meetingId: m.id, memberId: member('未誓 約男'), leftAt: '11:00' });
    expect(left.rows.find((r) => r.name === '未誓 約男')).toMatchObject({ present: true, arrivedAt: '10:00', leftAt: '11:00' });
    expect(left.rows.find((r) => r.name === '当日 参加')).toMatchObject({ walkIn: true, present: true, arrivedAt: '10:05' });
  });
});

describe('the evidence kept with the meeting', () => {
  it('someone who arrived and left before the opening still holds it back (a departure is no way around the gate); marked absent, they do not', async () => {
    const m = await plan('shien');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('誓約 済子'), present: true, arrivedAt: '09:50' });
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: true, arrivedAt: '09:52' });
    expect((await fails('meeting.open', { meetingId: m.id })).code).toBe('pledge_gate_closed');
    const left = await ok<Attendance>('attendance.leave', { meetingId: m.id, memberId: member('未誓 約男'), leftAt: '09:58' });
    expect(left.gateOpen).toBe(false);
    expect(await fails('meeting.open', { meetingId: m.id })).toMatchObject({ code: 'pledge_gate_closed', details: { names: '未誓 約男' } });
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: false });
    const opened = await ok<Attendance>('meeting.open', { meetingId: m.id });
    expect(opened.state).toBe('open');
    // Only the people in the room are handed a numbered copy.
    expect((await ok<{ memberId: string }[]>('meeting.copies', { meetingId: m.id })).map((c) => c.memberId)).toEqual([member('誓約 済子')]);
  });

  it('states the pledge that let each person in at 開会, even after it is revoked later', async () => {
    const m = await plan('shien');
    const pledge = await ok<{ id: string }>('pledge.record', { kind: 'per_meeting', memberId: member('未誓 約男'), meetingId: m.id, signedOn: '2026-11-23', addressee: 'みほん市長', originalReceived: true });
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: true, arrivedAt: '09:52' });
    await ok('meeting.open', { meetingId: m.id });
    // Revoked on the meeting's day, the record would say he sat there without a pledge: refused.
    expect(await fails('pledge.revoke', { id: pledge.id, revokedOn: m.date, reason: '記載誤り' })).toMatchObject({ code: 'pledge_revocation_breaks_record', details: { name: '未誓 約男' } });
    await ok('pledge.revoke', { id: pledge.id, revokedOn: await nextDay(), reason: '記載誤り' });
    const row = (await ok<Attendance>('attendance.get', { meetingId: m.id })).rows.find((r) => r.memberId === member('未誓 約男'))!;
    expect(row).toMatchObject({ covered: true, by: 'per_meeting', pledgeId: pledge.id, pledgeSignedOn: '2026-11-23', pledgeWordingVersion: 1 });
  });
});

describe('出席者名簿 PDF', () => {
  it("lists attendance with each person's pledge status and the exemption reason, marked 秘 for a 支援会議", async () => {
    await ok('organization.setExemption', { id: org('地域包括支援センター'), reason: '委託契約で守秘義務' });
    const m = await plan('shien');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('誓約 済子'), present: true, arrivedAt: '09:50' });
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: true, arrivedAt: '09:52' });
    const { pdfBase64, fileName } = await ok<{ pdfBase64: string; fileName: string }>('meeting.attendancePdf', { meetingId: m.id });
    expect(fileName).toMatch(/^出席者名簿_令和8年1[12]月\d+日_支援会議\.pdf$/);
    checkPdf(pdfBase64, 'attendance-shien.pdf', [
      '--expect', '出席者名簿', '--expect', '秘', '--expect', '年度誓約書（個人）（令和8年4月1日署名・文面第1版）', '--expect', '誓約免除（委託契約で守秘義務）', '--expect', '出席 2名',
    ]);
    await ok('organization.setExemption', { id: org('地域包括支援センター'), reason: null });
  }, 60_000);
});

describe('bad input at the door', () => {
  it('checking in someone already present is refused with their arrival time, changing nothing; absent then present again is a correction', async () => {
    const m = await plan('shien');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('誓約 済子'), present: true, arrivedAt: '09:55' });
    const checkIns = audit('attendance.checked_in').length;
    expect(await fails('attendance.checkIn', { meetingId: m.id, memberId: member('誓約 済子'), present: true, arrivedAt: '10:05' })).toMatchObject({
      code: 'attendee_already_checked_in',
      details: { name: '誓約 済子', arrivedAt: '09:55' },
    });
    // As a walk-in too.
    expect(await fails('attendance.addWalkIn', { meetingId: m.id, memberId: member('誓約 済子'), arrivedAt: '10:06' })).toMatchObject({ code: 'attendee_already_checked_in' });
    let a = await ok<Attendance>('attendance.get', { meetingId: m.id });
    expect(a.rows.find((r) => r.name === '誓約 済子')).toMatchObject({ present: true, arrivedAt: '09:55', walkIn: false });
    expect(audit('attendance.checked_in').length).toBe(checkIns);

    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('誓約 済子'), present: false });
    a = await ok<Attendance>('attendance.checkIn', { meetingId: m.id, memberId: member('誓約 済子'), present: true, arrivedAt: '10:10' });
    expect(a.rows.find((r) => r.name === '誓約 済子')).toMatchObject({ present: true, arrivedAt: '10:10' });
  });

  it('opening a meeting that is already open or closed is refused with its state; a closed meeting takes no check-in', async () => {
    const m = await plan('shien');
    await ok('meeting.open', { meetingId: m.id });
    expect(await fails('meeting.open', { meetingId: m.id })).toMatchObject({ code: 'meeting_in_session', details: { change: 'open' } });
    await ok('meeting.close', { meetingId: m.id, closedAt: '11:00' });
    const opened = audit('meeting.opened').length;
    expect(await fails('meeting.open', { meetingId: m.id })).toMatchObject({ code: 'meeting_record_closed', details: { change: 'open' } });
    expect(await fails('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: true })).toMatchObject({ code: 'meeting_record_closed' });
    expect(audit('meeting.opened').length).toBe(opened);
    expect((await ok<Attendance>('attendance.get', { meetingId: m.id })).rows.every((r) => r.present === null)).toBe(true);
  });
});

describe('the audit log of gate decisions', () => {
  const exempt = (name: string, reason: string | null) => ok('organization.setExemption', { id: org(name), reason: reason });

  it('at 開会: who was refused (ids, never names); once open, what covered each attendee and each exemption used', async () => {
    const m = await plan('shien');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('誓約 済子'), present: true });
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: true });
    await fails('meeting.open', { meetingId: m.id });
    expect(audit('gate.refused').at(-1)).toEqual({ subject: m.id, details: { uncovered: 1, memberIds: [member('未誓 約男')], at: 'open' } });

    await exempt('地域包括支援センター', '委託契約で守秘義務');
    await ok('meeting.open', { meetingId: m.id });
    const annual = (await ok<PledgeRecord[]>('pledge.list', { fiscalYear: 2026 })).find((p) => p.memberId === member('誓約 済子'))!;
    expect(audit('meeting.opened').at(-1)).toEqual({
      subject: m.id,
      details: {
        coverage: expect.arrayContaining([
          { memberId: member('誓約 済子'), by: 'individual_annual', pledgeId: annual.id },
          { memberId: member('未誓 約男'), by: 'exemption', pledgeId: null },
        ]),
      },
    });
    expect(audit('gate.exemption_used').at(-1)).toEqual({ subject: m.id, details: { memberId: member('未誓 約男'), organizationId: org('地域包括支援センター'), at: 'open' } });
    // Withdrawn on the day of the meeting it covered, the record would break: from the next day it is not.
    expect((await fails('organization.setExemption', { id: org('地域包括支援センター'), reason: null })).code).toBe('exemption_withdrawal_breaks_record');
    await nextDay();
    await exempt('地域包括支援センター', null);
  });

  it('after 開会: a late arrival let in (by what), a late walk-in through an exemption, and a refused walk-in', async () => {
    const m = await plan('shien');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('誓約 済子'), present: true });
    await ok('meeting.open', { meetingId: m.id });
    const exemptionsBefore = audit('gate.exemption_used').length;

    const p = await ok<PledgeRecord>('pledge.record', { kind: 'per_meeting', memberId: member('未誓 約男'), meetingId: m.id, signedOn: '2026-11-23', addressee: 'みほん市長', originalReceived: true });
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: true, arrivedAt: '10:15' });
    expect(audit('gate.late_arrival_covered').at(-1)).toEqual({ subject: m.id, details: { memberId: member('未誓 約男'), by: 'per_meeting', pledgeId: p.id, at: 'check_in' } });
    expect(audit('gate.exemption_used').length).toBe(exemptionsBefore);

    expect(await fails('attendance.addWalkIn', { meetingId: m.id, newPerson: { name: '飛込 二子', organizationId: org('健康課') }, arrivedAt: '10:20' })).toMatchObject({
      code: 'attendee_not_covered',
    });
    expect(audit('gate.refused').at(-1)).toEqual({ subject: m.id, details: { memberId: null, newPerson: true, at: 'walk_in' } });

    await exempt('健康課', '地方公務員法により守秘義務を負う');
    const a = await ok<Attendance>('attendance.addWalkIn', { meetingId: m.id, newPerson: { name: '飛込 二子', organizationId: org('健康課') }, arrivedAt: '10:25' });
    const walkInId = a.rows.find((r) => r.name === '飛込 二子')!.memberId;
    expect(audit('gate.late_arrival_covered').at(-1)).toEqual({ subject: m.id, details: { memberId: walkInId, by: 'exemption', pledgeId: null, at: 'walk_in' } });
    expect(audit('gate.exemption_used').at(-1)).toEqual({ subject: m.id, details: { memberId: walkInId, organizationId: org('健康課'), at: 'walk_in' } });
    await nextDay();
    await exempt('健康課', null);

    // Gate entries name people by id only.
    const gate = core.session.vault.db.prepare("SELECT details FROM audit_log WHERE action LIKE 'gate.%' OR action = 'meeting.opened'").pluck().all() as string[];
    expect(gate.join('\n')).not.toMatch(/未誓|誓約 済子|飛込/);
  });
});
