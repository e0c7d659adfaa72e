import { useId, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useStoredFile } from '../../components/stored-file';
import { ATTACHMENT_LIMIT_MB, type CaseDetail, type Consent } from '../../../../shared/contract/cases';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { ErrorAlert, shortDate } from '../directory/ui';
import { fileToBase64 } from '../directory/files';
import { PdfPreviewBody } from '../../components/PdfPreviewDialog';

type ScanMediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** The media type the core accepts for a file, from the browser's type or else the file's extension. */
export function scanMediaType(file: { type: string; name: string }): ScanMediaType | null {
  const type = file.type.toLowerCase();
  if (type === 'application/pdf' || type === 'image/png' || type === 'image/jpeg') return type;
  if (type === 'image/jpg' || type === 'image/pjpeg') return 'image/jpeg';
  if (type) return null;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return ext === 'pdf' ? 'application/pdf' : ext === 'png' ? 'image/png' : ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : null;
}

/** 「スキャンを添付」: a signed consent form as PDF, PNG or JPEG, checked here before sending. */
export function AttachScanForm({ consent, onDone, onCancel }: { consent: Consent; onDone: (d: CaseDetail) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const attach = useMutation({
    mutationFn: async ({ file: f, mediaType }: { file: File; mediaType: ScanMediaType }) =>
      invoke('consent.attachScan', { consentId: consent.id, fileName: f.name.slice(-120) || 'scan', mediaType, dataBase64: await fileToBase64(f) }),
    onSuccess: onDone,
  });

  function check(f: File | null): ScanMediaType | null {
    if (!f) {
      setLocal(t('directory.common.required'));
      return null;
    }
    const mediaType = scanMediaType(f);
    if (!mediaType) {
      setLocal(t('errors.attachment_type_not_allowed'));
      return null;
    }
    if (f.size > ATTACHMENT_LIMIT_MB * 1024 * 1024) {
      setLocal(t('errors.attachment_too_large', { limitMb: ATTACHMENT_LIMIT_MB }));
      return null;
    }
    setLocal(null);
    return mediaType;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const mediaType = check(file);
    if (file && mediaType) attach.mutate({ file, mediaType });
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>{t('cases.scan.attachIntro', { date: shortDate(consent.givenOn, i18n.language), limitMb: ATTACHMENT_LIMIT_MB })}</p>
      <div className={`field${local ? ' field-invalid' : ''}`}>
        <div className="field-label">
          <label htmlFor={fileId}>{t('cases.scan.file')}</label>
        </div>
        <input
          id={fileId}
          type="file"
          className="input input-file"
          accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
          aria-invalid={local ? true : undefined}
          autoFocus
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setFile(f);
            attach.reset();
            if (f) check(f);
            else setLocal(null);
          }}
        />
      </div>
      {local && <ErrorAlert>{local}</ErrorAlert>}
      {attach.error && <ErrorAlert>{errorText(t, attach.error)}</ErrorAlert>}
      <div className="dialog-actions dialog-actions-split">
        <button type="button" className="button" onClick={onCancel}>
          {t('cases.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={attach.isPending}>
          {attach.isPending ? t('cases.scan.attaching') : t('cases.scan.submit')}
        </button>
      </div>
    </form>
  );
}

/**
 * 「スキャンを表示」: fetched anew each time it opens (each view is audited by the core) and not
 * kept in the query cache. A PDF is shown in the shared preview (保存・印刷 recorded with recipient
 * and purpose, under a generated file name); an image in an <img> (blob: URL, revoked on close).
 */
export function ScanViewer({ attachmentId, onClose }: { attachmentId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { file, pdf, imageUrl } = useStoredFile(attachmentId, 'consent_scan');

  return (
    <div className="scan-viewer">
      <p className="private-note">{t('cases.scan.auditNote')}</p>
      {file.isPending && (
        <p className="loading-inline" role="status">
          {t('cases.scan.loading')}
        </p>
      )}
      {file.error && <ErrorAlert>{errorText(t, file.error)}</ErrorAlert>}
      {pdf && <PdfPreviewBody document={pdf} onClose={onClose} />}
      {imageUrl && file.data && (
        <div className="scan-image-wrap">
          <img className="scan-image" src={imageUrl} alt={t('cases.scan.imageAlt', { fileName: file.data.fileName })} />
        </div>
      )}
      {!pdf && (
        <div className="dialog-actions dialog-actions-split">
          <button type="button" className="button" onClick={onClose} autoFocus>
            {t('cases.scan.close')}
          </button>
        </div>
      )}
    </div>
  );
}
