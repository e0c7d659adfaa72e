import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../../shared/contract/meetings';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { PdfPreviewDialog } from '../../components/PdfPreviewDialog';
import { printedDocument, type PrintedDocument } from '../../components/pdf-document';
import { ErrorAlert } from '../directory/ui';
import { PrintingStatus } from './shared';

type DocumentKind = 'agenda' | 'notice';

/**
 * The buttons stay focusable while printing (aria-disabled), so the focus is still on the one
 * pressed when the preview opens, and goes back to it when the preview closes.
 *
 * 次第 and 開催通知: printed by the core, previewed here, then saved or printed as the same bytes. */
export function DocumentsPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const [document, setDocument] = useState<(PrintedDocument & { kind: DocumentKind }) | null>(null);
  const print = useMutation({
    mutationFn: async (kind: DocumentKind): Promise<PrintedDocument & { kind: DocumentKind }> => {
      const result = await invoke(kind === 'agenda' ? 'meeting.agendaPdf' : 'meeting.noticePdf', { meetingId: meeting.id });
      return { kind, ...printedDocument(result.fileName, result.pdfBase64, { document: kind, subject: { kind: 'meeting', id: meeting.id } }) };
    },
    onSuccess: setDocument,
  });
  const pendingKind = print.isPending ? print.variables : null;

  return (
    <section className="panel mt-side-panel" aria-labelledby="mt-documents-heading" aria-busy={print.isPending || undefined}>
      <h2 id="mt-documents-heading" className="panel-title">
        {t('meetings.documents.heading')}
      </h2>
      <div className="mt-document-buttons">
        <button type="button" className="button button-secondary" aria-disabled={print.isPending || undefined} onClick={() => !print.isPending && print.mutate('agenda')}>
          {t('meetings.documents.agenda')}
        </button>
        <button type="button" className="button button-secondary" aria-disabled={print.isPending || undefined} onClick={() => !print.isPending && print.mutate('notice')}>
          {t('meetings.documents.notice')}
        </button>
      </div>
      <PrintingStatus text={pendingKind ? t('meetings.documents.printing', { document: t(`meetings.documents.names.${pendingKind}`) }) : null} />
      {print.error && <ErrorAlert>{errorText(t, print.error)}</ErrorAlert>}
      {document && <PreviewDialog document={document} onClose={() => setDocument(null)} />}
    </section>
  );
}

function PreviewDialog({ document, onClose }: { document: PrintedDocument & { kind: DocumentKind }; onClose: () => void }) {
  const { t } = useTranslation();
  const name = t(`meetings.documents.names.${document.kind}`);
  return <PdfPreviewDialog title={t('meetings.documents.previewHeading', { document: name })} document={document} onClose={onClose} />;
}
