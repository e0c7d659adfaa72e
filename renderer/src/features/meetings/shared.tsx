import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { MeetingType } from '../../../../shared/contract';
import type { Agenda } from '../../../../shared/contract/meetings';
import { useInvoke } from '../../api';

export type MeetingState = 'planned' | 'open' | 'closed';

/** 重層的支援会議 / 支援会議 / その他の会議 as a coloured badge (支援会議 in the 秘 colour). */
export function TypeBadge({ type }: { type: MeetingType }) {
  const { t } = useTranslation();
  return <span className={`mt-type mt-type-${type}`}>{t(`meetings.types.${type}`)}</span>;
}

export function StateBadge({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  return <span className={`badge mt-state mt-state-${state}`}>{t(`meetings.states.${state}`)}</span>;
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
