import { useId, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MeetingType } from '../../../../shared/contract';
import type { MeetingSummary } from '../../../../shared/contract/meetings';
import { fiscalYearOf, formatFiscalYear } from '../../../../shared/domain/fiscal-year';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { formatDate } from '../../format';
import { PageHeading } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { ErrorAlert, FilterSelect, todayIso } from '../directory/ui';
import { MeetingCalendar } from './MeetingCalendar';
import { monthOf } from './monthGrid';
import { PlanMeetingDialog } from './PlanMeetingDialog';
import { StateBadge, TypeBadge, SecretMark, meetingKeys, timeRange } from './shared';

export interface MeetingFilters {
  /** '' = every 年度 */
  fiscalYear: string;
  type: '' | MeetingType;
  /** 一覧 (default) or カレンダー; kept with the filters, so a visit to a meeting comes back to it. */
  view?: 'list' | 'calendar';
  /** The calendar's month, `YYYY-MM`. */
  month?: string;
  /** 中止 meetings are shown (muted) unless this is false. */
  showCancelled?: boolean;
}

const TYPES: MeetingType[] = ['jusoteki', 'shien', 'other'];

export function MeetingList({
  filters: stored,
  onFiltersChange,
  onOpen,
}: {
  filters: MeetingFilters | null;
  onFiltersChange: (f: MeetingFilters) => void;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const heading = t('meetings.heading');
  useDocumentTitle(heading);
  const today = todayIso();
  const currentYear = fiscalYearOf(today);
  const filters: MeetingFilters = stored ?? { fiscalYear: String(currentYear), type: '' };
  const set = (patch: Partial<MeetingFilters>) => onFiltersChange({ ...filters, ...patch });
  const [planning, setPlanning] = useState(false);
  const calendar = filters.view === 'calendar';
  // The calendar moves freely by month, across 年度; the 年度 filter follows the month shown, and
  // choosing a 年度 shows its first month (or this month, for the current 年度).
  const month = filters.month ?? monthOf(today);
  const firstMonthOf = (fiscalYear: number) => (fiscalYear === currentYear ? monthOf(today) : `${fiscalYear}-04`);
  const showMonth = (next: string) => set({ month: next, fiscalYear: String(fiscalYearOf(`${next}-01`)) });
  function switchView(view: 'list' | 'calendar') {
    if (view === filters.view || (view === 'list' && !calendar)) return;
    if (view === 'list') return set({ view });
    // Keep the month already shown if it lies in the chosen 年度; otherwise start that 年度.
    const year = filters.fiscalYear ? Number(filters.fiscalYear) : currentYear;
    const keep = filters.month && fiscalYearOf(`${filters.month}-01`) === year;
    const next = keep ? filters.month! : firstMonthOf(year);
    set({ view, month: next, fiscalYear: String(fiscalYearOf(`${next}-01`)) });
  }

  const input = {
    ...(filters.fiscalYear ? { fiscalYear: Number(filters.fiscalYear) } : {}),
    ...(filters.type ? { type: filters.type } : {}),
  };
  const meetings = useQuery({
    queryKey: [...meetingKeys.list, input],
    queryFn: () => invoke('meeting.list', input),
    placeholderData: keepPreviousData,
    enabled: !calendar,
  });
  const showCancelled = filters.showCancelled !== false;
  const all = (meetings.data ?? []).filter((m) => showCancelled || m.state !== 'cancelled');
  const upcoming = all.filter((m) => m.date >= today).sort((a, b) => (a.date + (a.startTime ?? '')).localeCompare(b.date + (b.startTime ?? '')));
  const past = all.filter((m) => m.date < today).sort((a, b) => (b.date + (b.startTime ?? '')).localeCompare(a.date + (a.startTime ?? '')));
  const filtered = filters.type !== '' || filters.fiscalYear !== String(currentYear) || !showCancelled;
  const shownYear = calendar ? fiscalYearOf(`${month}-01`) : null;
  const baseYears = [currentYear + 1, currentYear, currentYear - 1, currentYear - 2, currentYear - 3];
  // The calendar may have been moved beyond the usual choices: its 年度 is always in the list.
  const years = shownYear !== null && !baseYears.includes(shownYear) ? [...baseYears, shownYear].sort((a, b) => b - a) : baseYears;

  return (
    <article className="page page-wide">
      <PageHeading>{heading}</PageHeading>
      <p className="page-intro">{t('meetings.intro')}</p>
      <div className="toolbar">
        <FilterSelect
          id="meeting-year"
          label={t('meetings.list.fiscalYear')}
          value={shownYear !== null ? String(shownYear) : filters.fiscalYear}
          onChange={(e) => (calendar ? showMonth(firstMonthOf(Number(e.target.value))) : set({ fiscalYear: e.target.value }))}
        >
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {formatFiscalYear(y)}
              {i18n.language === 'ja' ? '' : ` (FY${y})`}
            </option>
          ))}
          {!calendar && <option value="">{t('meetings.list.allYears')}</option>}
        </FilterSelect>
        <FilterSelect id="meeting-type" label={t('meetings.list.type')} value={filters.type} onChange={(e) => set({ type: e.target.value as MeetingFilters['type'] })}>
          <option value="">{t('meetings.list.allTypes')}</option>
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`meetings.types.${type}`)}
            </option>
          ))}
        </FilterSelect>
        <div className="toolbar-field">
          <span className="toolbar-label" id="meeting-view-label">
            {t('meetings.list.view')}
          </span>
          <div className="mt-view-switch" role="group" aria-labelledby="meeting-view-label">
            {(['list', 'calendar'] as const).map((view) => (
              <button key={view} type="button" className="mt-view-option" aria-pressed={(view === 'calendar') === calendar} onClick={() => switchView(view)}>
                {t(view === 'list' ? 'meetings.list.viewList' : 'meetings.list.viewCalendar')}
              </button>
            ))}
          </div>
        </div>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-primary" onClick={() => setPlanning(true)}>
          {t('meetings.list.plan')}
        </button>
      </div>
      <div className="mt-list-options">
        <label className="checkbox">
          <input type="checkbox" checked={showCancelled} onChange={(e) => set({ showCancelled: e.target.checked })} />
          {t('meetings.list.showCancelled')}
        </label>
      </div>
      {calendar ? (
        <MeetingCalendar month={month} type={filters.type} today={today} showCancelled={showCancelled} onMonthChange={showMonth} onOpen={onOpen} />
      ) : (
        <>
          {meetings.error && <ErrorAlert>{errorText(t, meetings.error)}</ErrorAlert>}
          <p className="list-count" role="status">
            {meetings.data ? t('meetings.list.count', { count: all.length }) : ''}
          </p>
          {meetings.isPending ? (
            <p className="loading-inline">{t('app.loading')}</p>
          ) : all.length === 0 ? (
            <div className="panel empty-state">
              <p className="empty-state-text">{filtered ? t('meetings.list.empty') : t('meetings.list.emptyNone')}</p>
            </div>
          ) : (
            <>
              <MeetingGroup heading={t('meetings.list.upcoming')} none={t('meetings.list.noneUpcoming')} meetings={upcoming} onOpen={onOpen} language={i18n.language} />
              <MeetingGroup heading={t('meetings.list.past')} none={t('meetings.list.nonePast')} meetings={past} onOpen={onOpen} language={i18n.language} />
            </>
          )}
        </>
      )}
      {planning && (
        <PlanMeetingDialog
          onClose={() => setPlanning(false)}
          onSaved={(id) => {
            setPlanning(false);
            onOpen(id);
          }}
        />
      )}
    </article>
  );
}

