import { useMemo, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useStoredFile } from '../../components/stored-file';
import type { PledgeRecord } from '../../../../shared/contract/pledges';
import { ATTACHMENT_LIMIT_MB } from '../../../../shared/contract/cases';
import { ScanFileField, scanUpload, useScanChoice } from '../../components/scan-file';
import { fiscalYearOf } from '../../../../shared/domain/fiscal-year';
import { useInvoke } from '../../api';
import { errorText, fieldErrors } from '../../errors';
import { TextField } from '../../components/forms';
import { PdfPreviewBody, PdfPreviewDialog } from '../../components/PdfPreviewDialog';
import { printedDocument, type PrintedDocument } from '../../components/pdf-document';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, Fact, FormActions, Modal, OrganizationOptions, SelectField, TextAreaField, shortDate, todayIso } from '../directory/ui';
import { PrintingStatus, useMembers, useReturnFocus } from '../meetings/shared';
import { groupByOrganization } from './logic';
import { FiscalYearOptions, KindLabel, MemberOptions, fiscalYearLabel, pledgeErrorText } from './shared';

function subjectOf(p: PledgeRecord): string {
  return (p.kind === 'organization_roster' ? p.organizationName : p.memberName) ?? '—';
}

/** What the pledge is, in the words of the register (used at the top of each dialog). */
function PledgeFacts({ pledge }: { pledge: PledgeRecord }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="facts pl-facts">
      <Fact label={t('pledges.register.columns.kind')}>
        <KindLabel kind={pledge.kind} />
      </Fact>
      <Fact label={t('pledges.register.columns.subject')}>{subjectOf(pledge)}</Fact>
      <Fact label={t('pledges.register.columns.signedOn')}>{shortDate(pledge.signedOn, i18n.language)}</Fact>
      {pledge.fiscalYear !== null && <Fact label={t('pledges.register.columns.period')}>{fiscalYearLabel(pledge.fiscalYear, i18n.language)}</Fact>}
    </dl>
  );
}

