import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { PdfPreviewBody } from '../../components/PdfPreviewDialog';
import { printedDocument, type PrintedDocument } from '../../components/pdf-document';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, Modal, OrganizationOptions, SelectField } from '../directory/ui';
import { PrintingStatus, useReturnFocus } from '../meetings/shared';

/**
 * 役割分担一覧 of one organization: choose it, the core prints only that organization's
 * assignments, and the preview shows the very bytes that are saved or printed.
 */
export function PrintListDialog({ today, initialOrganizationId, onClose }: { today: string; initialOrganizationId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const orgs = useOrganizations(true);
  const [organizationId, setOrganizationId] = useState(initialOrganizationId);
  const [missing, setMissing] = useState(false);
  const print = useMutation({
    mutationFn: async (id: string): Promise<PrintedDocument> => {
      const result = await invoke('role.listPdf', { organizationId: id, today });
      const name = orgs.data?.find((o) => o.id === id)?.name;
      return printedDocument(result.fileName, result.pdfBase64, { document: 'role_list', subject: { kind: 'organization', id }, ...(name ? { recipient: name } : {}) });
    },
  });
  const organizationName = orgs.data?.find((o) => o.id === organizationId)?.name ?? '';

  function submit(e: FormEvent) {
    e.preventDefault();
    setMissing(!organizationId);
    if (organizationId && !print.isPending) print.mutate(organizationId);
  }

  if (print.data) {
    return (
      <Modal open onClose={onClose} title={t('roles.pdf.previewHeading', { organization: organizationName })} wide>
        <PdfPreviewBody document={print.data} onClose={onClose} />
      </Modal>
    );
  }

  return (
    <Modal open onClose={onClose} title={t('roles.pdf.heading')}>
      <form onSubmit={submit} noValidate aria-busy={print.isPending || undefined}>
        <p>{t('roles.pdf.intro')}</p>
        <SelectField
          label={t('roles.pdf.organization')}
          required
          value={organizationId}
          onChange={(e) => {
            setOrganizationId(e.target.value);
            setMissing(false);
            print.reset();
          }}
          error={missing ? t('roles.pdf.chooseRequired') : undefined}
          autoFocus
        >
          <OrganizationOptions first={t('roles.pdf.choose')} organizations={orgs.data} />
        </SelectField>
        <PrintingStatus text={print.isPending ? t('roles.pdf.printing') : null} />
        {(print.error ?? orgs.error) && <ErrorAlert>{errorText(t, print.error ?? orgs.error)}</ErrorAlert>}
        <div className="dialog-actions dialog-actions-split">
          <button type="button" className="button" onClick={onClose}>
            {t('roles.pdf.cancel')}
          </button>
          <button type="submit" className="button button-primary" aria-disabled={print.isPending || undefined}>
            {t('roles.pdf.print')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
