import { useMemo, useRef } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CaseRow } from '../../../../shared/contract/cases';
import { CASE_STATUSES, type CaseStatus } from '../../../../shared/domain/case-lifecycle';
import { useInvoke } from '../../api';
import { useDebounced } from '../../components/useDebounced';
import { errorText } from '../../errors';
import { PageHeading } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useOrganizations } from '../directory/OrganizationsTab';
import { SortHeader } from '../directory/SortTable';
import { ErrorAlert, FilterInput, FilterSelect, OrganizationOptions, shortDate, sortingFeatures, type SortingFeatures } from '../directory/ui';
import type { CaseFilters } from './CasesPage';
import { StatusBadge, useCategories } from './shared';

const helper = createColumnHelper<SortingFeatures, CaseRow>();
const ROW_HEIGHT = 52;

export function CaseList({
  filters,
  onFiltersChange,
  onOpen,
  onRegister,
}: {
  filters: CaseFilters;
  onFiltersChange: (f: CaseFilters) => void;
  onOpen: (id: string) => void;
  onRegister: () => void;
}) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const heading = t('cases.heading');
  useDocumentTitle(heading);
  const set = (patch: Partial<CaseFilters>) => onFiltersChange({ ...filters, ...patch });
  const query = useDebounced(filters.query.trim(), 250);
  const orgs = useOrganizations(true);
  const categories = useCategories();

  const input = {
    ...(query ? { query } : {}),
    ...(filters.status ? { status: filters.status as CaseStatus } : {}),
    ...(filters.organizationId ? { organizationId: filters.organizationId } : {}),
    ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
    includeClosed: filters.includeClosed,
  };
  const cases = useQuery({
    queryKey: ['case.list', input],
    queryFn: () => invoke('case.list', input),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(query || filters.status || filters.organizationId || filters.categoryId);

  const columns = useMemo(
    () =>
      helper.columns([
      helper.accessor('caseNumber', {
        header: () => t('cases.list.columns.caseNumber'),
        sortFn: 'alphanumeric',
        cell: (c) => (
          <button
            type="button"
            className="link-button case-link"
            onClick={() => onOpen(c.row.original.id)}
            aria-label={t('cases.list.open', { caseNumber: c.getValue() })}
          >
            {c.getValue()}
          </button>
        ),
      }),
      helper.accessor('initials', { header: () => t('cases.list.columns.initials'), sortFn: 'text' }),
      helper.accessor((r) => CASE_STATUSES.indexOf(r.status), {
        id: 'status',
        header: () => t('cases.list.columns.status'),
        sortFn: 'basic',
        cell: (c) => <StatusBadge status={c.row.original.status} />,
      }),
      helper.accessor('receivedOn', {
        header: () => t('cases.list.columns.receivedOn'),
        sortFn: 'text',
        cell: (c) => <time dateTime={c.getValue()}>{shortDate(c.getValue(), i18n.language)}</time>,
      }),
      helper.accessor((r) => r.leadOrganizationName ?? '', { id: 'lead', header: () => t('cases.list.columns.lead'), sortFn: 'text', cell: (c) => c.getValue() || '—' }),
      helper.accessor((r) => r.categories.join('、'), {
        id: 'categories',
        header: () => t('cases.list.columns.categories'),
        enableSorting: false,
        cell: (c) => <span className="case-categories">{c.getValue() || '—'}</span>,
      }),
      helper.accessor((r) => (r.consent.valid ? 1 : 0), {
        id: 'consent',
        header: () => t('cases.list.columns.consent'),
        sortFn: 'basic',
        cell: (c) =>
          c.row.original.consent.valid ? (
            <span className="badge badge-ok">{t('cases.list.consentValid')}</span>
          ) : (
            <span aria-label={t('cases.list.consentNoneLabel')}>{t('cases.list.consentNone')}</span>
          ),
      }),
      ]),
    [t, i18n.language, onOpen],
  );

  const data = cases.data ?? NO_ROWS;
  const table = useTable({ features: sortingFeatures, columns, data, getRowId: (r) => r.id });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]!.id,
    overscan: 8,
  });

  return (
    <article className="page page-wide">
      <PageHeading>{heading}</PageHeading>
      <p className="page-intro">{t('cases.intro')}</p>
      <div className="toolbar">
        <FilterInput
          id="case-search"
          className="toolbar-field-grow"
          label={t('cases.list.search')}
          type="search"
          value={filters.query}
          maxLength={60}
          placeholder={t('cases.list.searchPlaceholder')}
          hint={t('cases.list.searchHint')}
          onChange={(e) => set({ query: e.target.value })}
        />
        <span className="toolbar-spacer" />
        <button type="button" className="button button-primary" onClick={onRegister}>
          {t('cases.list.register')}
        </button>
      </div>
      <div className="toolbar">
        <FilterSelect id="case-status" label={t('cases.list.status')} value={filters.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">{t('cases.list.all')}</option>
          {CASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`cases.statuses.${s}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect id="case-org" label={t('cases.list.organization')} value={filters.organizationId} onChange={(e) => set({ organizationId: e.target.value })}>
          <OrganizationOptions first={t('cases.list.all')} organizations={orgs.data} />
        </FilterSelect>
        <FilterSelect id="case-category" label={t('cases.list.category')} value={filters.categoryId} onChange={(e) => set({ categoryId: e.target.value })}>
          <option value="">{t('cases.list.all')}</option>
          {(categories.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </FilterSelect>
        <label className="checkbox">
          <input type="checkbox" checked={filters.includeClosed} disabled={Boolean(filters.status)} onChange={(e) => set({ includeClosed: e.target.checked })} />
          {t('cases.list.includeClosed')}
        </label>
      </div>
      {(cases.error || orgs.error || categories.error) && (
        <ErrorAlert>{errorText(t, cases.error ?? orgs.error ?? categories.error)}</ErrorAlert>
      )}
      <p className="list-count" role="status">
        {cases.isFetching ? t('cases.list.searching') : cases.data ? t('cases.list.count', { count: rows.length }) : ''}
      </p>
      {cases.isPending ? (
        <p className="loading-inline">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <div className="panel empty-state">
          <p className="empty-state-text">{filtered || filters.includeClosed ? t('cases.list.empty') : t('cases.list.emptyNone')}</p>
        </div>
      ) : (
        <div ref={scrollRef} className="case-scroll" data-testid="case-scroll">
          <table className="data-table case-table" role="table" aria-rowcount={rows.length + 1}>
            <caption className="visually-hidden">{t('cases.list.caption')}</caption>
            <thead role="rowgroup" className="case-thead">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id} role="row" className="case-grid-row" aria-rowindex={1}>
                  {group.headers.map((header) => (
                    <SortHeader key={header.id} header={header} role="columnheader" />
                  ))}
                </tr>
              ))}
            </thead>
            <tbody role="rowgroup" className="case-tbody" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index]!;
                return (
                  <tr
                    key={row.id}
                    role="row"
                    aria-rowindex={item.index + 2}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="case-grid-row case-row"
                    style={{ transform: `translateY(${item.start}px)` }}
                    onClick={(e) => {
                      if (!(e.target instanceof HTMLButtonElement)) onOpen(row.original.id);
                    }}
                  >
                    {row.getAllCells().map((cell) => (
                      <td key={cell.id} role="cell">
                        <table.FlexRender cell={cell} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

const NO_ROWS: CaseRow[] = [];
