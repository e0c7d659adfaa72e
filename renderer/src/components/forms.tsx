import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  inputId?: string;
  ref?: Ref<HTMLInputElement>;
  /** A unit shown after the input (e.g. 分). */
  unit?: string;
}

/** A labelled input with its hint and its error right below it, wired for screen readers. */
export function TextField({ label, error, hint, required, inputId, className, unit, ...input }: TextFieldProps) {
  const { t } = useTranslation();
  const generated = useId();
  const id = inputId ?? generated;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="required-mark" aria-hidden="true">
            {t('common.required')}
          </span>
        )}
      </div>
      {unit ? (
        <span className="input-with-unit">
          <input
            id={id}
            className="input"
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            aria-required={required || undefined}
            {...input}
          />
          <span className="input-unit">{unit}</span>
        </span>
      ) : (
        <input
          id={id}
          className="input"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          aria-required={required || undefined}
          {...input}
        />
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface PassphraseFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  visible: boolean;
  onToggleVisible?: () => void;
  autoFocus?: boolean;
  autoComplete: 'current-password' | 'new-password';
  describedBy?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  name: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A passphrase input; with `onToggleVisible`, a show/hide button sits beside it. */
export function PassphraseField(props: PassphraseFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const describedBy = [props.describedBy, props.error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{props.label}</label>
        {props.required && (
          <span className="required-mark" aria-hidden="true">
            {t('common.required')}
          </span>
        )}
      </div>
      <div className="passphrase-row">
        <input
          id={id}
          ref={props.inputRef}
          name={props.name}
          className="input"
          type={props.visible ? 'text' : 'password'}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          autoComplete={props.autoComplete}
          autoFocus={props.autoFocus}
          spellCheck={false}
          autoCapitalize="off"
          maxLength={1024}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy}
          aria-required={props.required || undefined}
        />
        {props.onToggleVisible && (
          <button
            type="button"
            className="button button-secondary button-toggle"
            aria-pressed={props.visible}
            aria-label={props.visible ? t('passphrase.hideLabel') : t('passphrase.showLabel')}
            onClick={props.onToggleVisible}
          >
            {props.visible ? t('common.hide') : t('common.show')}
          </button>
        )}
      </div>
      {props.error && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The page's <h1>; takes the focus when the page opens, so keyboard and screen-reader users land on it. */
export function PageHeading({ children, focus = true, id }: { children: ReactNode; focus?: boolean; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}

/**
 * A confirmation that disappears after a while, shown in a role="status" region. Holds an i18n
 * key, not text, so it follows a language change made by the very action it confirms.
 */
export function useFlash(ms = 6000): [string | null, (message: string | null) => void] {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!message) return;
    const timer = window.setTimeout(() => setMessage(null), ms);
    return () => window.clearTimeout(timer);
  }, [message, ms]);
  return [message, setMessage];
}

interface RecoveryKeyFieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  hint: ReactNode;
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
}

/** The printed recovery key typed in: 8 groups of 5, case and separators free (the core parses it). */
export function RecoveryKeyField({ onChange, ...props }: RecoveryKeyFieldProps) {
  return (
    <TextField
      {...props}
      required
      className="recovery-field"
      autoComplete="off"
      spellCheck={false}
      autoCapitalize="characters"
      maxLength={200}
      placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
