import { useId, useLayoutEffect, useRef, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { continueList, type NotesAutosave } from './notes-autosave';
import { timeOfDay } from './shared';

/** The discussion notes of one item: plain text, 「・」 lists, saved while typing (no save button). */
export function NotesEditor({
  itemId,
  label,
  serverText,
  autosave,
  readOnly,
  textareaRef,
}: {
  itemId: string;
  label: string;
  serverText: string;
  autosave: NotesAutosave;
  readOnly: boolean;
  textareaRef: Ref<HTMLTextAreaElement>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const value = autosave.text(itemId) ?? serverText;
  const caret = useRef<number | null>(null);
  const local = useRef<HTMLTextAreaElement | null>(null);

  useLayoutEffect(() => {
    if (caret.current !== null && local.current) {
      local.current.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  });

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return;
    const el = e.currentTarget;
    if (el.selectionStart !== el.selectionEnd) return;
    const next = continueList(el.value, el.selectionStart);
    if (!next) return;
    e.preventDefault();
    caret.current = next.caret;
    autosave.change(itemId, next.text);
  }

  const setRefs = (el: HTMLTextAreaElement | null) => {
    local.current = el;
    if (typeof textareaRef === 'function') textareaRef(el);
    else if (textareaRef) (textareaRef as { current: HTMLTextAreaElement | null }).current = el;
  };

  return (
    <div className="mn-notes field">
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
      </div>
      <textarea
        id={id}
        ref={setRefs}
        className={`input textarea mn-notes-input${readOnly ? ' mn-notes-readonly' : ''}`}
        value={value}
        readOnly={readOnly}
        onChange={(e) => autosave.change(itemId, e.target.value)}
        onKeyDown={readOnly ? undefined : onKeyDown}
        aria-describedby={`${id}-hint`}
        aria-keyshortcuts="Alt+N"
        spellCheck={false}
        rows={readOnly ? 6 : 9}
        placeholder={readOnly ? t('minutes.notes.empty') : undefined}
      />
      <p id={`${id}-hint`} className="field-hint">
        {readOnly ? t('minutes.notes.readOnlyHint') : t('minutes.notes.hint')}
      </p>
    </div>
  );
}

/** 保存中… / 保存しました hh:mm:ss / the error, with a way to try again at once. */
export function SaveStatus({ autosave }: { autosave: NotesAutosave }) {
  const { t } = useTranslation();
  const status = autosave.status;
  if (status.kind === 'error') {
    return (
      <div className="mn-save mn-save-error" role="alert">
        <span>{t('minutes.autosave.error', { reason: errorText(t, status.error) })}</span>
        <button type="button" className="button button-small" onClick={() => void autosave.flush().catch(() => undefined)}>
          {t('minutes.autosave.retry')}
        </button>
      </div>
    );
  }
  return (
    <p className="mn-save" data-testid="save-status">
      {status.kind === 'saving' && (
        <>
          <span className="mn-save-dot" aria-hidden="true" />
          {t('minutes.autosave.saving')}
        </>
      )}
      {status.kind === 'saved' && <>✓ {t('minutes.autosave.saved', { time: timeOfDay(status.at) })}</>}
      {status.kind === 'idle' && t('minutes.autosave.idle')}
    </p>
  );
}
