import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SAMPLE_PASSPHRASE, type AppStatus, type UnlockInput, type VaultKind } from '../../../../shared/contract';
import { useAppStatus, useInvoke } from '../../api';
import { errorText, fieldErrors, isKasaneError } from '../../errors';
import { PageHeading, PassphraseField } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { PreUnlockLayout, ProblemPanel } from './PreUnlockLayout';
import { Recover } from '../staff/Recover';
import { RestoreLink, RestorePage, RestoredNotice } from '../backup/Restore';
import { useCountdown } from '../../components/useCountdown';

const lastStaffKey = (kind: VaultKind) => `kasane.lastStaff.${kind}`;

function readLastStaff(kind: VaultKind): string | null {
  try {
    return window.localStorage.getItem(lastStaffKey(kind));
  } catch {
    return null;
  }
}

function rememberStaff(kind: VaultKind, id: string): void {
  try {
    window.localStorage.setItem(lastStaffKey(kind), id);
  } catch {
    // not remembering is fine
  }
}

/**
 * The backup made on lock (or the one already running) is still being written after the vault
 * was locked: say so until it is done — switching the PC off now would lose it. The status is
 * re-read every second meanwhile (the normal poll is slower).
 */
function BackupRunningNotice({ running }: { running: boolean }) {
  const { t } = useTranslation();
  const { refresh } = useAppStatus();
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => void refresh(), 1000);
    return () => window.clearInterval(timer);
  }, [running, refresh]);
  return (
    <p className={running ? 'notice unlock-backup-running' : 'visually-hidden'} role="status">
      {running ? t('unlock.backupRunning') : ''}
    </p>
  );
}

