import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OverdueReason, RoleStatus } from '../../../../shared/contract/minutes';
import { useInvoke } from '../../api';
import { errorText, isKasaneError } from '../../errors';
import { ErrorAlert, SelectField, TextAreaField, shortDate } from '../directory/ui';
import { dueText } from './Roles';
import { OVERDUE_REASONS, ROLE_STATUSES, minutesKeys, type RoleAssignment } from './shared';

/**
 * 前回決定事項・役割分担の進捗確認: the open assignments of this agenda's cases and every overdue
 * one, each updated right here (recorded with this meeting, on the meeting's date).
 */
export function ProgressReview({ meetingId, meetingDate, editable, onFlash }: { meetingId: string; meetingDate: string; editable: boolean; onFlash: (m: string) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const list = useQuery({ queryKey: minutesKeys.forMeeting(meetingId), queryFn: () => invoke('role.forMeeting', { meetingId }) });
  const [open, setOpen] = useState<string | null>(null);
  const rows = list.data ?? [];
  return (
    <section className="mn-block mn-progress" aria-labelledby="mn-progress-heading">
      <h4 id="mn-progress-heading" className="mn-block-heading">
        {t('minutes.progress.heading')}
        {list.data && <span className="mn-count">{t('minutes.progress.count', { count: rows.length })}</span>}
      </h4>
      <p className="field-hint">{t('minutes.progress.intro')}</p>
      {list.isPending && <p className="loading-inline">{t('app.loading')}</p>}
      {list.error && <ErrorAlert>{errorText(t, list.error)}</ErrorAlert>}
      {list.data && rows.length === 0 && <p className="mn-none">{t('minutes.progress.none')}</p>}
      {rows.length > 0 && (
        <ul className="mn-progress-list" aria-label={t('minutes.progress.listLabel')}>
          {rows.map((a) => (
            <ProgressRow
              key={a.id}
              a={a}
              meetingId={meetingId}
              meetingDate={meetingDate}
              editable={editable}
              open={open === a.id}
              onToggle={(on) => setOpen(on ? a.id : null)}
              onFlash={onFlash}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ProgressRow({
  a,
  meetingId,
  meetingDate,
  editable,
  open,
  onToggle,
  onFlash,
}: {
  a: RoleAssignment;
  meetingId: string;
  meetingDate: string;
  editable: boolean;
  open: boolean;
  onToggle: (open: boolean) => void;
  onFlash: (m: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const updatedHere = a.lastUpdate?.meetingId === meetingId;
  return (
    <li className={`mn-progress-row${a.overdue ? ' mn-progress-overdue' : ''}`} data-testid="progress-row" aria-labelledby={headingId}>
      <div className="mn-progress-main">
        <p id={headingId} className="mn-progress-title">
          <span className="mn-case-number">{a.caseNumber}</span>（{a.initials}） {a.action}
        </p>
        <p className="mn-progress-meta">
          <span>
            {a.organizationName}
            {a.memberName ? `・${a.memberName}` : ''}
          </span>
          <span>{dueText(t, a, i18n.language)}</span>
          {a.createdMeetingDate && <span>{t('minutes.progress.decidedAt', { date: shortDate(a.createdMeetingDate, i18n.language) })}</span>}
        </p>
        <p className="mn-progress-badges">
          <span className={`badge mn-role-status mn-role-${a.status}`}>{t(`minutes.roles.statuses.${a.status}`)}</span>
          {a.overdue && <span className="badge mn-badge-overdue">⚠ {t('minutes.progress.overdue')}</span>}
          {updatedHere && <span className="badge badge-ok">✓ {t('minutes.progress.updatedHere')}</span>}
        </p>
        {a.lastUpdate && (
          <p className="mn-progress-last">
            {t('minutes.progress.lastUpdate', {
              date: shortDate(a.lastUpdate.onDate, i18n.language),
              status: t(`minutes.roles.statuses.${a.lastUpdate.status}`),
            })}
            {a.lastUpdate.overdueReason && `（${t(`minutes.progress.reasons.${a.lastUpdate.overdueReason}`)}）`}
            {a.lastUpdate.note && `：${a.lastUpdate.note}`}
          </p>
        )}
      </div>
      {editable && !open && (
        <button type="button" className="button button-small" onClick={() => onToggle(true)} aria-label={t('minutes.progress.recordLabel', { caseNumber: a.caseNumber, action: a.action })}>
          {t('minutes.progress.record')}
        </button>
      )}
      {open && <ProgressForm a={a} meetingId={meetingId} meetingDate={meetingDate} onDone={(m) => { onToggle(false); if (m) onFlash(m); }} />}
    </li>
  );
}

function ProgressForm({ a, meetingId, meetingDate, onDone }: { a: RoleAssignment; meetingId: string; meetingDate: string; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<RoleStatus>(a.status === 'open' ? 'in_progress' : a.status);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<OverdueReason | ''>('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const needsReason = a.overdue && status !== 'done';

  const record = useMutation({
    mutationFn: () =>
      invoke('role.recordProgress', {
        id: a.id,
        status,
        note: note.trim() || null,
        onDate: meetingDate,
        meetingId,
        overdueReason: needsReason && reason ? reason : null,
      }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: minutesKeys.forMeeting(meetingId) });
      onDone(t('minutes.progress.recorded', { caseNumber: saved.caseNumber, status: t(`minutes.roles.statuses.${saved.status}`) }));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (needsReason && !reason) {
      setReasonError(t('minutes.progress.reasonRequired'));
      return;
    }
    setReasonError(null);
    record.mutate();
  }
  const serverReason = isKasaneError(record.error, 'overdue_reason_required');

  return (
    <form className="mn-progress-form" onSubmit={submit} noValidate aria-label={t('minutes.progress.formLabel', { caseNumber: a.caseNumber })}>
      <div className="mn-form-row">
        <SelectField label={t('minutes.progress.status')} value={status} onChange={(e) => setStatus(e.target.value as RoleStatus)} autoFocus>
          {ROLE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`minutes.roles.statuses.${s}`)}
            </option>
          ))}
        </SelectField>
        {needsReason && (
          <SelectField
            label={t('minutes.progress.reason')}
            required
            value={reason}
            onChange={(e) => {
              setReason(e.target.value as OverdueReason | '');
              setReasonError(null);
            }}
            error={reasonError ?? (serverReason ? t('minutes.progress.reasonRequired') : undefined)}
            hint={t('minutes.progress.reasonHint')}
          >
            <option value="">{t('minutes.progress.chooseReason')}</option>
            {OVERDUE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`minutes.progress.reasons.${r}`)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <TextAreaField label={t('minutes.progress.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} rows={2} />
      {record.error && <ErrorAlert>{errorText(t, record.error)}</ErrorAlert>}
      <div className="mn-inline-actions">
        <button type="submit" className="button button-primary button-small" disabled={record.isPending}>
          {record.isPending ? t('common.saving') : t('minutes.progress.save')}
        </button>
        <button type="button" className="button button-small" onClick={() => onDone(null)}>
          {t('minutes.cancel')}
        </button>
      </div>
    </form>
  );
}
