import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../../shared/contract/meetings';
import { useInvoke } from '../../api';
import { fieldErrors } from '../../errors';
import { formatDate } from '../../format';
import { ConfirmActions, ErrorAlert, FormActions, Modal, TextAreaField, formErrorText } from '../directory/ui';
import { meetingKeys, useReturnFocus } from './shared';

/**
 * 中止 (meeting.cancel), from 予定 or 受付中: the reason first (required), then a confirmation
 * that says what it means — kept on record, never counted as held, nothing changes afterwards,
 * its cases and proposed plans offered again for the next meeting.
 */
export function CancelMeetingDialog({ meeting, onClose, onCancelled }: { meeting: Meeting; onClose: () => void; onCancelled: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  useReturnFocus();
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () => invoke('meeting.cancel', { id: meeting.id, reason: reason.trim() }),
    onSuccess: (result) => {
      queryClient.setQueryData(meetingKeys.meeting(meeting.id), result.meeting);
      // 中止 reaches beyond the meeting: suggestions, plans, cases, home and the desk read again.
      void queryClient.invalidateQueries();
      onCancelled();
    },
  });

  function next(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setLocal(t('meetings.cancel.reasonRequired'));
      return;
    }
    setLocal(null);
    cancel.reset();
    setConfirming(true);
  }

  const date = formatDate(meeting.date, i18n.language);
  return (
    <Modal open onClose={onClose} title={confirming ? t('meetings.cancel.confirmHeading') : t('meetings.cancel.heading')}>
      <p>{t('meetings.cancel.intro', { title: meeting.title, date })}</p>
      {confirming ? (
        <>
          <p className="mn-quote-text mt-cancel-quote">{t('meetings.cancel.reasonQuote', { reason: reason.trim() })}</p>
          <ul className="mt-cancel-effects">
            <li>{t('meetings.cancel.effects.kept')}</li>
            <li>{t('meetings.cancel.effects.frozen')}</li>
            <li>{t('meetings.cancel.effects.released')}</li>
            <li>{t('meetings.cancel.effects.again')}</li>
          </ul>
          {cancel.error && <ErrorAlert>{formErrorText(t, cancel.error)}</ErrorAlert>}
          <ConfirmActions
            cancelLabel={t('meetings.cancel.back')}
            onCancel={() => setConfirming(false)}
            confirmLabel={t('meetings.cancel.confirm')}
            onConfirm={() => cancel.mutate()}
            pending={cancel.isPending}
            pendingLabel={t('meetings.cancel.submitting')}
          />
        </>
      ) : (
        <form onSubmit={next} noValidate>
          <TextAreaField
            label={t('meetings.cancel.reason')}
            aria-required
            value={reason}
            rows={3}
            maxLength={400}
            placeholder={t('meetings.cancel.reasonExample')}
            hint={t('meetings.cancel.reasonHint')}
            autoFocus
            onChange={(e) => {
              setReason(e.target.value);
              setLocal(null);
            }}
            error={local ?? fieldErrors(t, cancel.error).reason}
          />
          <FormActions cancelLabel={t('meetings.cancel.cancel')} onCancel={onClose} submitLabel={t('meetings.cancel.next')} danger />
        </form>
      )}
    </Modal>
  );
}
