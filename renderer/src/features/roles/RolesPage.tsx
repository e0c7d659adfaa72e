import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { DEFAULT_FILTERS, type RoleFilters } from './logic';
import { RoleList } from './RoleList';
import { OverdueAnalysis, defaultPeriod, type AnalysisPeriod } from './OverdueAnalysis';
import './roles.css';

type Tab = 'list' | 'analysis';
const TABS: Tab[] = ['list', 'analysis'];

/**
 * 役割分担 between meetings: the live assignments with their progress, and where follow-up
 * breaks down (overdue reasons by organization). The filters of both tabs live here, so they
 * survive switching tabs.
 */
export function RolesPage({ today }: { today: string }) {
  const { t } = useTranslation();
  const heading = t('roles.heading');
  useDocumentTitle(heading);
  const [tab, setTab] = useState<Tab>('list');
  const [filters, setFilters] = useState<RoleFilters>(DEFAULT_FILTERS);
  const [period, setPeriod] = useState<AnalysisPeriod>(() => defaultPeriod(today));

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next);
    document.getElementById(`roles-tab-${next}`)?.focus();
  }

  return (
    <article className="page page-wide roles-page">
      <PageHeading>{heading}</PageHeading>
      <p className="page-intro">{t('roles.intro')}</p>
      <div className="tabs" role="tablist" aria-label={t('roles.tabsLabel')}>
        {TABS.map((id) => (
          <button
            key={id}
            id={`roles-tab-${id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === id}
            aria-controls={`roles-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={onKeyDown}
          >
            {t(`roles.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div id={`roles-panel-${tab}`} role="tabpanel" aria-labelledby={`roles-tab-${tab}`} className="tab-panel">
        {tab === 'list' ? (
          <RoleList today={today} filters={filters} onFiltersChange={setFilters} />
        ) : (
          <OverdueAnalysis today={today} period={period} onPeriodChange={setPeriod} />
        )}
      </div>
    </article>
  );
}
