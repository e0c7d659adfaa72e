import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { MeetingType } from '../../../../shared/contract';
import type { Agenda } from '../../../../shared/contract/meetings';
import { meetingChange, type MeetingChange, type MeetingLifecycleState } from '../../../../shared/domain/meeting-lifecycle';
import { useInvoke } from '../../api';
import { formatDate } from '../../format';

/** planned 予定 → checking_in 受付中 → open 開会中 → closed 閉会, or cancelled 中止 (shared/domain/meeting-lifecycle). */
export type MeetingState = MeetingLifecycleState;

/** Refusals whose words are more precise for one change than the state's general reason. */
const SPECIFIC_REASONS: Partial<Record<`${MeetingChange}:${string}`, string>> = {
  'invite:in_session': 'meetings.locked.inviteInSession',
  'agenda:in_session': 'meetings.locked.agendaInSession',
  'materials:in_session': 'meetings.locked.agendaInSession',
  'agenda:record_closed': 'meetings.locked.agendaClosed',
  'materials:record_closed': 'meetings.locked.agendaClosed',
  'cancel:in_session': 'meetings.locked.cancelInSession',
};

/**
 * Why the state machine does not allow `change` in `state`, in words that say what to do
 * instead; null when it is allowed. The UI shows this beside the disabled control.
 */
export function lockedReason(t: TFunction, state: MeetingState, change: MeetingChange): string | null {
  const verdict = meetingChange(state, change);
  if (verdict.ok) return null;
  return t(SPECIFIC_REASONS[`${change}:${verdict.reason}`] ?? `meetings.locked.${verdict.reason}`);
}

/** Check-in and the opening happen on the meeting's day or later (recorded afterwards), never before it. */
export function notYetHeldReason(t: TFunction, language: string, date: string, today: string): string | null {
  return date > today ? t('meetings.locked.notYetHeld', { date: formatDate(date, language) }) : null;
}

/** 重層的支援会議 / 支援会議 / その他の会議 as a coloured badge (支援会議 in the 秘 colour). */
export function TypeBadge({ type }: { type: MeetingType }) {
  const { t } = useTranslation();
  return <span className={`mt-type mt-type-${type}`}>{t(`meetings.types.${type}`)}</span>;
}

/** 予定 / 受付中 / 開会中 / 閉会 / 中止: words and a calm colour, never colour alone. */
export function StateBadge({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  return <span className={`badge mt-state mt-state-${state}`}>{t(`meetings.states.${state}`)}</span>;
}

/**
 * The reason a control is disabled, as a line of text the control points to (aria-describedby),
 * so it is read with the control and seen beside it.
 */
export function LockedNote({ id, children, className }: { id?: string; children: string | null; className?: string }) {
  if (!children) return null;
  return (
    <p id={id} className={`mt-locked${className ? ` ${className}` : ''}`}>
      {children}
    </p>
  );
}

/** The 秘 stamp of a 支援会議: visible, and read out as a sentence. */
export function SecretMark() {
  const { t } = useTranslation();
  return (
    <span className="mt-secret" role="img" aria-label={t('meetings.secretLabel')} title={t('meetings.secretLabel')}>
      {t('meetings.secret')}
    </span>
  );
}

export function timeRange(t: TFunction, start: string | null, end: string | null, notSet: string): string {
  if (!start) return notSet;
  return end ? t('meetings.list.timeRange', { start, end }) : `${start}〜`;
}

export const meetingKeys = {
  list: ['meeting.list'] as const,
  meeting: (id: string) => ['meeting.get', id] as const,
  agenda: (id: string) => ['agenda.get', id] as const,
  suggestions: (id: string) => ['agenda.suggestions', id] as const,
};

export function useMeeting(id: string) {
  const invoke = useInvoke();
  return useQuery({ queryKey: meetingKeys.meeting(id), queryFn: () => invoke('meeting.get', { id }) });
}

export function useAgenda(meetingId: string) {
  const invoke = useInvoke();
  return useQuery({ queryKey: meetingKeys.agenda(meetingId), queryFn: () => invoke('agenda.get', { meetingId }) });
}

export function useMembers() {
  const invoke = useInvoke();
  return useQuery({ queryKey: ['member.list', { includeLeft: false }], queryFn: () => invoke('member.list', {}) });
}

/** Default minutes of a case item by kind (a new case needs the most time). */
export const KIND_MINUTES = { new: 15, evaluation: 10, closure: 10, report: 5 } as const;

export type AgendaItemT = Agenda['items'][number];

/** What an item is called in messages: the frame title, or the case number with initials. */
export function itemLabel(t: TFunction, item: AgendaItemT): string {
  return item.caseNumber ? t('meetings.agenda.caseLabel', { caseNumber: item.caseNumber, initials: item.initials ?? '' }) : item.title;
}

/**
 * Gives the focus back to what had it before a dialog opened, once the dialog goes away (our
 * dialogs unmount rather than close, so the native <dialog> cannot restore it itself).
 */
export function useReturnFocus() {
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(
    () => () => {
      if (opener && opener.isConnected) window.setTimeout(() => opener.focus(), 0);
    },
    [opener],
  );
}

/** The live line under print buttons: a spinner and what is being printed, or nothing (the line stays, so the change is announced). */
export function PrintingStatus({ text }: { text: string | null }) {
  return (
    <p className="mt-progress" role="status" aria-live="polite">
      {text && (
        <>
          <span className="mt-spinner" aria-hidden="true" />
          {text}
        </>
      )}
    </p>
  );
}
