import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AUDIT_PDF_MAX_ROWS, type AuditFilter } from '../../../../shared/contract/audit';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { TextField } from '../../components/forms';
import { PdfPreviewBody } from '../../components/PdfPreviewDialog';
import { printedDocument, type PrintedDocument } from '../../components/pdf-document';
import { ErrorAlert, Modal, shortDate } from '../directory/ui';
import { useReturnFocus } from '../meetings/shared';

/**
 * 監査ログ as a PDF for an inspection: the current filters, with an optional recipient and purpose
 * (printed on the document and kept in the log with the export); then the preview of the very
 * bytes that are saved or printed.
 */
export function AuditPdfDialog({ filter, total, onClose }: { filter: AuditFilter; total: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  useReturnFocus();
  const [recipient, setRecipient] = useState('');
  const [purpose, setPurpose] = useState('');
  const tooMany = total !== null && total > AUDIT_PDF_MAX_ROWS;
  const print = useMutation({
    mutationFn: async (): Promise<PrintedDocument> => {
      const result = await invoke('audit.pdf', {
        ...filter,
        ...(recipient.trim() ? { recipient: recipient.trim() } : {}),
        ...(purpose.trim() ? { purpose: purpose.trim() } : {}),
      });
      return printedDocument(result.fileName, result.pdfBase64, { document: 'audit_log', subject: null, ...(recipient.trim() ? { recipient: recipient.trim() } : {}) });
    },
    // The export is itself a new row of the log.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['audit.list'] }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!print.isPending && !tooMany) print.mutate();
  }

  if (print.data) {
    return (
      <Modal open onClose={onClose} title={t('audit.pdf.previewHeading')} wide>
        <PdfPreviewBody document={print.data} onClose={onClose} />
      </Modal>
    );
  }

  const period = `${shortDate(filter.from, i18n.language)} 〜 ${shortDate(filter.to, i18n.language)}`;
  return (
    <Modal open onClose={onClose} title={t('audit.pdf.heading')}>
      <form onSubmit={submit} noValidate aria-busy={print.isPending || undefined}>
        <p>{t('audit.pdf.intro')}</p>
        <p className="audit-pdf-summary">{t('audit.pdf.summary', { period, count: total ?? '—' })}</p>
        <TextField label={t('audit.pdf.recipient')} value={recipient} maxLength={100} onChange={(e) => setRecipient(e.target.value)} hint={t('audit.pdf.recipientHint')} autoFocus />
        <TextField label={t('audit.pdf.purpose')} value={purpose} maxLength={200} onChange={(e) => setPurpose(e.target.value)} hint={t('audit.pdf.purposeHint')} />
        <p className="mt-progress" role="status" aria-live="polite">
          {print.isPending && (
            <>
              <span className="mt-spinner" aria-hidden="true" />
              {t('audit.pdf.printing')}
            </>
          )}
        </p>
        {tooMany && <ErrorAlert>{t('audit.pdf.tooMany', { count: total, max: AUDIT_PDF_MAX_ROWS })}</ErrorAlert>}
        {print.error && <ErrorAlert>{errorText(t, print.error)}</ErrorAlert>}
        <div className="dialog-actions dialog-actions-split">
          <button type="button" className="button" onClick={onClose}>
            {t('audit.pdf.cancel')}
          </button>
          <button type="submit" className="button button-primary" aria-disabled={print.isPending || tooMany || undefined}>
            {t('audit.pdf.print')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
