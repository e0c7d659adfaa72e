import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AppStatus, RecoverInput } from '../../../../shared/contract';
import { useAppStatus, useInvoke } from '../../api';
import { errorText, isKasaneError } from '../../errors';
import { PageHeading, RecoveryKeyField } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { PreUnlockLayout } from '../vault/PreUnlockLayout';
import { NewPassphraseFields, useNewPassphrase } from './NewPassphrase';
import './staff.css';

/** Unlock with the printed recovery key and set a new passphrase for one staff account. */
export function Recover({ status, onBack }: { status: AppStatus; onBack: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const { refresh } = useAppStatus();
  useDocumentTitle(t('staff.recover.heading'));
  const groupName = useId();
  const [staffId, setStaffId] = useState<string | null>(status.staff[0]?.id ?? null);
  const [recoveryKey, setRecoveryKey] = useState('');
  const staffName = status.staff.find((s) => s.id === staffId)?.name ?? '';
  const pass = useNewPassphrase([staffName]);
  const keyRef = useRef<HTMLInputElement>(null);

  const recover = useMutation({
    mutationFn: (input: RecoverInput) => invoke('vault.recover', input),
    onSuccess: () => {
      setRecoveryKey('');
      pass.reset();
      void refresh();
    },
    onError: (error) => {
      if (isKasaneError(error, 'recovery_key_invalid', 'recovery_key_wrong', 'no_recovery_key')) keyRef.current?.focus();
    },
  });

  /** The typo hint in the screen's language (the core's `hint` is Japanese). */
  function message(error: unknown): string {
    if (isKasaneError(error, 'recovery_key_invalid') && typeof error.details.reason === 'string') {
      const hint = t(`staff.recover.hints.${error.details.reason}`, error.details);
      return t('errors.recovery_key_invalid', { hint });
    }
    return errorText(t, error);
  }
  const keyError = isKasaneError(recover.error, 'recovery_key_invalid', 'recovery_key_wrong', 'no_recovery_key')
    ? message(recover.error)
    : undefined;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!staffId || recoveryKey.trim() === '' || !pass.ready || recover.isPending) return;
    recover.mutate({ recoveryKey, staffId, newPassphrase: pass.passphrase });
  }

  const ready = Boolean(staffId) && recoveryKey.trim() !== '' && pass.ready;
  return (
    <PreUnlockLayout>
      <div className="unlock-column">
        <form className="panel form-panel" onSubmit={onSubmit} noValidate aria-labelledby="recover-heading">
          <PageHeading id="recover-heading">{t('staff.recover.heading')}</PageHeading>
          <p>{t('staff.recover.intro')}</p>
          <fieldset className="fieldset staff-list">
            <legend>{t('staff.recover.staffLegend')}</legend>
            {status.staff.map((s) => (
              <label key={s.id} className="radio">
                <input type="radio" name={groupName} value={s.id} checked={staffId === s.id} onChange={() => setStaffId(s.id)} />
                <span>{s.name}</span>
              </label>
            ))}
          </fieldset>
          <RecoveryKeyField
            label={t('staff.recover.key')}
            name="recoveryKey"
            value={recoveryKey}
            onChange={setRecoveryKey}
            hint={t('staff.recover.keyHint')}
            error={keyError}
            ref={keyRef}
          />
          <NewPassphraseFields
            state={pass}
            name="newPassphrase"
            label={t('staff.recover.newPassphrase')}
            confirmLabel={t('staff.recover.confirm')}
          />
          <div className="form-error-slot" role="alert">
            {recover.error && !keyError ? message(recover.error) : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary button-wide" disabled={!ready || recover.isPending}>
              {recover.isPending ? t('staff.recover.submitting') : t('staff.recover.submit')}
            </button>
          </div>
        </form>
        <div className="panel panel-muted switch-panel">
          <button type="button" className="link-button" onClick={onBack}>
            {t('staff.recover.back')}
          </button>
        </div>
      </div>
    </PreUnlockLayout>
  );
}
