import { useId, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAppStatus, useInvoke } from '../api';
import './administrator.css';

/**
 * Roles (issue 17): the decisions that weaken a safeguard or change what documents say are an
 * administrator's (管理者). The core refuses them for a staff (職員) session; the UI shows them to
 * everyone, disabled for staff with the reason in words beside them — never hidden — so that a
 * staff member sees what exists and whom to ask.
 */

/** The signed-in account is an administrator (app.status re-reads the role every time). */
export function useIsAdministrator(): boolean {
  const { status } = useAppStatus();
  return status?.session?.role === 'administrator';
}

/** The names of the administrators, to say whom to ask (staff.list is open to every account). */
function useAdministratorNames(enabled: boolean): string[] {
  const invoke = useInvoke();
  const list = useQuery({ queryKey: ['staff.list'], queryFn: () => invoke('staff.list', {}), enabled });
  return (list.data?.staff ?? []).filter((s) => s.role === 'administrator').map((s) => s.name);
}

export interface AdministratorGate {
  /** The signed-in account may use the controls. */
  allowed: boolean;
  /** The id of the reason's text (`AdministratorOnlyNote`), for aria-describedby. */
  noteId: string;
  /** Spread on a control only an administrator may use: disabled and described by the reason for staff. */
  control: { disabled?: true; 'aria-describedby'?: string };
  /** aria-describedby of a control that has descriptions of its own: those ids, plus the reason for staff. */
  describedBy: (...ids: (string | null | undefined | false)[]) => string | undefined;
}

/** One gate per group of controls: they share one reason, shown once beside them (`AdministratorOnlyNote`). */
export function useAdministratorGate(): AdministratorGate {
  const allowed = useIsAdministrator();
  const noteId = useId();
  return {
    allowed,
    noteId,
    control: allowed ? {} : { disabled: true, 'aria-describedby': noteId },
    describedBy: (...ids) => [...ids, allowed ? null : noteId].filter(Boolean).join(' ') || undefined,
  };
}

/**
 * The reason a control is disabled, in words: 「管理者のみ変更できます」 and who the administrators
 * are. Renders nothing for an administrator. `compact` (beside a single button, below a panel that
 * already names them): the words only.
 */
export function AdministratorOnlyNote({ gate, compact = false, className }: { gate: AdministratorGate; compact?: boolean; className?: string }) {
  const { t } = useTranslation();
  const names = useAdministratorNames(!gate.allowed && !compact);
  if (gate.allowed) return null;
  const who = compact ? [] : names;
  return (
    <p id={gate.noteId} className={`admin-only-note${compact ? ' admin-only-note-compact' : ''}${className ? ` ${className}` : ''}`}>
      <LockIcon />
      <span>
        <strong>{t('staff.access.onlyAdministrator')}</strong>
        {who.length > 0 && <span className="admin-only-who">{t('staff.access.askWhom', { names: who.join(t('common.listSeparator')) })}</span>}
      </span>
    </p>
  );
}

/**
 * A group of controls only an administrator may use (a settings form): the reason first, then the
 * controls inside a <fieldset> that is disabled for staff (the browser disables every input and
 * button in it) and described by the reason.
 */
export function AdministratorFieldset({ gate, children, className }: { gate: AdministratorGate; children: ReactNode; className?: string }) {
  return (
    <fieldset className={`admin-only-fieldset${className ? ` ${className}` : ''}`} disabled={!gate.allowed} aria-describedby={gate.allowed ? undefined : gate.noteId}>
      {children}
    </fieldset>
  );
}

/**
 * A whole panel drawn by another feature, only for administrators: the reason (one line) at the
 * top right of the panel, on its title's line, and the panel's controls disabled for staff.
 */
export function AdministratorOnlyPanel({ children }: { children: ReactNode }) {
  const gate = useAdministratorGate();
  return (
    <div className={`admin-only-panel${gate.allowed ? '' : ' admin-only-panel-locked'}`}>
      <AdministratorOnlyNote gate={gate} compact className="admin-only-note-corner" />
      <AdministratorFieldset gate={gate}>{children}</AdministratorFieldset>
    </div>
  );
}

/** A panel's title with the reason beside it (staff) on the same line. */
export function PanelTitle({ id, gate, children }: { id: string; gate: AdministratorGate; children: ReactNode }) {
  return (
    <div className="admin-panel-head">
      <h2 id={id} className="panel-title">
        {children}
      </h2>
      <AdministratorOnlyNote gate={gate} />
    </div>
  );
}

function LockIcon() {
  return (
    <svg className="admin-only-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 3.5a2 2 0 1 1 4 0V6H6V4.5ZM8 9a1.25 1.25 0 0 1 .75 2.25V12.5h-1.5v-1.25A1.25 1.25 0 0 1 8 9Z"
      />
    </svg>
  );
}
