import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SECTIONS } from './sections';

/** The list of keyboard shortcuts (opened with ? or F1); a native modal dialog, closed with Esc. */
export function HelpDialog({ open, onClose, mac }: { open: boolean; onClose: () => void; mac: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);

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

  const rows: [string[], string][] = [
    ...SECTIONS.map((s, i): [string[], string] => [[`Alt+${i + 1}`], t('shortcuts.section', { name: t(`nav.${s.id}`) })]),
    [mac ? ['⌘L', 'Ctrl+L'] : ['Ctrl+L'], t('shortcuts.lock')],
    [['?', 'F1'], t('shortcuts.help')],
    [['Esc'], t('shortcuts.close')],
  ];

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="help-heading"
      // The native close event arrives a task after dialog.close(): if the dialog has been reopened
      // meanwhile (Esc then F1 at once), it is stale and must not shut the dialog again.
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
      // Esc closes through React state (the effect above), never natively first: otherwise a quick
      // Esc then F1 could batch false→true into no change and leave the dialog shut.
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="help-heading" className="dialog-title">
        {t('shortcuts.heading')}
      </h2>
      <p>{t('shortcuts.intro')}</p>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keyColumn')}</th>
            <th scope="col">{t('shortcuts.actionColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([keys, action]) => (
            <tr key={keys.join()}>
              <td className="shortcut-keys">
                {keys.map((k) => (
                  <kbd key={k} className="kbd">
                    {k}
                  </kbd>
                ))}
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
