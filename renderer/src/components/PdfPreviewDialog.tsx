import { Suspense, lazy, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../features/directory/ui';
import { useReturnFocus } from '../features/meetings/shared';
import type { PrintedDocument } from './pdf-document';

// pdf.js is large: it loads with the first preview, not with the app.
const PdfPreview = lazy(() => import('../features/meetings/PdfPreview'));

interface PreviewProps {
  document: PrintedDocument;
  onClose: () => void;
  /** Shown while pdf.js loads; the meetings' wording unless a feature has its own. */
  loadingText?: string;
}

/**
 * The meetings feature's preview (pdf.js) with 保存 and 印刷 of the very same bytes, for a dialog
 * that has more above it or shows it in place of a form.
 */
export function PdfPreviewBody({ document, onClose, loadingText }: PreviewProps) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p className="loading-inline">{loadingText ?? t('meetings.documents.loadingPreview')}</p>}>
      <PdfPreview document={document} onClose={onClose} />
    </Suspense>
  );
}

/** A printed PDF in a dialog of its own; the focus goes back to the button that opened it. */
export function PdfPreviewDialog({ title, children, ...preview }: PreviewProps & { title: string; children?: ReactNode }) {
  useReturnFocus();
  return (
    <Modal open onClose={preview.onClose} title={title} wide>
      {children}
      <PdfPreviewBody {...preview} />
    </Modal>
  );
}
