import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isKasaneError } from '../../errors';
import { formatDate } from '../../format';
import { PageHeading, useFlash } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ErrorAlert, Fact } from '../directory/ui';
import { AgendaBuilder } from './AgendaBuilder';
import { DocumentsPanel } from './DocumentsPanel';
import { PlanMeetingDialog } from './PlanMeetingDialog';
import { SuggestionsPanel } from './SuggestionsPanel';
import { AttendanceEntryPanel, CheckIn } from '../attendance/CheckIn';
import { PledgeCoveragePanel } from '../attendance/PledgeCoveragePanel';
import { MinutesPanel } from '../minutes/MinutesPanel';
import { SecretMark, StateBadge, TypeBadge, timeRange, useMeeting } from './shared';

/** Another meeting's agenda received a case (the consent rule sent it to the next 支援会議). */
export interface AddedElsewhere {
  meetingId: string;
  caseNumber: string;
  date: string;
}

export function MeetingDetail({ id, onBack, onOpenMeeting }: { id: string; onBack: () => void; onOpenMeeting: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const meeting = useMeeting(id);
  const [editing, setEditing] = useState(false);
  const [elsewhere, setElsewhere] = useState<AddedElsewhere | null>(null);
  const [checkingIn, setCheckingIn] = useState(false);
  const [flash, setFlash] = useFlash();
  const m = meeting.data;
  useDocumentTitle(checkingIn && m ? undefined : m ? `${m.title} ${formatDate(m.date, i18n.language)}` : t('meetings.heading'));
  // 受付 (check-in and the gate) is a view of its own, reached from this screen.
  if (checkingIn && m) return <CheckIn meeting={m} onBack={() => setCheckingIn(false)} />;

  return (
    <article className="page page-wide mt-detail">
      <p className="back-row">
        <button type="button" className="link-button" onClick={onBack}>
          ← {t('meetings.detail.back')}
        </button>
      </p>
      {meeting.isPending && (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      )}
      {meeting.error && (
        <ErrorAlert>{isKasaneError(meeting.error, 'meeting_not_found') ? t('meetings.detail.notFound') : errorText(t, meeting.error)}</ErrorAlert>
      )}
      {m && (
        <>
          <div className="mt-title-row">
            <TypeBadge type={m.type} />
            {m.type === 'shien' && <SecretMark />}
            <StateBadge state={m.state} />
          </div>
          <PageHeading>
            {m.title}
            <span className="mt-heading-date"> {formatDate(m.date, i18n.language)}</span>
          </PageHeading>
          {m.type === 'shien' && <p className="mt-secret-note">{t('meetings.secretNote')}</p>}
          <p className="mt-flash" role="status">
            {flash}
          </p>
          {elsewhere && (
            <div className="notice mt-elsewhere" role="status">
              <p>{t('meetings.addCase.addedToShien', { caseNumber: elsewhere.caseNumber, date: formatDate(elsewhere.date, i18n.language) })}</p>
              <button type="button" className="button button-small" onClick={() => onOpenMeeting(elsewhere.meetingId)}>
                {t('meetings.addCase.openShien')}
              </button>
            </div>
          )}
          <MinutesPanel meeting={m} onOpenMeeting={onOpenMeeting} />
          <div className="mt-columns">
            <div className="mt-main">
              <section className="panel mt-facts-panel" aria-labelledby="mt-facts-heading">
                <div className="mt-panel-head">
                  <h2 id="mt-facts-heading" className="panel-title">
                    {t('meetings.detail.facts')}
                  </h2>
                  {m.state === 'planned' && (
                    <button type="button" className="button button-small" onClick={() => setEditing(true)}>
                      {t('meetings.detail.edit')}
                    </button>
                  )}
                </div>
                <dl className="facts mt-facts">
                  <Fact label={t('meetings.detail.date')}>
                    <time dateTime={m.date}>{formatDate(m.date, i18n.language)}</time>
                  </Fact>
                  <Fact label={t('meetings.detail.time')}>{timeRange(t, m.startTime, m.endTime, t('meetings.detail.notSet'))}</Fact>
                  <Fact label={t('meetings.detail.place')}>{m.place ?? t('meetings.detail.notSet')}</Fact>
                  <Fact label={t('meetings.detail.state')}>{t(`meetings.states.${m.state}`)}</Fact>
                  {m.notes && (
                    <div className="mt-facts-wide">
                      <dt>{t('meetings.detail.notes')}</dt>
                      <dd className="mt-notes">{m.notes}</dd>
                    </div>
                  )}
                </dl>
                <h3 className="subheading">{t('meetings.detail.inviteesHeading', { count: m.invitees.length })}</h3>
                {m.invitees.length === 0 ? (
                  <p className="mt-none">{t('meetings.detail.noInvitees')}</p>
                ) : (
                  <ul className="mt-invitee-list">
                    {m.invitees.map((i) => (
                      <li key={i.memberId}>
                        <span className="mt-invitee-org">{i.organizationName}</span> {i.name}
                        {i.title ? `（${i.title}）` : ''}
                        {i.hasLeft && <span className="badge badge-muted badge-inline">{t('meetings.detail.hasLeft')}</span>}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              {m.type === 'shien' && m.state === 'planned' && <PledgeCoveragePanel meeting={m} />}
              <AgendaBuilder meeting={m} onFlash={setFlash} onAddedElsewhere={setElsewhere} />
            </div>
            <aside className="mt-side">
              <AttendanceEntryPanel meeting={m} onOpen={() => setCheckingIn(true)} />
              <DocumentsPanel meeting={m} />
              {m.state === 'planned' && m.type !== 'other' && <SuggestionsPanel meeting={m} onFlash={setFlash} onAddedElsewhere={setElsewhere} />}
            </aside>
          </div>
          {editing && (
            <PlanMeetingDialog
              meeting={m}
              onClose={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                setFlash(t('meetings.plan.updated'));
              }}
            />
          )}
        </>
      )}
    </article>
  );
}
