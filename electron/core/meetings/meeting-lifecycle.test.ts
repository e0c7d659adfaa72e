// The meeting's lifecycle through the contract (issue 16): what 受付 freezes, 中止 and what it
// releases, 記録の訂正 of a closed meeting, the closing time of a meeting recorded afterwards, the
// pledge register's records that could happen on paper, and exemptions that keep their period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attendance, CaseDetail, HomeSummary, Member, Organization, Plan } from '../../../shared/contract';
import type { Meeting, MeetingSummary } from '../../../shared/contract/meetings';
import { addDays } from '../../../shared/domain/calendar-date';
import { VAULT_INPUT, daysLater, tempHome, testClock, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import type { KasaneCore } from '../app';
import { verifyVault } from '../vault/verify';
import { vaultFingerprint } from '../testing/vault-fingerprint';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const clock = testClock('2027-03-29T09:00:00+09:00');
const { ok, fails } = contractCalls(() => core);
let orgs: Organization[];
const ids: Record<string, string> = {};
const org = (name: string) => orgs.find((o) => o.name === name)!.id;
const today = () => clock.now().toISOString().slice(0, 10);
const db = () => core.session.vault.db;
const audits = (action: string) => db().prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get(action) as number;

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths, clock.now);
  await ok('vault.create', VAULT_INPUT);
  orgs = await ok<Organization[]>('organization.list', {});
  for (const [name, organization] of [
    ['誓約 済子', '社会福祉協議会'],
    ['未誓 約男', '地域包括支援センター'],
    ['名簿 三郎', '地域包括支援センター'],
  ] as const) {
    ids[name] = (await ok<Member>('member.create', { name, organizationId: org(organization), startOn: '2026-04-01' })).id;
  }
  await ok('pledge.record', { kind: 'individual_annual', memberId: ids['誓約 済子'], fiscalYear: 2026, signedOn: '2026-04-01', addressee: 'みほん市長', originalReceived: true });
});
afterAll(async () => {
  await core.close();
  t.cleanup();
});

const plan = async (type: 'shien' | 'jusoteki', date = today(), invitees = Object.values(ids)) =>
  (await ok<{ meeting: Meeting }>('meeting.create', { type, date, startTime: '10:00', inviteeMemberIds: invitees })).meeting;
const nextDay = () => daysLater(core, clock, `${addDays(today(), 1)}T09:00:00+09:00`);

const snapshot = () => vaultFingerprint(db());