export function Unlock({ status }: { status: AppStatus }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const { refresh } = useAppStatus();
  useDocumentTitle(t('unlock.heading'));
  const staffGroupId = useId();
  const isSample = status.vaultKind === 'sample';

  const [staffId, setStaffId] = useState<string | null>(() => {
    const last = readLastStaff(status.vaultKind);
    return status.staff.some((s) => s.id === last) ? last : (status.staff[0]?.id ?? null);
  });
  // The staff list can arrive or change with a later status poll.
  useEffect(() => {
    if (!staffId || !status.staff.some((s) => s.id === staffId)) {
      const last = readLastStaff(status.vaultKind);
      setStaffId(status.staff.some((s) => s.id === last) ? last : (status.staff[0]?.id ?? null));
    }
  }, [status.staff, status.vaultKind, staffId]);

  const [passphrase, setPassphrase] = useState('');
  const [visible, setVisible] = useState(false);
  const [retryUntil, setRetryUntil] = useState(() => Date.now() + status.retryAfterMs);
  const secondsLeft = useCountdown(retryUntil);
  const waiting = secondsLeft > 0;
  const inputRef = useRef<HTMLInputElement>(null);

  const unlock = useMutation({
    mutationFn: (input: UnlockInput) => invoke('vault.unlock', input),
    onSuccess: () => {
      if (staffId) rememberStaff(status.vaultKind, staffId);
      setPassphrase('');
      void refresh();
    },
    onError: (error) => {
      if (isKasaneError(error, 'wrong_passphrase', 'too_many_attempts')) {
        const ms = Number(error.details.retryAfterMs ?? Number(error.details.seconds ?? 0) * 1000);
        if (Number.isFinite(ms) && ms > 0) setRetryUntil(Date.now() + ms);
      }
      window.setTimeout(() => inputRef.current?.select(), 0);
    },
  });
  const select = useMutation({
    mutationFn: (kind: VaultKind) => invoke('vault.select', { kind }),
    onSuccess: () => void refresh(),
  });
  const sample = useMutation({
    mutationFn: () => invoke('vault.openSample', {}),
    onSuccess: () => void refresh(),
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (waiting || unlock.isPending) return;
    unlock.mutate(staffId ? { staffId, passphrase } : { passphrase });
  }

  const passphraseFieldError = fieldErrors(t, unlock.error).passphrase;
  const otherError = select.error ?? sample.error;
  const [recovering, setRecovering] = useState(false);
  const [restoring, setRestoring] = useState(false);
  if (recovering) return <Recover status={status} onBack={() => setRecovering(false)} />;
  if (restoring) return <RestorePage backLabel={t('backup.restore.backToUnlock')} onBack={() => setRestoring(false)} onRestored={() => setRestoring(false)} />;

  return (
    <PreUnlockLayout sample={isSample}>
      <div className="unlock-column">
        <RestoredNotice />
        <BackupRunningNotice running={status.backupRunning} />
        {status.problem && <ProblemPanel problem={status.problem} />}

        <form className="panel form-panel" onSubmit={onSubmit} noValidate aria-labelledby="unlock-heading">
          <PageHeading id="unlock-heading" focus={false}>
            {t('unlock.heading')}
          </PageHeading>
          <p>{t(status.staff.length > 1 ? 'unlock.intro' : 'unlock.introSingle')}</p>

          {isSample && (
            <div className="sample-hint">
              <strong>{t('unlock.sampleTitle')}</strong>
              <p>
                {t('unlock.sampleHint')} <code className="sample-passphrase">{SAMPLE_PASSPHRASE}</code>
              </p>
            </div>
          )}

          {status.staff.length > 1 ? (
            <fieldset className="fieldset staff-list">
              <legend>{t('unlock.staffLegend')}</legend>
              {status.staff.map((s) => (
                <label key={s.id} className="radio">
                  <input
                    type="radio"
                    name={staffGroupId}
                    value={s.id}
                    checked={staffId === s.id}
                    onChange={() => setStaffId(s.id)}
                  />
                  <span>{s.name}</span>
                </label>
              ))}
            </fieldset>
          ) : status.staff.length === 1 ? (
            <p className="staff-single">
              <span className="field-label">{t('unlock.staffLegend')}</span>
              <span className="staff-name">{status.staff[0]!.name}</span>
            </p>
          ) : null}

          <PassphraseField
            label={t('fields.passphrase')}
            name="passphrase"
            value={passphrase}
            onChange={setPassphrase}
            visible={visible}
            onToggleVisible={() => setVisible((v) => !v)}
            autoComplete="current-password"
            autoFocus
            inputRef={inputRef}
            error={passphraseFieldError}
          />

          <div className="form-error-slot" role="alert">
            {unlock.error && !passphraseFieldError ? errorText(t, unlock.error) : null}
          </div>

          <div className="form-actions">
            <button type="submit" className="button button-primary button-wide" disabled={waiting || unlock.isPending}>
              {unlock.isPending
                ? t('unlock.submitting')
                : waiting
                  ? t('unlock.waiting', { seconds: secondsLeft })
                  : t('unlock.submit')}
            </button>
          </div>
          {!isSample && status.staff.length > 0 && (
            <p className="recover-link">
              <a
                href="#recover"
                onClick={(e) => {
                  e.preventDefault();
                  setRecovering(true);
                }}
              >
                {t('staff.recover.link')}
              </a>
            </p>
          )}
        </form>

        <div className="panel panel-muted switch-panel">
          {isSample ? (
            <button type="button" className="link-button" disabled={select.isPending} onClick={() => select.mutate('main')}>
              {select.isPending ? t('unlock.switching') : t('unlock.switchToMain')}
            </button>
          ) : (
            <>
              <button type="button" className="link-button" disabled={sample.isPending} onClick={() => sample.mutate()}>
                {sample.isPending ? t('firstRun.sampleOpening') : t('unlock.trySample')}
              </button>
              <p className="field-hint">{t('unlock.trySampleText')}</p>
              <RestoreLink onOpen={() => setRestoring(true)} />
            </>
          )}
          {otherError && (
            <div className="form-error" role="alert">
              {errorText(t, otherError)}
            </div>
          )}
        </div>
      </div>
    </PreUnlockLayout>
  );
}
