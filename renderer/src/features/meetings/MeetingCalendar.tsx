import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeetingType } from '../../../../shared/contract';
import type { MeetingSummary } from '../../../../shared/contract/meetings';
import { addDays, addMonths } from '../../../../shared/domain/calendar-date';
import { fiscalYearOf } from '../../../../shared/domain/fiscal-year';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { formatDate } from '../../format';
import { ErrorAlert } from '../directory/ui';
import { gregorianMonth, monthGrid, monthOf, parseMonth, sameDayIn, shiftMonth, warekiMonth, weekdayOf } from './monthGrid';
import { meetingKeys } from './shared';
import './calendar.css';

const TYPES: MeetingType[] = ['jusoteki', 'shien', 'other'];

/** The day that has the focus in a month: the one last chosen, or today, or the same day of the month. */
function activeDay(month: string, chosen: string | null, today: string): string {
  if (chosen && monthOf(chosen) === month) return chosen;
  if (monthOf(today) === month) return today;
  return sameDayIn(month, chosen ?? today);
}

/**
 * 会議カレンダー: a month grid, Sunday first (日 red, 土 blue), headed in 和暦. A grid in the ARIA
 * sense: one day is in the tab order (roving tabindex), arrows move by day and week, Home/End to
 * the ends of the week, PageUp/PageDown by month (Shift: by year); Tab goes on to that day's
 * meetings. Moving past the month's edge shows the next month. Meetings of the days that fill
 * the first and last week are shown too: the data covers every 年度 the grid touches.
 */