function MeetingGroup({
  heading,
  none,
  meetings,
  onOpen,
  language,
}: {
  heading: string;
  none: string;
  meetings: MeetingSummary[];
  onOpen: (id: string) => void;
  language: string;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="mt-group" aria-labelledby={headingId}>
      <h2 id={headingId} className="subheading">
        {heading}
      </h2>
      {meetings.length === 0 ? (
        <p className="mt-none">{none}</p>
      ) : (
        <ul className="mt-list">
          {meetings.map((m) => {
            const date = formatDate(m.date, language);
            const cancelled = m.state === 'cancelled';
            return (
              <li key={m.id} className={`mt-card mt-card-${m.type}${cancelled ? ' mt-card-cancelled' : ''}`} data-testid="meeting-card">
                <div className="mt-card-head">
                  <TypeBadge type={m.type} />
                  {m.type === 'shien' && <SecretMark />}
                  <StateBadge state={m.state} />
                </div>
                <h3 className="mt-card-title">
                  <button
                    type="button"
                    className="link-button mt-card-link"
                    onClick={() => onOpen(m.id)}
                    aria-label={cancelled ? t('meetings.list.openCancelled', { title: m.title, date }) : t('meetings.list.open', { title: m.title, date })}
                  >
                    {m.title}
                  </button>
                </h3>
                <p className="mt-card-when">
                  <time dateTime={m.date}>{date}</time>
                  <span className="mt-sep" aria-hidden="true">
                    ・
                  </span>
                  {timeRange(t, m.startTime, m.endTime, t('meetings.detail.notSet'))}
                  <span className="mt-sep" aria-hidden="true">
                    ・
                  </span>
                  {m.place ?? t('meetings.list.placeNotSet')}
                </p>
                {cancelled ? (
                  <p className="mt-card-cancelled-line">
                    {t('meetings.list.cancelledLine', { date: m.cancelledOn ? formatDate(m.cancelledOn, language) : '—', reason: m.cancelReason ?? '' })}
                  </p>
                ) : (
                  <p className="mt-card-counts">
                    <span>{t('meetings.list.invitees', { count: m.inviteeCount })}</span>
                    <span>{t('meetings.list.cases', { count: m.caseItemCount })}</span>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
