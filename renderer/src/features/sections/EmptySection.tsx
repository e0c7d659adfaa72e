import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';

export type EmptySectionId = 'meetings' | 'cases' | 'pledges' | 'roles';

/** A section whose screens come in a later version: what it will do, plainly said. */
export function EmptySection({ section }: { section: EmptySectionId }) {
  const { t } = useTranslation();
  const heading = t(`sections.${section}.heading`);
  useDocumentTitle(heading);
  return (
    <article className="page">
      <PageHeading>{heading}</PageHeading>
      <div className="panel empty-state">
        <p className="empty-state-text">{t(`sections.${section}.description`)}</p>
        <p className="notice">{t('sections.notYet')}</p>
      </div>
    </article>
  );
}