export function MeetingCalendar({
  month,
  type,
  today,
  showCancelled = true,
  onMonthChange,
  onOpen,
}: {
  /** `YYYY-MM` */
  month: string;
  type: '' | MeetingType;
  today: string;
  /** 中止 meetings are shown muted and struck through, or left out. */
  showCancelled?: boolean;
  onMonthChange: (month: string) => void;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const ja = i18n.language === 'ja';
  const headingId = useId();
  const keysId = useId();
  const gridRef = useRef<HTMLTableElement>(null);
  const focusAfterRender = useRef(false);
  const [focusedDay, onFocusedDayChange] = useState<string | null>(null);
  const grid = useMemo(() => monthGrid(month), [month]);
  const active = activeDay(month, focusedDay, today);
  const monthName = (m: string) => (ja ? warekiMonth(m) : gregorianMonth(m));

  const fiscalYears = [...new Set([fiscalYearOf(grid.start), fiscalYearOf(grid.end)])];
  const meetings = useQuery({
    queryKey: [...meetingKeys.list, { calendar: fiscalYears, type }],
    queryFn: async () => {
      const lists = await Promise.all(fiscalYears.map((fiscalYear) => invoke('meeting.list', { fiscalYear, ...(type ? { type } : {}) })));
      return lists.flat();
    },
    placeholderData: keepPreviousData,
  });
  const byDay = useMemo(() => {
    const map = new Map<string, MeetingSummary[]>();
    for (const m of meetings.data ?? []) {
      if (m.date < grid.start || m.date > grid.end) continue;
      if (!showCancelled && m.state === 'cancelled') continue;
      map.set(m.date, [...(map.get(m.date) ?? []), m]);
    }
    for (const list of map.values()) list.sort((a, b) => (a.startTime ?? '99:99').localeCompare(b.startTime ?? '99:99'));
    return map;
  }, [meetings.data, grid.start, grid.end, showCancelled]);
  const inMonth = (meetings.data ?? []).filter((m) => monthOf(m.date) === month && (showCancelled || m.state !== 'cancelled')).length;
  // While another 年度 is on its way, the previous data is no answer about this month.
  const known = meetings.data !== undefined && !meetings.isPlaceholderData;

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    gridRef.current?.querySelector<HTMLElement>(`[data-date="${active}"]`)?.focus();
  }, [active, month]);

  function moveTo(iso: string) {
    focusAfterRender.current = true;
    onFocusedDayChange(iso);
    if (monthOf(iso) !== month) onMonthChange(monthOf(iso));
  }

  function onKeyDown(e: KeyboardEvent<HTMLTableElement>) {
    const cell = e.target as HTMLElement;
    if (cell.getAttribute('role') !== 'gridcell') return;
    const weekday = weekdayOf(active);
    let next: string;
    switch (e.key) {
      case 'ArrowLeft':
        next = addDays(active, -1);
        break;
      case 'ArrowRight':
        next = addDays(active, 1);
        break;
      case 'ArrowUp':
        next = addDays(active, -7);
        break;
      case 'ArrowDown':
        next = addDays(active, 7);
        break;
      case 'Home':
        next = addDays(active, -weekday);
        break;
      case 'End':
        next = addDays(active, 6 - weekday);
        break;
      case 'PageUp':
        next = addMonths(active, e.shiftKey ? -12 : -1);
        break;
      case 'PageDown':
        next = addMonths(active, e.shiftKey ? 12 : 1);
        break;
      case 'Enter': {
        // One meeting on the day: open it; several: go to the first, Tab reaches the others.
        const list = byDay.get(active) ?? [];
        if (list.length === 1) onOpen(list[0]!.id);
        else cell.querySelector<HTMLElement>('button')?.focus();
        e.preventDefault();
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    moveTo(next);
  }

  const previous = shiftMonth(month, -1);
  const following = shiftMonth(month, 1);
  const thisMonth = monthOf(today);
  const { year } = parseMonth(month);

  return (
    <section className="cal" aria-labelledby={headingId}>
      <div className="cal-head">
        <h2 id={headingId} className="cal-title">
          {monthName(month)}
          {ja && <span className="cal-title-year">{t('meetings.calendar.gregorian', { year })}</span>}
        </h2>
        <div className="cal-nav">
          <button type="button" className="button button-small" aria-label={t('meetings.calendar.previousLabel', { month: monthName(previous) })} onClick={() => onMonthChange(previous)}>
            <span aria-hidden="true">‹ </span>
            {t('meetings.calendar.previous')}
          </button>
          <button
            type="button"
            className="button button-small"
            aria-label={t('meetings.calendar.todayLabel', { month: monthName(thisMonth) })}
            aria-disabled={month === thisMonth || undefined}
            onClick={() => {
              if (month === thisMonth) return;
              onFocusedDayChange(today);
              onMonthChange(thisMonth);
            }}
          >
            {t('meetings.calendar.today')}
          </button>
          <button type="button" className="button button-small" aria-label={t('meetings.calendar.nextLabel', { month: monthName(following) })} onClick={() => onMonthChange(following)}>
            {t('meetings.calendar.next')}
            <span aria-hidden="true"> ›</span>
          </button>
        </div>
      </div>
      {meetings.error && <ErrorAlert>{errorText(t, meetings.error)}</ErrorAlert>}
      <div className={known && inMonth === 0 ? 'cal-empty' : 'cal-summary'}>
        <p className="cal-status" role="status">
          {!known
            ? t('app.loading')
            : inMonth > 0
              ? t('meetings.calendar.monthCount', { month: monthName(month), count: inMonth })
              : t('meetings.calendar.monthEmpty', { month: monthName(month) })}
        </p>
        {known && inMonth === 0 && <p className="field-hint">{t('meetings.calendar.monthEmptyHint')}</p>}
      </div>
      <table
        ref={gridRef}
        role="grid"
        className="cal-grid"
        aria-label={t('meetings.calendar.label', { month: monthName(month) })}
        aria-describedby={keysId}
        aria-busy={meetings.isFetching || undefined}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            {grid.weeks[0]!.map((d) => (
              <th key={d.weekday} scope="col" className={`cal-weekday cal-wd-${d.weekday}`}>
                <abbr title={t(`meetings.calendar.weekdayNames.${d.weekday}`)}>{t(`meetings.calendar.weekdays.${d.weekday}`)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.weeks.map((week) => (
            <tr key={week[0]!.iso}>
              {week.map((d) => {
                const list = byDay.get(d.iso) ?? [];
                const isActive = d.iso === active;
                const isToday = d.iso === today;
                const date = formatDate(d.iso, i18n.language);
                return (
                  <td
                    key={d.iso}
                    role="gridcell"
                    data-date={d.iso}
                    tabIndex={isActive ? 0 : -1}
                    aria-current={isToday ? 'date' : undefined}
                    className={`cal-day cal-wd-${d.weekday}${d.inMonth ? '' : ' cal-day-outside'}${isToday ? ' cal-day-today' : ''}${list.length > 0 ? ' cal-day-busy' : ''}`}
                    onFocus={() => {
                      if (!isActive) onFocusedDayChange(d.iso);
                    }}
                    onClick={(e) => {
                      // A day of the neighbouring month shows that month (a meeting's button opens the meeting).
                      if (!d.inMonth && !(e.target as HTMLElement).closest('button')) moveTo(d.iso);
                    }}
                  >
                    <div className="cal-day-head" aria-hidden="true">
                      <span className="cal-day-number">{d.day}</span>
                      {isToday && <span className="cal-today-mark">{t('meetings.calendar.todayMark')}</span>}
                    </div>
                    <span className="visually-hidden">
                      {date}
                      {isToday ? ` ${t('meetings.calendar.todayMark')}` : ''}
                      {d.inMonth ? '' : ` ${t('meetings.calendar.otherMonth', { month: monthName(monthOf(d.iso)) })}`}
                      {' '}
                      {list.length > 0 ? t('meetings.calendar.dayMeetings', { count: list.length }) : t('meetings.calendar.dayNone')}
                    </span>
                    {list.length > 0 && (
                      <ul className="cal-meetings">
                        {list.map((m) => {
                          const time = m.startTime ?? t('meetings.calendar.noTime');
                          const state = t(`meetings.states.${m.state}`);
                          return (
                            <li key={m.id}>
                              <button
                                type="button"
                                className={`cal-meeting cal-meeting-${m.type} cal-meeting-state-${m.state}`}
                                tabIndex={isActive ? 0 : -1}
                                title={`${time} ${m.title}（${t(`meetings.types.${m.type}`)}）${state}`}
                                aria-label={t('meetings.calendar.openWithState', { date, time, title: m.title, type: t(`meetings.types.${m.type}`), state })}
                                onClick={() => onOpen(m.id)}
                              >
                                <span className={`cal-marker cal-marker-${m.type}`} aria-hidden="true">
                                  {t(`meetings.calendar.markers.${m.type}`)}
                                </span>
                                <span className="cal-meeting-time" aria-hidden="true">
                                  {m.startTime ?? '—'}
                                </span>
                                {m.state !== 'planned' && (
                                  <span className={`cal-state cal-state-${m.state}`} aria-hidden="true">
                                    {state}
                                  </span>
                                )}
                                <span className="cal-meeting-title" aria-hidden="true">
                                  {m.title}
                                </span>
                              </button>
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p id={keysId} className="field-hint cal-keys">
        {t('meetings.calendar.keys')}
      </p>
      <dl className="cal-legend" aria-label={t('meetings.calendar.legend')}>
        {TYPES.map((type) => (
          <div key={type} className="cal-legend-item">
            <dt>
              <span className={`cal-marker cal-marker-${type}`}>{t(`meetings.calendar.markers.${type}`)}</span>
            </dt>
            <dd>{t(`meetings.types.${type}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
