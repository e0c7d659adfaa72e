import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { localIsoDate } from '../../../../shared/domain/calendar-date';
import { useAppStatus, useInvoke } from '../../api';
import { formatDate } from '../../format';
import { requestBackupFocus } from './handoff';
import { BACKUP_STATUS_KEY, backupConcerns, type BackupConcern } from './logic';
import './backup.css';

/**
 * Home: a calm warning when there is no good backup from the last week, or the folder is not set
 * or cannot be reached. Never for the sample vault (its data is fictional and it is never backed up).
 */
export function BackupWarning({ onOpenSettings }: { onOpenSettings?: (() => void) | undefined }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const { status: app } = useAppStatus();
  const isMain = app?.vaultKind === 'main';
  const status = useQuery({ queryKey: BACKUP_STATUS_KEY, queryFn: () => invoke('backup.status', {}), enabled: isMain });
  if (!isMain || !status.data) return null;
  const concerns = backupConcerns(status.data, new Date());
  if (concerns.length === 0) return null;

  const text = (c: BackupConcern) => {
    switch (c.kind) {
      case 'notSet':
        return t('backup.home.notSet');
      case 'unreachable':
        return t('backup.home.unreachable', { folder: c.folder });
      case 'never':
        return t('backup.home.never');
      case 'old':
        return t('backup.home.old', { date: formatDate(localIsoDate(new Date(c.at)), i18n.language), days: c.days });
    }
  };

  return (
    <section className="home-warning" aria-labelledby="bk-home-warning-heading" data-testid="backup-warning">
      <h2 id="bk-home-warning-heading" className="home-warning-title">
        {t('backup.home.heading')}
      </h2>
      <ul className="bk-home-warning-list">
        {concerns.map((c) => (
          <li key={c.kind}>{text(c)}</li>
        ))}
      </ul>
      <p className="bk-home-warning-intro">{t('backup.home.intro')}</p>
      {onOpenSettings && (
        <button
          type="button"
          className="button button-small bk-home-warning-open"
          onClick={() => {
            requestBackupFocus();
            onOpenSettings();
          }}
        >
          {t('backup.home.open')}
        </button>
      )}
    </section>
  );
}
