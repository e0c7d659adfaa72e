import { useTranslation } from 'react-i18next';
import { Modal } from '../directory/ui';
import { useReturnFocus } from '../meetings/shared';

/** The keys of meeting mode (opened with ?), and the app-wide ones beside them. */
export const MEETING_SHORTCUTS: [string[], string][] = [
  [['Alt+↓'], 'next'],
  [['Alt+↑'], 'previous'],
  [['Alt+N'], 'notes'],
  [['Alt+D'], 'decision'],
  [['Alt+R'], 'role'],
  [['Alt+P'], 'projection'],
  [['?'], 'help'],
];

export function ShortcutsHelp({ onClose, live }: { onClose: () => void; live: boolean }) {
  const { t } = useTranslation();
  useReturnFocus();
  return (
    <Modal open onClose={onClose} title={t('minutes.shortcuts.title')}>
      <p>{t('minutes.shortcuts.intro')}</p>
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('shortcuts.keyColumn')}</th>
            <th scope="col">{t('shortcuts.actionColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {MEETING_SHORTCUTS.filter(([, a]) => live || a !== 'projection').map(([keys, action]) => (
            <tr key={action}>
              <td className="shortcut-keys">
                {keys.map((k) => (
                  <kbd key={k} className="kbd">
                    {k}
                  </kbd>
                ))}
              </td>
              <td>{t(`minutes.shortcuts.${action}`)}</td>
            </tr>
          ))}
          <tr>
            <td className="shortcut-keys">
              <kbd className="kbd">F1</kbd>
            </td>
            <td>{t('minutes.shortcuts.allKeys')}</td>
          </tr>
          <tr>
            <td className="shortcut-keys">
              <kbd className="kbd">Esc</kbd>
            </td>
            <td>{t('shortcuts.close')}</td>
          </tr>
        </tbody>
      </table>
      <p className="field-hint">{t('minutes.shortcuts.typingNote')}</p>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}
