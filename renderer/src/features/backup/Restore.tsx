import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BackupContents, OpenBackupInput } from '../../../../shared/contract';
import { useAppStatus, useInvoke } from '../../api';
import { errorText, fieldErrors, isKasaneError } from '../../errors';
import { formatDate } from '../../format';
import { PageHeading, PassphraseField, RecoveryKeyField, TextField } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { Modal, dateTime } from '../directory/ui';
import { PreUnlockLayout } from '../vault/PreUnlockLayout';
import { setRestoreNotice, useRestoreNotice } from './handoff';
import { formatBytes } from './logic';
import './backup.css';
import { useCountdown } from '../../components/useCountdown';

/** The secondary link to the restore screen, on the unlock and first-run screens. */
export function RestoreLink({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="link-button bk-restore-link" onClick={onOpen}>
      {t('backup.restore.link')}
    </button>
  );
}

/** The first-run screen's entry: a new PC restoring from a USB stick. */
export function RestoreEntry({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="panel panel-muted bk-restore-entry" aria-labelledby="bk-restore-entry-heading">
      <h2 id="bk-restore-entry-heading" className="panel-title">
        {t('backup.restore.entryHeading')}
      </h2>
      <p>{t('backup.restore.entryText')}</p>
      <RestoreLink onOpen={onOpen} />
    </section>
  );
}

/** What opens the backup: a staff passphrase, or the printed recovery key. */
type SecretKind = 'passphrase' | 'recoveryKey';

/**
 * 復元: a backup file and a passphrase or the recovery key → what the backup holds → a
 * confirmation → the restore.
 * Nothing is replaced before the confirmation; the current vault is kept aside by the core. On
 * success the unlock screen takes over and shows where the previous vault was kept.
 */
