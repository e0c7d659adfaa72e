import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../../shared/contract';
import { useAppStatus, useInvoke } from '../../api';
import { errorText, isKasaneError } from '../../errors';
import { PassphraseField, TextField, useFlash } from '../../components/forms';
import { formatDate } from '../../format';
import { base64ToBytes } from '../directory/files';
import { SaveActions } from '../directory/ui';
import { NewPassphraseFields, useNewPassphrase } from './NewPassphrase';
import './staff.css';

const LIST_KEY = ['staff.list'];

/** The local calendar day of an ISO instant, as YYYY-MM-DD (for formatDate). */
function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 設定 › 職員: staff accounts, my passphrase, the recovery key. */
export function StaffPanel() {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const list = useQuery({ queryKey: LIST_KEY, queryFn: () => invoke('staff.list', {}) });
  const [flash, setFlash] = useFlash(10_000);
  const [flashArgs, setFlashArgs] = useState<Record<string, string | number>>({});
  const [removing, setRemoving] = useState<StaffMember | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const say = (key: string, args: Record<string, string | number> = {}) => {
    setFlashArgs(args);
    setFlash(key);
  };

  return (
    <section className="panel settings-panel staff-panel" aria-labelledby="staff-heading">
      <h2 id="staff-heading" className="panel-title" ref={headingRef} tabIndex={-1}>
        {t('staff.heading')}
      </h2>
      <p className="field-hint">{t('staff.intro')}</p>
      {list.isPending && (
        <p className="loading-inline" role="status">
          {t('staff.loading')}
        </p>
      )}
      {list.error && (
        <div className="form-error" role="alert">
          {errorText(t, list.error)}
        </div>
      )}
      {list.data && (
        <table className="staff-table">
          <caption className="visually-hidden">{t('staff.listCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.columns.name')}</th>
              <th scope="col">{t('staff.columns.createdAt')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('staff.columns.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.staff.map((s) => (
              <tr key={s.id} className={s.isSelf ? 'staff-self' : undefined}>
                <th scope="row">
                  {s.name}
                  {s.isSelf && <span className="staff-badge">{t('staff.youBadge')}</span>}
                </th>
                <td>{s.createdAt ? formatDate(localDay(s.createdAt), i18n.language) : '—'}</td>
                <td className="staff-actions">
                  {!s.isSelf && list.data.staff.length > 1 && (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={t('staff.remove.buttonLabel', { name: s.name })}
                      onClick={() => setRemoving(s)}
                    >
                      {t('staff.remove.button')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && <p className="field-hint">{t('staff.keyGeneration', { generation: list.data.keyGeneration })}</p>}
      <p className="status-line" role="status">
        {flash ? t(flash, flashArgs) : null}
      </p>

      <AddStaff onAdded={(name) => say('staff.add.done', { name })} />
      <ChangePassphrase />
      <RecoveryKey exists={list.data?.recoveryKey.exists ?? false} createdAt={list.data?.recoveryKey.createdAt ?? null} />

      <RemoveDialog
        member={removing}
        onClose={(done) => {
          setRemoving(null);
          if (done) say('staff.remove.done', done);
          headingRef.current?.focus();
        }}
      />
    </section>
  );
}

function AddStaff({ onAdded }: { onAdded: (name: string) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const { status } = useAppStatus();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const pass = useNewPassphrase([name, status?.session?.municipalityName ?? '']);
  const nameRef = useRef<HTMLInputElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);

  const add = useMutation({
    mutationFn: () => invoke('staff.add', { name: name.trim(), passphrase: pass.passphrase }),
    onSuccess: (member) => {
      void queryClient.invalidateQueries({ queryKey: LIST_KEY });
      onAdded(member.name);
      close();
    },
  });

  function close() {
    setOpen(false);
    setName('');
    pass.reset();
    add.reset();
    window.setTimeout(() => openRef.current?.focus(), 0);
  }

  useEffect(() => {
    if (open) nameRef.current?.focus();
  }, [open]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === '') {
      setNameError(t('validation.required'));
      nameRef.current?.focus();
      return;
    }
    setNameError(undefined);
    if (!pass.ready || add.isPending) return;
    add.mutate();
  }

  if (!open) {
    return (
      <div className="staff-subsection">
        <button ref={openRef} type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          {t('staff.add.open')}
        </button>
      </div>
    );
  }
  return (
    <form className="staff-subsection staff-form" onSubmit={onSubmit} noValidate aria-labelledby="staff-add-heading">
      <h3 id="staff-add-heading">{t('staff.add.heading')}</h3>
      <p className="field-hint">{t('staff.add.intro')}</p>
      <TextField
        label={t('staff.add.name')}
        name="name"
        required
        maxLength={60}
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={nameError}
        ref={nameRef}
      />
      <NewPassphraseFields state={pass} name="passphrase" label={t('staff.add.passphrase')} confirmLabel={t('staff.add.confirm')} />
      <div className="form-error-slot" role="alert">
        {add.error ? errorText(t, add.error) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!pass.ready || add.isPending}>
          {add.isPending ? t('staff.add.submitting') : t('staff.add.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={close} disabled={add.isPending}>
          {t('staff.add.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Seconds since `running` became true, re-rendered every second (shows the work is alive). */
function useElapsed(running: boolean): number {
  const [started, setStarted] = useState<number | null>(null);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!running) {
      setStarted(null);
      return;
    }
    setStarted(Date.now());
    const timer = window.setInterval(() => setTick((n) => n + 1), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return started === null ? 0 : Math.floor((Date.now() - started) / 1000);
}

/**
 * The confirmation before removing an account, then the progress of the key rotation. The
 * rotation is one awaited call (the rekey is a single SQLite statement that cannot report
 * progress), so the dialog shows a busy state with a message and the elapsed time; the window
 * stays responsive meanwhile.
 */
function RemoveDialog({ member, onClose }: { member: StaffMember | null; onClose: (done?: { name: string; seconds: string }) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const remove = useMutation({
    mutationFn: (staffId: string) => invoke('staff.remove', { staffId }),
  });
  const elapsed = useElapsed(remove.isPending);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (member && !dialog.open) {
      remove.reset();
      dialog.showModal();
      cancelRef.current?.focus(); // the safe choice first
    } else if (!member && dialog.open) {
      dialog.close();
    }
  }, [member]);

  function confirm() {
    if (!member) return;
    remove.mutate(member.id, {
      onSuccess: (result) => {
        void queryClient.invalidateQueries({ queryKey: LIST_KEY });
        onClose({ name: member.name, seconds: (result.ms / 1000).toFixed(1) });
      },
    });
  }

  const name = member?.name ?? '';
  return (
    <dialog
      ref={ref}
      className="dialog staff-dialog"
      aria-labelledby="staff-remove-title"
      aria-busy={remove.isPending || undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (!remove.isPending) onClose();
      }}
    >
      <h2 id="staff-remove-title" className="dialog-title">
        {t('staff.remove.title', { name })}
      </h2>
      <p>{t('staff.remove.body1', { name })}</p>
      <p className="notice">{t('staff.remove.body2')}</p>
      <p className="field-hint">{t('staff.remove.body3')}</p>
      <div className="rotation-progress" role="status">
        {remove.isPending && (
          <>
            <progress className="rotation-bar" aria-label={t('staff.remove.progress', { name })} />
            <span>
              {t('staff.remove.progress', { name })} {elapsed > 0 ? `(${elapsed}s)` : ''}
            </span>
          </>
        )}
      </div>
      <div className="form-error-slot" role="alert">
        {remove.error ? errorText(t, remove.error) : null}
      </div>
      <div className="dialog-actions staff-dialog-actions">
        <button ref={cancelRef} type="button" className="button button-secondary" disabled={remove.isPending} onClick={() => onClose()}>
          {t('staff.remove.cancel')}
        </button>
        <button type="button" className="button staff-button-danger" disabled={remove.isPending} onClick={confirm}>
          {t('staff.remove.confirm')}
        </button>
      </div>
    </dialog>
  );
}

function ChangePassphrase() {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const { status } = useAppStatus();
  const [current, setCurrent] = useState('');
  const [visible, setVisible] = useState(false);
  const pass = useNewPassphrase([status?.session?.staff.name ?? '', status?.session?.municipalityName ?? '']);
  const [flash, setFlash] = useFlash(10_000);
  const currentRef = useRef<HTMLInputElement>(null);
  const change = useMutation({
    mutationFn: () => invoke('staff.changePassphrase', { currentPassphrase: current, newPassphrase: pass.passphrase }),
    onSuccess: () => {
      setCurrent('');
      pass.reset();
      setFlash('staff.change.done');
    },
    onError: (error) => {
      if (isKasaneError(error, 'wrong_passphrase', 'passphrase_empty')) currentRef.current?.select();
    },
  });
  const wrongCurrent = isKasaneError(change.error, 'wrong_passphrase', 'passphrase_empty');

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFlash(null);
    if (!pass.ready || current.length === 0 || change.isPending) return;
    change.mutate();
  }

  return (
    <form className="staff-subsection staff-form" onSubmit={onSubmit} noValidate aria-labelledby="staff-change-heading">
      <h3 id="staff-change-heading">{t('staff.change.heading')}</h3>
      <PassphraseField
        label={t('staff.change.current')}
        name="currentPassphrase"
        required
        value={current}
        onChange={setCurrent}
        visible={visible}
        onToggleVisible={() => setVisible((v) => !v)}
        autoComplete="current-password"
        inputRef={currentRef}
        error={wrongCurrent ? t('staff.change.wrongCurrent') : undefined}
      />
      <NewPassphraseFields state={pass} name="newPassphrase" label={t('staff.change.next')} confirmLabel={t('staff.change.confirm')} />
      <div className="form-error-slot" role="alert">
        {change.error ? (wrongCurrent ? t('staff.change.wrongCurrent') : errorText(t, change.error)) : null}
      </div>
      <SaveActions
        label={t('staff.change.submit')}
        pending={change.isPending}
        pendingLabel={t('staff.change.submitting')}
        disabled={!pass.ready || current.length === 0}
        status={flash ? t(flash) : null}
      />
    </form>
  );
}

/** A blob: URL for the PDF while it is shown, revoked (and the bytes dropped) when it goes. */
function usePdfUrl(base64: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!base64) return;
    const next = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: 'application/pdf' }));
    setUrl(next);
    return () => {
      URL.revokeObjectURL(next);
      setUrl(null);
    };
  }, [base64]);
  return url;
}

function RecoveryKey({ exists, createdAt }: { exists: boolean; createdAt: string | null }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const { status } = useAppStatus();
  // The key lives in this component's state only while shown; the mutation keeps no copy.
  const [shown, setShown] = useState<{ recoveryKey: string; createdAt: string; pdf: { fileName: string; pdfBase64: string } | null } | null>(
    null,
  );
  const pdfUrl = usePdfUrl(shown?.pdf?.pdfBase64 ?? null);
  const boxRef = useRef<HTMLDivElement>(null);
  const createRef = useRef<HTMLButtonElement>(null);
  const create = useMutation({
    mutationFn: () => invoke('staff.createRecoveryKey', { withPdf: true }),
    onSuccess: (result) => {
      create.reset();
      setShown(result);
      void queryClient.invalidateQueries({ queryKey: LIST_KEY });
    },
  });

  useEffect(() => {
    if (shown) boxRef.current?.focus();
  }, [shown]);

  // Printing only the sheet: the print stylesheet hides everything but `.recovery-sheet`.
  useEffect(() => {
    if (!shown) return;
    document.body.classList.add('printing-recovery-key');
    return () => document.body.classList.remove('printing-recovery-key');
  }, [shown]);

  const session = status?.session;
  return (
    <section className="staff-subsection" aria-labelledby="staff-recovery-heading">
      <h3 id="staff-recovery-heading">{t('staff.recovery.heading')}</h3>
      <p className="field-hint">{t('staff.recovery.intro')}</p>
      <p>
        {exists
          ? createdAt
            ? t('staff.recovery.exists', { date: formatDate(localDay(createdAt), i18n.language) })
            : t('staff.recovery.existsUnknown')
          : t('staff.recovery.none')}
      </p>
      {shown ? (
        <div ref={boxRef} tabIndex={-1} className="recovery-sheet" role="region" aria-labelledby="recovery-sheet-title">
          <div className="print-only">
            <h1 className="recovery-print-title">{t('staff.recovery.printTitle')}</h1>
            {session && (
              <p>{t('staff.recovery.printVault', { municipality: session.municipalityName, secretariat: session.secretariatName })}</p>
            )}
            <p>{t('staff.recovery.printCreated', { date: new Date(shown.createdAt).toLocaleString(i18n.language) })}</p>
          </div>
          <p id="recovery-sheet-title" className="recovery-once screen-only">
            <strong>{t('staff.recovery.shownOnce')}</strong>
            <br />
            {t('staff.recovery.shownOnceText')}
          </p>
          <p className="recovery-key-label">{t('staff.recovery.keyLabel')}</p>
          <p className="recovery-key" data-testid="recovery-key" translate="no" lang="en">
            {shown.recoveryKey.split('-').map((group, i) => (
              <span key={i}>
                {i > 0 && '-'}
                <span className="recovery-group">{group}</span>
              </span>
            ))}
          </p>
          <ol className="recovery-instructions">
            <li>{t('staff.recovery.printInstructions1')}</li>
            <li>{t('staff.recovery.printInstructions2')}</li>
            <li>{t('staff.recovery.printInstructions3')}</li>
          </ol>
          <div className="form-actions screen-only">
            <button type="button" className="button button-primary" onClick={() => window.print()}>
              {t('staff.recovery.print')}
            </button>
            {pdfUrl && shown.pdf && (
              <a className="button button-secondary" href={pdfUrl} download={shown.pdf.fileName}>
                {t('staff.recovery.savePdf')}
              </a>
            )}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setShown(null);
                window.setTimeout(() => createRef.current?.focus(), 0);
              }}
            >
              {t('staff.recovery.printed')}
            </button>
          </div>
          {shown.pdf && <p className="field-hint screen-only">{t('staff.recovery.pdfNote')}</p>}
        </div>
      ) : (
        <>
          {exists && <p className="field-hint">{t('staff.recovery.replaceNote')}</p>}
          <div className="form-error-slot" role="alert">
            {create.error ? errorText(t, create.error) : null}
          </div>
          <button ref={createRef} type="button" className="button button-secondary" disabled={create.isPending} onClick={() => create.mutate()}>
            {create.isPending ? t('staff.recovery.creating') : exists ? t('staff.recovery.replace') : t('staff.recovery.create')}
          </button>
        </>
      )}
    </section>
  );
}
