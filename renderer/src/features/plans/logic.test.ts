import { describe, expect, it } from 'vitest';
import type { DeskRow } from '../../../../shared/contract';
import { dayWords, deskTargets, deskTotals, followStart, groupDesk, planActions, DESK_KINDS } from './logic';

const row = (over: Partial<DeskRow>): DeskRow => ({
  kind: 'monitoring_due',
  caseId: 'c1',
  caseNumber: 'R8-001',
  initials: 'A.K',
  planId: 'p1',
  meetingId: null,
  roleAssignmentId: null,
  organizationName: null,
  date: '2026-05-01',
  days: 0,
  overdue: false,
  ...over,
});

describe('planActions', () => {
  it('offers editing and placing on a meeting for a draft, and a decision only as urgent', () => {
    const a = planActions('draft', true);
    expect(a).toMatchObject({ edit: true, propose: true, withdraw: false, decide: false, decideUrgent: true, monitoring: false, evaluation: false, newVersion: false });
  });

  it('offers only withdrawing for a proposed plan (the meeting judges it)', () => {
    expect(planActions('proposed', true)).toMatchObject({ edit: false, propose: false, withdraw: true, decide: false, decideUrgent: false });
  });

  it('offers the decision after 適当, and nothing of the kind after 修正 or 保留', () => {
    expect(planActions('appropriate', true)).toMatchObject({ decide: true, edit: false, propose: false });
    for (const s of ['revise', 'hold'] as const) {
      expect(planActions(s, true)).toMatchObject({ decide: false, decideUrgent: false, edit: true, propose: true });
    }
  });

  it('changes a decided plan only through a new version, with monitoring and evaluation', () => {
    expect(planActions('decided', true)).toMatchObject({ edit: false, newVersion: true, monitoring: true, evaluation: true });
    expect(planActions('under_evaluation', true)).toMatchObject({ monitoring: false, evaluation: true, newVersion: true });
    expect(planActions('ended', true)).toMatchObject({ edit: false, newVersion: false, evaluation: false });
  });

  it('offers nothing once the case is closed or suspended', () => {
    expect(Object.values(planActions('draft', false)).some(Boolean)).toBe(false);
  });
});

describe('followStart', () => {
  it('fills an empty date from the start date (+3 and +6 months, month ends clamped)', () => {
    expect(followStart('', '', '2026-04-01', 3)).toBe('2026-07-01');
    expect(followStart('', '', '2026-08-31', 6)).toBe('2027-02-28');
  });

  it('moves a date that still holds the previous default, and keeps one changed by hand', () => {
    expect(followStart('2026-07-01', '2026-04-01', '2026-05-10', 3)).toBe('2026-08-10');
    expect(followStart('2026-07-15', '2026-04-01', '2026-05-10', 3)).toBe('2026-07-15');
  });

  it('leaves the date alone while the start date is incomplete', () => {
    expect(followStart('', '2026-04-01', '', 3)).toBe('');
  });
});

describe('the desk', () => {
  it('groups every kind in order, overdue rows first', () => {
    const rows = [
      row({ kind: 'monitoring_due', caseNumber: 'R8-002', date: '2026-05-10', days: -9 }),
      row({ kind: 'monitoring_due', caseNumber: 'R8-003', date: '2026-04-20', days: 11, overdue: true }),
      row({ kind: 'role_overdue', date: '2026-04-01', days: 30, overdue: true }),
    ];
    const groups = groupDesk(rows);
    expect(groups.map((g) => g.kind)).toEqual([...DESK_KINDS]);
    const monitoring = groups.find((g) => g.kind === 'monitoring_due')!;
    expect(monitoring.rows.map((r) => r.caseNumber)).toEqual(['R8-003', 'R8-002']);
    expect(monitoring.overdue).toBe(1);
    expect(groups.find((g) => g.kind === 'plan_waiting_meeting')!.rows).toEqual([]);
    expect(deskTotals(rows)).toEqual({ count: 3, overdue: 2 });
  });

  it('says days as due in, due today, overdue or waiting', () => {
    expect(dayWords(row({ days: -9 }))).toEqual({ key: 'dueIn', count: 9 });
    expect(dayWords(row({ days: 0 }))).toEqual({ key: 'dueToday', count: 0 });
    expect(dayWords(row({ days: 11, overdue: true }))).toEqual({ key: 'overdue', count: 11 });
    expect(dayWords(row({ kind: 'plan_waiting_decision', days: 4 }))).toEqual({ key: 'waiting', count: 4 });
    expect(dayWords(row({ kind: 'consent_missing', days: -6 }))).toEqual({ key: 'meetingIn', count: 6 });
    expect(dayWords(row({ kind: 'plan_waiting_meeting', days: null }))).toBeNull();
  });

  it('links each row to where it is resolved', () => {
    expect(deskTargets(row({ kind: 'plan_waiting_decision' }))).toEqual(['plan']);
    expect(deskTargets(row({ kind: 'role_overdue' }))).toEqual(['roles']);
    expect(deskTargets(row({ kind: 'consent_missing', meetingId: 'm1' }))).toEqual(['case', 'meeting']);
  });
});
