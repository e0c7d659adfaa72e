import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../../shared/contract/meetings';
import type { Minutes } from '../../../../shared/contract/minutes';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { PdfPreviewDialog } from '../../components/PdfPreviewDialog';
import { printedDocument, type PrintedDocument } from '../../components/pdf-document';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, OrganizationOptions, SelectField, dateTime, todayIso } from '../directory/ui';
import { minutesKeys, useAttendance } from './shared';
import { PrintingStatus } from '../meetings/shared';

interface Preview {
  title: string;
  document: PrintedDocument;
  note: string | null;
}

/**
 * 会議録 (重層的支援会議) or 支援会議記録 (支援会議: one watermarked copy per recipient, each logged),
 * the distribution log, and the 役割分担一覧 of one organization.
 */
export function MinutesDocuments({ meeting, minutes }: { meeting: Meeting; minutes: Minutes }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const shien = meeting.type === 'shien';
  const confirmed = minutes.versions.length > 0;
  const attendance = useAttendance(meeting.id);
  const present = useMemo(() => (attendance.data?.rows ?? []).filter((r) => r.present === true), [attendance.data]);
  const [recipients, setRecipients] = useState<string[] | null>(null);
  const chosen = recipients ?? present.map((r) => r.memberId);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [recipientError, setRecipientError] = useState<string | null>(null);
  const orgs = useOrganizations(false);
  const [orgId, setOrgId] = useState('');
  const distributions = useQuery({
    queryKey: minutesKeys.distributions(meeting.id),
    queryFn: () => invoke('minutes.distributions', { meetingId: meeting.id }),
    enabled: confirmed && shien,
  });
  const recordName = t(shien ? 'minutes.documents.shienRecord' : 'minutes.documents.record');

  const exportRecord = useMutation({
    mutationFn: async (draft: boolean) => {
      const result = await invoke('minutes.pdf', {
        meetingId: meeting.id,
        ...(shien ? { recipientMemberIds: chosen } : {}),
        ...(draft ? { preview: true } : {}),
      });
      return { result, draft };
    },
    onSuccess: ({ result, draft }) => {
      void queryClient.invalidateQueries({ queryKey: minutesKeys.distributions(meeting.id) });
      setPreview({
        title: t('minutes.documents.previewHeading', { document: recordName }),
        document: printedDocument(result.fileName, result.pdfBase64, { document: 'minutes', subject: { kind: 'meeting', id: meeting.id } }),
        note: draft ? t('minutes.documents.draftNote') : shien ? t('minutes.documents.copiesNote', { count: result.copies }) : null,
      });
    },
  });
  const exportRoles = useMutation({
    mutationFn: () => invoke('role.listPdf', { organizationId: orgId, today: todayIso(), meetingId: meeting.id }),
    onSuccess: (result) => {
      const org = (orgs.data ?? []).find((o) => o.id === orgId);
      setPreview({
        title: t('minutes.documents.previewHeading', { document: t('minutes.documents.roleList') }),
        document: printedDocument(result.fileName, result.pdfBase64, {
          document: 'role_list',
          subject: { kind: 'organization', id: orgId },
          ...(org ? { recipient: org.name } : {}),
        }),
        note: org ? t('minutes.documents.roleListNote', { organization: org.name }) : null,
      });
    },
  });

  function run(draft: boolean) {
    if (exportRecord.isPending) return;
    if (shien && chosen.length === 0) {
      setRecipientError(t('minutes.documents.recipientsRequired'));
      return;
    }
    setRecipientError(null);
    exportRecord.mutate(draft);
  }

  return (
    <section className="mn-section" aria-labelledby="mn-documents-heading" aria-busy={exportRecord.isPending || exportRoles.isPending || undefined}>
      <h3 id="mn-documents-heading" className="mn-section-heading">
        {t('minutes.documents.heading')}
      </h3>
      <div className="mn-doc-grid">
        <div className="mn-doc-block">
          <h4 className="mn-block-heading">{recordName}</h4>
          {shien && <p className="field-hint">{t('minutes.documents.shienIntro')}</p>}
          {!confirmed && <p className="notice">{t('minutes.documents.notConfirmed')}</p>}
          {shien && (
            <fieldset className="fieldset mn-recipients">
              <legend>{t('minutes.documents.recipients', { count: chosen.length })}</legend>
              {attendance.isPending && <p className="loading-inline">{t('app.loading')}</p>}
              {attendance.data && present.length === 0 && <p className="mn-none">{t('minutes.documents.noAttendees')}</p>}
              <div className="checkbox-grid">
                {present.map((r) => (
                  <label key={r.memberId} className="checkbox">
                    <input
                      type="checkbox"
                      checked={chosen.includes(r.memberId)}
                      onChange={(e) => setRecipients(e.target.checked ? [...chosen, r.memberId] : chosen.filter((id) => id !== r.memberId))}
                    />
                    {r.name}
                    <span className="mt-member-title">（{r.organizationName}）</span>
                  </label>
                ))}
              </div>
              {recipientError && <p className="field-error">{recipientError}</p>}
            </fieldset>
          )}
          <div className="mn-inline-actions">
            {confirmed && (
              <button type="button" className="button button-primary" aria-disabled={exportRecord.isPending || undefined} onClick={() => run(false)}>
                {t('minutes.documents.export', { document: recordName })}
              </button>
            )}
            {minutes.state !== 'confirmed' && (
              <button type="button" className="button" aria-disabled={exportRecord.isPending || undefined} onClick={() => run(true)}>
                {t('minutes.documents.previewDraft')}
              </button>
            )}
          </div>
          <PrintingStatus text={exportRecord.isPending ? t('minutes.documents.printing', { document: recordName }) : null} />
          {exportRecord.error && <ErrorAlert>{errorText(t, exportRecord.error)}</ErrorAlert>}
        </div>
        <div className="mn-doc-block">
          <h4 className="mn-block-heading">{t('minutes.documents.roleList')}</h4>
          <p className="field-hint">{t('minutes.documents.roleListIntro')}</p>
          <div className="mn-form-row">
            <SelectField label={t('minutes.documents.organization')} value={orgId} onChange={(e) => setOrgId(e.target.value)}>
              <OrganizationOptions first={t('minutes.roles.chooseOrganization')} organizations={orgs.data} />
            </SelectField>
          </div>
          <button type="button" className="button" aria-disabled={!orgId || exportRoles.isPending || undefined} onClick={() => orgId && !exportRoles.isPending && exportRoles.mutate()}>
            {t('minutes.documents.exportRoleList')}
          </button>
          <PrintingStatus text={exportRoles.isPending ? t('minutes.documents.printing', { document: t('minutes.documents.roleList') }) : null} />
          {exportRoles.error && <ErrorAlert>{errorText(t, exportRoles.error)}</ErrorAlert>}
        </div>
      </div>
      {confirmed && shien && (
        <div className="mn-distributions">
          <h4 className="mn-block-heading" id="mn-distributions-heading">
            {t('minutes.documents.distributions')}
          </h4>
          {distributions.error && <ErrorAlert>{errorText(t, distributions.error)}</ErrorAlert>}
          {distributions.data && distributions.data.length === 0 && <p className="mn-none">{t('minutes.documents.noDistributions')}</p>}
          {distributions.data && distributions.data.length > 0 && (
            <div className="mn-table-wrap">
              <table className="mn-table" aria-labelledby="mn-distributions-heading">
                <thead>
                  <tr>
                    <th scope="col">{t('minutes.documents.copy')}</th>
                    <th scope="col">{t('minutes.documents.recipient')}</th>
                    <th scope="col">{t('minutes.versions.version')}</th>
                    <th scope="col">{t('minutes.documents.at')}</th>
                    <th scope="col">{t('minutes.documents.by')}</th>
                  </tr>
                </thead>
                <tbody>
                  {distributions.data.map((d, i) => (
                    <tr key={`${d.at}-${d.copyNumber}-${i}`} data-testid="distribution">
                      <td className="nowrap">{t('minutes.documents.copyOf', { number: d.copyNumber, copies: d.copies })}</td>
                      <td>{d.recipient}</td>
                      <td className="nowrap">{t('minutes.versions.number', { version: d.version })}</td>
                      <td className="nowrap">{dateTime(d.at, i18n.language)}</td>
                      <td>{d.byName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      {preview && <PreviewDialog preview={preview} onClose={() => setPreview(null)} />}
    </section>
  );
}

function PreviewDialog({ preview, onClose }: { preview: Preview; onClose: () => void }) {
  return (
    <PdfPreviewDialog title={preview.title} document={preview.document} onClose={onClose}>
      {preview.note && <p className="notice mn-preview-note">{preview.note}</p>}
    </PdfPreviewDialog>
  );
}
