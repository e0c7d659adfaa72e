import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { CaseStatus } from '../../../../shared/domain/case-lifecycle';
import type { DecisionKind, Minutes, OverdueReason, RoleAssignment, RoleStatus } from '../../../../shared/contract/minutes';
import type { Agenda } from '../../../../shared/contract/meetings';
import { useInvoke } from '../../api';

export type MinutesItemT = Minutes['items'][number];
export type AgendaItemT = Agenda['items'][number];
export type DecisionT = MinutesItemT['decisions'][number];
export type { RoleAssignment };

export const DECISION_KINDS: DecisionKind[] = [
  'plan_appropriate',
  'plan_revise',
  'continue_monitoring',
  'close',
  'suspend',
  'move_to_jusoteki',
  'resource_gap',
  'other',
];
export const ROLE_STATUSES: RoleStatus[] = ['open', 'in_progress', 'done', 'dropped'];
export const OVERDUE_REASONS: OverdueReason[] = ['circumstances_changed', 'organization_unable', 'no_longer_needed', 'other'];

/**
 * The lifecycle step a kind of decision stands for (DOMAIN.md). プラン適当 is left to the plan
 * approval (支援決定), the others change nothing by themselves.
 */
export const KIND_STEP: Partial<Record<DecisionKind, CaseStatus>> = {
  close: 'closed',
  suspend: 'suspended',
  plan_revise: 'planning',
};

export const minutesKeys = {
  minutes: (meetingId: string) => ['minutes.get', meetingId] as const,
  forMeeting: (meetingId: string) => ['role.forMeeting', meetingId] as const,
  attendance: (meetingId: string) => ['attendance.get', meetingId] as const,
  copies: (meetingId: string) => ['meeting.copies', meetingId] as const,
  distributions: (meetingId: string) => ['minutes.distributions', meetingId] as const,
  caseGet: (caseId: string) => ['case.get', caseId] as const,
};

export function useMinutes(meetingId: string) {
  const invoke = useInvoke();
  return useQuery({ queryKey: minutesKeys.minutes(meetingId), queryFn: () => invoke('minutes.get', { meetingId }), staleTime: 0 });
}

export function useAttendance(meetingId: string) {
  const invoke = useInvoke();
  return useQuery({ queryKey: minutesKeys.attendance(meetingId), queryFn: () => invoke('attendance.get', { meetingId }) });
}

/** Re-renders every `ms` while `on` (the item timers). */
export function useNow(on: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [on, ms]);
  return now;
}

/** 5:07, 1:02:03 — minutes and seconds of an item's timer. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** hh:mm:ss of an instant, on the PC's clock. */
export function timeOfDay(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** HH:MM now (閉会 time). */
export function hourMinute(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** What an item is called: its frame title, or the case number with initials. */
export function itemTitle(t: TFunction, item: AgendaItemT): string {
  return item.caseNumber ? t('minutes.caseLabel', { caseNumber: item.caseNumber, initials: item.initials ?? '' }) : item.title;
}

/** Whether the minutes may still be changed (decisions, assignments, notes). */
export function editableState(state: Minutes['state']): boolean {
  return state === 'live' || state === 'draft' || state === 'amending';
}

/** The event target is a field where keys are text (shortcuts without a modifier must not fire there). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}
