import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../../shared/contract/meetings';
import { formatWareki } from '../../../../shared/domain/wareki';
import { useInvoke } from '../../api';
import { errorText, fieldErrors } from '../../errors';
import { TextField } from '../../components/forms';
import { ErrorAlert, FormActions, Modal, TextAreaField, todayIso } from '../directory/ui';
import { formatDate } from '../../format';
import { meetingKeys, useReturnFocus } from '../meetings/shared';
import { hourMinute, minutesKeys } from './shared';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * 閉会: for a 支援会議 every numbered copy of the materials is marked returned (or a reason is
 * given); the next meeting may be set; then the meeting closes and the minutes become a draft.
 */
export function CloseDialog({
  meeting,
  nextScheduleNotes,
  flushNotes,
  onClose,
  onClosed,
}: {
  meeting: Meeting;
  /** What was noted under 次回日程 (the date may be written there). */
  nextScheduleNotes: string | null;
  flushNotes: () => Promise<void>;
  onClose: () => void;
  onClosed: (nextMeetingId: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  useReturnFocus();
  const shien = meeting.type === 'shien';
  // The actual 閉会 time: now on the meeting's day (editable); recorded afterwards, it must be typed in.
  const onTheDay = meeting.date === todayIso();
  const [closedAt, setClosedAt] = useState(() => (onTheDay ? hourMinute(new Date()) : ''));
  const copies = useQuery({ queryKey: minutesKeys.copies(meeting.id), queryFn: () => invoke('meeting.copies', { meetingId: meeting.id }), enabled: shien });
  const [reason, setReason] = useState('');
  const [nextDate, setNextDate] = useState('');
  const [nextTime, setNextTime] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});

  type Copies = NonNullable<typeof copies.data>;
  const markKey = ['meeting.markCopyReturned', meeting.id];
  const mark = useMutation({
    mutationKey: markKey,
    mutationFn: (input: { number: number; returned: boolean }) => invoke('meeting.markCopyReturned', { meetingId: meeting.id, ...input }),
    // With several ticks on their way, the last answer is the one to show.
    onSuccess: (next) => {
      if (queryClient.isMutating({ mutationKey: markKey }) <= 1) queryClient.setQueryData(minutesKeys.copies(meeting.id), next);
    },
  });
  /** The tick shows at once; a refusal puts it back (and the error says why). */
  function setReturned(number: number, returned: boolean) {
    const before = queryClient.getQueryData<Copies>(minutesKeys.copies(meeting.id));
    queryClient.setQueryData<Copies>(minutesKeys.copies(meeting.id), (old) => old?.map((c) => (c.number === number ? { ...c, returned } : c)));
    mark.mutate({ number, returned }, { onError: () => queryClient.setQueryData(minutesKeys.copies(meeting.id), before) });
  }
  const list = copies.data ?? [];
  const missing = list.filter((c) => !c.returned);

  const close = useMutation({
    mutationFn: async () => {
      await flushNotes();
      return invoke('meeting.close', {
        meetingId: meeting.id,
        closedAt,
        ...(shien && missing.length > 0 ? { unreturnedReason: reason.trim() } : {}),
        ...(nextDate ? { nextMeeting: { date: nextDate, startTime: nextTime } } : {}),
      });
    },
    onSuccess: (result) => {
      queryClient.setQueryData(minutesKeys.minutes(meeting.id), result.minutes);
      void queryClient.invalidateQueries({ queryKey: meetingKeys.meeting(meeting.id) });
      void queryClient.invalidateQueries({ queryKey: meetingKeys.list });
      void queryClient.invalidateQueries({ queryKey: minutesKeys.attendance(meeting.id) });
      void queryClient.invalidateQueries({ queryKey: ['home.summary'] });
      onClosed(result.nextMeetingId);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!TIME.test(closedAt)) errors.closedAt = t('minutes.close.closedTimeRequired');
    if (shien && missing.length > 0 && !reason.trim()) errors.unreturnedReason = t('minutes.close.reasonRequired');
    if (nextDate || nextTime) {
      if (!ISO.test(nextDate)) errors.nextDate = t('minutes.close.nextDateRequired');
      else if (nextDate <= meeting.date) errors.nextDate = t('minutes.close.nextDateAfter');
      if (!TIME.test(nextTime)) errors.nextTime = t('minutes.close.nextTimeRequired');
    }
    setLocal(errors);
    if (Object.keys(errors).length === 0) close.mutate();
  }
  const server = fieldErrors(t, close.error);
  const err = (f: string) => local[f] ?? server[f];

  return (
    <Modal open onClose={onClose} title={t('minutes.close.title')} wide>
      <form onSubmit={submit} noValidate>
        <p>{t('minutes.close.intro')}</p>
        <TextField
          label={t('minutes.close.closedTime')}
          type="time"
          required
          className="field-time"
          value={closedAt}
          onChange={(e) => {
            setClosedAt(e.target.value);
            setLocal(({ closedAt: _drop, ...rest }) => rest);
          }}
          hint={onTheDay ? t('minutes.close.closedTimeHint') : t('minutes.close.closedTimeAfterwards', { date: formatDate(meeting.date, i18n.language) })}
          error={err('closedAt')}
        />
        {shien && (
          <fieldset className="fieldset">
            <legend>{t('minutes.close.copiesHeading')}</legend>
            <p className="field-hint">{t('minutes.close.copiesIntro')}</p>
            {copies.isPending && <p className="loading-inline">{t('app.loading')}</p>}
            {copies.error && <ErrorAlert>{errorText(t, copies.error)}</ErrorAlert>}
            {copies.data && list.length === 0 && <p className="mn-none">{t('minutes.close.noCopies')}</p>}
            {list.length > 0 && (
              <>
                <ul className="mn-copies">
                  {list.map((c) => (
                    <li key={c.number}>
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={c.returned}
                          onChange={(e) => setReturned(c.number, e.target.checked)}
                        />
                        <span className="mn-copy-number">{t('minutes.close.copyNumber', { number: c.number })}</span>
                        <span>
                          {c.organizationName} {c.name}
                        </span>
                        <span className={`badge ${c.returned ? 'badge-ok' : 'mn-badge-missing'}`}>
                          {c.returned ? t('minutes.close.returned') : t('minutes.close.notReturned')}
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
                <p className={missing.length > 0 ? 'mn-copies-summary mn-copies-missing' : 'mn-copies-summary'} role="status">
                  {missing.length > 0
                    ? t('minutes.close.missingSummary', { count: missing.length, numbers: missing.map((c) => c.number).join('、') })
                    : t('minutes.close.allReturned', { count: list.length })}
                </p>
              </>
            )}
            {mark.error && <ErrorAlert>{errorText(t, mark.error)}</ErrorAlert>}
            {missing.length > 0 && (
              <TextAreaField
                label={t('minutes.close.reason')}
                aria-required
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={400}
                rows={2}
                hint={t('minutes.close.reasonHint')}
                error={err('unreturnedReason')}
              />
            )}
          </fieldset>
        )}
        <fieldset className="fieldset">
          <legend>{t('minutes.close.nextHeading')}</legend>
          <p className="field-hint">{t('minutes.close.nextIntro')}</p>
          {nextScheduleNotes && (
            <div className="mn-quote">
              <p className="mn-quote-label">{t('minutes.close.nextNotes')}</p>
              <p className="mn-quote-text">{nextScheduleNotes}</p>
            </div>
          )}
          <div className="mn-form-row">
            <TextField
              label={t('minutes.close.nextDate')}
              type="date"
              value={nextDate}
              onChange={(e) => setNextDate(e.target.value)}
              hint={ISO.test(nextDate) ? <span className="mt-wareki">{formatWareki(nextDate, { weekday: true })}</span> : undefined}
              error={err('nextDate') ?? err('nextMeeting.date')}
              className="field-date"
            />
            <TextField label={t('minutes.close.nextTime')} type="time" value={nextTime} onChange={(e) => setNextTime(e.target.value)} error={err('nextTime') ?? err('nextMeeting.startTime')} className="field-time" />
          </div>
        </fieldset>
        {close.error && <ErrorAlert>{errorText(t, close.error)}</ErrorAlert>}
        <FormActions
          cancelLabel={t('minutes.cancel')}
          onCancel={onClose}
          submitLabel={t('minutes.close.submit')}
          pending={close.isPending}
          pendingLabel={t('minutes.close.closing')}
        />
      </form>
    </Modal>
  );
}