export function RestorePage({ onBack, backLabel, onRestored }: { onBack: () => void; backLabel: string; onRestored: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const { refresh } = useAppStatus();
  const lang = i18n.language;
  // The screen that opened this one does not set its title again when it comes back.
  useEffect(() => {
    const previous = document.title;
    return () => {
      document.title = previous;
    };
  }, []);
  useDocumentTitle(t('backup.restore.heading'));
  const [file, setFile] = useState('');
  const [kind, setKind] = useState<SecretKind>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [visible, setVisible] = useState(false);
  const choiceName = useId();
  const [retryUntil, setRetryUntil] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const secondsLeft = useCountdown(retryUntil);
  const waiting = secondsLeft > 0;
  const passRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const contentsHeading = useRef<HTMLHeadingElement>(null);

  const inspect = useMutation({
    mutationFn: (input: OpenBackupInput) => invoke('backup.inspect', input),
    onError: (error) => {
      if (isKasaneError(error, 'wrong_passphrase', 'too_many_attempts', ...RECOVERY_ERRORS)) {
        const ms = Number(error.details.retryAfterMs ?? Number(error.details.seconds ?? 0) * 1000);
        if (Number.isFinite(ms) && ms > 0) setRetryUntil(Date.now() + ms);
        window.setTimeout(() => (kind === 'recoveryKey' ? keyRef : passRef).current?.select(), 0);
      } else if (isKasaneError(error, 'backup_not_found', 'backup_not_a_backup', 'backup_damaged')) {
        window.setTimeout(() => fileRef.current?.select(), 0);
      }
    },
  });
  const restore = useMutation({
    mutationFn: (input: OpenBackupInput) => invoke('backup.restore', input),
    onSuccess: (result, input) => {
      setRestoreNotice({ createdAt: result.contents.createdAt, keptAside: result.keptAside, withRecoveryKey: 'recoveryKey' in input });
      setPassphrase('');
      setRecoveryKey('');
      setConfirming(false);
      onRestored();
      void refresh();
    },
    onError: () => setConfirming(false),
  });
  const contents = inspect.data ?? null;
  // What the backup holds is the next thing to read: take the focus there once it is shown.
  useEffect(() => {
    if (contents) contentsHeading.current?.focus();
  }, [contents]);

  function edit(set: (v: string) => void, value: string) {
    set(value);
    // What was shown belongs to the file and passphrase it was opened with.
    if (inspect.data || inspect.error) inspect.reset();
    if (restore.error) restore.reset();
  }

  function choose(next: SecretKind) {
    if (next === kind) return;
    setKind(next);
    if (inspect.data || inspect.error) inspect.reset();
    if (restore.error) restore.reset();
  }

  const secret = kind === 'recoveryKey' ? recoveryKey.trim() : passphrase;
  const input = (): OpenBackupInput => (kind === 'recoveryKey' ? { file: file.trim(), recoveryKey: secret } : { file: file.trim(), passphrase });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (waiting || inspect.isPending || file.trim() === '' || secret === '') return;
    restore.reset();
    inspect.mutate(input());
  }

  /** The typo hint in the screen's language (the core's `hint` is Japanese), as on the recovery screen. */
  function message(error: unknown): string {
    if (isKasaneError(error, 'recovery_key_invalid') && typeof error.details.reason === 'string') {
      return t('errors.recovery_key_invalid', { hint: t(`staff.recover.hints.${error.details.reason}`, error.details) });
    }
    return errorText(t, error);
  }

  const inspectFieldErrors = fieldErrors(t, inspect.error);
  const fileError = isKasaneError(inspect.error, 'backup_not_found', 'backup_not_a_backup', 'backup_damaged') ? errorText(t, inspect.error) : inspectFieldErrors.file;
  const secretError = isKasaneError(inspect.error, 'wrong_passphrase', 'too_many_attempts', ...RECOVERY_ERRORS) ? message(inspect.error) : undefined;
  const passError = kind === 'passphrase' ? (secretError ?? inspectFieldErrors.passphrase) : undefined;
  const keyError = kind === 'recoveryKey' ? (secretError ?? inspectFieldErrors.recoveryKey) : undefined;
  const otherError = inspect.error && !fileError && !secretError && !passError && !keyError ? inspect.error : restore.error;

  return (
    <PreUnlockLayout>
      <div className="bk-restore">
        <form className="panel form-panel" onSubmit={onSubmit} noValidate aria-labelledby="bk-restore-heading">
          <PageHeading id="bk-restore-heading">{t('backup.restore.heading')}</PageHeading>
          <p>{t('backup.restore.intro')}</p>
          <TextField
            label={t('backup.restore.fileLabel')}
            name="backupFile"
            required
            className="bk-folder-field"
            autoComplete="off"
            spellCheck={false}
            maxLength={1000}
            value={file}
            onChange={(e) => edit(setFile, e.target.value)}
            hint={t('backup.restore.fileHint')}
            error={fileError}
            ref={fileRef}
          />
          <fieldset className="fieldset bk-secret-choice" aria-describedby={`${choiceName}-who`}>
            <legend>{t('backup.restore.secretLegend')}</legend>
            {/* Replacing the whole vault is an administrator's decision: the core refuses a staff account's passphrase. */}
            <p id={`${choiceName}-who`} className="field-hint">
              {t('backup.restore.whoRestores')}
            </p>
            {(['passphrase', 'recoveryKey'] as const).map((k) => (
              <label key={k} className="radio">
                <input type="radio" name={choiceName} value={k} checked={kind === k} onChange={() => choose(k)} />
                <span>{t(`backup.restore.secret.${k}`)}</span>
              </label>
            ))}
          </fieldset>
          {kind === 'passphrase' ? (
            <PassphraseField
              label={t('backup.restore.passphraseLabel')}
              name="backupPassphrase"
              required
              value={passphrase}
              onChange={(v) => edit(setPassphrase, v)}
              visible={visible}
              onToggleVisible={() => setVisible((v) => !v)}
              autoComplete="current-password"
              inputRef={passRef}
              error={passError}
            />
          ) : (
            <RecoveryKeyField
              label={t('backup.restore.recoveryKeyLabel')}
              name="backupRecoveryKey"
              value={recoveryKey}
              onChange={(v) => edit(setRecoveryKey, v)}
              hint={t('backup.restore.recoveryKeyHint')}
              error={keyError}
              ref={keyRef}
            />
          )}
          <div className="form-actions">
            <button type="submit" className="button button-primary button-wide" disabled={waiting || inspect.isPending || file.trim() === '' || secret === ''}>
              {inspect.isPending ? t('backup.restore.inspecting') : waiting ? t('backup.restore.waiting', { seconds: secondsLeft }) : t('backup.restore.inspect')}
            </button>
            {inspect.isPending && (
              <span className="visually-hidden" role="status">
                {t('backup.restore.inspecting')}
              </span>
            )}
          </div>
          <div className="form-error-slot" role="alert">
            {otherError ? errorText(t, otherError) : null}
          </div>
        </form>

        {contents && (
          <section className="panel bk-contents" aria-labelledby="bk-contents-heading" data-testid="backup-contents">
            <h2 id="bk-contents-heading" ref={contentsHeading} tabIndex={-1} className="panel-title">
              {t('backup.restore.contentsHeading')}
            </h2>
            <Contents contents={contents} lang={lang} />
            {contents.verified ? (
              <>
                <p className="notice">{t('backup.restore.keepNote')}</p>
                <div className="form-actions">
                  <button type="button" className="button button-primary" disabled={restore.isPending} onClick={() => setConfirming(true)}>
                    {t('backup.restore.start')}
                  </button>
                </div>
              </>
            ) : null}
          </section>
        )}

        <div className="panel panel-muted switch-panel">
          <button type="button" className="link-button" onClick={onBack}>
            {backLabel}
          </button>
        </div>
      </div>
      <Modal open={confirming && contents !== null} onClose={() => !restore.isPending && setConfirming(false)} title={t('backup.restore.confirmTitle')}>
        {contents && (
          <>
            <p>{t('backup.restore.confirmText', { date: dateTime(contents.createdAt, lang) })}</p>
            <p className="notice bk-keep-notice">{t('backup.restore.confirmKeep')}</p>
            {restore.isPending && (
              <p className="bk-result bk-result-busy" role="status">
                {t('backup.restore.restoring')}
              </p>
            )}
            <div className="dialog-actions dialog-actions-split">
              <button type="button" className="button" disabled={restore.isPending} onClick={() => setConfirming(false)} autoFocus>
                {t('backup.restore.cancel')}
              </button>
              <button
                type="button"
                className="button button-primary"
                disabled={restore.isPending}
                onClick={() => restore.mutate(input())}
              >
                {restore.isPending ? t('backup.restore.restoring') : t('backup.restore.confirm')}
              </button>
            </div>
          </>
        )}
      </Modal>
    </PreUnlockLayout>
  );
}

