import { useMemo, useState } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createColumnHelper } from '@tanstack/react-table';
import type { PledgeKind, PledgeRecord } from '../../../../shared/contract/pledges';
import type { MeetingSummary } from '../../../../shared/contract/meetings';
import { fiscalYearOf } from '../../../../shared/domain/fiscal-year';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { useFlash } from '../../components/forms';
import { SortTable } from '../directory/SortTable';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, FilterSelect, OrganizationOptions, shortDate, todayIso, type SortingFeatures } from '../directory/ui';
import { PLEDGE_KINDS, PLEDGE_STATUSES, filterPledges, pledgeStatus, type PledgeStatus } from './logic';
import { FiscalYearOptions, KindLabel, StatusBadge, fiscalYearLabel, pledgeErrorText, useRefreshPledges } from './shared';
import { RecordPledgeDialog } from './RecordPledgeDialog';
import { AttachScanDialog, PrintFormDialog, RevokeDialog, ScanDialog } from './PledgeDialogs';

const helper = createColumnHelper<SortingFeatures, PledgeRecord>();

type Dialog =
  | { kind: 'record' }
  | { kind: 'print' }
  | { kind: 'revoke'; pledge: PledgeRecord }
  | { kind: 'attach'; pledge: PledgeRecord }
  | { kind: 'scan'; pledge: PledgeRecord }
  | null;

/** Who or what a pledge is for, in one phrase (for button labels and messages). */
export function pledgeSubject(p: PledgeRecord): string {
  return (p.kind === 'organization_roster' ? p.organizationName : p.memberName) ?? '—';
}

