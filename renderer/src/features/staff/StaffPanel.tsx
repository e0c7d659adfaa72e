import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StaffMember, StaffRole } from '../../../../shared/contract';
import { useAppStatus, useInvoke } from '../../api';
import { errorText, isKasaneError } from '../../errors';
import { PassphraseField, TextField, useFlash } from '../../components/forms';
import { AdministratorOnlyNote, useAdministratorGate } from '../../components/administrator';
import { PdfPreviewDialog } from '../../components/PdfPreviewDialog';
import { printedDocument, type PrintedDocument } from '../../components/pdf-document';
import { formatDate } from '../../format';
import { ConfirmActions, ErrorAlert, Modal, SaveActions } from '../directory/ui';
import { useReturnFocus } from '../meetings/shared';
import { NewPassphraseFields, useNewPassphrase } from './NewPassphrase';
import { takeStaffFocus } from './handoff';
import './staff.css';

const LIST_KEY = ['staff.list'];

/** The local calendar day of an ISO instant, as YYYY-MM-DD (for formatDate). */
function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 設定 › 職員: staff accounts and their roles, my passphrase, the recovery key. */
export function StaffPanel() {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const list = useQuery({ queryKey: LIST_KEY, queryFn: () => invoke('staff.list', {}) });
  const [flash, setFlash] = useFlash(10_000);
  const [flashArgs, setFlashArgs] = useState<Record<string, string | number>>({});
  const [removing, setRemoving] = useState<StaffMember | null>(null);
  const [changingRole, setChangingRole] = useState<StaffMember | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ownRoleId = useId();
  // Adding, removing and the roles of accounts are an administrator's (the core refuses them to staff).
  const gate = useAdministratorGate();

  useEffect(() => {
    if (!takeStaffFocus()) return;
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView?.({ block: 'start' });
  }, []);

  const say = (key: string, args: Record<string, string | number> = {}) => {
    setFlashArgs(args);
    setFlash(key);
  };

  return (
    <section id="staff-settings" className="panel settings-panel staff-panel" aria-labelledby="staff-heading">
      <div className="admin-panel-head">
        <h2 id="staff-heading" className="panel-title" ref={headingRef} tabIndex={-1}>
          {t('staff.heading')}
        </h2>
        <AdministratorOnlyNote gate={gate} />
      </div>
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
              <th scope="col">{t('staff.columns.role')}</th>
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
                <td>
                  <RoleBadge role={s.role} />
                </td>
                <td>{s.createdAt ? formatDate(localDay(s.createdAt), i18n.language) : '—'}</td>
                <td className="staff-actions">
                  <span className="staff-action-buttons">
                    <button
                      type="button"
                      className="button button-secondary button-small admin-only-control"
                      aria-label={t('staff.role.buttonLabel', { name: s.name })}
                      disabled={!gate.allowed || s.isSelf}
                      aria-describedby={gate.describedBy(s.isSelf && ownRoleId)}
                      onClick={() => setChangingRole(s)}
                    >
                      {t('staff.role.button')}
                    </button>
                    {!s.isSelf && list.data.staff.length > 1 && (
                      <button
                        type="button"
                        className="button button-secondary button-small admin-only-control"
                        aria-label={t('staff.remove.buttonLabel', { name: s.name })}
                        {...gate.control}
                        onClick={() => setRemoving(s)}
                      >
                        {t('staff.remove.button')}
                      </button>
                    )}
                  </span>
                  {s.isSelf && (
                    <span id={ownRoleId} className="staff-own-role">
                      {t('staff.role.ownRole')}
                    </span>
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

      <AddStaff onAdded={(member) => say('staff.add.done', { name: member.name, role: t(`staff.roles.${member.role}`) })} />
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
      {changingRole && (
        <RoleDialog
          member={changingRole}
          onClose={(changed) => {
            setChangingRole(null);
            if (changed) say('staff.role.done', { name: changed.name, role: t(`staff.roles.${changed.role}`) });
          }}
        />
      )}
    </section>
  );
}

/** 管理者 / 職員 as a badge (the administrator's stands out). */
export function RoleBadge({ role }: { role: StaffRole }) {
  const { t } = useTranslation();
  return <span className={`staff-role staff-role-${role}`}>{t(`staff.roles.${role}`)}</span>;
}

/**
 * 管理者 ⇄ 職員 for another account, after a confirmation that says what the role allows. The
 * core refuses one's own role and leaving the vault without an administrator; its words are shown.
 */
function RoleDialog({ member, onClose }: { member: StaffMember; onClose: (changed?: StaffMember) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const { refresh } = useAppStatus();
  useReturnFocus();
  const next: StaffRole = member.role === 'administrator' ? 'staff' : 'administrator';
  const words = next === 'administrator' ? 'staff.role.toAdministrator' : 'staff.role.toStaff';
  const change = useMutation({
    mutationFn: () => invoke('staff.setRole', { staffId: member.id, role: next }),
    onSuccess: (changed) => {
      void queryClient.invalidateQueries({ queryKey: LIST_KEY });
      void refresh();
      onClose(changed);
    },
  });
  return (
    <Modal open onClose={() => onClose()} title={t(`${words}.title`, { name: member.name })}>
      <p className="staff-role-change">
        <RoleBadge role={member.role} />
        <span aria-hidden="true">→</span>
        <RoleBadge role={next} />
      </p>
      <p>{t(`${words}.body`, { name: member.name })}</p>
      <p className="field-hint">{t('staff.role.audited')}</p>
      {change.error ? <ErrorAlert>{errorText(t, change.error)}</ErrorAlert> : null}
      <div className="dialog-actions dialog-actions-split">
        <button type="button" className="button" onClick={() => onClose()} autoFocus>
          {t('staff.role.cancel')}
        </button>
        <button type="button" className="button button-primary" disabled={change.isPending} onClick={() => change.mutate()}>
          {change.isPending ? t('staff.role.saving') : t(`${words}.confirm`)}
        </button>
      </div>
    </Modal>
  );
}

function AddStaff({ onAdded }: { onAdded: (member: StaffMember) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const { status } = useAppStatus();
  const gate = useAdministratorGate();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('staff');
  const [nameError, setNameError] = useState<string | undefined>();
  const pass = useNewPassphrase([name, status?.session?.municipalityName ?? '']);
  const nameRef = useRef<HTMLInputElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const roleName = useId();

  const add = useMutation({
    mutationFn: () => invoke('staff.add', { name: name.trim(), passphrase: pass.passphrase, role }),
    onSuccess: (member) => {
      void queryClient.invalidateQueries({ queryKey: LIST_KEY });
      onAdded(member);
      close();
    },
  });

  function close() {
    setOpen(false);
    setName('');
    setRole('staff');
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

  if (!open || !gate.allowed) {
    return (
      <div className="staff-subsection admin-only-row">
        <button ref={openRef} type="button" className="button button-secondary" {...gate.control} onClick={() => setOpen(true)}>
          {t('staff.add.open')}
        </button>
        <AdministratorOnlyNote gate={gate} compact />
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
      <fieldset className="fieldset choice-group staff-role-choice">
        <legend>{t('staff.add.roleLegend')}</legend>
        {(['staff', 'administrator'] as const).map((r) => (
          <label key={r} className="radio staff-role-option">
            <input type="radio" name={roleName} value={r} checked={role === r} onChange={() => setRole(r)} aria-describedby={`${roleName}-${r}`} />
            <span>
              <span className="staff-role-option-label">{t(`staff.roles.${r}`)}</span>
              <span id={`${roleName}-${r}`} className="field-hint staff-role-option-hint">
                {t(r === 'administrator' ? 'staff.add.administratorHint' : 'staff.add.staffHint')}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
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

interface ShownKey {
  recoveryKey: string;
  createdAt: string;
  /** The A4 sheet, for the shared preview (its release recorded first). */
  pdf: PrintedDocument | null;
}

/**
 * 回復キー: created (or replaced, after a confirmation: the printed one stops working) by an
 * administrator, shown once; its A4 sheet leaves through the shared preview, so that printing or
 * saving it is recorded (持ち出しの記録) like every other document.
 */
function RecoveryKey({ exists, createdAt }: { exists: boolean; createdAt: string | null }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const gate = useAdministratorGate();
  // The key lives in this component's state only while shown; the mutation keeps no copy.
  const [shown, setShown] = useState<ShownKey | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  const createRef = useRef<HTMLButtonElement>(null);
  const create = useMutation({
    mutationFn: () => invoke('staff.createRecoveryKey', { withPdf: true }),
    onSuccess: (result) => {
      create.reset();
      setConfirming(false);
      const pdf = result.pdf;
      setShown({
        recoveryKey: result.recoveryKey,
        createdAt: result.createdAt,
        pdf: pdf ? printedDocument(pdf.fileName, pdf.pdfBase64, { document: 'recovery_key', subject: null }) : null,
      });
      void queryClient.invalidateQueries({ queryKey: LIST_KEY });
    },
  });

  useEffect(() => {
    if (shown) boxRef.current?.focus();
  }, [shown]);

  const created = createdAt ? formatDate(localDay(createdAt), i18n.language) : null;
  return (
    <section className="staff-subsection" aria-labelledby="staff-recovery-heading">
      <h3 id="staff-recovery-heading">{t('staff.recovery.heading')}</h3>
      <p className="field-hint">{t('staff.recovery.intro')}</p>
      <p>{exists ? (created ? t('staff.recovery.exists', { date: created }) : t('staff.recovery.existsUnknown')) : t('staff.recovery.none')}</p>
      {shown ? (
        <div ref={boxRef} tabIndex={-1} className="recovery-sheet" role="region" aria-labelledby="recovery-sheet-title">
          <p id="recovery-sheet-title" className="recovery-once">
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
          <div className="form-actions">
            {shown.pdf && (
              <button type="button" className="button button-primary" aria-describedby="recovery-sheet-hint" onClick={() => setSheetOpen(true)}>
                {t('staff.recovery.sheet')}
              </button>
            )}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setShown(null);
                setSheetOpen(false);
                window.setTimeout(() => createRef.current?.focus(), 0);
              }}
            >
              {t('staff.recovery.printed')}
            </button>
          </div>
          {shown.pdf && (
            <p id="recovery-sheet-hint" className="field-hint">
              {t('staff.recovery.sheetHint')} {t('staff.recovery.pdfNote')}
            </p>
          )}
          {sheetOpen && shown.pdf && <PdfPreviewDialog title={t('staff.recovery.sheetTitle')} document={shown.pdf} onClose={() => setSheetOpen(false)} />}
        </div>
      ) : (
        <>
          {exists && <p className="field-hint">{t('staff.recovery.replaceNote')}</p>}
          <div className="form-error-slot" role="alert">
            {create.error && !confirming ? errorText(t, create.error) : null}
          </div>
          <div className="admin-only-row">
            <button
              ref={createRef}
              type="button"
              className="button button-secondary"
              disabled={!gate.allowed || create.isPending}
              aria-describedby={gate.describedBy()}
              onClick={() => {
                create.reset();
                if (exists) setConfirming(true);
                else create.mutate();
              }}
            >
              {create.isPending && !confirming ? t('staff.recovery.creating') : exists ? t('staff.recovery.replace') : t('staff.recovery.create')}
            </button>
            <AdministratorOnlyNote gate={gate} compact />
          </div>
        </>
      )}
      <Modal open={confirming} onClose={() => setConfirming(false)} title={t('staff.recovery.confirmTitle')}>
        <p>{created ? t('staff.recovery.confirmBody', { date: created }) : t('staff.recovery.confirmBodyUnknown')}</p>
        <p className="field-hint">{t('staff.recovery.confirmAfter')}</p>
        {create.error ? <ErrorAlert>{errorText(t, create.error)}</ErrorAlert> : null}
        <ConfirmActions
          cancelLabel={t('staff.recovery.cancel')}
          onCancel={() => setConfirming(false)}
          confirmLabel={t('staff.recovery.confirm')}
          onConfirm={() => create.mutate()}
          pending={create.isPending}
          pendingLabel={t('staff.recovery.creating')}
        />
      </Modal>
    </section>
  );
}