describe('受付 freezes who must be covered', () => {
  it('the issue\'s path: an uncovered person checked in cannot be removed from the invitees; the way out is 欠席 or a pledge', async () => {
    const m = await plan('shien');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: ids['誓約 済子'], present: true, arrivedAt: '09:50' });
    await ok('attendance.checkIn', { meetingId: m.id, memberId: ids['未誓 約男'], present: true, arrivedAt: '09:52' });
    expect((await ok<Meeting>('meeting.get', { id: m.id })).state).toBe('checking_in');

    const before = snapshot();
    const refusedBefore = audits('gate.refused');
    const removal = await fails('meeting.update', { id: m.id, inviteeMemberIds: [ids['誓約 済子'], ids['名簿 三郎']] });
    expect(removal).toMatchObject({ code: 'meeting_frozen_from_check_in', details: { change: 'uninvite' } });
    expect(await fails('meeting.update', { id: m.id, date: addDays(today(), 1) })).toMatchObject({ code: 'meeting_frozen_from_check_in', details: { change: 'date' } });
    expect(await fails('meeting.open', { meetingId: m.id })).toMatchObject({ code: 'pledge_gate_closed', details: { names: '未誓 約男' } });
    expect(snapshot()).toBe(before); // nothing changed but the audit log …
    expect(audits('gate.refused')).toBe(refusedBefore + 1); // … which names the refusal

    // Place and time still change until 閉会; inviting one more person is allowed before 開会.
    await ok('meeting.update', { id: m.id, place: '第2会議室', startTime: '10:05' });
    const a = await ok<Attendance>('attendance.checkIn', { meetingId: m.id, memberId: ids['未誓 約男'], present: false });
    expect(a.gateOpen).toBe(true);
    expect((await ok<Attendance>('meeting.open', { meetingId: m.id })).state).toBe('open');
    // Once open, someone who arrived is not made absent: they leave.
    expect(await fails('attendance.checkIn', { meetingId: m.id, memberId: ids['誓約 済子'], present: false })).toMatchObject({ code: 'attendee_already_arrived' });
    expect(await fails('attendance.leave', { meetingId: m.id, memberId: ids['誓約 済子'], leftAt: '09:40' })).toMatchObject({
      code: 'departure_before_arrival',
      details: { name: '誓約 済子', arrivedAt: '09:50', leftAt: '09:40' },
    });
    expect(await fails('attendance.leave', { meetingId: m.id, memberId: ids['名簿 三郎'], leftAt: '10:40' })).toMatchObject({ code: 'attendee_not_arrived' });
    await ok('attendance.leave', { meetingId: m.id, memberId: ids['誓約 済子'], leftAt: '10:40' });
    expect(await fails('attendance.leave', { meetingId: m.id, memberId: ids['誓約 済子'], leftAt: '10:50' })).toMatchObject({ code: 'attendee_already_left' });
  });

  it('nothing is recorded before the meeting\'s day; afterwards, arrival and closing times must be given', async () => {
    const future = await plan('shien', addDays(today(), 3));
    expect(await fails('attendance.checkIn', { meetingId: future.id, memberId: ids['誓約 済子'], present: true, arrivedAt: '09:50' })).toMatchObject({ code: 'meeting_not_yet_held' });
    expect(await fails('meeting.open', { meetingId: future.id })).toMatchObject({ code: 'meeting_not_yet_held' });

    const past = await plan('jusoteki', addDays(today(), -2));
    expect(await fails('attendance.checkIn', { meetingId: past.id, memberId: ids['誓約 済子'], present: true })).toMatchObject({ code: 'arrival_time_required' });
    await ok('attendance.checkIn', { meetingId: past.id, memberId: ids['誓約 済子'], present: true, arrivedAt: '09:58' });
    await ok('meeting.open', { meetingId: past.id });
    expect(await fails('meeting.close', { meetingId: past.id })).toMatchObject({ code: 'closing_time_required' });
    // 「10:00〜01:26」: a closing time before anyone arrived is refused.
    expect(await fails('meeting.close', { meetingId: past.id, closedAt: '01:26' })).toMatchObject({ code: 'closing_before_opening', details: { after: '09:58' } });
    await ok('meeting.close', { meetingId: past.id, closedAt: '11:30' });
    expect((await ok<Meeting>('meeting.get', { id: past.id })).closedTime).toBe('11:30');
  });
});

