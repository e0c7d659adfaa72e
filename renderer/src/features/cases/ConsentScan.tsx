import { useId, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useStoredFile } from '../../components/stored-file';
import { ATTACHMENT_LIMIT_MB, type CaseDetail, type Consent } from '../../../../shared/contract/cases';
import { SCAN_ACCEPT, scanUpload, useScanChoice } from '../../components/scan-file';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { ErrorAlert, FormActions, shortDate } from '../directory/ui';
import { PdfPreviewBody } from '../../components/PdfPreviewDialog';

/** 「スキャンを添付」: a signed consent form as PDF, PNG or JPEG, checked here before sending. */
export function AttachScanForm({ consent, onDone, onCancel }: { consent: Consent; onDone: (d: CaseDetail) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const fileId = useId();
  const scan = useScanChoice(t('directory.common.required'));
  const attach = useMutation({
    mutationFn: async (f: File) => invoke('consent.attachScan', { consentId: consent.id, ...(await scanUpload(f)) }),
    onSuccess: onDone,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const file = scan.checked();
    if (file) attach.mutate(file);
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>{t('cases.scan.attachIntro', { date: shortDate(consent.givenOn, i18n.language), limitMb: ATTACHMENT_LIMIT_MB })}</p>
      <div className={`field${scan.problem ? ' field-invalid' : ''}`}>
        <div className="field-label">
          <label htmlFor={fileId}>{t('cases.scan.file')}</label>
        </div>
        <input
          id={fileId}
          type="file"
          className="input input-file"
          accept={SCAN_ACCEPT}
          aria-invalid={scan.problem ? true : undefined}
          autoFocus
          onChange={(e) => {
            attach.reset();
            scan.choose(e.target.files?.[0] ?? null);
          }}
        />
      </div>
      {scan.problem && <ErrorAlert>{scan.problem}</ErrorAlert>}
      {attach.error && <ErrorAlert>{errorText(t, attach.error)}</ErrorAlert>}
      <FormActions
        cancelLabel={t('cases.cancel')}
        onCancel={onCancel}
        submitLabel={t('cases.scan.submit')}
        pending={attach.isPending}
        pendingLabel={t('cases.scan.attaching')}
      />
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
