import { useCallback, useState } from 'react';
import { CaseList } from './CaseList';
import { RegisterCase } from './RegisterCase';
import { CaseDetailView } from './CaseDetail';
import './cases.css';

type View = { kind: 'list' } | { kind: 'register' } | { kind: 'detail'; id: string; focusPlans?: boolean };

/**
 * ケース: the list, the intake form and one case's page. The list's filters live here so they
 * survive a visit to a case; a revealed name lives only inside the case page and is gone once
 * the page unmounts.
 */
export function CasesPage({ initialCaseId, focusPlans }: { initialCaseId?: string | null; focusPlans?: boolean } = {}) {
  const [view, setView] = useState<View>(initialCaseId ? { kind: 'detail', id: initialCaseId, focusPlans: focusPlans ?? false } : { kind: 'list' });
  const [filters, setFilters] = useState<CaseFilters>(EMPTY_FILTERS);
  const open = useCallback((id: string) => setView({ kind: 'detail', id }), []);
  if (view.kind === 'register') {
    return <RegisterCase onCancel={() => setView({ kind: 'list' })} onRegistered={(id) => setView({ kind: 'detail', id })} />;
  }
  if (view.kind === 'detail') {
    return <CaseDetailView key={view.id} id={view.id} focusPlans={view.focusPlans ?? false} onBack={() => setView({ kind: 'list' })} />;
  }
  return (
    <CaseList
      filters={filters}
      onFiltersChange={setFilters}
      onOpen={open}
      onRegister={() => setView({ kind: 'register' })}
    />
  );
}

export interface CaseFilters {
  query: string;
  status: string;
  organizationId: string;
  categoryId: string;
  includeClosed: boolean;
}

export const EMPTY_FILTERS: CaseFilters = { query: '', status: '', organizationId: '', categoryId: '', includeClosed: false };