describe('記録の訂正 of a closed meeting', () => {
  it('changes place, 閉会 time and attendance times only with a reason, keeps before and after, and refuses an untrue record', async () => {
    const m = await plan('shien');
    await ok('attendance.checkIn', { meetingId: m.id, memberId: ids['誓約 済子'], present: true, arrivedAt: '09:55' });
    await ok('meeting.open', { meetingId: m.id });
    await ok('meeting.close', { meetingId: m.id, closedAt: '11:00', unreturnedReason: '持ち帰り' });

    expect(await fails('meeting.update', { id: m.id, place: '別室' })).toMatchObject({ code: 'meeting_record_closed', details: { change: 'place' } });
    expect(await fails('attendance.leave', { meetingId: m.id, memberId: ids['誓約 済子'], leftAt: '10:30' })).toMatchObject({ code: 'meeting_record_closed' });
    expect((await fails('meeting.correct', { id: m.id, closedTime: '11:30' })).code).toBe('validation_failed'); // no reason
    expect(await fails('meeting.correct', { id: m.id, reason: '誤記', closedTime: '11:00' })).toMatchObject({ code: 'correction_changes_nothing' });
    expect(await fails('meeting.correct', { id: m.id, reason: '誤記', closedTime: '09:00' })).toMatchObject({ code: 'closing_before_opening' });
    expect(await fails('meeting.correct', { id: m.id, reason: '誤記', attendance: [{ memberId: ids['誓約 済子'], leftAt: '09:00' }] })).toMatchObject({
      code: 'departure_before_arrival',
    });
    // Presence is not corrected: someone absent has no times to correct.
    expect(await fails('meeting.correct', { id: m.id, reason: '誤記', attendance: [{ memberId: ids['未誓 約男'], arrivedAt: '10:00' }] })).toMatchObject({ code: 'attendee_not_arrived' });

    const corrected = await ok<{ meeting: Meeting }>('meeting.correct', {
      id: m.id,
      reason: '閉会時刻の記録漏れ',
      closedTime: '11:45',
      place: '第3会議室',
      attendance: [{ memberId: ids['誓約 済子'], leftAt: '11:40' }],
    });
    expect(corrected.meeting).toMatchObject({ closedTime: '11:45', place: '第3会議室', corrections: [{ reason: '閉会時刻の記録漏れ', fields: ['place', 'attendance', 'closedTime'], staffName: '試験 太郎' }] });
    const row = db().prepare('SELECT before, after FROM meeting_corrections WHERE meeting_id = ?').get(m.id) as { before: string; after: string };
    expect(JSON.parse(row.before)).toMatchObject({ closedTime: '11:00', place: null });
    expect(JSON.parse(row.after)).toMatchObject({ closedTime: '11:45', place: '第3会議室' });
    expect(() => db().prepare('DELETE FROM meeting_corrections').run()).toThrow(/append-only/);
    expect(audits('meeting.corrected')).toBe(1);
    expect(await fails('meeting.correct', { id: (await plan('jusoteki')).id, reason: '誤記', place: 'x' })).toMatchObject({ code: 'meeting_not_started' });
  });
});

describe('中止', () => {
  it('keeps the record with its reason, releases the plan proposed to it, is never upcoming nor held, and changes no more', async () => {
    const c = await ok<CaseDetail>('case.register', { initials: 'C・N', receivedOn: '2026-10-01', fullName: '中止 確認' });
    await ok('consent.record', { caseId: c.id, givenOn: '2026-10-05', method: 'written', obtainedBy: '見本', organizationIds: [], allowsJusoteki: true });
    for (const to of ['consented', 'assessing', 'planning']) await ok('case.transition', { id: c.id, to });
    const p = await ok<Plan>('plan.create', { caseId: c.id, goals: '生活の安定', startOn: '2027-05-01' });
    const m = await plan('jusoteki', addDays(today(), 7));
    await ok('plan.propose', { id: p.id, meetingId: m.id });
    const upcoming = (await ok<HomeSummary>('home.summary', { today: today() })).counts.upcomingMeetings;

    expect((await fails('meeting.cancel', { id: m.id, reason: ' ' })).code).toBe('validation_failed');
    const { meeting } = await ok<{ meeting: Meeting }>('meeting.cancel', { id: m.id, reason: '台風接近のため' });
    expect(meeting).toMatchObject({ state: 'cancelled', cancelReason: '台風接近のため', cancelledOn: today() });
    expect(await ok<Plan>('plan.get', { id: p.id })).toMatchObject({ state: 'draft', proposedMeetingId: null });
    expect((await ok<CaseDetail>('case.get', { id: c.id })).status).toBe('planning');
    expect((await ok<HomeSummary>('home.summary', { today: today() })).counts.upcomingMeetings).toBe(upcoming - 1);
    expect((await ok<MeetingSummary[]>('meeting.list', {})).find((x) => x.id === m.id)).toMatchObject({ state: 'cancelled', cancelReason: '台風接近のため' });

    for (const [method, input] of [
      ['meeting.update', { id: m.id, place: '別室' }],
      ['meeting.cancel', { id: m.id, reason: '再度' }],
      ['agenda.addItem', { meetingId: m.id, section: 'other', title: '追加', minutes: 5 }],
      ['attendance.checkIn', { meetingId: m.id, memberId: ids['誓約 済子'], present: true, arrivedAt: '10:00' }],
      ['meeting.open', { meetingId: m.id }],
    ] as const) {
      expect(await fails(method, input), method).toMatchObject({ code: 'meeting_cancelled', details: { reason: '台風接近のため' } });
    }
    expect((await fails('minutes.get', { meetingId: m.id })).code).toBe('minutes_not_ready');
    // An open meeting is not cancelled: it was held.
    const held = await plan('jusoteki');
    await ok('meeting.open', { meetingId: held.id });
    expect(await fails('meeting.cancel', { id: held.id, reason: '誤り' })).toMatchObject({ code: 'meeting_in_session' });
  });
});

