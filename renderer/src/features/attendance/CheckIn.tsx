import { useRef, useState, type KeyboardEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Attendance, AttendanceRow } from '../../../../shared/contract/attendance';
import type { Meeting } from '../../../../shared/contract/meetings';
import { mayChange } from '../../../../shared/domain/meeting-lifecycle';
import { useInvoke } from '../../api';
import { errorText, isKasaneError } from '../../errors';
import { formatDate } from '../../format';
import { PageHeading, useFlash } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { printedDocument } from '../../components/pdf-document';
import { ErrorAlert, todayIso } from '../directory/ui';
import { LockedNote, PrintingStatus, SecretMark, StateBadge, TypeBadge, notYetHeldReason } from '../meetings/shared';
import { DoorPledgeDialog, ExemptionDialog, LeaveDialog, type GatePerson } from './GateDialogs';
import { usePledgeForms } from './PledgeCoveragePanel';
import { WalkInDialog, type BlockedArrival } from './WalkInDialog';
import { PdfDialog, PledgeBadge, attendanceKeys, coverageDetail, isTime, nowTime, useAttendance, useClock, useRefreshMeeting, type PdfDocument } from './shared';

type Dialog =
  | { kind: 'door'; person: GatePerson; late: BlockedArrival | null }
  | { kind: 'exempt'; person: GatePerson & { organizationId: string }; late: BlockedArrival | null }
  | { kind: 'leave'; row: AttendanceRow }
  | { kind: 'walkIn' }
  | null;

function counts(rows: AttendanceRow[]) {
  return {
    present: rows.filter((r) => r.present === true).length,
    absent: rows.filter((r) => r.present === false).length,
    pending: rows.filter((r) => r.present === null).length,
  };
}

/** The side panel of the meeting screen that leads to the 受付 view, with where things stand. */
export function AttendanceEntryPanel({ meeting, onOpen }: { meeting: Meeting; onOpen: () => void }) {
  const { t } = useTranslation();
  const attendance = useAttendance(meeting.id);
  const state = attendance.data?.state ?? meeting.state;
  const c = attendance.data ? counts(attendance.data.rows) : null;
  // A cancelled meeting has no 受付 to open (its record, if any, stays as it was); the text says why.
  const locked = state === 'cancelled';
  const text =
    state === 'open'
      ? t('attendance.entry.open')
      : state === 'closed'
        ? t('attendance.entry.closed')
        : state === 'cancelled'
          ? t('attendance.entry.cancelled')
          : state === 'checking_in'
            ? t('attendance.entry.checkingIn')
            : meeting.type === 'shien'
              ? t('attendance.entry.plannedShien')
              : t('attendance.entry.planned');
  return (
    <section className="panel mt-side-panel at-entry" aria-labelledby="at-entry-heading">
      <h2 id="at-entry-heading" className="panel-title">
        {t('attendance.entry.heading')}
      </h2>
      <p className="at-entry-state">
        <StateBadge state={state} />
      </p>
      <p id="at-entry-text" className="at-entry-text">
        {text}
      </p>
      {c && (c.present > 0 || c.absent > 0) && <p className="at-entry-counts">{t('attendance.entry.counts', c)}</p>}
      <button
        type="button"
        className={`button ${locked ? 'button-locked' : 'button-primary'}`}
        aria-disabled={locked ? true : undefined}
        aria-describedby={locked ? 'at-entry-text' : undefined}
        onClick={() => !locked && onOpen()}
      >
        {t('attendance.entry.button')}
      </button>
    </section>
  );
}

/**
 * 受付 on the meeting day: each invitee with organization, title, pledge status, present or
 * absent, arrival (now by default, editable) and departure; walk-ins; and the gate of a 支援会議
 * with its three ways out for each person who blocks the opening (or a late arrival).
 */
