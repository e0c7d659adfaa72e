import { useEffect, useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { createColumnHelper } from '@tanstack/react-table';
import { AUDIT_GROUPS, auditDetailEntries, type AuditDetailWords } from '../../../../shared/domain/audit-kinds';
import type { AuditGroup, AuditRow, AuditSubject, AuditVerdict } from '../../../../shared/contract/audit';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { PageHeading } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { SortTable } from '../directory/SortTable';
import { ErrorAlert, dateTime, shortDate, todayIso, type SortingFeatures } from '../directory/ui';
import { PAGE_SIZE, defaultFilters, filterInput, isDefaultFilters, markedSeq, pageInfo, safeKey, type AuditFilters } from './logic';
import { AuditPdfDialog } from './AuditPdfDialog';
import { AdministratorOnlyNote, useAdministratorGate } from '../../components/administrator';
import { returnToAuditPanel } from './AuditLogPanel';
import './audit.css';

type Row = AuditRow & { id: string };
const helper = createColumnHelper<SortingFeatures, Row>();

export function actionLabel(t: TFunction, action: string): string {
  const key = safeKey(action);
  return key ? t(`audit.actions.${key}`, { defaultValue: action }) : action;
}

export function subjectText(t: TFunction, language: string, subject: AuditSubject | null): string {
  if (!subject) return '';
  const kind = t(`audit.subjects.${subject.kind}`);
  if (subject.label === null) return `${kind}${t('audit.subjectMissing')}`;
  if (subject.date) return t('audit.subjectTextDated', { kind, label: subject.label, date: shortDate(subject.date, language) });
  return t('audit.subjectText', { kind, label: subject.label });
}

function detailWords(t: TFunction): AuditDetailWords {
  const known = (prefix: string, key: string) => {
    const k = safeKey(key);
    return k && !k.includes('.') ? (t(`${prefix}.${k}`, { defaultValue: '' }) as string) || undefined : undefined;
  };
  return {
    yes: t('audit.yes'),
    no: t('audit.no'),
    separator: t('common.listSeparator'),
    keyLabel: (key) => known('audit.detailKeys', key) ?? key,
    tableLabel: (table, value) => known(`audit.${table}`, value),
  };
}

/** The group of a row as a tag: a word always, a colour only as a second cue. */
function GroupTag({ group }: { group: AuditGroup }) {
  const { t } = useTranslation();
  return <span className={`badge audit-tag audit-tag-${group}`}>{t(`audit.groups.${group}`)}</span>;
}

/**
 * 監査ログ: a sub-view of 設定. Filters (period in 和暦, staff member, kinds), one page of the log at
 * a time (newest first; the log grows for years), the chain's verification with the first broken
 * row, and the PDF for an inspection.
 */
export function AuditLogPage({ onBack }: { onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  // Settings keeps its title while this view is open: put it back on the way out.
  useEffect(() => {
    const previous = document.title;
    return () => {
      document.title = previous;
    };
  }, []);
  const heading = t('audit.heading');
  useDocumentTitle(heading);
  const [today] = useState(todayIso);
  const [filters, setFilters] = useState<AuditFilters>(() => defaultFilters(today));
  const [offset, setOffset] = useState(0);
  const [atSeq, setAtSeq] = useState<number | null>(null);
  const [pdfOpen, setPdfOpen] = useState(false);
  // The whole log of who did what leaving the vault: an administrator's (audit.pdf).
  const pdfGate = useAdministratorGate();

  const set = (patch: Partial<AuditFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setOffset(0);
    setAtSeq(null);
  };
  const asked = filterInput(filters);
  const input = 'input' in asked ? asked.input : null;

  const staff = useQuery({ queryKey: ['audit.staff'], queryFn: () => invoke('audit.staff', {}) });
  const list = useQuery({
    queryKey: ['audit.list', input, offset, atSeq],
    queryFn: () => invoke('audit.list', { ...input!, limit: PAGE_SIZE, offset, ...(atSeq !== null ? { atSeq } : {}) }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => invoke('audit.verify', {}) });

  // Once the page holding a wanted row has come, keep its offset (the next/previous buttons page from there).
  useEffect(() => {
    if (atSeq !== null && list.data && !list.isPlaceholderData) {
      setOffset(list.data.offset);
      setAtSeq(null);
    }
  }, [atSeq, list.data, list.isPlaceholderData]);

  const rows: Row[] = useMemo(() => (list.data?.rows ?? []).map((r) => ({ ...r, id: String(r.seq) })), [list.data]);
  const marked = markedSeq(verify.data, rows);

  const columns = useMemo(() => {
    const words = detailWords(t);
    return [
      helper.accessor('seq', {
        header: () => t('audit.table.seq'),
        enableSorting: false,
        cell: (c) => (
          <span className="audit-seq">
            {c.getValue()}
            {c.getValue() === marked && <span className="badge audit-broken-badge">{t('audit.table.brokenMark')}</span>}
          </span>
        ),
      }),
      helper.accessor('at', {
        header: () => t('audit.table.at'),
        enableSorting: false,
        cell: (c) => {
          // The day and the time may go on two lines, each kept whole.
          const text = dateTime(c.getValue(), i18n.language);
          const cut = text.lastIndexOf(' ');
          return (
            <time dateTime={c.getValue()} className="audit-at">
              <span>{cut > 0 ? text.slice(0, cut) : text}</span>
              {cut > 0 && (
                <>
                  {' '}
                  <span>{text.slice(cut + 1)}</span>
                </>
              )}
            </time>
          );
        },
      }),
      helper.accessor('staffName', {
        header: () => t('audit.table.staff'),
        enableSorting: false,
        cell: (c) => <span className={c.getValue() ? 'audit-staff' : 'audit-staff audit-muted'}>{c.getValue() ?? t('audit.noStaff')}</span>,
      }),
      helper.accessor('action', {
        header: () => t('audit.table.action'),
        enableSorting: false,
        cell: (c) => (
          <span className="audit-action">
            <GroupTag group={c.row.original.group} />
            <span>{actionLabel(t, c.getValue())}</span>
          </span>
        ),
      }),
      helper.accessor('subject', {
        header: () => t('audit.table.subject'),
        enableSorting: false,
        cell: (c) => <span className="audit-subject">{subjectText(t, i18n.language, c.getValue())}</span>,
      }),
      helper.accessor('details', {
        header: () => t('audit.table.details'),
        enableSorting: false,
        cell: (c) => {
          const entries = auditDetailEntries(c.getValue(), c.row.original.names, words);
          if (entries.length === 0) return <span className="audit-muted">{t('audit.table.noDetails')}</span>;
          return (
            <details className="audit-details">
              <summary>{t('audit.table.showDetails', { count: entries.length })}</summary>
              <dl>
                {entries.map((e) => (
                  <div key={e.key}>
                    <dt>{e.label}</dt>
                    <dd className={e.key === 'sha256' ? 'audit-hash' : undefined}>{e.text}</dd>
                  </div>
                ))}
              </dl>
            </details>
          );
        },
      }),
    ];
  }, [t, i18n.language, marked]);

  function toggleGroup(group: AuditGroup, on: boolean) {
    set({ groups: on ? AUDIT_GROUPS.filter((g) => g === group || filters.groups.includes(g)) : filters.groups.filter((g) => g !== group) });
  }

  function showBroken(verdict: Extract<AuditVerdict, { ok: false }>) {
    setFilters({ from: verdict.brokenOn ?? filters.from, to: verdict.brokenOn ?? filters.to, staffId: '', groups: [] });
    setOffset(0);
    setAtSeq(verdict.brokenAt);
  }

  const info = list.data ? pageInfo(list.data.offset, list.data.total, list.data.limit) : null;
  const wareki = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? shortDate(iso, i18n.language) : '');
  const error = list.error ?? staff.error;

  return (
    <article className="page page-wide audit-page">
      <p className="back-row">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            returnToAuditPanel();
            onBack();
          }}
        >
          ← {t('audit.back')}
        </button>
      </p>
      <PageHeading>{heading}</PageHeading>
      <p className="page-intro">{t('audit.intro')}</p>

      <section className="panel audit-verify" aria-labelledby="audit-verify-heading" aria-busy={verify.isPending || undefined}>
        <div className="audit-verify-head">
          <div>
            <h2 id="audit-verify-heading" className="panel-title">
              {t('audit.verify.heading')}
            </h2>
            <p className="field-hint">{t('audit.verify.text')}</p>
          </div>
          <button type="button" className="button button-secondary" aria-disabled={verify.isPending || undefined} onClick={() => !verify.isPending && verify.mutate()}>
            {t('audit.verify.button')}
          </button>
        </div>
        <div role="status" aria-live="polite">
          {verify.isPending && <p className="loading-inline">{t('audit.verify.running')}</p>}
          {!verify.isPending && verify.data?.ok && (
            <p className="audit-verdict audit-verdict-ok">
              <span className="audit-verdict-mark" aria-hidden="true">
                ✓
              </span>
              {t('audit.verify.ok', { rows: verify.data.rows })}
            </p>
          )}
        </div>
        {!verify.isPending && verify.data && !verify.data.ok && (
          <div className="audit-verdict audit-verdict-broken" role="alert">
            <p className="audit-verdict-title">
              <span className="audit-verdict-mark" aria-hidden="true">
                !
              </span>
              {t('audit.verify.broken', { seq: verify.data.brokenAt })}
            </p>
            <p>{t(`audit.verify.reasons.${verify.data.reason}`)}</p>
            <p>{t('audit.verify.brokenAdvice')}</p>
            <button type="button" className="button button-small" onClick={() => showBroken(verify.data as Extract<AuditVerdict, { ok: false }>)}>
              {t('audit.verify.showRow', { seq: verify.data.brokenAt })}
            </button>
          </div>
        )}
        {!verify.isPending && verify.data && verify.data.changedMinutes.length > 0 && (
          <div className="audit-verdict audit-verdict-broken" role="alert">
            <p className="audit-verdict-title">
              <span className="audit-verdict-mark" aria-hidden="true">
                !
              </span>
              {t('audit.verify.minutesChanged', { count: verify.data.changedMinutes.length })}
            </p>
            <ul>
              {verify.data.changedMinutes.map((m) => (
                <li key={`${m.meetingId}/${m.version}`}>{t('audit.verify.minutesItem', { title: m.title, date: wareki(m.date), version: m.version })}</li>
              ))}
            </ul>
            <p>{t('audit.verify.brokenAdvice')}</p>
          </div>
        )}
        {verify.error && <ErrorAlert>{errorText(t, verify.error)}</ErrorAlert>}
      </section>

      <section aria-label={t('audit.filters.legend')} className="audit-filters">
        <div className="toolbar">
          <div className="toolbar-field">
            <label htmlFor="audit-from">{t('audit.filters.from')}</label>
            <input id="audit-from" className="input audit-date" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set({ from: e.target.value })} aria-describedby="audit-from-wareki" />
            <p id="audit-from-wareki" className="field-hint">
              {wareki(filters.from)}
            </p>
          </div>
          <div className="toolbar-field">
            <label htmlFor="audit-to">{t('audit.filters.to')}</label>
            <input id="audit-to" className="input audit-date" type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set({ to: e.target.value })} aria-describedby="audit-to-wareki" />
            <p id="audit-to-wareki" className="field-hint">
              {wareki(filters.to)}
            </p>
          </div>
          <div className="toolbar-field">
            <label htmlFor="audit-staff">{t('audit.filters.staff')}</label>
            <select id="audit-staff" className="input select" value={filters.staffId} onChange={(e) => set({ staffId: e.target.value })}>
              <option value="">{t('audit.filters.allStaff')}</option>
              {(staff.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.removed ? t('audit.filters.removedStaff', { name: s.name }) : s.name}
                </option>
              ))}
            </select>
          </div>
          <span className="toolbar-spacer" />
          <button type="button" className="button button-small" onClick={() => set(defaultFilters(today))} disabled={isDefaultFilters(filters, today)}>
            {t('audit.filters.clear')}
          </button>
        </div>
        {'problem' in asked && asked.problem === 'range' && (
          <p className="field-error" role="alert">
            {t('audit.filters.rangeInvalid')}
          </p>
        )}
        <fieldset className="audit-groups" aria-describedby="audit-groups-hint">
          <legend>{t('audit.filters.groups')}</legend>
          <div className="audit-groups-grid">
            {AUDIT_GROUPS.map((g) => (
              <label key={g} className="checkbox">
                <input type="checkbox" checked={filters.groups.includes(g)} onChange={(e) => toggleGroup(g, e.target.checked)} />
                {t(`audit.groups.${g}`)}
              </label>
            ))}
          </div>
          <p id="audit-groups-hint" className="field-hint audit-groups-hint">
            {t('audit.filters.groupsHint')}
            <button type="button" className="link-button" onClick={() => set({ groups: [...AUDIT_GROUPS] })} disabled={filters.groups.length === AUDIT_GROUPS.length}>
              {t('audit.filters.allGroups')}
            </button>
            <button type="button" className="link-button" onClick={() => set({ groups: [] })} disabled={filters.groups.length === 0}>
              {t('audit.filters.noGroups')}
            </button>
          </p>
        </fieldset>
      </section>

      {error && <ErrorAlert>{errorText(t, error)}</ErrorAlert>}

      <div className="toolbar audit-list-bar">
        <p className="list-count audit-count" role="status">
          {info && list.data ? (list.data.total === 0 ? t('audit.table.none') : t('audit.table.count', { total: list.data.total, first: info.first, last: info.last })) : ''}
        </p>
        <span className="toolbar-spacer" />
        <span className="admin-only-row">
          <AdministratorOnlyNote gate={pdfGate} compact />
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setPdfOpen(true)}
            disabled={input === null || !pdfGate.allowed}
            aria-describedby={pdfGate.describedBy()}
          >
            {t('audit.pdf.button')}
          </button>
        </span>
      </div>

      {input === null ? null : list.isPending ? (
        <p className="loading-inline">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <div className="panel empty-state">
          <p className="empty-state-text">{t('audit.table.empty')}</p>
        </div>
      ) : (
        <div className={`audit-table${list.isPlaceholderData ? ' audit-table-stale' : ''}`}>
          <SortTable
            data={rows}
            columns={columns}
            caption={t('audit.table.caption')}
            empty={t('audit.table.empty')}
            rowClassName={(r) => (r.seq === marked ? 'audit-row-broken' : undefined)}
          />
        </div>
      )}

      {info && info.pages > 1 && (
        <nav className="audit-paging" aria-label={t('audit.paging.label')}>
          <button type="button" className="button" disabled={info.page <= 1} onClick={() => setOffset(Math.max(0, (list.data?.offset ?? 0) - PAGE_SIZE))}>
            ← {t('audit.paging.previous')}
          </button>
          <span className="audit-page-number">{t('audit.paging.page', { page: info.page, pages: info.pages })}</span>
          <button type="button" className="button" disabled={info.page >= info.pages} onClick={() => setOffset((list.data?.offset ?? 0) + PAGE_SIZE)}>
            {t('audit.paging.next')} →
          </button>
        </nav>
      )}

      {pdfOpen && input && pdfGate.allowed && <AuditPdfDialog filter={input} total={list.data?.total ?? null} onClose={() => setPdfOpen(false)} />}
    </article>
  );
}
