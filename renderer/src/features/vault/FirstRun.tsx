import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AppStatus, CreateVaultInput } from '../../../../shared/contract';
import { assessPassphrase } from '../../../../shared/domain/passphrase-strength';
import { useAppStatus, useInvoke } from '../../api';
import { errorText, fieldErrors } from '../../errors';
import { PageHeading, PassphraseField, TextField } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { PassphraseMeter } from './PassphraseMeter';
import { PreUnlockLayout, ProblemPanel } from './PreUnlockLayout';
import { RestoreEntry, RestorePage } from '../backup/Restore';

type NameField = 'municipalityName' | 'secretariatName' | 'staffName';
const NAME_FIELDS: NameField[] = ['municipalityName', 'secretariatName', 'staffName'];

export function FirstRun({ status }: { status: AppStatus }) {
  if (status.vaultKind === 'sample') return <SampleMissing status={status} />;
  return <CreateVault status={status} />;
}

function CreateVault({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const { refresh } = useAppStatus();
  useDocumentTitle(t('firstRun.formHeading'));
  const meterId = useId();
  const disabledHintId = useId();
  const [names, setNames] = useState<Record<NameField, string>>({ municipalityName: '', secretariatName: '', staffName: '' });
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [visible, setVisible] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const refs = useRef<Partial<Record<NameField, HTMLInputElement | null>>>({});
  // バックアップから復元: a new PC restoring from a USB stick.
  const [restoring, setRestoring] = useState(false);

  const assessment = useMemo(
    () => assessPassphrase(passphrase, [names.municipalityName, names.staffName]),
    [passphrase, names.municipalityName, names.staffName],
  );
  const matches = confirm.length > 0 && confirm === passphrase;
  const canSubmit = assessment.acceptable && matches;

  const create = useMutation({
    mutationFn: (input: CreateVaultInput) => invoke('vault.create', input),
    onSuccess: () => void refresh(),
  });
  const sample = useMutation({
    mutationFn: () => invoke('vault.openSample', {}),
    onSuccess: () => void refresh(),
  });

  const serverFieldErrors = fieldErrors(t, create.error);
  const errors: Record<string, string | undefined> = { ...serverFieldErrors, ...localErrors };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!canSubmit || create.isPending) return;
    const missing: Record<string, string> = {};
    for (const f of NAME_FIELDS) if (names[f].trim() === '') missing[f] = t('validation.required');
    setLocalErrors(missing);
    const first = NAME_FIELDS.find((f) => missing[f]);
    if (first) {
      refs.current[first]?.focus();
      return;
    }
    create.mutate({ ...names, passphrase });
  }

  function setName(field: NameField, value: string) {
    setNames((prev) => ({ ...prev, [field]: value }));
    if (localErrors[field]) setLocalErrors(({ [field]: _gone, ...rest }) => rest);
  }

  if (restoring) return <RestorePage backLabel={t('backup.restore.backToFirstRun')} onBack={() => setRestoring(false)} onRestored={() => setRestoring(false)} />;

  return (
    <PreUnlockLayout>
      <section className="intro" aria-labelledby="welcome-heading">
        <PageHeading id="welcome-heading" focus={false}>
          {t('firstRun.heading')}
        </PageHeading>
        <p>{t('firstRun.intro1')}</p>
        <p>{t('firstRun.intro2')}</p>
      </section>

      {status.problem && <ProblemPanel problem={status.problem} />}

      <div className="first-run-grid">
        <form className="panel form-panel" onSubmit={onSubmit} noValidate aria-labelledby="create-heading">
          <h2 id="create-heading" className="panel-title">
            {t('firstRun.formHeading')}
          </h2>

          <fieldset className="fieldset">
            <legend>{t('firstRun.organizationLegend')}</legend>
            <TextField
              label={t('fields.municipalityName')}
              name="municipalityName"
              required
              maxLength={60}
              autoComplete="organization"
              placeholder={t('firstRun.municipalityExample')}
              value={names.municipalityName}
              onChange={(e) => setName('municipalityName', e.target.value)}
              error={errors.municipalityName}
              ref={(el: HTMLInputElement | null) => {
                refs.current.municipalityName = el;
              }}
              autoFocus
            />
            <TextField
              label={t('fields.secretariatName')}
              name="secretariatName"
              required
              maxLength={60}
              autoComplete="off"
              placeholder={t('firstRun.secretariatExample')}
              value={names.secretariatName}
              onChange={(e) => setName('secretariatName', e.target.value)}
              error={errors.secretariatName}
              ref={(el: HTMLInputElement | null) => {
                refs.current.secretariatName = el;
              }}
            />
          </fieldset>

          <fieldset className="fieldset">
            <legend>{t('firstRun.staffLegend')}</legend>
            <TextField
              label={t('fields.staffName')}
              name="staffName"
              required
              maxLength={60}
              autoComplete="name"
              placeholder={t('firstRun.staffExample')}
              value={names.staffName}
              onChange={(e) => setName('staffName', e.target.value)}
              error={errors.staffName}
              ref={(el: HTMLInputElement | null) => {
                refs.current.staffName = el;
              }}
            />
          </fieldset>

          <fieldset className="fieldset">
            <legend>{t('firstRun.passphraseLegend')}</legend>
            <p className="field-hint">{t('passphrase.hint')}</p>
            <PassphraseField
              label={t('fields.passphrase')}
              name="passphrase"
              required
              value={passphrase}
              onChange={setPassphrase}
              visible={visible}
              onToggleVisible={() => setVisible((v) => !v)}
              autoComplete="new-password"
              describedBy={meterId}
              error={errors.passphrase}
            />
            <PassphraseMeter id={meterId} passphrase={passphrase} assessment={assessment} />
            <PassphraseField
              label={t('fields.passphraseConfirm')}
              name="passphraseConfirm"
              required
              value={confirm}
              onChange={setConfirm}
              visible={visible}
              autoComplete="new-password"
              error={confirm.length > 0 && !matches ? t('passphrase.mismatch') : undefined}
            />
            {matches && <p className="field-ok">{t('passphrase.match')}</p>}
            <p className="notice">{t('firstRun.forgetWarning')}</p>
          </fieldset>

          {create.error && (
            <div className="form-error" role="alert">
              {errorText(t, create.error)}
            </div>
          )}

          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={!canSubmit || create.isPending}
              aria-describedby={canSubmit ? undefined : disabledHintId}
            >
              {create.isPending ? t('firstRun.submitting') : t('firstRun.submit')}
            </button>
            {!canSubmit && (
              <p id={disabledHintId} className="field-hint">
                {t('firstRun.submitDisabledHint')}
              </p>
            )}
          </div>
        </form>

        <div className="first-run-side">
          <aside className="panel panel-muted sample-panel" aria-labelledby="sample-heading">
            <h2 id="sample-heading" className="panel-title">
              {t('firstRun.sampleHeading')}
            </h2>
            <p>{t('firstRun.sampleText')}</p>
            <button type="button" className="button button-secondary" disabled={sample.isPending} onClick={() => sample.mutate()}>
              {sample.isPending ? t('firstRun.sampleOpening') : t('firstRun.sampleButton')}
            </button>
            {sample.error && (
              <div className="form-error" role="alert">
                {errorText(t, sample.error)}
              </div>
            )}
          </aside>
          <RestoreEntry onOpen={() => setRestoring(true)} />
        </div>
      </div>
    </PreUnlockLayout>
  );
}

