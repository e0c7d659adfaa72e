import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { RegisterTab } from './RegisterTab';
import { CoverageTab } from './CoverageTab';
import { RenewalsTab } from './RenewalsTab';
import './pledges.css';

type Tab = 'register' | 'coverage' | 'renewals';
const TABS: Tab[] = ['register', 'coverage', 'renewals'];

/** 誓約書: the register, who is covered on a day, and the new-年度 renewals, as three tabs (←/→ between them). */
export function PledgesPage() {
  const { t } = useTranslation();
  const heading = t('pledges.heading');
  useDocumentTitle(heading);
  const [tab, setTab] = useState<Tab>('register');

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    let next: Tab | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      next = TABS[(TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    } else if (e.key === 'Home') next = TABS[0];
    else if (e.key === 'End') next = TABS[TABS.length - 1];
    if (!next) return;
    e.preventDefault();
    setTab(next);
    document.getElementById(`pledges-tab-${next}`)?.focus();
  }

  return (
    <article className="page page-wide">
      <PageHeading>{heading}</PageHeading>
      <p className="page-intro">{t('pledges.intro')}</p>
      <div className="tabs" role="tablist" aria-label={t('pledges.tabsLabel')}>
        {TABS.map((id) => (
          <button
            key={id}
            id={`pledges-tab-${id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === id}
            aria-controls={`pledges-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={onKeyDown}
          >
            {t(`pledges.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div id={`pledges-panel-${tab}`} role="tabpanel" aria-labelledby={`pledges-tab-${tab}`} className="tab-panel">
        {tab === 'register' ? <RegisterTab /> : tab === 'coverage' ? <CoverageTab /> : <RenewalsTab />}
      </div>
    </article>
  );
}
