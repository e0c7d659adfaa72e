import { useTranslation } from 'react-i18next';
import type { HomeSummary } from '../../../../shared/contract';
import { formatDate } from '../../format';
import './attendance.css';

/** Home: upcoming 支援会議 with invitees not covered on the day, each leading to its meeting screen. */
export function PledgeWarnings({ warnings, onOpen }: { warnings: HomeSummary['pledgeWarnings'] | undefined; onOpen?: ((meetingId: string) => void) | undefined }) {
  const { t, i18n } = useTranslation();
  if (!warnings || warnings.length === 0) return null;
  return (
    <section className="home-warning" aria-labelledby="at-home-warnings-heading">
      <h2 id="at-home-warnings-heading" className="home-warning-title">
        {t('attendance.home.heading')}
      </h2>
      <p className="at-home-warnings-intro">{t('attendance.home.intro')}</p>
      <ul className="at-home-warnings-list">
        {warnings.map((w) => {
          const date = formatDate(w.date, i18n.language);
          const label = t('attendance.home.item', { title: w.title, date });
          return (
            <li key={w.meetingId}>
              {onOpen ? (
                <button
                  type="button"
                  className="link-button at-home-warning-link"
                  aria-label={t('attendance.home.open', { title: w.title, date, count: w.uncovered })}
                  onClick={() => onOpen(w.meetingId)}
                >
                  {label}
                </button>
              ) : (
                <span>{label}</span>
              )}
              <span className="badge at-badge at-badge-missing">{t('attendance.home.uncovered', { count: w.uncovered })}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