/** The sample vault is selected but was never created (or was removed). */
function SampleMissing({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const { refresh } = useAppStatus();
  useDocumentTitle(t('firstRun.sampleMissingHeading'));
  const open = useMutation({ mutationFn: () => invoke('vault.openSample', {}), onSuccess: () => void refresh() });
  const back = useMutation({ mutationFn: () => invoke('vault.select', { kind: 'main' }), onSuccess: () => void refresh() });
  const error = open.error ?? back.error;
  return (
    <PreUnlockLayout sample>
      {status.problem && <ProblemPanel problem={status.problem} />}
      <div className="panel form-panel narrow">
        <PageHeading>{t('firstRun.sampleMissingHeading')}</PageHeading>
        <p>{t('firstRun.sampleMissingText')}</p>
        <div className="form-actions">
          <button type="button" className="button button-primary" disabled={open.isPending} onClick={() => open.mutate()}>
            {t('firstRun.sampleButton')}
          </button>
          <button type="button" className="button button-secondary" disabled={back.isPending} onClick={() => back.mutate()}>
            {t('unlock.switchToMain')}
          </button>
        </div>
        {error && (
          <div className="form-error" role="alert">
            {errorText(t, error)}
          </div>
        )}
      </div>
    </PreUnlockLayout>
  );
}
