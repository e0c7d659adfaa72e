import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeskRow } from '../../../../shared/contract';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { PageHeading } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ErrorAlert, shortDate } from '../directory/ui';
import { dayWords, deskTargets, deskTotals, groupDesk, type DeskGroup } from './logic';
import { OverdueMark, planKeys } from './shared';
import './plans.css';

export interface DeskLinks {
  /** Opens the case's page at its 支援プラン section. */
  onOpenPlan: (caseId: string) => void;
  /** Opens the case's page (consent is recorded there). */
  onOpenCase: (caseId: string) => void;
  onOpenMeeting: (meetingId: string) => void;
  onOpenRoles: () => void;
}

export function useDesk(today: string) {
  const invoke = useInvoke();
  // Everything on the desk changes elsewhere (minutes, consent, role progress): read it afresh on every visit.
  return useQuery({ queryKey: [...planKeys.desk, today], queryFn: () => invoke('desk.get', { today }), refetchOnMount: 'always' });
}

/**
 * 会議間の進捗: everything waiting between meetings, grouped by what it waits for, each row with a
 * link to the screen that resolves it.
 */
export function DeskPage({ today, links }: { today: string; links: DeskLinks }) {
  const { t } = useTranslation();
  const heading = t('plans.desk.heading');
  useDocumentTitle(heading);
  const desk = useDesk(today);
  const rows = desk.data ?? [];
  const totals = deskTotals(rows);

  return (
    <article className="page page-wide pl-desk">
      <PageHeading>{heading}</PageHeading>
      <p className="page-intro">{t('plans.desk.intro')}</p>
      {desk.isPending && (
        <p className="loading-inline" role="status">
          {t('plans.desk.loading')}
        </p>
      )}
      {desk.error && <ErrorAlert>{errorText(t, desk.error)}</ErrorAlert>}
      {desk.data && rows.length === 0 && (
        <div className="panel empty-state">
          <p className="empty-title">{t('plans.desk.empty')}</p>
          <p className="empty-detail">{t('plans.desk.emptyDetail')}</p>
        </div>
      )}
      {desk.data && rows.length > 0 && (
        <>
          <p className="pl-desk-total" role="status">
            {t('plans.desk.total', { count: totals.count })}
            {totals.overdue > 0 && <strong className="pl-desk-total-overdue">{t('plans.desk.totalOverdue', { count: totals.overdue })}</strong>}
          </p>
          {groupDesk(rows).map((group) => (
            <DeskSection key={group.kind} group={group} links={links} />
          ))}
        </>
      )}
    </article>
  );
}

