import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { OrganizationsTab } from './OrganizationsTab';
import { MembersTab } from './MembersTab';

type Tab = 'organizations' | 'members';
const TABS: Tab[] = ['organizations', 'members'];

/** 関係機関・構成員: two lists on one page, switched with tabs (←/→ between the tabs). */
export function DirectoryPage() {
  const { t } = useTranslation();
  const heading = t('directory.heading');
  useDocumentTitle(heading);
  const [tab, setTab] = useState<Tab>('organizations');

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
    setTab(next);
    document.getElementById(`directory-tab-${next}`)?.focus();
  }

  return (
    <article className="page page-wide">
      <PageHeading>{heading}</PageHeading>
      <p className="page-intro">{t('directory.intro')}</p>
      <div className="tabs" role="tablist" aria-label={t('directory.tabsLabel')}>
        {TABS.map((id) => (
          <button
            key={id}
            id={`directory-tab-${id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === id}
            aria-controls={`directory-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={onKeyDown}
          >
            {t(`directory.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div id={`directory-panel-${tab}`} role="tabpanel" aria-labelledby={`directory-tab-${tab}`} className="tab-panel">
        {tab === 'organizations' ? <OrganizationsTab /> : <MembersTab />}
      </div>
    </article>
  );
}
