import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Document, Page, pdfjs } from 'react-pdf';
import 'react-pdf/dist/Page/TextLayer.css';
import type { PrintedDocument } from '../../components/pdf-document';
import { ReleaseFields, useRelease } from '../../components/release';
import { downloadBlob } from '../directory/files';

// The worker is a file of our own build, served from the same origin (CSP: worker-src 'self').
pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url).toString();

/** No eval under our CSP; our PDFs embed their fonts, so no cMaps or standard fonts are fetched. */
const PDF_OPTIONS = { isEvalSupported: false } as const;
const PAGE_WIDTH = 720;

/**
 * Shows every page of a printed document; 保存 downloads the very same bytes, 印刷 prints the
 * rendered pages (the CSP allows no frame, so the PDF cannot be printed from a hidden <iframe>).
 * Either happens only after its recipient and purpose are recorded (持ち出しの記録).
 */
export default function PdfPreview({ document: doc, onClose }: { document: PrintedDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const [pages, setPages] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [saved, setSaved] = useState(false);
  const [printImages, setPrintImages] = useState<string[] | null>(null);
  const pagesRef = useRef<HTMLDivElement>(null);
  // pdf.js takes over (detaches) the buffer it is given: it gets a copy, the original stays for 保存.
  const file = useMemo(() => ({ data: doc.bytes.slice() }), [doc.bytes]);

  const release = useRelease(doc.origin);
  const handedOver = { fileName: doc.fileName, bytes: doc.bytes, pages };

  // The file is handed over only once its release is in the audit log.
  async function save() {
    if (!(await release.release('save', handedOver))) return;
    downloadBlob(new Blob([doc.bytes], { type: 'application/pdf' }), doc.fileName);
    setSaved(true);
  }

  async function print() {
    if (!(await release.release('print', handedOver))) return;
    const canvases = [...(pagesRef.current?.querySelectorAll('canvas') ?? [])];
    setPrintImages(canvases.map((c) => c.toDataURL('image/png')));
  }
  useEffect(() => {
    if (!printImages) return;
    const done = () => setPrintImages(null);
    window.document.body.classList.add('mt-printing');
    window.addEventListener('afterprint', done, { once: true });
    window.print();
    return () => {
      window.removeEventListener('afterprint', done);
      window.document.body.classList.remove('mt-printing');
    };
  }, [printImages]);

  return (
    <div className="mt-pdf">
      <ReleaseFields release={release} />
      <div className="mt-pdf-toolbar">
        <p className="mt-pdf-count" role="status">
          {pages !== null ? t('meetings.documents.pages', { count: pages }) : failed ? '' : t('meetings.documents.loadingPreview')}
        </p>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-primary" onClick={() => void save()} disabled={release.busy} aria-describedby="mt-pdf-save-hint">
          {t('meetings.documents.save')}
        </button>
        <button type="button" className="button" onClick={() => void print()} disabled={pages === null || release.busy} aria-describedby="mt-pdf-print-hint">
          {t('meetings.documents.print')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('meetings.documents.close')}
        </button>
      </div>
      <p id="mt-pdf-save-hint" className="field-hint">
        {t('meetings.documents.saveHint', { fileName: doc.fileName })} <span id="mt-pdf-print-hint">{t('meetings.documents.printHint')}</span>
      </p>
      <p className="mt-flash" role="status">
        {saved ? t('meetings.documents.saved', { fileName: doc.fileName }) : ''}
      </p>
      {failed && <div className="form-error" role="alert">{t('meetings.documents.previewError')}</div>}
      <div ref={pagesRef} className="mt-pdf-pages" data-testid="pdf-pages">
        <Document
          file={file}
          options={PDF_OPTIONS}
          onLoadSuccess={(pdf) => setPages(pdf.numPages)}
          onLoadError={() => setFailed(true)}
          onSourceError={() => setFailed(true)}
          loading={<p className="loading-inline">{t('meetings.documents.loadingPreview')}</p>}
          error={<span />}
        >
          {pages !== null &&
            Array.from({ length: pages }, (_, i) => (
              <figure key={i} className="mt-pdf-page" aria-label={t('meetings.documents.pageLabel', { page: i + 1 })}>
                <Page pageNumber={i + 1} width={PAGE_WIDTH} devicePixelRatio={Math.max(2, window.devicePixelRatio || 1)} renderAnnotationLayer={false} />
                <figcaption className="mt-pdf-page-number">{t('meetings.documents.pageLabel', { page: i + 1 })}</figcaption>
              </figure>
            ))}
        </Document>
      </div>
      {printImages &&
        createPortal(
          <div className="mt-print-root">
            {printImages.map((src, i) => (
              <img key={i} src={src} alt={t('meetings.documents.pageLabel', { page: i + 1 })} className="mt-print-page" />
            ))}
          </div>,
          window.document.body,
        )}
    </div>
  );
}