function DeskSection({ group, links }: { group: DeskGroup; links: DeskLinks }) {
  const { t } = useTranslation();
  const id = `pl-desk-${group.kind}`;
  const count = group.rows.length;
  return (
    <section className={`panel pl-desk-group${count === 0 ? ' pl-desk-group-empty' : ''}`} aria-labelledby={id}>
      <div className="pl-desk-group-head">
        <h2 id={id} className="panel-title">
          {t(`plans.desk.kinds.${group.kind}`)}
        </h2>
        <span className={`badge pl-count${count === 0 ? ' badge-muted' : ''}`}>{t('plans.desk.groupCount', { count })}</span>
        {group.overdue > 0 && (
          <span className="badge pl-overdue">
            <span className="pl-overdue-mark" aria-hidden="true">
              !
            </span>
            {t('plans.desk.groupOverdue', { count: group.overdue })}
          </span>
        )}
        {count === 0 && <p className="empty-detail pl-desk-none">{t('plans.desk.groupEmpty')}</p>}
      </div>
      {count > 0 && (
        <>
          <p className="field-hint">{t(`plans.desk.hints.${group.kind}`)}</p>
          <div className="data-table-wrap">
            <table className="data-table compact pl-desk-table">
              <caption className="visually-hidden">{t(`plans.desk.kinds.${group.kind}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('plans.desk.columns.case')}</th>
                  <th scope="col">{t('plans.desk.columns.organization')}</th>
                  <th scope="col">{t(`plans.desk.dateLabels.${group.kind}`)}</th>
                  <th scope="col">{t('plans.desk.columns.days')}</th>
                  <th scope="col">{t('plans.desk.columns.action')}</th>
                </tr>
              </thead>
              <tbody>
                {group.rows.map((row, i) => (
                  <DeskRowView key={`${row.caseId}:${row.planId ?? ''}:${row.roleAssignmentId ?? ''}:${row.meetingId ?? ''}:${i}`} row={row} links={links} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function DeskRowView({ row, links }: { row: DeskRow; links: DeskLinks }) {
  const { t, i18n } = useTranslation();
  const caseLabel = t('plans.desk.caseLabel', { caseNumber: row.caseNumber, initials: row.initials });
  const words = dayWords(row);
  return (
    <tr className={row.overdue ? 'pl-row-overdue' : undefined}>
      <th scope="row" className="nowrap pl-case">
        {caseLabel}
      </th>
      <td>{row.organizationName ?? <span className="pl-muted">{t('plans.desk.noOrganization')}</span>}</td>
      <td className="nowrap">{row.date ? <time dateTime={row.date}>{shortDate(row.date, i18n.language)}</time> : t('plans.desk.noDate')}</td>
      <td className="nowrap">
        {words === null ? '—' : words.key === 'overdue' ? <OverdueMark days={words.count} /> : t(`plans.desk.${words.key}`, { count: words.count })}
      </td>
      <td>
        <span className="row-actions">
          {deskTargets(row).map((target) => {
            if (target === 'plan')
              return (
                <button key={target} type="button" className="button button-small" onClick={() => links.onOpenPlan(row.caseId)} aria-label={t('plans.desk.openPlanLabel', { case: caseLabel })}>
                  {t('plans.desk.openPlan')}
                </button>
              );
            if (target === 'case')
              return (
                <button key={target} type="button" className="button button-small" onClick={() => links.onOpenCase(row.caseId)} aria-label={t('plans.desk.openCaseLabel', { case: caseLabel })}>
                  {t('plans.desk.openCase')}
                </button>
              );
            if (target === 'meeting' && row.meetingId) {
              const meetingId = row.meetingId;
              return (
                <button key={target} type="button" className="button button-small" onClick={() => links.onOpenMeeting(meetingId)} aria-label={t('plans.desk.openMeetingLabel', { case: caseLabel })}>
                  {t('plans.desk.openMeeting')}
                </button>
              );
            }
            return (
              <button key={target} type="button" className="button button-small" onClick={links.onOpenRoles} aria-label={t('plans.desk.openRolesLabel', { case: caseLabel })}>
                {t('plans.desk.openRoles')}
              </button>
            );
          })}
        </span>
      </td>
    </tr>
  );
}

/** The home screen's line: 会議間の進捗 N件（うち期限超過 M件）, leading to the desk. */
export function DeskSummary({ today, onOpen }: { today: string; onOpen?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const desk = useDesk(today);
  // Nothing until the desk answers (a failure shows on the desk itself, not on the home screen).
  if (!Array.isArray(desk.data)) return null;
  const totals = deskTotals(desk.data);
  return (
    <section className={`panel pl-home${totals.overdue > 0 ? ' pl-home-overdue' : ''}`} aria-labelledby="pl-home-heading">
      <h2 id="pl-home-heading" className="panel-title">
        {t('plans.desk.home.title')}
      </h2>
      <p className="pl-home-line">
        {totals.count === 0 ? (
          t('plans.desk.home.none')
        ) : (
          <>
            <span className="pl-home-count">{t('plans.desk.home.line', { count: totals.count })}</span>
            {totals.overdue > 0 && (
              <strong className="pl-home-overdue-text">{t('plans.desk.home.overdue', { count: totals.overdue })}</strong>
            )}
          </>
        )}
      </p>
      {onOpen && (
        <button type="button" className="button button-small" onClick={onOpen}>
          {t('plans.desk.home.open')}
        </button>
      )}
    </section>
  );
}
