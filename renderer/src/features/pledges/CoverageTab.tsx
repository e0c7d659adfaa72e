import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createColumnHelper } from '@tanstack/react-table';
import type { PersonCoverage } from '../../../../shared/contract/pledges';
import { formatWareki } from '../../../../shared/domain/wareki';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { SortTable } from '../directory/SortTable';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, FilterInput, FilterSelect, OrganizationOptions, shortDate, todayIso, type SortingFeatures } from '../directory/ui';

type Row = PersonCoverage & { id: string };
const helper = createColumnHelper<SortingFeatures, Row>();
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 日付で確認: who among the active members is covered on a day, by what, or why not. */
export function CoverageTab() {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const [date, setDate] = useState(todayIso());
  const [organizationId, setOrganizationId] = useState('');
  const [onlyUncovered, setOnlyUncovered] = useState(false);
  const orgs = useOrganizations(false);
  const valid = ISO_DATE.test(date);
  const input = { date, ...(organizationId ? { organizationId } : {}) };
  const coverage = useQuery({
    queryKey: ['pledge.coverageOn', input],
    queryFn: () => invoke('pledge.coverageOn', input),
    enabled: valid,
    placeholderData: keepPreviousData,
  });

  const all = useMemo<Row[]>(() => (coverage.data ?? []).map((c) => ({ ...c, id: c.memberId })), [coverage.data]);
  const rows = onlyUncovered ? all.filter((r) => !r.covered) : all;
  const covered = all.filter((r) => r.covered).length;

  const columns = useMemo(
    () => [
      helper.accessor('name', { header: () => t('pledges.coverage.columns.name'), sortFn: 'text', cell: (c) => <span className="cell-strong">{c.getValue()}</span> }),
      helper.accessor('organizationName', { header: () => t('pledges.coverage.columns.organization'), sortFn: 'text' }),
      helper.accessor((r) => r.title ?? '', { id: 'title', header: () => t('pledges.coverage.columns.title'), sortFn: 'text', cell: (c) => c.getValue() || t('directory.common.none') }),
      helper.accessor('covered', {
        header: () => t('pledges.coverage.columns.covered'),
        sortFn: 'basic',
        cell: (c) =>
          c.getValue() ? (
            <span className="badge badge-ok">{t('pledges.coverage.covered')}</span>
          ) : (
            <span className="badge pl-badge-missing">{t('pledges.coverage.notCovered')}</span>
          ),
      }),
      helper.accessor((r) => (r.covered ? (r.by ?? '') : (r.reason ?? '')), {
        id: 'why',
        header: () => t('pledges.coverage.columns.why'),
        sortFn: 'text',
        cell: (c) => {
          const r = c.row.original;
          if (r.covered && r.by === 'exemption') {
            return (
              <span>
                {t('pledges.coverage.by.exemption')}
                {r.exemptionReason ? <span className="pl-muted">：{r.exemptionReason}</span> : null}
              </span>
            );
          }
          if (r.covered) return r.by ? t(`pledges.coverage.by.${r.by}`) : '—';
          return <span className="pl-reason">{t(`pledges.coverage.reasons.${r.reason ?? 'no_pledge'}`)}</span>;
        },
      }),
    ],
    [t],
  );

  return (
    <section aria-label={t('pledges.tabs.coverage')}>
      <p className="page-intro">{t('pledges.coverage.intro')}</p>
      <div className="toolbar pl-toolbar-top">
        <FilterInput
          id="pl-cov-date"
          label={t('pledges.coverage.date')}
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          hint={valid ? formatWareki(date, { weekday: true }) : t('pledges.coverage.dateRequired')}
        />
        <FilterSelect id="pl-cov-org" label={t('pledges.filters.organization')} value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
          <OrganizationOptions first={t('pledges.filters.all')} organizations={orgs.data} />
        </FilterSelect>
        <label className="checkbox">
          <input type="checkbox" checked={onlyUncovered} onChange={(e) => setOnlyUncovered(e.target.checked)} />
          {t('pledges.coverage.onlyUncovered')}
        </label>
      </div>
      {coverage.error && <ErrorAlert>{errorText(t, coverage.error)}</ErrorAlert>}
      {!valid ? null : coverage.isPending ? (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      ) : all.length === 0 && !coverage.error ? (
        <div className="panel empty-state">
          <p className="empty-state-text">{t('pledges.coverage.empty')}</p>
        </div>
      ) : (
        <>
          <p className="list-count" role="status">
            {t('pledges.coverage.summary', { date: shortDate(date, i18n.language), covered, total: all.length, missing: all.length - covered })}
          </p>
          <SortTable
            data={rows}
            columns={columns}
            caption={t('pledges.coverage.caption', { date: shortDate(date, i18n.language) })}
            empty={t('pledges.coverage.allCovered')}
            rowClassName={(r) => (r.covered ? undefined : 'pl-row-missing')}
          />
        </>
      )}
    </section>
  );
}
