import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createColumnHelper } from '@tanstack/react-table';
import { BACKUP_KEEP, BACKUP_STALE_DAYS, type BackupProgress, type BackupSettings as Settings, type BackupStatus } from '../../../../shared/contract';
import { useInvoke } from '../../api';
import { errorText, fieldErrors } from '../../errors';
import { TextField, useFlash } from '../../components/forms';
import { SortTable } from '../directory/SortTable';
import { SaveActions, dateTime, type SortingFeatures } from '../directory/ui';
import { AdministratorFieldset, AdministratorOnlyNote, useAdministratorGate, useIsAdministrator } from '../../components/administrator';
import { takeBackupFocus } from './handoff';
import { BACKUP_PROGRESS_KEY, BACKUP_STATUS_KEY, attemptError, formatBytes, formatDuration } from './logic';
import './backup.css';

/** 設定 › バックアップ: the state of the backups, 今すぐバックアップ, the folder and schedule, the files in the folder. */
export function BackupSettings() {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const heading = useRef<HTMLHeadingElement>(null);
  const status = useQuery({
    queryKey: BACKUP_STATUS_KEY,
    queryFn: () => invoke('backup.status', {}),
    // "Reachable now": a USB stick may be plugged in or out while the page is open.
    refetchInterval: 15_000,
  });

  // Opened from the home screen's warning: land on this section once it has its content.
  const focusWanted = useRef(false);
  useEffect(() => {
    if (takeBackupFocus()) focusWanted.current = true;
  }, []);
  useEffect(() => {
    if (!focusWanted.current || !status.data) return;
    focusWanted.current = false;
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [status.data]);

  return (
    <section id="backup-settings" className="panel settings-panel bk-panel" aria-labelledby="backup-heading">
      <h2 id="backup-heading" ref={heading} tabIndex={-1} className="panel-title">
        {t('backup.settings.heading')}
      </h2>
      <p>{t('backup.settings.intro')}</p>
      {status.isPending && (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      )}
      {status.error && (
        <div className="form-error" role="alert">
          {errorText(t, status.error)}
        </div>
      )}
      {status.data && (
        <>
          <BackupState status={status.data} />
          <BackupForm initial={status.data.settings} />
          <BackupFiles status={status.data} />
        </>
      )}
    </section>
  );
}

/** Seconds since `running` became true (0 when not running), for a long backup. */
function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    setSeconds(0);
    const timer = window.setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return running ? seconds : 0;
}

