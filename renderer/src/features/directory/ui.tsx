import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
} from '@tanstack/react-table';
import { formatGregorian, formatWareki } from '../../../../shared/domain/wareki';
import { localIsoDate } from '../../../../shared/domain/calendar-date';
import { KasaneError } from '../../../../shared/contract';
import { errorText, fieldErrors } from '../../errors';
import './directory.css';

/** The table features of every list of the directory and cases screens: client-side sorting. */
export const sortingFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, basic: sortFn_basic },
});
export type SortingFeatures = typeof sortingFeatures;

/** A date in a list: 和暦 without weekday in Japanese, a short Gregorian date in English. */
export function shortDate(iso: string, language: string): string {
  return language === 'ja' ? formatWareki(iso) : formatGregorian(iso);
}

/** An instant (ISO timestamp) as local date and time: 令和8年4月1日 14:05. */
export function dateTime(instant: string, language: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${shortDate(localIsoDate(d), language)} ${time}`;
}

export function todayIso(): string {
  return localIsoDate(new Date());
}

/**
 * The message above a form: for `validation_failed` the fields are marked beside the inputs,
 * so the alert only says so; any other error is translated by the shared helper.
 */
export function formErrorText(t: TFunction, error: unknown): string {
  if (error instanceof KasaneError && error.code === 'validation_failed' && Object.keys(fieldErrors(t, error)).length > 0) {
    return t('directory.common.checkFields');
  }
  return errorText(t, error);
}

/** An error above a form's buttons; scrolls itself into view (a long dialog may hide it otherwise). */
export function ErrorAlert({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [children]);
  return (
    <div ref={ref} className="form-error" role="alert">
      {children}
    </div>
  );
}

/** A modal built on the native <dialog>: focus is trapped, Esc closes through React state. */
export function Modal({
  open,
  onClose,
  title,
  children,
  wide,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`dialog kasane-modal${wide ? ' kasane-modal-wide' : ''}`}
      aria-labelledby={titleId}
      // The native close event arrives a task after dialog.close(): if the dialog has been reopened
      // meanwhile (Esc then F1 at once), it is stale and must not shut the dialog again.
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {children}
        </>
      )}
    </dialog>
  );
}

interface FieldShellProps {
  label: string;
  id: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  children: ReactNode;
}

/** A field's label (with the required mark), its control, then its hint and its error (ids `<id>-hint`, `<id>-error`). */
export function FieldShell({ label, id, error, hint, required, children }: FieldShellProps) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="required-mark" aria-hidden="true">
            {t('common.required')}
          </span>
        )}
      </div>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria-describedby of a control inside FieldShell. */
export const describedBy = (id: string, hint: unknown, error: unknown) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

export function SelectField({
  label,
  error,
  hint,
  required,
  children,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { label: string; error?: string | undefined; hint?: ReactNode; required?: boolean }) {
  const id = useId();
  return (
    <FieldShell label={label} id={id} error={error} hint={hint} required={required}>
      <select
        id={id}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {children}
      </select>
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  ...area
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { label: string; error?: string | undefined; hint?: ReactNode }) {
  const id = useId();
  return (
    <FieldShell label={label} id={id} error={error} hint={hint}>
      <textarea id={id} className="input textarea" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...area} />
    </FieldShell>
  );
}

/** The sort indicator of a header button (▲ ascending, ▼ descending), read out via aria-sort on the <th>. */
export function sortMark(direction: false | 'asc' | 'desc'): string {
  return direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '⇅';
}

export function ariaSort(direction: false | 'asc' | 'desc'): 'ascending' | 'descending' | undefined {
  return direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined;
}

/** One fact of a detail page (a <dl>'s term and its value). */
export function Fact({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={className}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * A small table of a detail page: named by a caption for screen readers, one header a column
 * (a column whose header is only for screen readers gets a visually-hidden span), `children` the rows.
 */
export function CompactTable({ caption, columns, className, children }: { caption: string; columns: ReactNode[]; className?: string; children: ReactNode }) {
  return (
    <div className="data-table-wrap">
      <table className={`data-table compact${className ? ` ${className}` : ''}`}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

const withClass = (base: string, extra: string | undefined) => (extra ? `${base} ${extra}` : base);

/** A filter above a list: a labelled input (search, date) and, where given, a hint under it (its id is `<id>-hint`). */
export function FilterInput({
  id,
  label,
  hint,
  className,
  inputClassName,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> & { id: string; label: string; hint?: ReactNode; className?: string; inputClassName?: string }) {
  return (
    <div className={withClass('toolbar-field', className)}>
      <label htmlFor={id}>{label}</label>
      <input id={id} className={withClass('input', inputClassName)} aria-describedby={hint === undefined ? undefined : `${id}-hint`} {...input} />
      {hint !== undefined && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A filter above a list: a labelled select (`children` are its options) and, where given, a hint under it (its id is `<id>-hint`). */
export function FilterSelect({
  id,
  label,
  hint,
  className,
  children,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> & { id: string; label: string; hint?: ReactNode; className?: string }) {
  return (
    <div className={withClass('toolbar-field', className)}>
      <label htmlFor={id}>{label}</label>
      <select id={id} className="input select" aria-describedby={hint === undefined ? undefined : `${id}-hint`} {...select}>
        {children}
      </select>
      {hint !== undefined && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** The options of a choice of organization: first the one for none (or all, in a filter), value '', then each organization. */
export function OrganizationOptions({ first, organizations }: { first: string; organizations: readonly { id: string; name: string }[] | undefined }) {
  return (
    <>
      <option value="">{first}</option>
      {(organizations ?? []).map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </>
  );
}

/** A settings form's save button (its pending words while it is sent) and the status line that confirms the save. */
export function SaveActions({
  label,
  pending,
  pendingLabel,
  disabled = false,
  status,
}: {
  label: string;
  pending: boolean;
  /** While sending; 保存しています… unless the form has its own words. */
  pendingLabel?: string;
  /** Not ready to send (besides while sending). */
  disabled?: boolean;
  status: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={disabled || pending}>
        {pending ? (pendingLabel ?? t('common.saving')) : label}
      </button>
      <p className="status-line" role="status">
        {status}
      </p>
    </div>
  );
}

/** A dialog form's two buttons: cancel, then submit (showing `pendingLabel`, where given, while the form is being sent). */
export function FormActions({
  cancelLabel,
  onCancel,
  submitLabel,
  pending = false,
  pendingLabel,
  danger = false,
}: {
  cancelLabel: string;
  onCancel: () => void;
  submitLabel: string;
  pending?: boolean;
  pendingLabel?: string;
  /** The submit does something hard to undo (red outline instead of the primary colour). */
  danger?: boolean;
}) {
  return (
    <div className="dialog-actions dialog-actions-split">
      <button type="button" className="button" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button type="submit" className={danger ? 'button button-danger' : 'button button-primary'} disabled={pending}>
        {pending && pendingLabel ? pendingLabel : submitLabel}
      </button>
    </div>
  );
}

/** The buttons of a confirmation before something hard to undo: cancel first (it has the focus: the safe choice), then the red confirm. */
export function ConfirmActions({
  cancelLabel,
  onCancel,
  confirmLabel,
  onConfirm,
  pending,
  pendingLabel,
}: {
  cancelLabel: string;
  onCancel: () => void;
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
  pendingLabel?: string;
}) {
  return (
    <div className="dialog-actions dialog-actions-split">
      <button type="button" className="button" onClick={onCancel} autoFocus>
        {cancelLabel}
      </button>
      <button type="button" className="button button-danger-solid" disabled={pending} onClick={onConfirm}>
        {pending && pendingLabel ? pendingLabel : confirmLabel}
      </button>
    </div>
  );
}
