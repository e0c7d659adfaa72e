import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KasaneError } from '../../../../shared/contract';
import type { Agenda } from '../../../../shared/contract/meetings';
import type { CaseItemKind } from '../../../../shared/domain/agenda';
import { useInvoke } from '../../api';
import { errorText, isKasaneError } from '../../errors';
import { ErrorAlert } from '../directory/ui';
import type { AddedElsewhere } from './MeetingDetail';
import { meetingKeys } from './shared';

export interface AddCaseInput {
  caseId: string;
  caseNumber: string;
  kind: CaseItemKind;
  presenterOrganizationId: string | null;
  minutes: number;
  participantMemberIds: string[];
}

/** agenda.addCaseItem on this meeting, and the same case on the next 支援会議 when the consent rule refuses it. */
export function useAddCase(meetingId: string) {
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const refreshMeeting = (id: string, agenda?: Agenda) => {
    if (agenda) queryClient.setQueryData(meetingKeys.agenda(id), agenda);
    void queryClient.invalidateQueries({ queryKey: meetingKeys.suggestions(id) });
    void queryClient.invalidateQueries({ queryKey: meetingKeys.list });
  };
  const add = useMutation({
    mutationFn: (input: AddCaseInput) =>
      invoke('agenda.addCaseItem', {
        meetingId,
        caseId: input.caseId,
        kind: input.kind,
        presenterOrganizationId: input.presenterOrganizationId,
        minutes: input.minutes,
        ...(input.participantMemberIds.length ? { participantMemberIds: input.participantMemberIds } : {}),
      }),
    onSuccess: (agenda) => refreshMeeting(meetingId, agenda),
  });
  const addToShien = useMutation({
    mutationFn: async (input: AddCaseInput & { shienMeetingId: string; shienDate: string }): Promise<AddedElsewhere> => {
      // Need-to-know participants belong to this meeting's invitees: the 支援会議 starts with everyone.
      const agenda = await invoke('agenda.addCaseItem', {
        meetingId: input.shienMeetingId,
        caseId: input.caseId,
        kind: input.kind,
        presenterOrganizationId: input.presenterOrganizationId,
        minutes: input.minutes,
      });
      refreshMeeting(input.shienMeetingId, agenda);
      return { meetingId: input.shienMeetingId, caseNumber: input.caseNumber, date: input.shienDate };
    },
  });
  return { add, addToShien };
}

/** The refusal of the consent rule, with 「次の支援会議に追加」 when a planned 支援会議 exists. */
export function AddCaseError({
  error,
  pending,
  onAddToShien,
}: {
  error: unknown;
  pending: boolean;
  onAddToShien: (shienMeetingId: string, shienDate: string) => void;
}) {
  const { t } = useTranslation();
  const next =
    isKasaneError(error, 'consent_required_for_jusoteki') && typeof (error as KasaneError).details.nextShienMeetingId === 'string'
      ? { id: String((error as KasaneError).details.nextShienMeetingId), date: String((error as KasaneError).details.nextShienDate ?? '') }
      : null;
  return (
    <ErrorAlert>
      <span className="mt-refusal-text">{errorText(t, error)}</span>
      {next && (
        <button type="button" className="button button-small button-primary mt-refusal-action" disabled={pending} onClick={() => onAddToShien(next.id, next.date)}>
          {t('meetings.addCase.addToNextShien')}
        </button>
      )}
    </ErrorAlert>
  );
}