/** 台帳: every pledge of a 年度, filtered by organization, kind and status. */
export function RegisterTab() {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const refresh = useRefreshPledges();
  const today = todayIso();
  const [fiscalYear, setFiscalYear] = useState(String(fiscalYearOf(today)));
  const [organizationId, setOrganizationId] = useState('');
  const [kind, setKind] = useState<'' | PledgeKind>('');
  const [status, setStatus] = useState<'' | PledgeStatus>('active');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [flash, setFlash] = useFlash();
  const [problem, setProblem] = useState<string | null>(null);
  const orgs = useOrganizations(true);

  const input = { ...(fiscalYear ? { fiscalYear: Number(fiscalYear) } : {}), ...(organizationId ? { organizationId } : {}), includeRevoked: true };
  const pledges = useQuery({ queryKey: ['pledge.list', input], queryFn: () => invoke('pledge.list', input), placeholderData: keepPreviousData });
  // Per-meeting pledges name their meeting by id: the titles and dates come from the meeting list.
  const meetings = useQuery({ queryKey: ['meeting.list', {}], queryFn: () => invoke('meeting.list', {}) });
  const meetingById = useMemo(() => new Map<string, MeetingSummary>((meetings.data ?? []).map((m) => [m.id, m])), [meetings.data]);

  const original = useMutation({
    mutationFn: (v: { pledge: PledgeRecord; received: boolean }) => invoke('pledge.markOriginalReceived', { id: v.pledge.id, received: v.received }),
    onSuccess: (p) => {
      setProblem(null);
      setFlash(t(p.originalReceived ? 'pledges.register.originalMarked' : 'pledges.register.originalUnmarked', { subject: pledgeSubject(p) }));
      refresh();
    },
    onError: (e) => setProblem(pledgeErrorText(t, e, i18n.language)),
  });

  const markOriginal = original.mutate;
  const pendingOriginal = original.isPending ? original.variables : undefined;

  const toggleRoster = (id: string) =>
    setExpanded((cur) => {
      const next = new Set(cur);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const columns = useMemo(() => {
    const date = (iso: string) => (
      <time dateTime={iso} className="pl-nowrap">
        {shortDate(iso, i18n.language)}
      </time>
    );
    return [
      helper.accessor('kind', {
        header: () => t('pledges.register.columns.kind'),
        sortFn: 'text',
        cell: (c) => <KindLabel kind={c.getValue()} />,
      }),
      helper.accessor((p) => pledgeSubject(p), {
        id: 'subject',
        header: () => t('pledges.register.columns.subject'),
        sortFn: 'text',
        cell: (c) => {
          const p = c.row.original;
          if (p.kind !== 'organization_roster') return <span className="cell-strong">{p.memberName ?? '—'}</span>;
          const open = expanded.has(p.id);
          const listId = `pl-roster-${p.id}`;
          return (
            <div className="pl-roster">
              <span className="cell-strong">{p.organizationName ?? '—'}</span>
              <button
                type="button"
                className="link-button pl-roster-toggle"
                aria-expanded={open}
                aria-controls={listId}
                aria-label={t('pledges.register.rosterToggleLabel', { organization: p.organizationName ?? '', count: p.rosterMembers.length })}
                onClick={() => toggleRoster(p.id)}
              >
                <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('pledges.register.rosterCount', { count: p.rosterMembers.length })}
              </button>
              <ul id={listId} className="pl-roster-list" hidden={!open}>
                {p.rosterMembers.map((m) => (
                  <li key={m.memberId}>{m.name}</li>
                ))}
              </ul>
            </div>
          );
        },
      }),
      helper.accessor('signedOn', {
        header: () => t('pledges.register.columns.signedOn'),
        sortFn: 'text',
        cell: (c) => date(c.getValue()),
      }),
      helper.accessor((p) => (p.fiscalYear !== null ? String(p.fiscalYear) : (meetingById.get(p.meetingId ?? '')?.date ?? '')), {
        id: 'period',
        header: () => t('pledges.register.columns.period'),
        sortFn: 'text',
        cell: (c) => {
          const p = c.row.original;
          if (p.fiscalYear !== null) return <span className="pl-nowrap">{fiscalYearLabel(p.fiscalYear, i18n.language)}</span>;
          const m = meetingById.get(p.meetingId ?? '');
          if (!m) return t('pledges.register.meetingUnknown');
          return (
            <span className="pl-meeting">
              <span>{m.title}</span>
              <span className="pl-muted">{date(m.date)}</span>
            </span>
          );
        },
      }),
      helper.accessor('wordingVersion', {
        header: () => t('pledges.register.columns.wording'),
        sortFn: 'basic',
        cell: (c) => <span className="cell-number">{t('pledges.wordingVersion', { version: c.getValue() })}</span>,
      }),
      helper.accessor('originalReceived', {
        header: () => t('pledges.register.columns.original'),
        sortFn: 'basic',
        cell: (c) => {
          const p = c.row.original;
          const busy = pendingOriginal?.pledge.id === p.id;
          return (
            <label className="checkbox pl-original">
              <input
                type="checkbox"
                checked={busy ? pendingOriginal.received : p.originalReceived}
                disabled={busy}
                aria-label={t('pledges.register.originalLabel', { subject: pledgeSubject(p) })}
                onChange={(e) => markOriginal({ pledge: p, received: e.target.checked })}
              />
              <span aria-hidden="true">{p.originalReceived ? t('pledges.register.received') : t('pledges.register.notReceived')}</span>
            </label>
          );
        },
      }),
      helper.display({
        id: 'scan',
        header: () => t('pledges.register.columns.scan'),
        cell: (c) => {
          const p = c.row.original;
          const subject = pledgeSubject(p);
          return p.scanAttachmentId ? (
            <span className="row-actions">
              <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'scan', pledge: p })} aria-label={t('pledges.scan.viewLabel', { subject })}>
                {t('pledges.scan.view')}
              </button>
              <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'attach', pledge: p })} aria-label={t('pledges.scan.replaceLabel', { subject })}>
                {t('pledges.scan.replace')}
              </button>
            </span>
          ) : (
            <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'attach', pledge: p })} aria-label={t('pledges.scan.attachLabel', { subject })}>
              {t('pledges.scan.attach')}
            </button>
          );
        },
      }),
      helper.accessor((p) => pledgeStatus(p), {
        id: 'status',
        header: () => t('pledges.register.columns.status'),
        sortFn: 'text',
        cell: (c) => {
          const p = c.row.original;
          const s = c.getValue();
          return (
            <div className="pl-status-cell">
              <StatusBadge status={s} />
              {p.revokedOn && s === 'revoked' && (
                <span className="pl-muted pl-revocation">
                  {t('pledges.register.revokedOn', { date: shortDate(p.revokedOn, i18n.language) })}
                  {p.revocationReason ? `：${p.revocationReason}` : ''}
                </span>
              )}
              {s === 'active' && (
                <button type="button" className="button button-small button-danger" onClick={() => setDialog({ kind: 'revoke', pledge: p })} aria-label={t('pledges.revoke.buttonLabel', { subject: pledgeSubject(p) })}>
                  {t('pledges.revoke.button')}
                </button>
              )}
            </div>
          );
        },
      }),
    ];
  }, [t, i18n.language, expanded, meetingById, pendingOriginal, markOriginal]);

  const rows = useMemo(() => filterPledges(pledges.data ?? [], { kind, status }), [pledges.data, kind, status]);
  const filtered = organizationId !== '' || kind !== '' || status !== 'active' || fiscalYear !== String(fiscalYearOf(today));

  const closeWith = (message: string | null) => {
    setDialog(null);
    if (message) setFlash(message);
    refresh();
  };

  return (
    <section aria-label={t('pledges.tabs.register')}>
      <div className="toolbar">
        <FilterSelect id="pl-year" label={t('pledges.filters.fiscalYear')} value={fiscalYear} onChange={(e) => setFiscalYear(e.target.value)}>
          <FiscalYearOptions today={today} />
          <option value="">{t('pledges.filters.allYears')}</option>
        </FilterSelect>
        <FilterSelect id="pl-org" label={t('pledges.filters.organization')} value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
          <OrganizationOptions first={t('pledges.filters.all')} organizations={orgs.data} />
        </FilterSelect>
        <FilterSelect id="pl-kind" className="pl-narrow-field" label={t('pledges.filters.kind')} value={kind} onChange={(e) => setKind(e.target.value as '' | PledgeKind)}>
          <option value="">{t('pledges.filters.all')}</option>
          {PLEDGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`pledges.kinds.${k}`)}
            </option>
          ))}
        </FilterSelect>
        <div className="toolbar-field pl-narrow-field">
          <label htmlFor="pl-status">{t('pledges.filters.status')}</label>
          <select id="pl-status" className="input select" value={status} onChange={(e) => setStatus(e.target.value as '' | PledgeStatus)} aria-describedby="pl-status-hint">
            {PLEDGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`pledges.statuses.${s}`)}
              </option>
            ))}
            <option value="">{t('pledges.filters.allStatuses')}</option>
          </select>
          <p id="pl-status-hint" className="visually-hidden">
            {t('pledges.filters.statusHint')}
          </p>
        </div>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={() => setDialog({ kind: 'print' })}>
          {t('pledges.print.button')}
        </button>
        <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'record' })}>
          {t('pledges.record.button')}
        </button>
      </div>
      <p className="status-line" role="status">
        {flash}
      </p>
      {problem && <ErrorAlert>{problem}</ErrorAlert>}
      {(pledges.error || orgs.error) && <ErrorAlert>{errorText(t, pledges.error ?? orgs.error)}</ErrorAlert>}
      {pledges.isPending ? (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      ) : (pledges.data ?? []).length === 0 && !organizationId ? (
        <div className="panel empty-state">
          <p className="empty-state-text">{t('pledges.register.emptyYear', { year: fiscalYear ? fiscalYearLabel(Number(fiscalYear), i18n.language) : t('pledges.filters.allYears') })}</p>
          <p>{t('pledges.register.emptyWhatToDo')}</p>
          <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'record' })}>
            {t('pledges.record.button')}
          </button>
        </div>
      ) : (
        <>
          <p className="list-count">{t('pledges.register.count', { count: rows.length })}</p>
          <div className="pl-table">
          <SortTable
            data={rows}
            columns={columns}
            caption={t('pledges.register.caption')}
            empty={filtered ? t('pledges.register.emptyFiltered') : t('pledges.register.emptyWhatToDo')}
            rowClassName={(p) => (pledgeStatus(p) === 'active' ? undefined : 'row-retired')}
            initialSorting={[{ id: 'signedOn', desc: true }]}
          />
          </div>
        </>
      )}
      {dialog?.kind === 'record' && <RecordPledgeDialog onClose={() => setDialog(null)} onDone={closeWith} />}
      {dialog?.kind === 'print' && <PrintFormDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'revoke' && (
        <RevokeDialog
          pledge={dialog.pledge}
          onClose={() => setDialog(null)}
          onDone={(p) => closeWith(t('pledges.revoke.done', { subject: pledgeSubject(p) }))}
        />
      )}
      {dialog?.kind === 'attach' && (
        <AttachScanDialog
          pledge={dialog.pledge}
          onClose={() => setDialog(null)}
          onDone={(p) => closeWith(t('pledges.scan.attached', { subject: pledgeSubject(p) }))}
        />
      )}
      {dialog?.kind === 'scan' && dialog.pledge.scanAttachmentId && (
        <ScanDialog attachmentId={dialog.pledge.scanAttachmentId} subject={pledgeSubject(dialog.pledge)} onClose={() => setDialog(null)} />
      )}
    </section>
  );
}
