import { useMemo } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fiscalYearOf, fiscalYearRange, formatFiscalYear } from '../../../../shared/domain/fiscal-year';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { TextField } from '../../components/forms';
import { ErrorAlert, FilterSelect, shortDate } from '../directory/ui';
import { OVERDUE_REASONS, pivotStats } from './logic';
import { roleKeys } from './shared';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export interface AnalysisPeriod {
  /** A 年度 ('2026') or 'custom' for the dates below. */
  choice: string;
  from: string;
  to: string;
}

export function defaultPeriod(today: string): AnalysisPeriod {
  const year = fiscalYearOf(today);
  const { start, end } = fiscalYearRange(year);
  return { choice: String(year), from: start, to: end };
}

/** Where follow-up breaks down: the reasons of overdue reviews, organization × reason, over a period (default: this 年度). */
export function OverdueAnalysis({ today, period, onPeriodChange }: { today: string; period: AnalysisPeriod; onPeriodChange: (p: AnalysisPeriod) => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const currentYear = fiscalYearOf(today);
  const years = [currentYear, currentYear - 1, currentYear - 2, currentYear - 3];
  const [from, to] = [period.from, period.to];
  const valid = ISO.test(from) && ISO.test(to) && from <= to;
  const backwards = ISO.test(from) && ISO.test(to) && from > to;

  const stats = useQuery({
    queryKey: [...roleKeys.stats, { from, to }],
    queryFn: () => invoke('role.overdueStats', { from, to }),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const table = useMemo(() => pivotStats(stats.data ?? [], new Intl.Collator(i18n.language)), [stats.data, i18n.language]);

  function choose(choice: string) {
    if (choice === 'custom') onPeriodChange({ ...period, choice });
    else {
      const { start, end } = fiscalYearRange(Number(choice));
      onPeriodChange({ choice, from: start, to: end });
    }
  }

  const yearLabel = (y: number) => `${formatFiscalYear(y)}${i18n.language === 'ja' ? '' : ` (FY${y})`}`;
  const periodText =
    period.choice === 'custom' ? t('roles.analysis.periodRange', { from: ISO.test(from) ? shortDate(from, i18n.language) : '', to: ISO.test(to) ? shortDate(to, i18n.language) : '' }) : yearLabel(Number(period.choice));
  const count = (n: number) => <span className={n === 0 ? 'role-zero' : undefined}>{t('roles.analysis.count', { count: n })}</span>;

  return (
    <section aria-labelledby="role-analysis-heading">
      <h2 id="role-analysis-heading" className="section-title">
        {t('roles.analysis.heading')}
      </h2>
      <p className="page-intro">{t('roles.analysis.intro')}</p>
      <div className="toolbar">
        <FilterSelect id="role-period" label={t('roles.analysis.period')} value={period.choice} onChange={(e) => choose(e.target.value)}>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {yearLabel(y)}
            </option>
          ))}
          <option value="custom">{t('roles.analysis.custom')}</option>
        </FilterSelect>
        {period.choice === 'custom' && (
          <>
            <TextField
              label={t('roles.analysis.from')}
              type="date"
              value={from}
              onChange={(e) => onPeriodChange({ ...period, from: e.target.value })}
              className="field-date role-period-date"
              hint={ISO.test(from) ? shortDate(from, i18n.language) : undefined}
            />
            <TextField
              label={t('roles.analysis.to')}
              type="date"
              value={to}
              onChange={(e) => onPeriodChange({ ...period, to: e.target.value })}
              className="field-date role-period-date"
              hint={ISO.test(to) ? shortDate(to, i18n.language) : undefined}
              error={backwards ? t('roles.analysis.periodInvalid') : undefined}
            />
          </>
        )}
      </div>
      {stats.error && <ErrorAlert>{errorText(t, stats.error)}</ErrorAlert>}
      {!valid ? null : stats.isPending ? (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      ) : table.rows.length === 0 ? (
        <div className="panel empty-state">
          <p className="empty-state-text">{t('roles.analysis.empty')}</p>
        </div>
      ) : (
        <div className="data-table-wrap">
          <table className="data-table role-stats">
            <caption className="role-stats-caption">{t('roles.analysis.caption', { period: periodText })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('roles.analysis.organization')}</th>
                {OVERDUE_REASONS.map((r) => (
                  <th key={r} scope="col" className="role-num">
                    {t(`roles.reasons.${r}`)}
                  </th>
                ))}
                <th scope="col" className="role-num">
                  {t('roles.analysis.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.organizationId}>
                  <th scope="row">{row.organizationName}</th>
                  {OVERDUE_REASONS.map((r) => (
                    <td key={r} className="role-num">
                      {count(row.counts[r])}
                    </td>
                  ))}
                  <td className="role-num role-total">{count(row.total)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('roles.analysis.total')}</th>
                {OVERDUE_REASONS.map((r) => (
                  <td key={r} className="role-num role-total">
                    {count(table.totals[r])}
                  </td>
                ))}
                <td className="role-num role-total">{count(table.total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
