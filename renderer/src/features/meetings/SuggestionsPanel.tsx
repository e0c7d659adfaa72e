import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../../shared/contract/meetings';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { ErrorAlert } from '../directory/ui';
import { AddCaseError, useAddCase } from './addCase';
import type { AddedElsewhere } from './MeetingDetail';
import { KIND_MINUTES, meetingKeys } from './shared';

/** Cases due at this meeting (agenda.suggestions), each added in one click with the suggested kind. */
export function SuggestionsPanel({
  meeting,
  onFlash,
  onAddedElsewhere,
}: {
  meeting: Meeting;
  onFlash: (message: string) => void;
  onAddedElsewhere: (added: AddedElsewhere) => void;
}) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const suggestions = useQuery({ queryKey: meetingKeys.suggestions(meeting.id), queryFn: () => invoke('agenda.suggestions', { meetingId: meeting.id }) });
  const { add, addToShien } = useAddCase(meeting.id);
  const [lastCase, setLastCase] = useState<{ caseId: string; caseNumber: string; kind: 'new' | 'evaluation' | 'closure' | 'report' } | null>(null);
  const list = suggestions.data ?? [];
  const failure = addToShien.error ?? add.error;

  return (
    <section className="panel mt-side-panel" aria-labelledby="mt-suggestions-heading">
      <h2 id="mt-suggestions-heading" className="panel-title">
        {t('meetings.suggestions.heading')}
      </h2>
      <p className="field-hint">{t('meetings.suggestions.intro')}</p>
      {suggestions.error && <ErrorAlert>{errorText(t, suggestions.error)}</ErrorAlert>}
      {suggestions.data && list.length === 0 && <p className="mt-none">{t('meetings.suggestions.empty')}</p>}
      {list.length > 0 && (
        <ul className="mt-suggestions">
          {list.map((s) => {
            const kind = t(`meetings.kinds.${s.kind}`);
            return (
              <li key={s.caseId} className="mt-suggestion">
                <div>
                  <p className="mt-suggestion-case">
                    <span className="mt-case-number">{s.caseNumber}</span>（{s.initials}）
                  </p>
                  <p className="mt-suggestion-reason">
                    {t(`meetings.suggestions.reasons.${s.reason}`)}・{kind}
                  </p>
                </div>
                <button
                  type="button"
                  className="button button-small"
                  disabled={add.isPending}
                  aria-label={t('meetings.suggestions.addLabel', { caseNumber: s.caseNumber, initials: s.initials, kind })}
                  onClick={() => {
                    addToShien.reset();
                    setLastCase({ caseId: s.caseId, caseNumber: s.caseNumber, kind: s.kind });
                    add.mutate(
                      { caseId: s.caseId, caseNumber: s.caseNumber, kind: s.kind, presenterOrganizationId: null, minutes: KIND_MINUTES[s.kind], participantMemberIds: [] },
                      { onSuccess: () => onFlash(t('meetings.agenda.added', { title: t('meetings.agenda.caseLabel', { caseNumber: s.caseNumber, initials: s.initials }) })) },
                    );
                  }}
                >
                  ＋ {t('meetings.suggestions.add')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {failure && lastCase && (
        <AddCaseError
          error={failure}
          pending={addToShien.isPending}
          onAddToShien={(shienMeetingId, shienDate) =>
            addToShien.mutate(
              { ...lastCase, presenterOrganizationId: null, minutes: KIND_MINUTES[lastCase.kind], participantMemberIds: [], shienMeetingId, shienDate },
              {
                onSuccess: (added) => {
                  add.reset();
                  addToShien.reset();
                  onAddedElsewhere(added);
                },
              },
            )
          }
        />
      )}
    </section>
  );
}
