import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../../shared/contract/meetings';
import { useInvoke } from '../../api';
import { fieldErrors } from '../../errors';
import { TextField } from '../../components/forms';
import { useAttendance, useRefreshMeeting } from '../attendance/shared';
import { ErrorAlert, FormActions, Modal, TextAreaField, formErrorText } from '../directory/ui';
import { meetingKeys, useReturnFocus } from './shared';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

interface Times {
  arrivedAt: string;
  leftAt: string;
}

/**
 * 記録の訂正 of a closed meeting (meeting.correct): the reason (required), the place, the actual
 * 閉会 time, and the arrival and departure times of the people present. Only what was changed is
 * sent; who was present does not change here (presence decided the gate).
 */
export function CorrectRecordDialog({ meeting, onClose, onCorrected }: { meeting: Meeting; onClose: () => void; onCorrected: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const refresh = useRefreshMeeting(meeting.id);
  useReturnFocus();
  const attendance = useAttendance(meeting.id);
  const present = (attendance.data?.rows ?? []).filter((r) => r.present === true);
  const [reason, setReason] = useState('');
  const [place, setPlace] = useState(meeting.place ?? '');
  const [closedTime, setClosedTime] = useState(meeting.closedTime ?? '');
  const [times, setTimes] = useState<Record<string, Times>>({});
  const [local, setLocal] = useState<Record<string, string>>({});

  const timesOf = (memberId: string): Times => {
    const row = present.find((r) => r.memberId === memberId);
    return times[memberId] ?? { arrivedAt: row?.arrivedAt ?? '', leftAt: row?.leftAt ?? '' };
  };
  const setTime = (memberId: string, patch: Partial<Times>) => setTimes((cur) => ({ ...cur, [memberId]: { ...timesOf(memberId), ...patch } }));

  function changes() {
    const attendanceChanges = present.flatMap((r) => {
      const now = timesOf(r.memberId);
      const arrived = now.arrivedAt !== (r.arrivedAt ?? '');
      const left = now.leftAt !== (r.leftAt ?? '');
      if (!arrived && !left) return [];
      return [{ memberId: r.memberId, ...(arrived ? { arrivedAt: now.arrivedAt } : {}), ...(left ? { leftAt: now.leftAt || null } : {}) }];
    });
    return {
      ...(place.trim() !== (meeting.place ?? '') ? { place: place.trim() || null } : {}),
      ...(closedTime !== (meeting.closedTime ?? '') ? { closedTime } : {}),
      ...(attendanceChanges.length ? { attendance: attendanceChanges } : {}),
    };
  }

  const correct = useMutation({
    mutationFn: () => invoke('meeting.correct', { id: meeting.id, reason: reason.trim(), ...changes() }),
    onSuccess: (result) => {
      queryClient.setQueryData(meetingKeys.meeting(meeting.id), result.meeting);
      refresh();
      onCorrected();
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!reason.trim()) errors.reason = t('meetings.correct.reasonRequired');
    if (closedTime !== (meeting.closedTime ?? '') && !TIME.test(closedTime)) errors.closedTime = t('meetings.correct.invalidTime');
    for (const r of present) {
      const now = timesOf(r.memberId);
      if (now.arrivedAt !== (r.arrivedAt ?? '') && !TIME.test(now.arrivedAt)) errors[`arrived-${r.memberId}`] = t('meetings.correct.invalidTime');
      if (now.leftAt && !TIME.test(now.leftAt)) errors[`left-${r.memberId}`] = t('meetings.correct.invalidTime');
    }
    if (Object.keys(errors).length === 0 && Object.keys(changes()).length === 0) errors.form = t('meetings.correct.nothingChanged');
    setLocal(errors);
    if (Object.keys(errors).length === 0) correct.mutate();
  }

  const server = fieldErrors(t, correct.error);
  return (
    <Modal open onClose={onClose} title={t('meetings.correct.heading')} wide>
      <form onSubmit={submit} noValidate>
        <p>{t('meetings.correct.intro')}</p>
        <TextAreaField
          label={t('meetings.correct.reason')}
          aria-required
          value={reason}
          rows={2}
          maxLength={400}
          placeholder={t('meetings.correct.reasonExample')}
          autoFocus
          onChange={(e) => {
            setReason(e.target.value);
            setLocal(({ reason: _r, form: _f, ...rest }) => rest);
          }}
          error={local.reason ?? server.reason}
        />
        <div className="field-row">
          <TextField label={t('meetings.correct.place')} value={place} maxLength={80} onChange={(e) => setPlace(e.target.value)} error={server.place} />
          <TextField
            label={t('meetings.correct.closedTime')}
            type="time"
            className="field-time"
            value={closedTime}
            onChange={(e) => {
              setClosedTime(e.target.value);
              setLocal(({ closedTime: _c, form: _f, ...rest }) => rest);
            }}
            error={local.closedTime ?? server.closedTime}
          />
        </div>
        <fieldset className="fieldset">
          <legend>{t('meetings.correct.attendanceHeading')}</legend>
          <p className="field-hint">{t('meetings.correct.attendanceIntro')}</p>
          {attendance.isPending && <p className="loading-inline">{t('app.loading')}</p>}
          {attendance.data && present.length === 0 && <p className="mt-none">{t('meetings.correct.noAttendees')}</p>}
          {present.length > 0 && (
            <div className="data-table-wrap">
              <table className="data-table compact mt-correct-table">
                <caption className="visually-hidden">{t('meetings.correct.attendanceLabel')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('meetings.correct.columns.name')}</th>
                    <th scope="col">{t('meetings.correct.columns.arrived')}</th>
                    <th scope="col">{t('meetings.correct.columns.left')}</th>
                  </tr>
                </thead>
                <tbody>
                  {present.map((r) => {
                    const now = timesOf(r.memberId);
                    const arrivedError = local[`arrived-${r.memberId}`];
                    const leftError = local[`left-${r.memberId}`];
                    return (
                      <tr key={r.memberId} data-testid="correct-row">
                        <th scope="row" className="at-name">
                          {r.name}
                          <span className="at-title at-detail-block">{r.organizationName}</span>
                        </th>
                        <td>
                          <input
                            type="time"
                            className="input at-time"
                            aria-label={t('meetings.correct.arrivedAt', { name: r.name })}
                            aria-invalid={arrivedError ? true : undefined}
                            value={now.arrivedAt}
                            onChange={(e) => {
                              setTime(r.memberId, { arrivedAt: e.target.value });
                              setLocal(({ [`arrived-${r.memberId}`]: _a, form: _f, ...rest }) => rest);
                            }}
                          />
                          {arrivedError && <p className="field-error">{arrivedError}</p>}
                        </td>
                        <td>
                          <input
                            type="time"
                            className="input at-time"
                            aria-label={t('meetings.correct.leftAt', { name: r.name })}
                            aria-invalid={leftError ? true : undefined}
                            value={now.leftAt}
                            onChange={(e) => {
                              setTime(r.memberId, { leftAt: e.target.value });
                              setLocal(({ [`left-${r.memberId}`]: _l, form: _f, ...rest }) => rest);
                            }}
                          />
                          {leftError && <p className="field-error">{leftError}</p>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </fieldset>
        {local.form && <ErrorAlert>{local.form}</ErrorAlert>}
        {correct.error && <ErrorAlert>{formErrorText(t, correct.error)}</ErrorAlert>}
        <FormActions
          cancelLabel={t('meetings.correct.cancel')}
          onCancel={onClose}
          submitLabel={t('meetings.correct.submit')}
          pending={correct.isPending}
          pendingLabel={t('meetings.correct.submitting')}
        />
      </form>
    </Modal>
  );
}
