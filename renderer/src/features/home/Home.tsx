import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HomeSummary } from '../../../../shared/contract';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { formatDate } from '../../format';
import { PageHeading } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { PledgeWarnings } from '../attendance/PledgeWarnings';
import { BackupWarning } from '../backup/BackupWarning';
import { DeskSummary } from '../plans/DeskPage';
import { StateBadge } from '../meetings/shared';
import { RolesNotice } from './RolesNotice';

type Counts = HomeSummary['counts'];

interface Tile {
  id: 'meetings' | 'cases' | 'pledges' | 'roles' | 'organizations';
  /** null: the feature does not exist in this version yet. */
  values: { label: string; value: number | null }[];
}

export function Home({
  today,
  onOpenMeeting,
  onOpenRoles,
  onOpenSettings,
  onOpenDesk,
}: {
  today: string;
  onOpenMeeting?: (id: string) => void;
  onOpenRoles?: () => void;
  /** Opens 設定 (the backup warning leads to its バックアップ section). */
  onOpenSettings?: () => void;
  /** Opens 会議間の進捗. */
  onOpenDesk?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const heading = t('home.heading');
  useDocumentTitle(heading);
  const summary = useQuery({
    queryKey: ['home.summary', today],
    queryFn: () => invoke('home.summary', { today }),
  });

  return (
    <article className="page">
      <PageHeading>{heading}</PageHeading>
      <BackupWarning onOpenSettings={onOpenSettings} />
      {summary.isPending && (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      )}
      {summary.error && (
        <div className="form-error" role="alert">
          {errorText(t, summary.error)}
        </div>
      )}
      {summary.data && (
        <>
          {summary.data.rolesNotice && <RolesNotice onOpenSettings={onOpenSettings} />}
          <PledgeWarnings warnings={summary.data.pledgeWarnings} onOpen={onOpenMeeting} />
          <NextMeetingCard meeting={summary.data.nextMeeting} language={i18n.language} onOpen={onOpenMeeting} />
          <DeskSummary today={today} onOpen={onOpenDesk} />
          <CountTiles counts={summary.data.counts} onOpenRoles={onOpenRoles} />
        </>
      )}
    </article>
  );
}

function NextMeetingCard({ meeting, language, onOpen }: { meeting: HomeSummary['nextMeeting']; language: string; onOpen?: ((id: string) => void) | undefined }) {
  const { t } = useTranslation();
  return (
    <section className="panel next-meeting" aria-labelledby="next-meeting-heading">
      <h2 id="next-meeting-heading" className="panel-title">
        {t('home.nextMeetingHeading')}
      </h2>
      {meeting ? (
        <div className="meeting">
          <p className="meeting-head">
            <span className={`meeting-type meeting-type-${meeting.type}`}>{t(`home.meetingTypes.${meeting.type}`)}</span>
            <StateBadge state={meeting.state} />
          </p>
          {meeting.title !== t(`home.meetingTypes.${meeting.type}`) && <p className="meeting-title">{meeting.title}</p>}
          <dl className="meeting-facts">
            <div>
              <dt>{t('home.date')}</dt>
              <dd>
                <time dateTime={meeting.date}>{formatDate(meeting.date, language)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('home.time')}</dt>
              <dd>{meeting.startTime ?? t('home.notSet')}</dd>
            </div>
            <div>
              <dt>{t('home.place')}</dt>
              <dd>{meeting.place ?? t('home.notSet')}</dd>
            </div>
          </dl>
          {onOpen && (
            <button type="button" className="button button-small" onClick={() => onOpen(meeting.id)}>
              {t('meetings.home.open')}
            </button>
          )}
        </div>
      ) : (
        <div className="empty-inline">
          <p className="empty-title">{t('home.noNextMeeting')}</p>
          <p className="empty-detail">{t('home.noNextMeetingDetail')}</p>
        </div>
      )}
    </section>
  );
}

function CountTiles({ counts, onOpenRoles }: { counts: Counts; onOpenRoles?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const tiles: Tile[] = [
    {
      id: 'meetings',
      values: [
        { label: t('home.tiles.upcoming'), value: counts.upcomingMeetings },
        { label: t('home.tiles.past'), value: counts.pastMeetings },
      ],
    },
    { id: 'cases', values: [{ label: t('home.tiles.openCases'), value: counts.openCases }] },
    { id: 'pledges', values: [{ label: t('home.tiles.pledgesCount'), value: counts.pledges }] },
    {
      id: 'roles',
      values: [
        { label: t('home.tiles.openRoles'), value: counts.openRoleAssignments },
        { label: t('home.tiles.overdueRoles'), value: counts.overdueRoleAssignments },
      ],
    },
    { id: 'organizations', values: [{ label: t('home.tiles.organizationsCount'), value: counts.organizations }] },
  ];
  return (
    <section className="counts" aria-labelledby="counts-heading">
      <h2 id="counts-heading" className="section-title">
        {t('home.countsHeading')}
      </h2>
      <ul className="tiles">
        {tiles.map((tile) => {
          const notBuilt = tile.values.every((v) => v.value === null);
          const empty = !notBuilt && tile.values.every((v) => v.value === 0);
          return (
            <li key={tile.id} className={`tile${empty || notBuilt ? ' tile-empty' : ''}`}>
              <h3 className="tile-title">{t(`home.tiles.${tile.id}`)}</h3>
              {notBuilt ? (
                <p className="tile-empty-text">{t(`home.notBuilt.${tile.id}`)}</p>
              ) : (
                <>
                  <dl className="tile-values">
                    {tile.values.map((v) => (
                      <div key={v.label} className="tile-value">
                        <dt>{v.label}</dt>
                        <dd>{(v.value ?? 0).toLocaleString()}</dd>
                      </div>
                    ))}
                  </dl>
                  {empty && <p className="tile-empty-text">{t(`home.empty.${tile.id}`)}</p>}
                </>
              )}
              {tile.id === 'roles' && onOpenRoles ? (
                <button type="button" className="button button-small role-home-link" onClick={onOpenRoles}>
                  {t('roles.home.open')}
                </button>
              ) : (
                !notBuilt && <p className="tile-later">{t('home.laterVersion')}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
