import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assessPassphrase } from '../../../../shared/domain/passphrase-strength';
import { PassphraseField } from '../../components/forms';
import { PassphraseMeter } from '../vault/PassphraseMeter';

export interface NewPassphraseState {
  passphrase: string;
  confirm: string;
  setPassphrase: (v: string) => void;
  setConfirm: (v: string) => void;
  /** Strong enough and confirmed. */
  ready: boolean;
  reset: () => void;
}

export function useNewPassphrase(personalWords: string[]): NewPassphraseState & { assessment: ReturnType<typeof assessPassphrase> } {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const key = personalWords.join('\u0000');
  const assessment = useMemo(() => assessPassphrase(passphrase, key.split('\u0000')), [passphrase, key]);
  return {
    passphrase,
    confirm,
    setPassphrase,
    setConfirm,
    assessment,
    ready: assessment.acceptable && confirm.length > 0 && confirm === passphrase,
    reset: () => {
      setPassphrase('');
      setConfirm('');
    },
  };
}

/** A new passphrase with the strength meter and a confirmation, as on the first-run screen. */
export function NewPassphraseFields({
  state,
  label,
  confirmLabel,
  name,
  error,
}: {
  state: ReturnType<typeof useNewPassphrase>;
  label: string;
  confirmLabel: string;
  name: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const meterId = useId();
  const [visible, setVisible] = useState(false);
  const matches = state.confirm.length > 0 && state.confirm === state.passphrase;
  return (
    <>
      <PassphraseField
        label={label}
        name={name}
        required
        value={state.passphrase}
        onChange={state.setPassphrase}
        visible={visible}
        onToggleVisible={() => setVisible((v) => !v)}
        autoComplete="new-password"
        describedBy={meterId}
        error={error}
      />
      <PassphraseMeter id={meterId} passphrase={state.passphrase} assessment={state.assessment} />
      <PassphraseField
        label={confirmLabel}
        name={`${name}Confirm`}
        required
        value={state.confirm}
        onChange={state.setConfirm}
        visible={visible}
        autoComplete="new-password"
        error={state.confirm.length > 0 && !matches ? t('passphrase.mismatch') : undefined}
      />
      {matches && <p className="field-ok">{t('passphrase.match')}</p>}
    </>
  );
}
