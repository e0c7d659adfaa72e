import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createColumnHelper } from '@tanstack/react-table';
import type { RoleAssignment, RoleStatus } from '../../../../shared/contract/minutes';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { useFlash } from '../../components/forms';
import { SortTable } from '../directory/SortTable';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, FilterInput, FilterSelect, OrganizationOptions, shortDate, type SortingFeatures } from '../directory/ui';
import { DEFAULT_FILTERS, ROLE_STATUSES, isDefaultFilters, listInput, matchCaseNumber, overdueDays, type RoleFilters } from './logic';
import { OverdueBadge, RoleStatusBadge, roleKeys } from './shared';
import { ProgressDialog } from './ProgressDialog';
import { PrintListDialog } from './PrintListDialog';

const helper = createColumnHelper<SortingFeatures, RoleAssignment>();
const NO_ROWS: RoleAssignment[] = [];

/** The live assignments with their filters; the filters live in the page so they survive a tab switch. */
export function RoleList({ today, filters, onFiltersChange }: { today: string; filters: RoleFilters; onFiltersChange: (f: RoleFilters) => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const set = (patch: Partial<RoleFilters>) => onFiltersChange({ ...filters, ...patch });
  const [recording, setRecording] = useState<RoleAssignment | null>(null);
  const [printing, setPrinting] = useState(false);
  const [flash, setFlash] = useFlash();
  const orgs = useOrganizations(true);
  const members = useQuery({
    queryKey: ['member.list', { organizationId: filters.organizationId, includeLeft: true }],
    queryFn: () => invoke('member.list', { ...(filters.organizationId ? { organizationId: filters.organizationId } : {}), includeLeft: true }),
  });

  const input = listInput(filters, today);
  const noStatus = input.status.length === 0;
  const list = useQuery({
    queryKey: [...roleKeys.list, input],
    queryFn: () => invoke('role.list', input),
    placeholderData: keepPreviousData,
    enabled: !noStatus,
  });
  const rows = useMemo(() => matchCaseNumber(list.data ?? NO_ROWS, filters.caseNumber), [list.data, filters.caseNumber]);
  const overdueCount = rows.filter((r) => overdueDays(r, today) !== null).length;

  // Five columns, several facts in each, so the list fits a 1280 px screen without sideways scrolling.
  const columns = useMemo(
    () => [
      helper.accessor('caseNumber', {
        header: () => t('roles.list.columns.case'),
        sortFn: 'alphanumeric',
        cell: (c) => (
          <span className="role-stack">
            <span className="role-case-number">{c.getValue()}</span>
            <span className="role-initials">{c.row.original.initials}</span>
          </span>
        ),
      }),
      helper.accessor('action', {
        header: () => t('roles.list.columns.assignment'),
        sortFn: 'text',
        cell: (c) => {
          const r = c.row.original;
          return (
            <span className="role-stack role-assignment">
              {r.goal && (
                <span className="role-goal">
                  <span className="role-label">{t('roles.list.columns.goal')}</span>
                  {r.goal}
                </span>
              )}
              <span className="role-action">{r.action}</span>
              {r.createdMeetingDate && (
                <span className="role-meeting">{t('roles.list.decidedAt', { date: shortDate(r.createdMeetingDate, i18n.language) })}</span>
              )}
            </span>
          );
        },
      }),
      helper.accessor('organizationName', {
        header: () => t('roles.list.columns.responsible'),
        sortFn: 'text',
        cell: (c) => (
          <span className="role-stack">
            <span className="role-org">{c.getValue()}</span>
            {c.row.original.memberName ? <span>{c.row.original.memberName}</span> : <span className="role-muted">{t('roles.list.noMember')}</span>}
          </span>
        ),
      }),
      // Assignments with a frequency (no due date) sort after every dated one.
      helper.accessor((r) => r.dueOn ?? '9999-12-31', {
        id: 'due',
        header: () => t('roles.list.columns.period'),
        sortFn: 'text',
        cell: (c) => {
          const r = c.row.original;
          return (
            <dl className="role-dates">
              <div>
                <dt>{t('roles.list.start')}</dt>
                <dd>
                  <time dateTime={r.startOn}>{shortDate(r.startOn, i18n.language)}</time>
                </dd>
              </div>
              {r.dueOn ? (
                <div>
                  <dt>{t('roles.list.due')}</dt>
                  <dd>
                    <time dateTime={r.dueOn}>{shortDate(r.dueOn, i18n.language)}</time>
                  </dd>
                </div>
              ) : (
                <div>
                  <dt>{t('roles.list.frequency')}</dt>
                  <dd>{r.frequency ?? t('roles.list.noDue')}</dd>
                </div>
              )}
            </dl>
          );
        },
      }),
      // The status with its overdue badge, the latest progress under it, and the button to record more.
      helper.accessor((r) => ROLE_STATUSES.indexOf(r.status), {
        id: 'status',
        header: () => t('roles.list.columns.status'),
        sortFn: 'basic',
        cell: (c) => {
          const r = c.row.original;
          const days = overdueDays(r, today);
          const u = r.lastUpdate;
          return (
            <span className="role-update">
              <span className="role-badges">
                <RoleStatusBadge status={r.status} />
                {days !== null && <OverdueBadge days={days} />}
              </span>
              {u ? (
                <span className="role-update-text">
                  <span>
                    <span className="role-label">{t('roles.list.lastUpdate')}</span>
                    <time dateTime={u.onDate} className="role-update-date">
                      {shortDate(u.onDate, i18n.language)}
                    </time>
                  </span>
                  {u.note && <span className="role-update-note">{u.note}</span>}
                  {u.overdueReason && <span className="role-update-reason">{t('roles.list.updateReason', { reason: t(`roles.reasons.${u.overdueReason}`) })}</span>}
                </span>
              ) : (
                <span className="role-muted role-update-text">{t('roles.list.noUpdate')}</span>
              )}
              <button
                type="button"
                className="button button-small role-record"
                onClick={() => setRecording(r)}
                aria-label={t('roles.list.recordLabel', { caseNumber: r.caseNumber, action: r.action })}
              >
                {t('roles.list.record')}
              </button>
            </span>
          );
        },
      }),
    ],
    [t, i18n.language, today],
  );

  const memberOptions = useMemo(
    () =>
      [...(members.data ?? [])].sort((a, b) => (a.nameKana ?? a.name).localeCompare(b.nameKana ?? b.name, 'ja')),
    [members.data],
  );

  function toggleStatus(status: RoleStatus, on: boolean) {
    set({ statuses: on ? [...filters.statuses, status] : filters.statuses.filter((s) => s !== status) });
  }

  const error = list.error ?? orgs.error ?? members.error;

  return (
    <section aria-label={t('roles.tabs.list')}>
      <div className="toolbar role-filters">
        <FilterSelect id="role-org" label={t('roles.filters.organization')} value={filters.organizationId} onChange={(e) => set({ organizationId: e.target.value, memberId: '' })}>
          <OrganizationOptions first={t('roles.filters.allOrganizations')} organizations={orgs.data} />
        </FilterSelect>
        <FilterSelect id="role-member" label={t('roles.filters.member')} value={filters.memberId} onChange={(e) => set({ memberId: e.target.value })}>
          <option value="">{t('roles.filters.allMembers')}</option>
          {memberOptions.map((m) => (
            <option key={m.id} value={m.id}>
              {m.current && !filters.organizationId ? `${m.name}（${m.current.organizationName}）` : m.name}
            </option>
          ))}
        </FilterSelect>
        <FilterInput
          id="role-case"
          inputClassName="role-case-input"
          label={t('roles.filters.caseNumber')}
          type="search"
          value={filters.caseNumber}
          maxLength={40}
          placeholder={t('roles.filters.caseNumberPlaceholder')}
          hint={t('roles.filters.caseNumberHint')}
          onChange={(e) => set({ caseNumber: e.target.value })}
        />
        <FilterInput
          id="role-due"
          inputClassName="role-date-input"
          label={t('roles.filters.dueBefore')}
          type="date"
          value={filters.dueBefore}
          onChange={(e) => set({ dueBefore: e.target.value })}
          hint={/^\d{4}-\d{2}-\d{2}$/.test(filters.dueBefore) ? shortDate(filters.dueBefore, i18n.language) : ''}
        />
      </div>
      <div className="toolbar">
        <fieldset className="role-status-filter" aria-describedby={noStatus ? 'role-status-hint' : undefined}>
          <legend>{t('roles.filters.status')}</legend>
          {ROLE_STATUSES.map((s) => (
            <label key={s} className="checkbox">
              <input type="checkbox" checked={filters.statuses.includes(s)} onChange={(e) => toggleStatus(s, e.target.checked)} />
              {t(`roles.statuses.${s}`)}
            </label>
          ))}
          {noStatus && (
            <p id="role-status-hint" className="field-hint role-status-hint">
              {t('roles.filters.statusHint')}
            </p>
          )}
        </fieldset>
        <label className="checkbox checkbox-strong">
          <input type="checkbox" checked={filters.overdueOnly} onChange={(e) => set({ overdueOnly: e.target.checked })} />
          {t('roles.filters.overdueOnly')}
        </label>
        <button type="button" className="button button-small" onClick={() => onFiltersChange(DEFAULT_FILTERS)} disabled={isDefaultFilters(filters)}>
          {t('roles.filters.clear')}
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-secondary" onClick={() => setPrinting(true)}>
          {t('roles.list.printList')}
        </button>
      </div>
      <p className="status-line" role="status">
        {flash}
      </p>
      {error && <ErrorAlert>{errorText(t, error)}</ErrorAlert>}
      <p className="list-count" role="status">
        {noStatus
          ? ''
          : list.isFetching && !list.data
            ? t('roles.list.searching')
            : list.data && rows.length > 0
              ? `${t('roles.list.count', { count: rows.length })}${overdueCount > 0 ? t('roles.list.overdueCount', { count: overdueCount }) : ''}`
              : ''}
      </p>
      {noStatus ? (
        <div className="panel empty-state">
          <p className="empty-state-text">{t('roles.list.chooseStatus')}</p>
        </div>
      ) : list.isPending ? (
        <p className="loading-inline">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <div className="panel empty-state">
          <p className="empty-state-text">{isDefaultFilters(filters) ? t('roles.list.emptyNone') : t('roles.list.empty')}</p>
        </div>
      ) : (
        <div className="role-table">
          <SortTable
            data={rows}
            columns={columns}
            caption={t('roles.list.caption')}
            empty={t('roles.list.empty')}
            rowClassName={(r) => (overdueDays(r, today) !== null ? 'role-row-overdue' : undefined)}
            initialSorting={[{ id: 'due', desc: false }]}
          />
        </div>
      )}
      {recording && (
        <ProgressDialog
          key={recording.id}
          assignment={recording}
          today={today}
          onClose={() => setRecording(null)}
          onSaved={(saved) => {
            setRecording(null);
            setFlash(t('roles.progress.saved', { caseNumber: saved.caseNumber, status: t(`roles.statuses.${saved.status}`) }));
          }}
        />
      )}
      {printing && <PrintListDialog today={today} initialOrganizationId={filters.organizationId} onClose={() => setPrinting(false)} />}
    </section>
  );
}
