import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Set when the viewer is left through its back link, so that the panel which opened it takes the
 * focus back (the settings page has been drawn again meanwhile and its heading took the focus).
 */
let returning = false;

export function returnToAuditPanel(): void {
  returning = true;
}

/** The entry to 監査ログ on the settings screen. */
export function AuditLogPanel({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!returning) return;
    returning = false;
    button.current?.focus();
    button.current?.scrollIntoView?.({ block: 'center' });
  }, []);
  return (
    <section className="panel settings-panel" aria-labelledby="audit-panel-heading">
      <h2 id="audit-panel-heading" className="panel-title">
        {t('audit.settingsPanel.heading')}
      </h2>
      <p>{t('audit.settingsPanel.text')}</p>
      <button ref={button} type="button" className="button button-secondary" onClick={onOpen}>
        {t('audit.settingsPanel.open')}
      </button>
    </section>
  );
}
