import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingChange } from '../../../../shared/domain/meeting-lifecycle';
import { mayChange } from '../../../../shared/domain/meeting-lifecycle';
import type { Meeting } from '../../../../shared/contract/meetings';
import { errorText, isKasaneError } from '../../errors';
import { formatDate } from '../../format';
import { PageHeading, useFlash } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { CompactTable, ErrorAlert, Fact, dateTime } from '../directory/ui';
import { AgendaBuilder } from './AgendaBuilder';
import { CancelMeetingDialog } from './CancelMeetingDialog';
import { CorrectRecordDialog } from './CorrectRecordDialog';
import { DocumentsPanel } from './DocumentsPanel';
import { PlanMeetingDialog } from './PlanMeetingDialog';
import { SuggestionsPanel } from './SuggestionsPanel';
import { AttendanceEntryPanel, CheckIn } from '../attendance/CheckIn';
import { PledgeCoveragePanel } from '../attendance/PledgeCoveragePanel';
import { MinutesPanel } from '../minutes/MinutesPanel';
import { LockedNote, SecretMark, StateBadge, TypeBadge, lockedReason, timeRange, useMeeting } from './shared';

const CANCELLED_BANNER_ID = 'mt-cancelled-banner';

/** What the edit dialog can change: offered while the state allows any of it. */
const EDITS: MeetingChange[] = ['date', 'time', 'place', 'title', 'notes', 'invite', 'uninvite'];

/** Another meeting's agenda received a case (the consent rule sent it to the next 支援会議). */
export interface AddedElsewhere {
  meetingId: string;
  caseNumber: string;
  date: string;
}

export function MeetingDetail({ id, onBack, onOpenMeeting }: { id: string; onBack: () => void; onOpenMeeting: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const meeting = useMeeting(id);
  const [dialog, setDialog] = useState<'edit' | 'cancel' | 'correct' | null>(null);
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
          {m.state === 'cancelled' && <CancelledBanner meeting={m} language={i18n.language} />}
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
                  <MeetingActions meeting={m} onEdit={() => setDialog('edit')} onCancel={() => setDialog('cancel')} onCorrect={() => setDialog('correct')} />
                </div>
                <dl className="facts mt-facts">
                  <Fact label={t('meetings.detail.date')}>
                    <time dateTime={m.date}>{formatDate(m.date, i18n.language)}</time>
                  </Fact>
                  <Fact label={t('meetings.detail.time')}>{timeRange(t, m.startTime, m.endTime, t('meetings.detail.notSet'))}</Fact>
                  <Fact label={t('meetings.detail.place')}>{m.place ?? t('meetings.detail.notSet')}</Fact>
                  <Fact label={t('meetings.detail.state')}>
                    <StateBadge state={m.state} />
                  </Fact>
                  {m.closedTime && <Fact label={t('meetings.detail.closedTime')}>{m.closedTime}</Fact>}
                  {m.notes && (
                    <div className="mt-facts-wide">
                      <dt>{t('meetings.detail.notes')}</dt>
                      <dd className="mt-notes">{m.notes}</dd>
                    </div>
                  )}
                </dl>
                <Corrections meeting={m} />
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
              {m.type === 'shien' && (m.state === 'planned' || m.state === 'checking_in') && <PledgeCoveragePanel meeting={m} />}
              <AgendaBuilder meeting={m} onFlash={setFlash} onAddedElsewhere={setElsewhere} />
            </div>
            <aside className="mt-side">
              <AttendanceEntryPanel meeting={m} onOpen={() => setCheckingIn(true)} />
              <DocumentsPanel meeting={m} />
              {mayChange(m.state, 'agenda') && m.type !== 'other' && <SuggestionsPanel meeting={m} onFlash={setFlash} onAddedElsewhere={setElsewhere} />}
            </aside>
          </div>
          {dialog === 'edit' && (
            <PlanMeetingDialog
              meeting={m}
              onClose={() => setDialog(null)}
              onSaved={() => {
                setDialog(null);
                setFlash(t('meetings.plan.updated'));
              }}
            />
          )}
          {dialog === 'cancel' && (
            <CancelMeetingDialog
              meeting={m}
              onClose={() => setDialog(null)}
              onCancelled={() => {
                setDialog(null);
                setFlash(t('meetings.cancel.done'));
                // The button that opened the dialog is gone: the focus goes to what 中止 left, the banner.
                window.setTimeout(() => document.getElementById(CANCELLED_BANNER_ID)?.focus(), 0);
              }}
            />
          )}
          {dialog === 'correct' && (
            <CorrectRecordDialog
              meeting={m}
              onClose={() => setDialog(null)}
              onCorrected={() => {
                setDialog(null);
                setFlash(t('meetings.correct.done'));
              }}
            />
          )}
        </>
      )}
    </article>
  );
}

