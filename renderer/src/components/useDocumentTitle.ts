import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the window title: "<page> — 重ね", or just the app name (`undefined`: leave it alone). */
export function useDocumentTitle(page: string | null | undefined): void {
  const { t } = useTranslation();
  const title = page === undefined ? undefined : page ? t('app.documentTitle', { page }) : t('app.name');
  useEffect(() => {
    if (title !== undefined) document.title = title;
  }, [title]);
}