export function CheckIn({ meeting, onBack }: { meeting: Meeting; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const attendance = useAttendance(meeting.id);
  const refreshAll = useRefreshMeeting(meeting.id);
  const clock = useClock();
  const today = todayIso();
  const [flash, setFlash] = useFlash();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [arrivalErrors, setArrivalErrors] = useState<Record<string, string>>({});
  const [blocked, setBlocked] = useState<BlockedArrival[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [document, setDocument] = useState<PdfDocument | null>(null);
  const [focused, setFocused] = useState(0);
  const rowRefs = useRef<Array<HTMLTableRowElement | null>>([]);
  const heading = t('attendance.checkIn.heading');
  useDocumentTitle(`${heading} ${meeting.title} ${formatDate(meeting.date, i18n.language)}`);

  const shien = meeting.type === 'shien';
  const data = attendance.data;
  const state = data?.state ?? meeting.state;
  const rows = data?.rows ?? [];
  const inviteeOf = new Map(meeting.invitees.map((i) => [i.memberId, i]));
  // What the state machine allows now (shared/domain/meeting-lifecycle); nothing is recorded before the meeting's day.
  const notYet = notYetHeldReason(t, i18n.language, meeting.date, today);
  const onTheDay = meeting.date === today;
  const mayArrive = mayChange(state, 'arrive') && !notYet;
  const mayAbsent = mayChange(state, 'absent') && !notYet;
  const mayLeave = mayChange(state, 'leave');
  const mayWalkIn = mayChange(state, 'walk_in');
  const beforeOpening = state === 'planned' || state === 'checking_in';

  // After every attempt, refused or not, the gate and the sheet read again what the core holds.
  const open = useMutation({
    mutationFn: () => invoke('meeting.open', { meetingId: meeting.id }),
    onSuccess: (next) => {
      queryClient.setQueryData(attendanceKeys.attendance(meeting.id), next);
      setFlash(t('attendance.gate.opened'));
    },
    onSettled: () => refreshAll(),
  });

  const applied = (next: Attendance) => {
    queryClient.setQueryData(attendanceKeys.attendance(meeting.id), next);
    refreshAll();
    open.reset();
  };

  const personOf = (r: Pick<AttendanceRow, 'memberId' | 'name' | 'organizationName'>): GatePerson => ({
    memberId: r.memberId,
    name: r.name,
    organizationName: r.organizationName,
    organizationId: inviteeOf.get(r.memberId)?.organizationId ?? null,
  });

  const checkIn = useMutation({
    mutationFn: (v: { row: AttendanceRow; present: boolean; arrivedAt: string | null }) =>
      invoke('attendance.checkIn', { meetingId: meeting.id, memberId: v.row.memberId, present: v.present, ...(v.present ? { arrivedAt: v.arrivedAt } : {}) }),
    onSuccess: (next, v) => {
      applied(next);
      setBlocked((cur) => cur.filter((b) => b.memberId !== v.row.memberId));
      setFlash(v.present ? t('attendance.checkIn.checkedIn', { name: v.row.name, time: v.arrivedAt ?? '' }) : t('attendance.checkIn.markedAbsent', { name: v.row.name }));
    },
    onError: (error, v) => {
      refreshAll();
      // A late arrival at an open 支援会議 without a pledge: shown as blocked, with the ways out.
      if (isKasaneError(error, 'attendee_not_covered') && v.present) {
        const arrival: BlockedArrival = { ...personOf(v.row), walkIn: false, arrivedAt: v.arrivedAt ?? nowTime() };
        setBlocked((cur) => [...cur.filter((b) => b.memberId !== v.row.memberId), arrival]);
      }
    },
  });

  const leave = useMutation({
    mutationFn: (v: { row: AttendanceRow; leftAt: string }) => invoke('attendance.leave', { meetingId: meeting.id, memberId: v.row.memberId, leftAt: v.leftAt }),
    onSuccess: (next, v) => {
      applied(next);
      setDialog(null);
      setFlash(t('attendance.checkIn.leftRecorded', { name: v.row.name, time: v.leftAt }));
    },
    onError: () => refreshAll(),
  });

  /** A late arrival once covered (door pledge or exemption): checked in as they came. */
  const admit = useMutation({
    mutationFn: (b: BlockedArrival) =>
      b.walkIn
        ? invoke('attendance.addWalkIn', { meetingId: meeting.id, memberId: b.memberId, arrivedAt: b.arrivedAt })
        : invoke('attendance.checkIn', { meetingId: meeting.id, memberId: b.memberId, present: true, arrivedAt: b.arrivedAt }),
    onSuccess: (next, b) => {
      applied(next);
      setBlocked((cur) => cur.filter((x) => x.memberId !== b.memberId));
      setFlash(t('attendance.gate.lateCheckedIn', { name: b.name }));
    },
    onError: () => refreshAll(),
  });

  const printAttendance = useMutation({
    mutationFn: async (): Promise<PdfDocument> => {
      const result = await invoke('meeting.attendancePdf', { meetingId: meeting.id });
      return { title: t('attendance.documents.attendanceList'), ...printedDocument(result.fileName, result.pdfBase64, { document: 'attendance', subject: { kind: 'meeting', id: meeting.id } }) };
    },
    onSuccess: setDocument,
  });
  const printForms = usePledgeForms(meeting.id, setDocument);

  // On the day the arrival is now unless changed; recorded afterwards, it must be typed in.
  const arrivalOf = (r: AttendanceRow) => drafts[r.memberId] ?? (onTheDay ? clock : '');
  /** 欠席 once someone has arrived at an open meeting is no longer possible: they leave (退席) instead. */
  const offerAbsent = (r: AttendanceRow) => mayAbsent && r.present !== false && !r.leftAt && !(state === 'open' && r.present === true);
  function markPresent(r: AttendanceRow) {
    if (!mayArrive || r.present === true || checkIn.isPending) return;
    const time = arrivalOf(r);
    if (!isTime(time) && !onTheDay) {
      setArrivalErrors((cur) => ({ ...cur, [r.memberId]: t('attendance.checkIn.arrivalRequired', { name: r.name }) }));
      return;
    }
    setArrivalErrors(({ [r.memberId]: _drop, ...rest }) => rest);
    checkIn.mutate({ row: r, present: true, arrivedAt: isTime(time) ? time : nowTime() });
  }
  function markAbsent(r: AttendanceRow) {
    if (!offerAbsent(r) || checkIn.isPending) return;
    checkIn.mutate({ row: r, present: false, arrivedAt: null });
  }
  function startLeave(r: AttendanceRow) {
    if (!mayLeave || r.present !== true || r.leftAt) return;
    leave.reset();
    setDialog({ kind: 'leave', row: r });
  }

  function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, index: number, r: AttendanceRow) {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    const move = (to: number) => {
      const next = Math.max(0, Math.min(rows.length - 1, to));
      setFocused(next);
      rowRefs.current[next]?.focus();
    };
    const key = e.key.toLowerCase();
    if (e.key === 'ArrowDown') move(index + 1);
    else if (e.key === 'ArrowUp') move(index - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(rows.length - 1);
    else if (key === 'p') markPresent(r);
    else if (key === 'a') markAbsent(r);
    else if (key === 'l') startLeave(r);
    else return;
    e.preventDefault();
  }

  const c = counts(rows);
  const blockers = beforeOpening && shien ? rows.filter((r) => r.present === true && !r.covered) : [];
  const late = state === 'open' && shien ? blocked : [];
  const blockedIds = new Set(late.map((b) => b.memberId));
  const statusOf = (r: AttendanceRow) =>
    r.present === null ? t('attendance.checkIn.status.pending') : r.present ? (r.leftAt ? t('attendance.checkIn.status.left') : t('attendance.checkIn.status.present')) : t('attendance.checkIn.status.absent');
  // A refusal by the gate at check-in is shown as the person's blocked state, not as a failure.
  const actionError = [checkIn.error, admit.error, printAttendance.error, printForms.error].find((e) => e && !isKasaneError(e, 'attendee_not_covered')) ?? admit.error;

  /** The ways out for one person: print, record the signed pledge, absent / not admitted, exemption. */
  function waysOut(person: GatePerson, arrival: BlockedArrival | null) {
    const row = rows.find((r) => r.memberId === person.memberId);
    const invited = inviteeOf.has(person.memberId);
    const orgId = person.organizationId;
    return (
      <div className="at-ways" role="group" aria-label={t('attendance.gate.waysLabel', { name: person.name })}>
        {invited && (
          <button type="button" className="button button-small" aria-disabled={printForms.isPending || undefined} onClick={() => !printForms.isPending && printForms.mutate([person.memberId])}>
            {t('attendance.gate.ways.print')}
          </button>
        )}
        <button type="button" className="button button-small button-primary" onClick={() => setDialog({ kind: 'door', person, late: arrival })}>
          {t('attendance.gate.ways.record')}
        </button>
        {arrival && !row ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setBlocked((cur) => cur.filter((b) => b.memberId !== person.memberId));
              setFlash(t('attendance.gate.dismissed', { name: person.name }));
            }}
          >
            {t('attendance.gate.ways.dismiss')}
          </button>
        ) : (
          row &&
          offerAbsent(row) && (
            <button type="button" className="button button-small" title={t('attendance.gate.wayAbsentHint')} onClick={() => markAbsent(row)}>
              {t('attendance.gate.ways.absent')}
            </button>
          )
        )}
        {orgId && (
          <button
            type="button"
            className="button button-small button-danger"
            title={t('attendance.gate.wayExemptHint')}
            onClick={() => setDialog({ kind: 'exempt', person: { ...person, organizationId: orgId }, late: arrival })}
          >
            {t('attendance.gate.ways.exempt')}
          </button>
        )}
      </div>
    );
  }

  const covered = (person: GatePerson, arrival: BlockedArrival | null) => {
    setDialog(null);
    if (arrival) admit.mutate(arrival);
    else {
      refreshAll();
      open.reset();
      setFlash(t('attendance.gate.covered', { name: person.name }));
    }
  };
  const openLocked = beforeOpening ? notYet : null;

  return (
    <article className="page page-wide at-page">
      <p className="back-row">
        <button type="button" className="link-button" onClick={onBack}>
          ← {t('attendance.checkIn.back')}
        </button>
      </p>
      <div className="mt-title-row">
        <TypeBadge type={meeting.type} />
        {shien && <SecretMark />}
        <StateBadge state={state} />
      </div>
      <PageHeading>
        {t('attendance.checkIn.pageHeading', { title: meeting.title })}
        <span className="mt-heading-date"> {formatDate(meeting.date, i18n.language)}</span>
      </PageHeading>
      <p className="mt-flash" role="status">
        {flash}
      </p>
      {attendance.isPending && (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      )}
      {attendance.error && <ErrorAlert>{errorText(t, attendance.error)}</ErrorAlert>}
      {data && mayChange(state, 'arrive') && <LockedNote id="at-not-yet">{notYet}</LockedNote>}
      {data && (
        <>
          <section className={`panel at-gate${blockers.length || late.length ? ' at-gate-blocked' : ''}`} aria-labelledby="at-gate-heading">
            <div className="at-gate-head">
              <h2 id="at-gate-heading" className="panel-title">
                {t('attendance.gate.heading')}
              </h2>
              {beforeOpening && (
                <button
                  type="button"
                  className={`button at-open-button ${openLocked ? 'button-locked' : 'button-primary'}`}
                  aria-describedby={openLocked ? 'at-not-yet at-gate-status' : 'at-gate-status'}
                  aria-disabled={open.isPending || openLocked ? true : undefined}
                  onClick={() => !open.isPending && !openLocked && open.mutate()}
                >
                  {open.isPending ? t('attendance.gate.opening') : t('attendance.gate.open')}
                </button>
              )}
              {state === 'open' && <span className="at-open-now">{t('attendance.gate.openNow')}</span>}
              {state === 'closed' && <span className="at-closed-now">{t('attendance.gate.closed')}</span>}
              {state === 'cancelled' && <span className="at-closed-now">{t('attendance.gate.cancelled')}</span>}
            </div>
            <div id="at-gate-status">
              {beforeOpening &&
                (!shien ? (
                  <p className="at-gate-text">{t('attendance.gate.readyOther')}</p>
                ) : blockers.length > 0 ? (
                  <div className="at-blocked" role="region" aria-labelledby="at-blocked-heading">
                    <h3 id="at-blocked-heading" className="at-blocked-heading">
                      {t('attendance.gate.blockedHeading')}
                    </h3>
                    <p className="at-gate-text">{t('attendance.gate.blockedIntro')}</p>
                    <ul className="at-blocked-list">
                      {blockers.map((r) => (
                        <li key={r.memberId} className="at-blocked-person" data-testid="gate-blocker">
                          <p className="at-blocked-name">
                            <strong>{r.name}</strong> <span className="at-title">{r.organizationName}</span>
                            <span className="at-blocked-reason">{coverageDetail(t, r)}</span>
                          </p>
                          {waysOut(personOf(r), null)}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : c.present === 0 ? (
                  <p className="at-gate-text">{t('attendance.gate.noOnePresent')}</p>
                ) : (
                  <p className="at-gate-text at-gate-ready">{t('attendance.gate.ready')}</p>
                ))}
              {state === 'open' && <p className="at-gate-text">{shien ? t('attendance.gate.openNote') : t('attendance.gate.openNoteOther')}</p>}
              {state === 'closed' && <p className="at-gate-text">{t('attendance.checkIn.closedNote')}</p>}
              {state === 'cancelled' && <p className="at-gate-text">{t('attendance.checkIn.cancelledNote')}</p>}
              {/* A refusal at check-in is announced here (the region exists before it fills). */}
              <div aria-live="polite">
                {late.length > 0 && (
                  <div className="at-blocked" role="region" aria-labelledby="at-late-heading">
                    <p className="visually-hidden">{late.map((b) => t('attendance.walkIn.blocked', { name: b.name })).join(' ')}</p>
                    <h3 id="at-late-heading" className="at-blocked-heading">
                      {t('attendance.gate.lateHeading')}
                    </h3>
                    <p className="at-gate-text">{t('attendance.gate.lateIntro')}</p>
                    <ul className="at-blocked-list">
                      {late.map((b) => (
                        <li key={b.memberId} className="at-blocked-person" data-testid="late-blocked">
                          <p className="at-blocked-name">
                            <strong>{b.name}</strong> <span className="at-title">{b.organizationName}</span>
                            <span className="badge at-badge at-badge-missing">{t('attendance.checkIn.blockedBadge')}</span>
                          </p>
                          {waysOut(b, b)}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </div>
            </div>
            {open.error && <ErrorAlert>{errorText(t, open.error)}</ErrorAlert>}
          </section>

          <section className="at-sheet" aria-labelledby="at-sheet-heading">
            <div className="toolbar at-toolbar">
              <h2 id="at-sheet-heading" className="section-title at-sheet-title">
                {t('attendance.checkIn.tableLabel')}
              </h2>
              <span className="toolbar-spacer" />
              {mayWalkIn && (
                <button
                  type="button"
                  className={`button${notYet ? ' button-locked' : ''}`}
                  aria-disabled={notYet ? true : undefined}
                  aria-describedby={notYet ? 'at-not-yet' : undefined}
                  onClick={() => !notYet && setDialog({ kind: 'walkIn' })}
                >
                  {t('attendance.checkIn.addWalkIn')}
                </button>
              )}
              <button type="button" className="button button-secondary" aria-disabled={printAttendance.isPending || undefined} onClick={() => !printAttendance.isPending && printAttendance.mutate()}>
                {t('attendance.checkIn.attendanceList')}
              </button>
            </div>
            {mayArrive && !onTheDay && <p className="notice at-afterwards">{t('attendance.checkIn.afterwardsNote', { date: formatDate(meeting.date, i18n.language) })}</p>}
            <p className="at-intro">
              {onTheDay ? t('attendance.checkIn.intro') : t('attendance.checkIn.introAfterwards')} <span id="at-keys">{t('attendance.checkIn.keyboard')}</span>
            </p>
            <p className="at-counts" aria-live="polite">
              {t('attendance.checkIn.summary', c)}
            </p>
            <PrintingStatus text={printAttendance.isPending ? t('attendance.checkIn.printingList') : printForms.isPending ? t('attendance.coverage.printing') : null} />
            {actionError && <ErrorAlert>{errorText(t, actionError)}</ErrorAlert>}
            {rows.length === 0 ? (
              <p className="empty-inline empty-detail">{t('attendance.checkIn.empty')}</p>
            ) : (
              <div className="data-table-wrap">
                <table className="data-table at-table at-sheet-table" aria-label={t('attendance.checkIn.tableLabel')} aria-describedby="at-keys">
                  <thead>
                    <tr>
                      <th scope="col">{t('attendance.checkIn.columns.organization')}</th>
                      <th scope="col">{t('attendance.checkIn.columns.title')}</th>
                      <th scope="col">{t('attendance.checkIn.columns.name')}</th>
                      {shien && <th scope="col">{t('attendance.checkIn.columns.pledge')}</th>}
                      <th scope="col">{t('attendance.checkIn.columns.attendance')}</th>
                      <th scope="col">{t('attendance.checkIn.columns.arrived')}</th>
                      <th scope="col">{t('attendance.checkIn.columns.left')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('attendance.checkIn.columns.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r, index) => {
                      const isBlocked = blockedIds.has(r.memberId);
                      const status = statusOf(r);
                      return (
                        <tr
                          key={r.memberId}
                          ref={(el) => {
                            rowRefs.current[index] = el;
                          }}
                          tabIndex={index === Math.min(focused, rows.length - 1) ? 0 : -1}
                          className={`at-row at-row-${r.present === null ? 'pending' : r.present ? 'present' : 'absent'}${isBlocked ? ' at-row-blocked' : ''}`}
                          aria-label={t('attendance.checkIn.rowLabel', { organization: r.organizationName, name: r.name, status })}
                          aria-keyshortcuts="P A L"
                          data-testid="checkin-row"
                          onFocus={(e) => {
                            if (e.target === e.currentTarget) setFocused(index);
                          }}
                          onKeyDown={(e) => onRowKey(e, index, r)}
                        >
                          <td>{r.organizationName}</td>
                          <td>{inviteeOf.get(r.memberId)?.title ?? ''}</td>
                          <td className="at-name">
                            {r.name}
                            {r.walkIn && <span className="badge badge-muted badge-inline">{t('attendance.checkIn.walkInBadge')}</span>}
                          </td>
                          {shien && (
                            <td>
                              <PledgeBadge coverage={r} />
                              <span className="at-detail at-detail-block">{coverageDetail(t, r)}</span>
                            </td>
                          )}
                          <td>
                            <span className={`at-status at-status-${r.present === null ? 'pending' : r.present ? (r.leftAt ? 'left' : 'present') : 'absent'}`}>{status}</span>
                            {isBlocked && <span className="badge at-badge at-badge-missing at-detail-block">{t('attendance.checkIn.blockedBadge')}</span>}
                          </td>
                          <td className="nowrap">
                            {r.present === true ? (
                              <time>{r.arrivedAt ?? '—'}</time>
                            ) : !mayArrive ? (
                              '—'
                            ) : (
                              <>
                                <input
                                  type="time"
                                  className="input at-time"
                                  aria-label={t('attendance.checkIn.arrivedAt', { name: r.name })}
                                  aria-required={!onTheDay || undefined}
                                  aria-invalid={arrivalErrors[r.memberId] ? true : undefined}
                                  aria-describedby={arrivalErrors[r.memberId] ? `at-arrival-error-${index}` : undefined}
                                  value={arrivalOf(r)}
                                  onChange={(e) => {
                                    setDrafts((cur) => ({ ...cur, [r.memberId]: e.target.value }));
                                    setArrivalErrors(({ [r.memberId]: _drop, ...rest }) => rest);
                                  }}
                                />
                                {arrivalErrors[r.memberId] && (
                                  <p id={`at-arrival-error-${index}`} className="field-error at-arrival-error">
                                    {arrivalErrors[r.memberId]}
                                  </p>
                                )}
                              </>
                            )}
                          </td>
                          <td className="nowrap">
                            {r.leftAt ? (
                              <time>{r.leftAt}</time>
                            ) : r.present === true && mayLeave ? (
                              <button type="button" className="button button-small" aria-label={t('attendance.checkIn.leaveLabel', { name: r.name })} onClick={() => startLeave(r)}>
                                {t('attendance.checkIn.leave')}
                              </button>
                            ) : (
                              ''
                            )}
                          </td>
                          <td className="nowrap">
                            <div className="at-row-actions">
                            {mayArrive && r.present !== true && (
                              <button type="button" className="button button-small button-primary" aria-label={t('attendance.checkIn.presentLabel', { name: r.name })} onClick={() => markPresent(r)}>
                                {t('attendance.checkIn.present')}
                              </button>
                            )}
                            {offerAbsent(r) && (
                              <button type="button" className="button button-small" aria-label={t('attendance.checkIn.absentLabel', { name: r.name })} onClick={() => markAbsent(r)}>
                                {t('attendance.checkIn.absent')}
                              </button>
                            )}
                            </div>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}

      {dialog?.kind === 'door' && <DoorPledgeDialog meeting={meeting} person={dialog.person} onClose={() => setDialog(null)} onRecorded={() => covered(dialog.person, dialog.late)} />}
      {dialog?.kind === 'exempt' && (
        <ExemptionDialog
          person={dialog.person}
          onClose={() => setDialog(null)}
          onExempted={() => {
            setFlash(t('attendance.exemption.done', { organization: dialog.person.organizationName }));
            covered(dialog.person, dialog.late);
          }}
        />
      )}
      {dialog?.kind === 'leave' && (
        <LeaveDialog name={dialog.row.name} pending={leave.isPending} error={leave.error} onClose={() => setDialog(null)} onSubmit={(leftAt) => leave.mutate({ row: dialog.row, leftAt })} />
      )}
      {dialog?.kind === 'walkIn' && (
        <WalkInDialog
          meeting={meeting}
          onClose={() => setDialog(null)}
          onAdded={(name) => {
            setDialog(null);
            refreshAll();
            setFlash(t('attendance.walkIn.added', { name }));
          }}
          onBlocked={(person) => {
            setDialog(null);
            refreshAll();
            setBlocked((cur) => [...cur.filter((b) => b.memberId !== person.memberId), person]);
          }}
        />
      )}
      {document && <PdfDialog document={document} onClose={() => setDocument(null)} />}
    </article>
  );
}
