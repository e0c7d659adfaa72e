import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../shared/contract/directory';
import { isKasaneError } from '../../errors';
import { AdministratorFieldset, AdministratorOnlyNote, useAdministratorGate } from '../../components/administrator';
import { useInvoke } from '../../api';
import { useReturnFocus } from '../meetings/shared';
import { ErrorAlert, Modal, TextAreaField, formErrorText } from './ui';

export type ExemptionChange = 'granted' | 'changed' | 'withdrawn';

/**
 * 誓約の適用除外 of one organization: its state, and — for an administrator — granting it with a
 * reason, changing the reason, withdrawing it. An organization not bound by statute (関係機関: an
 * NPO, a company) gets a warning and a confirmation that must be ticked (the core refuses the
 * exemption without it). A staff member sees the same dialog with its controls disabled and the
 * reason beside them. The core's refusals are shown as it words them.
 */
export function ExemptionDialog({
  organization,
  onClose,
  onChanged,
}: {
  organization: Pick<Organization, 'id' | 'name' | 'kind' | 'pledgeExemptionReason'>;
  onClose: () => void;
  onChanged: (saved: Organization, change: ExemptionChange) => void;
}) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const gate = useAdministratorGate();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  useReturnFocus();
  const current = organization.pledgeExemptionReason;
  const partner = organization.kind === 'partner';
  const [reason, setReason] = useState(current ?? '');
  const [confirmed, setConfirmed] = useState(false);
  const [local, setLocal] = useState<{ reason?: string; confirm?: string }>({});
  const [withdrawing, setWithdrawing] = useState(false);

  const save = useMutation({
    mutationFn: (next: string | null) =>
      invoke('organization.setExemption', { id: organization.id, reason: next, ...(next !== null && partner ? { confirmNotStatutory: confirmed } : {}) }),
    onSuccess: (saved, next) => {
      void queryClient.invalidateQueries({ queryKey: ['organization.list'] });
      void queryClient.invalidateQueries({ queryKey: ['audit.list'] });
      onChanged(saved, next === null ? 'withdrawn' : current === null ? 'granted' : 'changed');
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!gate.allowed || save.isPending) return;
    const next = reason.trim();
    const problems: typeof local = {};
    if (!next) problems.reason = t('directory.exemption.reasonRequired');
    if (partner && !confirmed) problems.confirm = t('directory.exemption.confirmRequired');
    setLocal(problems);
    if (Object.keys(problems).length > 0) {
      formRef.current?.querySelector<HTMLElement>(problems.reason ? '[name="exemptionReason"]' : '[name="confirmNotStatutory"]')?.focus();
      return;
    }
    if (next === current) {
      onClose();
      return;
    }
    save.mutate(next);
  }

  const title = t('directory.exemption.heading', { name: organization.name });
  if (withdrawing) {
    return (
      <Modal open onClose={() => setWithdrawing(false)} title={t('directory.exemption.withdrawHeading', { name: organization.name })}>
        <p>{t('directory.exemption.withdrawText')}</p>
        <p className="field-hint">{t('directory.exemption.audited')}</p>
        {save.error ? <ErrorAlert>{formErrorText(t, save.error)}</ErrorAlert> : null}
        <div className="dialog-actions dialog-actions-split">
          <button
            type="button"
            className="button"
            autoFocus
            onClick={() => {
              save.reset();
              setWithdrawing(false);
            }}
          >
            {t('directory.exemption.back')}
          </button>
          <button type="button" className="button button-danger-solid" disabled={save.isPending} onClick={() => save.mutate(null)}>
            {save.isPending ? t('directory.common.saving') : t('directory.exemption.withdrawConfirm')}
          </button>
        </div>
      </Modal>
    );
  }

  const reasonError = local.reason ?? (isKasaneError(save.error, 'validation_failed') ? t('directory.exemption.reasonInvalid') : undefined);
  return (
    <Modal open onClose={onClose} title={title}>
      <form ref={formRef} onSubmit={submit} noValidate className="exemption-form">
        <AdministratorOnlyNote gate={gate} />
        <dl className="exemption-state">
          <div>
            <dt>{t('directory.exemption.kind')}</dt>
            <dd>{t(`directory.kinds.${organization.kind}`)}</dd>
          </div>
          <div>
            <dt>{t('directory.exemption.current')}</dt>
            <dd data-testid="exemption-state">
              {current ? (
                <>
                  <span className="badge badge-ok">{t('directory.exemption.exempt')}</span> {current}
                </>
              ) : (
                <span>{t('directory.exemption.notExempt')}</span>
              )}
            </dd>
          </div>
        </dl>
        <p className="field-hint exemption-what">{t('directory.exemption.what')}</p>
        <AdministratorFieldset gate={gate}>
          <TextAreaField
            name="exemptionReason"
            label={current ? t('directory.exemption.newReason') : t('directory.exemption.reason')}
            value={reason}
            rows={2}
            maxLength={200}
            aria-required
            placeholder={t('directory.exemption.reasonExample')}
            hint={t('directory.exemption.reasonHint')}
            error={reasonError}
            onChange={(e) => {
              setReason(e.target.value);
              setLocal((l) => ({ ...l, reason: undefined }));
            }}
          />
          {partner && (
            <div className="exemption-warning" role="note" aria-labelledby={`${id}-warning-title`}>
              <p id={`${id}-warning-title`} className="exemption-warning-title">
                {t('directory.exemption.partnerWarningTitle')}
              </p>
              <p>{t('directory.exemption.partnerWarning')}</p>
              <label className="checkbox checkbox-strong exemption-confirm">
                <input
                  name="confirmNotStatutory"
                  type="checkbox"
                  checked={confirmed}
                  aria-invalid={local.confirm ? true : undefined}
                  aria-describedby={local.confirm ? `${id}-confirm-error` : undefined}
                  onChange={(e) => {
                    setConfirmed(e.target.checked);
                    setLocal((l) => ({ ...l, confirm: undefined }));
                  }}
                />
                <span>{t('directory.exemption.confirmNotStatutory')}</span>
              </label>
              {local.confirm && (
                <p id={`${id}-confirm-error`} className="field-error">
                  {local.confirm}
                </p>
              )}
            </div>
          )}
        </AdministratorFieldset>
        {gate.allowed && <p className="field-hint exemption-audited">{t('directory.exemption.audited')}</p>}
        {save.error && !isKasaneError(save.error, 'validation_failed') ? <ErrorAlert>{formErrorText(t, save.error)}</ErrorAlert> : null}
        <div className="dialog-actions dialog-actions-split exemption-actions">
          <button type="button" className="button" onClick={onClose}>
            {gate.allowed ? t('directory.common.cancel') : t('directory.exemption.close')}
          </button>
          {current && (
            <button
              type="button"
              className="button button-danger"
              {...gate.control}
              onClick={() => {
                save.reset();
                setWithdrawing(true);
              }}
            >
              {t('directory.exemption.withdraw')}
            </button>
          )}
          <button type="submit" className="button button-primary" {...gate.control} disabled={!gate.allowed || save.isPending}>
            {save.isPending ? t('directory.common.saving') : current ? t('directory.exemption.change') : t('directory.exemption.grant')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