describe('the register keeps only what could be true on paper', () => {
  it('no revocation dated in the future; a roster only of people in the organization on the signing day; per-meeting pledges only for a 支援会議', async () => {
    const annual = await ok<{ id: string }>('pledge.record', { kind: 'individual_annual', memberId: ids['名簿 三郎'], fiscalYear: 2026, signedOn: '2026-06-01', addressee: 'みほん市長', originalReceived: true });
    expect(await fails('pledge.revoke', { id: annual.id, revokedOn: addDays(today(), 1), reason: '申出' })).toMatchObject({ code: 'pledge_revoked_in_future' });
    expect(
      await fails('pledge.record', { kind: 'organization_roster', organizationId: org('社会福祉協議会'), memberIds: [ids['誓約 済子'], ids['名簿 三郎']], fiscalYear: 2026, signedOn: '2026-04-02', addressee: 'みほん市長', originalReceived: true }),
    ).toMatchObject({ code: 'roster_member_not_in_organization', details: { name: '名簿 三郎', organization: '社会福祉協議会' } });
    const j = await plan('jusoteki', addDays(today(), 5));
    expect(await fails('pledge.record', { kind: 'per_meeting', memberId: ids['未誓 約男'], meetingId: j.id, signedOn: today(), addressee: 'みほん市長', originalReceived: true })).toMatchObject({
      code: 'pledge_meeting_not_shien',
    });
  });

  it('an exemption withdrawn keeps covering the meetings before; withdrawn on the day of a meeting it covered, it is refused; so is a move that would uncover someone who sat there', async () => {
    await nextDay();
    await ok('organization.setExemption', { id: org('地域包括支援センター'), reason: '委託契約で守秘義務' });
    const m = await plan('shien', today(), [ids['未誓 約男']!, ids['名簿 三郎']!]);
    await ok('attendance.checkIn', { meetingId: m.id, memberId: ids['未誓 約男'], present: true, arrivedAt: '09:50' });
    await ok('meeting.open', { meetingId: m.id });
    await ok('meeting.close', { meetingId: m.id, closedAt: '11:00', unreturnedReason: '持ち帰り' });

    const before = snapshot();
    expect(await fails('organization.setExemption', { id: org('地域包括支援センター'), reason: null })).toMatchObject({
      code: 'exemption_withdrawal_breaks_record',
      details: { name: '未誓 約男', organization: '地域包括支援センター' },
    });
    expect(await fails('member.move', { id: ids['未誓 約男'], organizationId: org('社会福祉協議会'), on: today() })).toMatchObject({ code: 'affiliation_change_breaks_record', details: { name: '未誓 約男' } });
    expect(await fails('member.leave', { id: ids['未誓 約男'], on: addDays(today(), -1) })).toMatchObject({ code: 'affiliation_change_breaks_record' });
    expect(snapshot()).toBe(before);

    await nextDay();
    await ok('organization.setExemption', { id: org('地域包括支援センター'), reason: null });
    await ok('member.move', { id: ids['未誓 約男'], organizationId: org('社会福祉協議会'), on: today() });
    const row = (await ok<Attendance>('attendance.get', { meetingId: m.id })).rows.find((r) => r.memberId === ids['未誓 約男'])!;
    expect(row).toMatchObject({ present: true, covered: true, by: 'exemption' });
    // At the next meeting the exemption covers no one any more: 名簿 三郎 is covered by his own pledge.
    const next = await plan('shien', today(), [ids['名簿 三郎']!]);
    expect((await ok<Attendance>('attendance.get', { meetingId: next.id })).rows[0]).toMatchObject({ covered: true, by: 'individual_annual' });
    expect(verifyVault(db()).meetings).toEqual({ ok: true, violations: [] });
  });
});