/** 撤回: the day and the reason, then a second step that says what it means before anything is changed. */
export function RevokeDialog({ pledge, onClose, onDone }: { pledge: PledgeRecord; onClose: () => void; onDone: (p: PledgeRecord) => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const today = todayIso();
  const [revokedOn, setRevokedOn] = useState(today);
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => invoke('pledge.revoke', { id: pledge.id, revokedOn, reason: reason.trim() }),
    onSuccess: onDone,
    // A field the core refused (a day before the signing) is corrected on the first step.
    onError: (e) => {
      if (Object.keys(fieldErrors(t, e)).length > 0) setConfirming(false);
    },
  });

  function next(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!revokedOn) errors.revokedOn = t('directory.common.required');
    else if (revokedOn < pledge.signedOn) errors.revokedOn = t('pledges.revoke.beforeSigned', { date: shortDate(pledge.signedOn, i18n.language) });
    if (!reason.trim()) errors.reason = t('pledges.revoke.reasonRequired');
    setLocal(errors);
    if (Object.keys(errors).length === 0) {
      revoke.reset();
      setConfirming(true);
    }
  }

  const server = fieldErrors(t, revoke.error);
  const beforeSigned = server.revokedOn ? t('pledges.revoke.beforeSigned', { date: shortDate(pledge.signedOn, i18n.language) }) : undefined;
  return (
    <Modal open onClose={onClose} title={t('pledges.revoke.heading', { subject: subjectOf(pledge) })}>
      <PledgeFacts pledge={pledge} />
      {!confirming ? (
        <form onSubmit={next} noValidate>
          <TextField
            label={t('pledges.revoke.revokedOn')}
            required
            type="date"
            min={pledge.signedOn}
            value={revokedOn}
            onChange={(e) => {
              setRevokedOn(e.target.value);
              setLocal(({ revokedOn: _cleared, ...rest }) => rest);
            }}
            className="field-date"
            hint={t('pledges.revoke.revokedOnHint')}
            error={local.revokedOn ?? beforeSigned}
            autoFocus
          />
          <TextAreaField label={t('pledges.revoke.reason')} value={reason} onChange={(e) => {
              setReason(e.target.value);
              setLocal(({ reason: _cleared, ...rest }) => rest);
            }} maxLength={400} rows={3} error={local.reason ?? server.reason} />
          {revoke.error && <ErrorAlert>{pledgeErrorText(t, revoke.error, i18n.language)}</ErrorAlert>}
          <FormActions cancelLabel={t('pledges.cancel')} onCancel={onClose} submitLabel={t('pledges.revoke.next')} danger />
        </form>
      ) : (
        <div className="pl-confirm">
          <p className="pl-confirm-text" id="pl-revoke-confirm">
            {t('pledges.revoke.confirm', { subject: subjectOf(pledge), date: shortDate(revokedOn, i18n.language) })}
          </p>
          <p className="pl-muted">{t('pledges.revoke.reasonShown', { reason: reason.trim() })}</p>
          {revoke.error && <ErrorAlert>{pledgeErrorText(t, revoke.error, i18n.language)}</ErrorAlert>}
          <div className="dialog-actions dialog-actions-split">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('pledges.revoke.back')}
            </button>
            <button type="button" className="button button-danger-solid" disabled={revoke.isPending} onClick={() => revoke.mutate()} aria-describedby="pl-revoke-confirm" autoFocus>
              {revoke.isPending ? t('pledges.revoke.revoking') : t('pledges.revoke.submit')}
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}

/** スキャンを添付 (or replace): a signed copy as PDF, PNG or JPEG, checked here and by the core's first-bytes check. */
export function AttachScanDialog({ pledge, onClose, onDone }: { pledge: PledgeRecord; onClose: () => void; onDone: (p: PledgeRecord) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const scan = useScanChoice(t('pledges.scan.fileRequired'));
  const attach = useMutation({
    mutationFn: async (f: File) => invoke('pledge.attachScan', { pledgeId: pledge.id, ...(await scanUpload(f)) }),
    onSuccess: onDone,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const file = scan.checked();
    if (file) attach.mutate(file);
  }

  return (
    <Modal open onClose={onClose} title={t(pledge.scanAttachmentId ? 'pledges.scan.replaceHeading' : 'pledges.scan.attachHeading', { subject: subjectOf(pledge) })}>
      <PledgeFacts pledge={pledge} />
      <form onSubmit={submit} noValidate>
        <p>{t('pledges.scan.intro', { limitMb: ATTACHMENT_LIMIT_MB })}</p>
        {pledge.scanAttachmentId && <p className="notice">{t('pledges.scan.replaceNote')}</p>}
        <ScanFileField
          label={t('pledges.scan.file')}
          error={scan.problem ?? undefined}
          autoFocus
          onChange={(f) => {
            attach.reset();
            scan.choose(f);
          }}
        />
        {attach.error && <ErrorAlert>{errorText(t, attach.error)}</ErrorAlert>}
        <FormActions
          cancelLabel={t('pledges.cancel')}
          onCancel={onClose}
          submitLabel={t('pledges.scan.submit')}
          pending={attach.isPending}
          pendingLabel={t('pledges.scan.attaching')}
        />
      </form>
    </Modal>
  );
}

/**
 * スキャンを表示: fetched anew each time (every view is audited by the core), never cached.
 * A PDF is shown in the same pdf.js preview as printed documents; an image as an <img>.
 */
export function ScanDialog({ attachmentId, subject, onClose }: { attachmentId: string; subject: string; onClose: () => void }) {
  const { t } = useTranslation();
  useReturnFocus();
  const { file, pdf, imageUrl } = useStoredFile(attachmentId, 'pledge_scan');

  return (
    <Modal open onClose={onClose} title={t('pledges.scan.viewHeading', { subject })} wide>
      <p className="pl-note-warn">{t('pledges.scan.auditNote')}</p>
      {file.isPending && (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      )}
      {file.error && <ErrorAlert>{errorText(t, file.error)}</ErrorAlert>}
      {pdf && <PdfPreviewBody document={pdf} onClose={onClose} />}
      {imageUrl && file.data && (
        <>
          <div className="pl-scan-image-wrap">
            <img className="pl-scan-image" src={imageUrl} alt={t('pledges.scan.imageAlt', { subject, fileName: file.data.fileName })} />
          </div>
          <div className="dialog-actions dialog-actions-split">
            <button type="button" className="button" onClick={onClose} autoFocus>
              {t('common.close')}
            </button>
          </div>
        </>
      )}
      {(file.error || (!pdf && !imageUrl && !file.isPending)) && (
        <div className="dialog-actions dialog-actions-split">
          <button type="button" className="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      )}
    </Modal>
  );
}

type FormKind = 'individual_annual' | 'organization_roster';

/** 様式を印刷: a pre-filled annual form for one member, or the roster form of an organization, previewed before saving or printing. */
export function PrintFormDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const today = todayIso();
  const [kind, setKind] = useState<FormKind>('individual_annual');
  const [memberId, setMemberId] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [fiscalYear, setFiscalYear] = useState(String(fiscalYearOf(today)));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<{ title: string; document: PrintedDocument } | null>(null);
  const members = useMembers();
  const groups = useMemo(() => groupByOrganization(members.data ?? []), [members.data]);
  const orgs = useOrganizations(false);
  const activeOrgs = (orgs.data ?? []).filter((o) => !o.retiredAt);

  const print = useMutation({
    mutationFn: async () => {
      const fy = Number(fiscalYear);
      const result =
        kind === 'individual_annual'
          ? await invoke('pledge.formPdf', { kind, memberId, fiscalYear: fy })
          : await invoke('pledge.formPdf', { kind, organizationId, fiscalYear: fy });
      const name =
        kind === 'individual_annual'
          ? (members.data ?? []).find((m) => m.id === memberId)?.name
          : activeOrgs.find((o) => o.id === organizationId)?.name;
      const subject = kind === 'individual_annual' ? ({ kind: 'member', id: memberId } as const) : ({ kind: 'organization', id: organizationId } as const);
      return {
        title: t(`pledges.print.previewHeadings.${kind}`, { subject: name ?? '' }),
        document: printedDocument(result.fileName, result.pdfBase64, { document: 'pledge_form', subject }),
      };
    },
    onSuccess: setPreview,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (kind === 'individual_annual' && !memberId) errors.memberId = t('pledges.record.memberRequired');
    if (kind === 'organization_roster' && !organizationId) errors.organizationId = t('pledges.record.organizationRequired');
    setLocal(errors);
    if (Object.keys(errors).length === 0 && !print.isPending) print.mutate();
  }

  if (preview) return <PdfPreviewDialog title={preview.title} document={preview.document} onClose={onClose} />;

  return (
    <Modal open onClose={onClose} title={t('pledges.print.heading')}>
      <form onSubmit={submit} noValidate aria-busy={print.isPending || undefined}>
        <p className="field-hint">{t('pledges.print.intro')}</p>
        <fieldset className="fieldset choice-group">
          <legend>{t('pledges.print.kind')}</legend>
          {(['individual_annual', 'organization_roster'] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="pl-print-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{t(`pledges.print.kinds.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        {kind === 'individual_annual' ? (
          <SelectField
            label={t('pledges.record.member')}
            required
            value={memberId}
            onChange={(e) => {
              setMemberId(e.target.value);
              setLocal({});
            }}
            error={local.memberId}
          >
            <MemberOptions groups={groups} />
          </SelectField>
        ) : (
          <SelectField
            label={t('pledges.record.organization')}
            required
            value={organizationId}
            onChange={(e) => {
              setOrganizationId(e.target.value);
              setLocal({});
            }}
            error={local.organizationId}
            hint={t('pledges.print.rosterHint')}
          >
            <OrganizationOptions first={t('pledges.record.chooseOrganization')} organizations={activeOrgs} />
          </SelectField>
        )}
        <SelectField label={t('pledges.record.fiscalYear')} required value={fiscalYear} onChange={(e) => setFiscalYear(e.target.value)}>
          <FiscalYearOptions today={today} />
        </SelectField>
        <PrintingStatus text={print.isPending ? t('pledges.print.printing') : null} />
        {print.error && <ErrorAlert>{errorText(t, print.error)}</ErrorAlert>}
        <div className="dialog-actions dialog-actions-split">
          <button type="button" className="button" onClick={onClose}>
            {t('pledges.cancel')}
          </button>
          <button type="submit" className="button button-primary" aria-disabled={print.isPending || undefined}>
            {t('pledges.print.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
