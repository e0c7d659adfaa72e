import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attendance, Member, Organization } from '../../../shared/contract';
import type { Meeting } from '../../../shared/contract/meetings';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import { checkPdf } from '../testing/pdf-check';
import type { KasaneCore } from '../app';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const { ok, fails } = contractCalls(() => core);
let orgs: Organization[];
let members: Member[];
const org = (name: string) => orgs.find((o) => o.name === name)!.id;
const member = (name: string) => members.find((m) => m.name === name)!.id;

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, () => new Date('2026-11-23T09:00:00+09:00'));
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

let day = 0;
const plan = async (type: 'shien' | 'jusoteki') =>
  (await ok<{ meeting: Meeting }>('meeting.create', { type, date: `2026-11-${String(23 + ++day).padStart(2, '0')}`, startTime: '10:00', inviteeMemberIds: members.map((m) => m.id) })).meeting;
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
    expect((await ok<Meeting>('meeting.get', { id: m.id })).state).toBe('planned');

    a = await ok<Attendance>('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: false });
    expect(a.gateOpen).toBe(true);
    expect((await ok<Attendance>('meeting.open', { meetingId: m.id })).state).toBe('open');
    // Opening twice is refused; the agenda is frozen once open.
    expect((await fails('meeting.open', { meetingId: m.id })).code).toBe('meeting_not_open_state');
    expect((await fails('agenda.addItem', { meetingId: m.id, section: 'other', title: '追加', minutes: 5 })).code).toBe('meeting_not_planned');
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

describe('出席者名簿 PDF', () => {
  it("lists attendance with each person's pledge status and the exemption reason, marked 秘 for a 支援会議", async () => {
    await ok('organization.update', { id: org('地域包括支援センター'), pledgeExemptionReason: '委託契約で守秘義務' });
    const m = await plan('shien');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('誓約 済子'), present: true, arrivedAt: '09:50' });
    await ok('attendance.checkIn', { meetingId: m.id, memberId: member('未誓 約男'), present: true, arrivedAt: '09:52' });
    const { pdfBase64, fileName } = await ok<{ pdfBase64: string; fileName: string }>('meeting.attendancePdf', { meetingId: m.id });
    expect(fileName).toMatch(/^出席者名簿_令和8年11月\d+日_支援会議\.pdf$/);
    checkPdf(pdfBase64, 'attendance-shien.pdf', ['--expect', '出席者名簿', '--expect', '秘', '--expect', '年度誓約書（個人）', '--expect', '誓約免除（委託契約で守秘義務）', '--expect', '出席 2名']);
    await ok('organization.update', { id: org('地域包括支援センター'), pledgeExemptionReason: null });
  }, 60_000);
});