function BackupState({ status }: { status: BackupStatus }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const lang = i18n.language;
  const needFolderId = useId();
  const administrator = useIsAdministrator();
  const { lastGood, lastAttempt, settings } = status;
  const failed = lastAttempt && !lastAttempt.ok ? lastAttempt : null;

  const backupNow = useMutation({
    mutationFn: () => invoke('backup.now', {}),
    // A failed attempt is recorded too: the state above shows it either way.
    onSettled: () => {
      queryClient.setQueryData(BACKUP_PROGRESS_KEY, null); // over: not "running elsewhere" until the next answer
      void queryClient.invalidateQueries({ queryKey: BACKUP_STATUS_KEY });
    },
  });
  // How far a backup is, asked four times a second while one runs (the core answers at once: the
  // backup runs in a worker). Also one started elsewhere: the daily one, or a click before the
  // page was left and opened again.
  const progress = useQuery({
    queryKey: BACKUP_PROGRESS_KEY,
    queryFn: () => invoke('backup.progress', {}),
    refetchInterval: (query) => (backupNow.isPending || query.state.data ? 250 : false),
    gcTime: 0,
  });
  const runningElsewhere = !backupNow.isPending && Boolean(progress.data);
  const busy = backupNow.isPending || runningElsewhere;
  const elapsed = useElapsedSeconds(busy);
  const done = backupNow.data;
  // A backup that ran elsewhere has finished: show its outcome.
  const wasRunningElsewhere = useRef(false);
  useEffect(() => {
    if (wasRunningElsewhere.current && !runningElsewhere) void queryClient.invalidateQueries({ queryKey: BACKUP_STATUS_KEY });
    wasRunningElsewhere.current = runningElsewhere;
  }, [runningElsewhere, queryClient]);

  return (
    <div className="bk-state">
      <h3 className="bk-subheading">{t('backup.settings.statusHeading')}</h3>
      <dl className="facts bk-facts">
        <div>
          <dt>{t('backup.settings.lastGood')}</dt>
          <dd data-testid="backup-last-good">
            {lastGood ? (
              <>
                <time dateTime={lastGood.at}>{dateTime(lastGood.at, lang)}</time>
                <span className="bk-muted">
                  {lastGood.durationMs === null
                    ? // The backup this vault was restored from: its size is known, not how long it took.
                      t('backup.settings.lastGoodSize', { size: formatBytes(t, lastGood.sizeBytes ?? 0, lang) })
                    : t('backup.settings.lastGoodDetail', {
                        size: formatBytes(t, lastGood.sizeBytes ?? 0, lang),
                        duration: formatDuration(t, lastGood.durationMs, lang),
                      })}
                </span>
              </>
            ) : (
              <span className="bk-warn-text">{t('backup.settings.never')}</span>
            )}
          </dd>
        </div>
        {failed && (
          <div className="bk-failed">
            <dt>{t('backup.settings.lastFailed')}</dt>
            <dd data-testid="backup-last-failed">
              <span className="bk-bad">{t('backup.settings.lastFailedWhen', { when: dateTime(failed.at, lang) })}</span>
              <span className="bk-failed-reason">{errorText(t, attemptError(failed.errorCode ?? 'internal', failed.folder))}</span>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('backup.settings.folder')}</dt>
          <dd data-testid="backup-folder-state">
            {settings.folder ? (
              <>
                <code className="bk-path">{settings.folder}</code>
                {status.folderReachable ? (
                  <span className="bk-ok">{t('backup.settings.reachable')}</span>
                ) : (
                  <span className="bk-bad">{t('backup.settings.unreachable')}</span>
                )}
              </>
            ) : (
              <span className="bk-warn-text">{t('backup.settings.folderNotSet')}</span>
            )}
          </dd>
        </div>
      </dl>
      {status.stale && settings.folder && (
        <p className="bk-stale">{lastGood ? t('backup.settings.stale', { days: BACKUP_STALE_DAYS }) : t('backup.settings.staleNever')}</p>
      )}
      <div className="form-actions bk-now">
        <button
          type="button"
          className="button button-primary"
          disabled={!settings.folder || busy}
          aria-describedby={settings.folder ? undefined : needFolderId}
          onClick={() => backupNow.mutate()}
        >
          {busy ? t('backup.settings.creating') : t('backup.settings.backupNow')}
        </button>
        {!settings.folder && (
          <p id={needFolderId} className="field-hint">
            {administrator ? t('backup.settings.needFolder') : t('backup.settings.needFolderStaff')}
          </p>
        )}
        {busy && (
          <span className="bk-elapsed" aria-hidden="true">
            {t('backup.settings.elapsed', { seconds: elapsed })}
          </span>
        )}
      </div>
      {busy && <BackupProgressBar progress={progress.data ?? null} />}
      <p className={`bk-result${busy ? ' bk-result-busy' : ''}`} role="status" data-testid="backup-now-status">
        {busy
          ? t('backup.settings.creatingStatus')
          : done && !backupNow.error
            ? t('backup.settings.created', {
                fileName: done.fileName,
                size: formatBytes(t, done.sizeBytes ?? 0, lang),
                duration: formatDuration(t, done.durationMs ?? 0, lang),
              })
            : null}
      </p>
      {backupNow.error && !busy && (
        <div className="form-error" role="alert">
          {errorText(t, backupNow.error)}
        </div>
      )}
    </div>
  );
}

/**
 * The backup under way: its step in words and a bar for the bytes of that step (the snapshot,
 * then writing the file); the check in between has no measure, so its bar moves without a value.
 */
function BackupProgressBar({ progress }: { progress: BackupProgress | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labelId = useId();
  const measured = progress !== null && progress.phase !== 'check';
  const percent = measured ? Math.min(100, Math.floor((progress.done / progress.total) * 100)) : null;
  const words = progress ? t(`backup.progress.${progress.phase}`) : t('backup.progress.starting');
  return (
    <div className="bk-progress" data-testid="backup-progress">
      <p id={labelId} className="bk-progress-label">
        {words}
        {measured && (
          <span className="bk-muted bk-progress-bytes">
            {t('backup.progress.bytes', { done: formatBytes(t, progress.done, lang), total: formatBytes(t, progress.total, lang) })}
          </span>
        )}
      </p>
      <div
        className={`bk-progress-track${percent === null ? ' bk-progress-indeterminate' : ''}`}
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={percent === null ? undefined : 0}
        aria-valuemax={percent === null ? undefined : 100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? words : t('backup.progress.percent', { percent })}
      >
        <div className="bk-progress-fill" style={percent === null ? undefined : { inlineSize: `${percent}%` }} />
      </div>
    </div>
  );
}

function BackupForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const [flash, setFlash] = useFlash();
  const [folder, setFolder] = useState(initial.folder ?? '');
  const [keep, setKeep] = useState(String(initial.keep));
  const [daily, setDaily] = useState(initial.daily);
  const [onLock, setOnLock] = useState(initial.onLock);
  const [keepError, setKeepError] = useState<string | undefined>();
  const keepRef = useRef<HTMLInputElement>(null);
  // Where copies of the whole vault go, and how many are kept: an administrator's (backup.configure).
  // 今すぐバックアップ above stays for everyone.
  const gate = useAdministratorGate();

  const configure = useMutation({
    mutationFn: (input: { folder: string | null; keep: number; daily: boolean; onLock: boolean }) => invoke('backup.configure', input),
    onSuccess: (saved) => {
      queryClient.setQueryData(BACKUP_STATUS_KEY, saved);
      setFlash('backup.settings.saved');
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFlash(null);
    const n = Number(keep);
    if (!/^\d+$/.test(keep.trim()) || n < BACKUP_KEEP.min || n > BACKUP_KEEP.max) {
      setKeepError(t('validation.outOfRange', { min: BACKUP_KEEP.min, max: BACKUP_KEEP.max }));
      keepRef.current?.focus();
      return;
    }
    setKeepError(undefined);
    configure.mutate({ folder: folder.trim() === '' ? null : folder.trim(), keep: n, daily, onLock });
  }

  const serverErrors = fieldErrors(t, configure.error);
  return (
    <form className="bk-form" onSubmit={onSubmit} noValidate aria-labelledby="backup-settings-subheading">
      <h3 id="backup-settings-subheading" className="bk-subheading">
        {t('backup.settings.settingsHeading')}
      </h3>
      <AdministratorOnlyNote gate={gate} />
      <AdministratorFieldset gate={gate}>
        <TextField
          label={t('backup.settings.folderLabel')}
          name="backupFolder"
          className="bk-folder-field"
          maxLength={1000}
          autoComplete="off"
          spellCheck={false}
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          hint={t('backup.settings.folderHint')}
          error={serverErrors.folder}
        />
        <TextField
          label={t('backup.settings.keepLabel')}
          name="backupKeep"
          type="number"
          inputMode="numeric"
          min={BACKUP_KEEP.min}
          max={BACKUP_KEEP.max}
          step={1}
          className="field-number"
          value={keep}
          onChange={(e) => setKeep(e.target.value)}
          ref={keepRef}
          error={keepError ?? serverErrors.keep}
          hint={t('backup.settings.keepHint', { min: BACKUP_KEEP.min, max: BACKUP_KEEP.max })}
          unit={t('backup.settings.keepUnit')}
        />
        <fieldset className="fieldset bk-switches">
          <legend>{t('backup.settings.automaticLegend')}</legend>
          <Switch label={t('backup.settings.dailyLabel')} checked={daily} onChange={setDaily} />
          <Switch label={t('backup.settings.onLockLabel')} checked={onLock} onChange={setOnLock} />
        </fieldset>
        {configure.error && Object.keys(serverErrors).length === 0 && (
          <div className="form-error" role="alert">
            {errorText(t, configure.error)}
          </div>
        )}
        <SaveActions label={t('backup.settings.save')} pending={configure.isPending} status={flash ? t(flash) : null} />
      </AdministratorFieldset>
    </form>
  );
}

/** An on/off setting: a checkbox announced as a switch, with the state written beside it. */
function Switch({ label, checked, onChange }: { label: string; checked: boolean; onChange: (value: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <label className="bk-switch">
      <input type="checkbox" role="switch" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span className="bk-switch-state" aria-hidden="true">
        {checked ? t('backup.settings.on') : t('backup.settings.off')}
      </span>
      <span>{label}</span>
    </label>
  );
}

type FileRow = BackupStatus['files'][number] & { id: string };
const helper = createColumnHelper<SortingFeatures, FileRow>();

function BackupFiles({ status }: { status: BackupStatus }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rows = useMemo<FileRow[]>(() => status.files.map((f) => ({ ...f, id: f.fileName })), [status.files]);
  const columns = useMemo(
    () => [
      helper.accessor('fileName', { header: () => t('backup.settings.fileName'), sortFn: 'text', cell: (c) => <code className="bk-path">{c.getValue()}</code> }),
      helper.accessor('createdAt', {
        header: () => t('backup.settings.createdAt'),
        sortFn: 'text',
        cell: (c) => <time dateTime={c.getValue()}>{dateTime(c.getValue(), lang)}</time>,
      }),
      helper.accessor('sizeBytes', { header: () => t('backup.settings.size'), sortFn: 'basic', cell: (c) => <span className="bk-size">{formatBytes(t, c.getValue(), lang)}</span> }),
    ],
    [t, lang],
  );
  const empty = !status.settings.folder
    ? t('backup.settings.filesNoFolder')
    : !status.folderReachable
      ? t('backup.settings.filesUnreachable')
      : t('backup.settings.noFiles');
  return (
    <div className="bk-files">
      <h3 className="bk-subheading">{t('backup.settings.filesHeading')}</h3>
      <SortTable data={rows} columns={columns} caption={t('backup.settings.filesCaption')} empty={empty} />
    </div>
  );
}