/**
 * The meeting's own actions, each offered as the state machine allows: change (date, time,
 * place, invitees), 中止 before 開会, 記録を訂正 after 閉会. What is not allowed stays visible,
 * disabled, with the reason beside it.
 */
function MeetingActions({ meeting: m, onEdit, onCancel, onCorrect }: { meeting: Meeting; onEdit: () => void; onCancel: () => void; onCorrect: () => void }) {
  const { t } = useTranslation();
  const reasonId = useId();
  const mayEdit = EDITS.some((change) => mayChange(m.state, change));
  const editLocked = mayEdit ? null : m.state === 'closed' ? t('meetings.locked.editClosed') : lockedReason(t, m.state, 'time');
  // 中止 is a step before 閉会 only: after it (or once cancelled) there is nothing to offer.
  const offerCancel = m.state !== 'closed' && m.state !== 'cancelled';
  const cancelLocked = offerCancel ? lockedReason(t, m.state, 'cancel') : null;
  const locked = editLocked ?? cancelLocked;
  return (
    <div className="mt-actions" role="group" aria-label={t('meetings.detail.actions')}>
      <div className="mt-actions-buttons">
        <button
          type="button"
          className={`button button-small${mayEdit ? '' : ' button-locked'}`}
          aria-disabled={!mayEdit || undefined}
          aria-describedby={editLocked ? reasonId : undefined}
          onClick={() => mayEdit && onEdit()}
        >
          {t('meetings.detail.edit')}
        </button>
        {mayChange(m.state, 'correct') && (
          <button type="button" className="button button-small button-primary" onClick={onCorrect}>
            {t('meetings.detail.correct')}
          </button>
        )}
        {offerCancel && (
          <button
            type="button"
            className={`button button-small${cancelLocked ? ' button-locked' : ' button-danger'}`}
            aria-disabled={cancelLocked ? true : undefined}
            aria-describedby={cancelLocked ? reasonId : undefined}
            onClick={() => !cancelLocked && onCancel()}
          >
            {t('meetings.detail.cancel')}
          </button>
        )}
      </div>
      <LockedNote id={reasonId}>{locked}</LockedNote>
    </div>
  );
}

/** 中止: when, why, and what it means — the first thing on the page of a cancelled meeting. */
function CancelledBanner({ meeting: m, language }: { meeting: Meeting; language: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section id={CANCELLED_BANNER_ID} tabIndex={-1} className="mt-cancelled-banner" aria-labelledby={headingId} data-testid="cancelled-banner">
      <p id={headingId} className="mt-cancelled-title">
        {m.cancelledOn ? t('meetings.detail.cancelledBanner', { date: formatDate(m.cancelledOn, language) }) : t('meetings.states.cancelled')}
      </p>
      {m.cancelReason && <p className="mt-cancelled-reason">{t('meetings.detail.cancelledReason', { reason: m.cancelReason })}</p>}
      <p className="mt-cancelled-note">{t('meetings.detail.cancelledNote')}</p>
    </section>
  );
}

/** 記録の訂正 made after 閉会: when, by whom, why, and what changed (append-only, oldest first). */
function Corrections({ meeting: m }: { meeting: Meeting }) {
  const { t, i18n } = useTranslation();
  if (m.corrections.length === 0) return null;
  const field = (f: string) => t(`meetings.detail.correctionFields.${f}`, { defaultValue: f });
  return (
    <section className="mt-corrections" aria-labelledby="mt-corrections-heading">
      <h3 id="mt-corrections-heading" className="subheading">
        {t('meetings.detail.correctionsHeading', { count: m.corrections.length })}
      </h3>
      <CompactTable
        caption={t('meetings.detail.correctionsLabel')}
        columns={[t('meetings.detail.correctionColumns.at'), t('meetings.detail.correctionColumns.staff'), t('meetings.detail.correctionColumns.reason'), t('meetings.detail.correctionColumns.fields')]}
      >
        {m.corrections.map((c) => (
          <tr key={c.at} data-testid="correction-row">
            <td className="nowrap">{dateTime(c.at, i18n.language)}</td>
            <td>{c.staffName}</td>
            <td>{c.reason}</td>
            <td>{c.fields.map(field).join(t('common.listSeparator'))}</td>
          </tr>
        ))}
      </CompactTable>
    </section>
  );
}
