import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../../shared/domain/case-lifecycle';
import { useInvoke } from '../../api';

export function useCategories() {
  const invoke = useInvoke();
  return useQuery({ queryKey: ['category.list'], queryFn: () => invoke('category.list', {}), staleTime: 60_000 });
}

/** The status as a word in a badge; ended cases (終結・中断) are muted. */
export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-badge status-${status}`}>{t(`cases.statuses.${status}`)}</span>;
}
