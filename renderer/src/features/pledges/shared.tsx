import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { KasaneError } from '../../../../shared/contract';
import type { PledgeKind } from '../../../../shared/contract/pledges';
import { formatFiscalYear } from '../../../../shared/domain/fiscal-year';
import { formErrorText, shortDate } from '../directory/ui';
import { fiscalYearChoices, type OrganizationGroup, type PledgeStatus } from './logic';
import '../meetings/meetings.css';

/** 令和8年度 (and the Gregorian year in English). */
export function fiscalYearLabel(fiscalYear: number, language: string): string {
  return language === 'ja' ? formatFiscalYear(fiscalYear) : `${formatFiscalYear(fiscalYear)} (FY${fiscalYear})`;
}

/** The 年度 the selects offer (fiscalYearChoices: next, current and three before), as options. */
export function FiscalYearOptions({ today }: { today: string }) {
  const { i18n } = useTranslation();
  return fiscalYearChoices(today).map((y) => (
    <option key={y} value={String(y)}>
      {fiscalYearLabel(y, i18n.language)}
    </option>
  ));
}

/** A choice of member, grouped by organization; the first option (value '') asks to choose. */
export function MemberOptions({ groups }: { groups: readonly OrganizationGroup[] }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t('pledges.record.chooseMember')}</option>
      {groups.map((g) => (
        <optgroup key={g.id} label={g.name}>
          {g.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
              {m.current?.title ? `（${m.current.title}）` : ''}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

export function StatusBadge({ status }: { status: PledgeStatus }) {
  const { t } = useTranslation();
  return <span className={`badge pl-status pl-status-${status}`}>{t(`pledges.statuses.${status}`)}</span>;
}

export function KindLabel({ kind }: { kind: PledgeKind }) {
  const { t } = useTranslation();
  return <span className={`pl-kind pl-kind-${kind}`}>{t(`pledges.kinds.${kind}`)}</span>;
}

const DATE_DETAILS = ['signedOn', 'meetingDate', 'revokedOn'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The message of a failed pledge call, with the dates and 年度 the core sends (YYYY-MM-DD, 2026)
 * written as everywhere else on screen (和暦 and 令和8年度 in Japanese).
 */
export function pledgeErrorText(t: TFunction, error: unknown, language: string): string {
  if (!(error instanceof KasaneError)) return formErrorText(t, error);
  const details = { ...error.details };
  for (const key of DATE_DETAILS) {
    const value = details[key];
    if (typeof value === 'string' && ISO_DATE.test(value)) details[key] = shortDate(value, language);
  }
  if (typeof details.fiscalYear === 'number') details.fiscalYear = fiscalYearLabel(details.fiscalYear, language);
  return formErrorText(t, new KasaneError(error.code, details));
}

/** Everything that shows pledges or coverage is refetched after a change. */
export function useRefreshPledges() {
  const queryClient = useQueryClient();
  return () => {
    for (const key of ['pledge.list', 'pledge.coverageOn', 'pledge.renewals', 'pledge.coverageForMeeting', 'home.summary']) {
      void queryClient.invalidateQueries({ queryKey: [key] });
    }
  };
}
