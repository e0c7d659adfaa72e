import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createColumnHelper } from '@tanstack/react-table';
import type { PledgeRenewal } from '../../../../shared/contract/pledges';
import { fiscalYearRange } from '../../../../shared/domain/fiscal-year';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { PdfPreviewBody } from '../../components/PdfPreviewDialog';
import { printedDocument } from '../../components/pdf-document';
import { SortTable } from '../directory/SortTable';
import { ErrorAlert, FilterSelect, Modal, shortDate, todayIso, type SortingFeatures } from '../directory/ui';
import { useReturnFocus } from '../meetings/shared';
import { renewalDefaultYear } from './logic';
import { FiscalYearOptions, KindLabel, fiscalYearLabel } from './shared';

type Row = PledgeRenewal & { id: string };
const helper = createColumnHelper<SortingFeatures, Row>();

/** 新年度: whose annual coverage ends on 31 March and who is invited to a 支援会議 from 1 April. */
export function RenewalsTab() {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const today = todayIso();
  const [fiscalYear, setFiscalYear] = useState(renewalDefaultYear(today));
  const [printing, setPrinting] = useState<Row[] | null>(null);
  const renewals = useQuery({
    queryKey: ['pledge.renewals', { fiscalYear }],
    queryFn: () => invoke('pledge.renewals', { fiscalYear }),
    placeholderData: keepPreviousData,
  });
  const rows = useMemo<Row[]>(() => (renewals.data ?? []).map((r) => ({ ...r, id: r.memberId })), [renewals.data]);
  const notRenewed = rows.filter((r) => !r.renewed);
  const { end } = fiscalYearRange(fiscalYear);
  const nextStart = fiscalYearRange(fiscalYear + 1).start;

  const columns = useMemo(
    () => [
      helper.accessor('name', { header: () => t('pledges.renewals.columns.name'), sortFn: 'text', cell: (c) => <span className="cell-strong">{c.getValue()}</span> }),
      helper.accessor('organizationName', { header: () => t('pledges.renewals.columns.organization'), sortFn: 'text' }),
      helper.accessor('endingKind', { header: () => t('pledges.renewals.columns.ending'), sortFn: 'text', cell: (c) => <KindLabel kind={c.getValue()} /> }),
      helper.accessor('meetingDate', {
        header: () => t('pledges.renewals.columns.meeting'),
        sortFn: 'text',
        cell: (c) => (
          <span className="pl-meeting">
            <time dateTime={c.getValue()}>{shortDate(c.getValue(), i18n.language)}</time>
            <span className="pl-muted">{c.row.original.meetingTitle}</span>
          </span>
        ),
      }),
      helper.accessor('renewed', {
        header: () => t('pledges.renewals.columns.renewed'),
        sortFn: 'basic',
        cell: (c) =>
          c.getValue() ? (
            <span className="badge badge-ok">{t('pledges.renewals.renewed')}</span>
          ) : (
            <span className="pl-renew-cell">
              <span className="badge pl-badge-missing">{t('pledges.renewals.notRenewed')}</span>
              <button
                type="button"
                className="button button-small"
                onClick={() => setPrinting([c.row.original])}
                aria-label={t('pledges.renewals.printOneLabel', { name: c.row.original.name })}
              >
                {t('pledges.renewals.printOne')}
              </button>
            </span>
          ),
      }),
    ],
    [t, i18n.language],
  );

  return (
    <section aria-label={t('pledges.tabs.renewals')}>
      <p className="page-intro">{t('pledges.renewals.intro')}</p>
      <div className="toolbar pl-toolbar-top">
        <FilterSelect
          id="pl-renew-year"
          label={t('pledges.renewals.fiscalYear')}
          value={fiscalYear}
          onChange={(e) => setFiscalYear(Number(e.target.value))}
          hint={t('pledges.renewals.fiscalYearHint', { end: shortDate(end, i18n.language), start: shortDate(nextStart, i18n.language) })}
        >
          <FiscalYearOptions today={today} />
        </FilterSelect>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-primary" disabled={notRenewed.length === 0} onClick={() => setPrinting(notRenewed)}>
          {t('pledges.renewals.printAll', { count: notRenewed.length })}
        </button>
      </div>
      {renewals.error && <ErrorAlert>{errorText(t, renewals.error)}</ErrorAlert>}
      {renewals.isPending ? (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      ) : rows.length === 0 && !renewals.error ? (
        <div className="panel empty-state">
          <p className="empty-state-text">{t('pledges.renewals.empty', { year: fiscalYearLabel(fiscalYear, i18n.language) })}</p>
          <p>{t('pledges.renewals.emptyDetail')}</p>
        </div>
      ) : (
        <>
          <p className="list-count" role="status">
            {t('pledges.renewals.summary', { total: rows.length, missing: notRenewed.length })}
          </p>
          <SortTable
            data={rows}
            columns={columns}
            caption={t('pledges.renewals.caption', { year: fiscalYearLabel(fiscalYear, i18n.language) })}
            empty={t('pledges.renewals.empty', { year: fiscalYearLabel(fiscalYear, i18n.language) })}
            rowClassName={(r) => (r.renewed ? undefined : 'pl-row-missing')}
            initialSorting={[{ id: 'renewed', desc: false }]}
          />
        </>
      )}
      {printing && <RenewalFormsDialog people={printing} fiscalYear={fiscalYear + 1} onClose={() => setPrinting(null)} />}
    </section>
  );
}

/**
 * The annual forms of the new 年度 for those not yet renewed: one pre-filled form per person,
 * shown one after another (前へ / 次へ), each saved or printed from the same preview.
 */
function RenewalFormsDialog({ people, fiscalYear, onClose }: { people: Row[]; fiscalYear: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const [index, setIndex] = useState(0);
  const person = people[index]!;
  const form = useQuery({
    queryKey: ['pledge.formPdf', 'individual_annual', person.memberId, fiscalYear],
    queryFn: async () => {
      const r = await invoke('pledge.formPdf', { kind: 'individual_annual', memberId: person.memberId, fiscalYear });
      return printedDocument(r.fileName, r.pdfBase64, { document: 'pledge_form', subject: { kind: 'member', id: person.memberId } });
    },
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });

  return (
    <Modal open onClose={onClose} title={t('pledges.renewals.formsHeading', { year: fiscalYearLabel(fiscalYear, i18n.language) })} wide>
      {people.length > 1 && (
        <nav className="pl-stepper" aria-label={t('pledges.renewals.stepperLabel')}>
          <button type="button" className="button button-small" disabled={index === 0} onClick={() => setIndex(index - 1)}>
            {t('pledges.renewals.previous')}
          </button>
          <p className="pl-stepper-position" aria-live="polite">
            {t('pledges.renewals.position', { index: index + 1, count: people.length, name: person.name })}
          </p>
          <button type="button" className="button button-small" disabled={index === people.length - 1} onClick={() => setIndex(index + 1)}>
            {t('pledges.renewals.next')}
          </button>
        </nav>
      )}
      {people.length > 1 && <p className="field-hint">{t('pledges.renewals.formsHint')}</p>}
      {form.isPending && (
        <p className="mt-progress" role="status">
          <span className="mt-spinner" aria-hidden="true" />
          {t('pledges.print.printing')}
        </p>
      )}
      {form.error && (
        <>
          <ErrorAlert>{errorText(t, form.error)}</ErrorAlert>
          <div className="dialog-actions dialog-actions-split">
            <button type="button" className="button" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </>
      )}
      {form.data && <PdfPreviewBody key={person.memberId} document={form.data} onClose={onClose} />}
    </Modal>
  );
}
