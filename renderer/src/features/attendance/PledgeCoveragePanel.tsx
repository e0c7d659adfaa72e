import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../../shared/contract/meetings';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { printedDocument } from '../../components/pdf-document';
import { CompactTable, ErrorAlert } from '../directory/ui';
import { PdfDialog, PledgeBadge, coverageDetail, useCoverage, type PdfDocument } from './shared';
import { PrintingStatus } from '../meetings/shared';

/**
 * Pre-filled per-meeting pledge forms (one page each): for the given people, or — without
 * memberIds — for every invitee not covered on the meeting day.
 */
export function usePledgeForms(meetingId: string, onPrinted: (doc: PdfDocument) => void) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  return useMutation({
    mutationFn: async (memberIds: string[] | null): Promise<PdfDocument> => {
      const result = await invoke('pledge.formPdf', memberIds ? { kind: 'per_meeting', meetingId, memberIds } : { kind: 'per_meeting', meetingId });
      return { title: t('attendance.documents.pledgeForms'), ...printedDocument(result.fileName, result.pdfBase64, { document: 'pledge_form', subject: { kind: 'meeting', id: meetingId } }) };
    },
    onSuccess: onPrinted,
  });
}

/** 誓約の確認: the meeting screen of a planned 支援会議 shows, per invitee, covered or not and why. */
export function PledgeCoveragePanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const coverage = useCoverage(meeting.id);
  const [document, setDocument] = useState<PdfDocument | null>(null);
  const print = usePledgeForms(meeting.id, setDocument);
  const rows = coverage.data ?? [];
  const missing = rows.filter((r) => !r.covered);
  const titleOf = new Map(meeting.invitees.map((i) => [i.memberId, i.title]));
  const printing = print.isPending;

  return (
    <section className="panel at-coverage" aria-labelledby="at-coverage-heading" aria-busy={printing || undefined}>
      <div className="mt-panel-head">
        <h2 id="at-coverage-heading" className="panel-title">
          {t('attendance.coverage.heading')}
        </h2>
        {missing.length > 0 && (
          <button type="button" className="button button-primary button-small" aria-disabled={printing || undefined} onClick={() => !printing && print.mutate(null)}>
            {t('attendance.coverage.printAll', { count: missing.length })}
          </button>
        )}
      </div>
      <p className="at-intro">{t('attendance.coverage.intro')}</p>
      {coverage.isPending && (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      )}
      {coverage.error && <ErrorAlert>{errorText(t, coverage.error)}</ErrorAlert>}
      {coverage.data &&
        (rows.length === 0 ? (
          <p className="mt-none">{t('attendance.coverage.noInvitees')}</p>
        ) : (
          <>
            <p className={`at-summary${missing.length ? ' at-summary-warn' : ' at-summary-ok'}`}>
              {missing.length === 0
                ? t('attendance.coverage.allCovered')
                : t('attendance.coverage.summary', { total: rows.length, covered: rows.length - missing.length, missing: missing.length })}
            </p>
            <CompactTable
              className="at-table"
              caption={t('attendance.coverage.tableLabel')}
              columns={[
                t('attendance.coverage.columns.organization'),
                t('attendance.coverage.columns.name'),
                t('attendance.coverage.columns.status'),
                <span className="visually-hidden">{t('attendance.coverage.columns.actions')}</span>,
              ]}
            >
              {rows.map((r) => {
                const title = titleOf.get(r.memberId);
                return (
                  <tr key={r.memberId} className={r.covered ? undefined : 'at-row-missing'} data-testid="coverage-row">
                    <td>{r.organizationName}</td>
                    <th scope="row" className="at-name">
                      {r.name}
                      {title && <span className="at-title at-detail-block">{title}</span>}
                    </th>
                    <td>
                      <PledgeBadge coverage={r} />
                      <span className="at-detail at-detail-block">{coverageDetail(t, r)}</span>
                    </td>
                    <td className="nowrap">
                      {!r.covered && (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={t('attendance.coverage.printOneLabel', { name: r.name })}
                          aria-disabled={printing || undefined}
                          onClick={() => !printing && print.mutate([r.memberId])}
                        >
                          {t('attendance.coverage.printOne')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </CompactTable>
          </>
        ))}
      <PrintingStatus text={printing ? t('attendance.coverage.printing') : null} />
      {print.error && <ErrorAlert>{errorText(t, print.error)}</ErrorAlert>}
      {document && <PdfDialog document={document} onClose={() => setDocument(null)} />}
    </section>
  );
}
