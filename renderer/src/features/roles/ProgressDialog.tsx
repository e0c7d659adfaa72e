import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OverdueReason, RoleAssignment, RoleStatus } from '../../../../shared/contract/minutes';
import { useInvoke } from '../../api';
import { fieldErrors, isKasaneError } from '../../errors';
import { TextField } from '../../components/forms';
import { ConfirmActions, ErrorAlert, FormActions, Modal, SelectField, TextAreaField, formErrorText, shortDate } from '../directory/ui';
import { useReturnFocus } from '../meetings/shared';
import { OVERDUE_REASONS, ROLE_STATUSES, needsOverdueReason, overdueDays, proposedStatus } from './logic';
import { OverdueBadge, RoleStatusBadge, roleKeys } from './shared';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 進捗を記録: a new status with its date and note. An overdue assignment not recorded as done
 * needs a reason category (the core refuses it without one too); 中止 is confirmed first.
 */
export function ProgressDialog({
  assignment: a,
  today,
  onClose,
  onSaved,
}: {
  assignment: RoleAssignment;
  today: string;
  onClose: () => void;
  onSaved: (saved: RoleAssignment) => void;
}) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  useReturnFocus();
  const [status, setStatus] = useState<RoleStatus>(proposedStatus(a.status));
  const [onDate, setOnDate] = useState(today);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<OverdueReason | ''>('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [confirmingDrop, setConfirmingDrop] = useState(false);
  const days = overdueDays(a, today);

  const save = useMutation({
    mutationFn: (withReason: boolean) =>
      invoke('role.recordProgress', {
        id: a.id,
        status,
        onDate,
        note: note.trim() || null,
        ...(withReason && reason ? { overdueReason: reason } : {}),
      }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: roleKeys.list });
      void queryClient.invalidateQueries({ queryKey: roleKeys.stats });
      void queryClient.invalidateQueries({ queryKey: ['home.summary'] });
      onSaved(saved);
    },
    onError: () => setConfirmingDrop(false),
  });

  // The core's rule (past due on the day recorded, not done); also shown if the core asked for it after all.
  const reasonNeeded = needsOverdueReason(a, status, onDate);
  const daysAtDate = ISO.test(onDate) ? overdueDays(a, onDate) : null;
  const reasonShown = reasonNeeded || (status !== 'done' && isKasaneError(save.error, 'overdue_reason_required'));

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!ISO.test(onDate)) errors.onDate = t('roles.progress.dateRequired');
    else if (onDate > today) errors.onDate = t('roles.progress.dateFuture');
    if (reasonShown && !reason) errors.overdueReason = t('roles.progress.reasonRequired');
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      window.setTimeout(() => document.querySelector<HTMLElement>('.role-progress-form [aria-invalid="true"]')?.focus(), 0);
      return;
    }
    if (status === 'dropped') setConfirmingDrop(true);
    else save.mutate(reasonShown);
  }

  const server = fieldErrors(t, save.error);
  const err = (f: string) => local[f] ?? server[f];

  return (
    <Modal open onClose={onClose} title={confirmingDrop ? t('roles.progress.dropHeading') : t('roles.progress.heading')}>
      {confirmingDrop ? (
        <>
          <p>{t('roles.progress.dropText', { caseNumber: a.caseNumber, action: a.action })}</p>
          <ConfirmActions
            cancelLabel={t('roles.progress.back')}
            onCancel={() => setConfirmingDrop(false)}
            confirmLabel={t('roles.progress.dropConfirm')}
            onConfirm={() => save.mutate(reasonShown)}
            pending={save.isPending}
            pendingLabel={t('roles.progress.saving')}
          />
        </>
      ) : (
        <form className="role-progress-form" onSubmit={submit} noValidate>
          <section className="role-summary" aria-label={t('roles.progress.assignment')}>
            <p className="role-summary-case">
              <span className="role-case-number">{a.caseNumber}</span> <span className="role-initials">{a.initials}</span>
              <span className="role-summary-org">
                {a.organizationName}
                {a.memberName ? `・${a.memberName}` : ''}
              </span>
            </p>
            {a.goal && <p className="role-summary-goal">{a.goal}</p>}
            <p className="role-summary-action">{a.action}</p>
            <p className="role-summary-facts">
              <span>{a.dueOn ? t('roles.progress.due', { date: shortDate(a.dueOn, i18n.language) }) : a.frequency ? t('roles.progress.frequency', { frequency: a.frequency }) : null}</span>
              <span className="role-badges">
                <span>{t('roles.progress.current')}</span>
                <RoleStatusBadge status={a.status} />
                {days !== null && <OverdueBadge days={days} />}
              </span>
            </p>
          </section>
          {reasonShown && daysAtDate !== null && <p className="role-overdue-note">{t('roles.progress.overdueNote', { count: daysAtDate })}</p>}
          <fieldset className="fieldset role-status-choice">
            <legend>{t('roles.progress.status')}</legend>
            {ROLE_STATUSES.map((s) => (
              <label key={s} className="radio">
                <input type="radio" name="role-status" value={s} checked={status === s} onChange={() => setStatus(s)} autoFocus={status === s} />
                {t(`roles.statuses.${s}`)}
              </label>
            ))}
          </fieldset>
          <TextField
            label={t('roles.progress.onDate')}
            required
            type="date"
            value={onDate}
            onChange={(e) => setOnDate(e.target.value)}
            max={today}
            className="field-date"
            hint={ISO.test(onDate) ? shortDate(onDate, i18n.language) : undefined}
            error={err('onDate')}
          />
          {reasonShown && (
            <SelectField
              label={t('roles.progress.reason')}
              required
              value={reason}
              onChange={(e) => setReason(e.target.value as OverdueReason | '')}
              hint={t('roles.progress.reasonHint')}
              error={err('overdueReason')}
            >
              <option value="">{t('roles.progress.reasonChoose')}</option>
              {OVERDUE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.reasons.${r}`)}
                </option>
              ))}
            </SelectField>
          )}
          <TextAreaField label={t('roles.progress.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} rows={3} hint={t('roles.progress.noteHint')} error={err('note')} />
          {save.error && <ErrorAlert>{formErrorText(t, save.error)}</ErrorAlert>}
          <FormActions
            cancelLabel={t('roles.progress.cancel')}
            onCancel={onClose}
            submitLabel={t('roles.progress.save')}
            pending={save.isPending}
            pendingLabel={t('roles.progress.saving')}
          />
        </form>
      )}
    </Modal>
  );
}