/** Errors about the recovery key, shown at its field. */
const RECOVERY_ERRORS = ['recovery_key_invalid', 'backup_no_recovery_key', 'backup_recovery_key_wrong'] as const;

const COUNT_KEYS = ['cases', 'meetings', 'members', 'confirmedMinutes', 'auditEntries'] as const;

function Contents({ contents, lang }: { contents: BackupContents; lang: string }) {
  const { t } = useTranslation();
  const last = contents.lastMeeting;
  return (
    <dl className="facts bk-facts">
      <div>
        <dt>{t('backup.restore.createdAt')}</dt>
        <dd>
          <time dateTime={contents.createdAt}>{dateTime(contents.createdAt, lang)}</time>
        </dd>
      </div>
      <div>
        <dt>{t('backup.restore.municipality')}</dt>
        <dd>{contents.municipalityName}</dd>
      </div>
      <div>
        <dt>{t('backup.restore.staff')}</dt>
        <dd>{contents.staffNames.join(t('common.listSeparator'))}</dd>
      </div>
      <div>
        <dt>{t('backup.restore.counts')}</dt>
        <dd>
          <ul className="bk-counts" data-testid="backup-counts">
            {COUNT_KEYS.map((key) => (
              <li key={key}>{t(`backup.restore.countItems.${key}`, { n: contents.counts[key].toLocaleString(lang) })}</li>
            ))}
          </ul>
        </dd>
      </div>
      <div>
        <dt>{t('backup.restore.lastMeeting')}</dt>
        <dd>
          {last ? (
            <>
              <time dateTime={last.date}>{formatDate(last.date, lang)}</time> {last.title}
            </>
          ) : (
            t('backup.restore.noMeeting')
          )}
        </dd>
      </div>
      <div>
        <dt>{t('backup.restore.size')}</dt>
        <dd>{formatBytes(t, contents.sizeBytes, lang)}</dd>
      </div>
      <div>
        <dt>{t('backup.restore.verified')}</dt>
        <dd data-testid="backup-verified">
          {contents.verified ? (
            <span className="bk-ok">{t('backup.restore.verifiedOk')}</span>
          ) : (
            <span className="bk-bad">{t('backup.restore.verifiedBad')}</span>
          )}
        </dd>
      </div>
    </dl>
  );
}

/** On the unlock screen after a restore: what was restored and where the previous vault was kept. */
export function RestoredNotice() {
  const { t, i18n } = useTranslation();
  const notice = useRestoreNotice();
  if (!notice) return null;
  return (
    <section className="panel bk-restored" aria-labelledby="bk-restored-heading" role="status" data-testid="restore-done">
      <h2 id="bk-restored-heading" className="panel-title">
        {t('backup.restore.doneHeading')}
      </h2>
      <p>{t(notice.withRecoveryKey ? 'backup.restore.doneTextRecovery' : 'backup.restore.doneText', { date: dateTime(notice.createdAt, i18n.language) })}</p>
      {notice.keptAside ? (
        <>
          <p className="bk-restored-kept">{t('backup.restore.keptAside')}</p>
          <p>
            <code className="bk-path">{notice.keptAside}</code>
          </p>
        </>
      ) : (
        <p>{t('backup.restore.noPrevious')}</p>
      )}
      <button type="button" className="link-button" onClick={() => setRestoreNotice(null)}>
        {t('backup.restore.dismiss')}
      </button>
    </section>
  );
}
