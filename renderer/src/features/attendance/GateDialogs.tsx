import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ExemptionDialog as OrganizationExemptionDialog } from '../directory/ExemptionDialog';
import type { Meeting } from '../../../../shared/contract/meetings';
import type { PledgeRecord } from '../../../../shared/contract/pledges';
import { ATTACHMENT_LIMIT_MB } from '../../../../shared/contract/cases';
import { useInvoke } from '../../api';
import { errorText, fieldErrors, isKasaneError } from '../../errors';
import { TextField } from '../../components/forms';
import { ScanFileField, scanProblem, scanUpload } from '../../components/scan-file';
import { ErrorAlert, FormActions, Modal, formErrorText, shortDate, todayIso } from '../directory/ui';
import { useReturnFocus } from '../meetings/shared';
import { isTime, nowTime } from './shared';

/** Someone the gate is about: an attendee present, or a late arrival refused at check-in. */
export interface GatePerson {
  memberId: string;
  name: string;
  organizationId: string | null;
  organizationName: string;
}

/**
 * 署名済みの誓約書を記録: the per-meeting pledge signed at the door — signed today, original
 * received (on by default), an optional scan attached right after (pledge.attachScan). A
 * pledge already on file for the same person and meeting comes back as `pledge_duplicate`: the
 * form then offers to replace it (supersede).
 */
export function DoorPledgeDialog({ meeting, person, onClose, onRecorded }: { meeting: Meeting; person: GatePerson; onClose: () => void; onRecorded: (pledge: PledgeRecord) => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const today = todayIso();
  const latest = today < meeting.date ? today : meeting.date;
  const [signedOn, setSignedOn] = useState(latest);
  const [addressee, setAddressee] = useState<string | null>(null);
  const [originalReceived, setOriginalReceived] = useState(true);
  const [supersede, setSupersede] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  // Once recorded, a failed scan upload is retried alone (the pledge is not recorded twice).
  const [recorded, setRecorded] = useState<PledgeRecord | null>(null);
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => invoke('settings.get', {}) });
  const addresseeValue = addressee ?? (settings.data ? `${settings.data.municipalityName}長` : '');

  const attachScan = async (pledge: PledgeRecord, f: File): Promise<PledgeRecord> => invoke('pledge.attachScan', { pledgeId: pledge.id, ...(await scanUpload(f)) });

  const record = useMutation({
    mutationFn: async () => {
      const pledge = await invoke('pledge.record', {
        kind: 'per_meeting',
        memberId: person.memberId,
        meetingId: meeting.id,
        signedOn,
        addressee: addresseeValue.trim(),
        originalReceived,
        ...(supersede ? { supersede: true } : {}),
      });
      setRecorded(pledge);
      return file ? attachScan(pledge, file) : pledge;
    },
    onSuccess: onRecorded,
  });
  const retryScan = useMutation({ mutationFn: () => attachScan(recorded!, file!), onSuccess: onRecorded });

  const checkFile = (f: File | null) => (f ? scanProblem(t, f) : null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (recorded) {
      if (file) retryScan.mutate();
      return;
    }
    const errors: Record<string, string> = {};
    if (!signedOn) errors.signedOn = t('attendance.doorPledge.required');
    if (!addresseeValue.trim()) errors.addressee = t('attendance.doorPledge.required');
    const fileError = checkFile(file);
    if (fileError) errors.file = fileError;
    setLocal(errors);
    if (Object.keys(errors).length === 0) record.mutate();
  }

  const server = fieldErrors(t, record.error);
  const err = (f: string) => local[f] ?? server[f];
  const duplicate = isKasaneError(record.error, 'pledge_duplicate');
  const scanFailed = recorded !== null && (record.error || retryScan.error);
  const busy = record.isPending || retryScan.isPending;

  return (
    <Modal open onClose={recorded ? () => onRecorded(recorded) : onClose} title={t('attendance.doorPledge.heading')}>
      <form onSubmit={submit} noValidate>
        <p>{t('attendance.doorPledge.intro', { name: person.name, organization: person.organizationName, meeting: `${meeting.title} ${shortDate(meeting.date, i18n.language)}` })}</p>
        <fieldset className="fieldset at-door-fields" disabled={recorded !== null}>
          <TextField
            label={t('attendance.doorPledge.signedOn')}
            type="date"
            required
            value={signedOn}
            max={latest}
            onChange={(e) => {
              setSignedOn(e.target.value);
              record.reset();
            }}
            hint={t('attendance.doorPledge.signedOnHint', { date: shortDate(meeting.date, i18n.language) })}
            error={err('signedOn')}
          />
          <TextField
            label={t('attendance.doorPledge.addressee')}
            required
            value={addresseeValue}
            maxLength={60}
            onChange={(e) => {
              setAddressee(e.target.value);
              record.reset();
            }}
            error={err('addressee')}
          />
          <label className="checkbox checkbox-strong">
            <input type="checkbox" checked={originalReceived} onChange={(e) => setOriginalReceived(e.target.checked)} />
            {t('attendance.doorPledge.originalReceived')}
          </label>
        </fieldset>
        <ScanFileField
          label={t('attendance.doorPledge.scan')}
          hint={t('attendance.doorPledge.scanHint', { limitMb: ATTACHMENT_LIMIT_MB })}
          error={err('file')}
          onChange={(f) => {
            setFile(f);
            setLocal(({ file: _drop, ...rest }) => {
              const problem = checkFile(f);
              return problem ? { ...rest, file: problem } : rest;
            });
          }}
        />
        {duplicate && !recorded && (
          <label className="checkbox checkbox-strong at-supersede">
            <input type="checkbox" checked={supersede} onChange={(e) => setSupersede(e.target.checked)} />
            {t('attendance.doorPledge.supersede')}
          </label>
        )}
        {scanFailed ? (
          <ErrorAlert>
            {t('attendance.doorPledge.recordedScanFailed')} {errorText(t, retryScan.error ?? record.error)}
          </ErrorAlert>
        ) : (
          record.error && <ErrorAlert>{formErrorText(t, record.error)}</ErrorAlert>
        )}
        <div className="dialog-actions dialog-actions-split">
          {recorded ? (
            <>
              <button type="button" className="button" onClick={() => onRecorded(recorded)}>
                {t('attendance.doorPledge.closeWithoutScan')}
              </button>
              <button type="submit" className="button button-primary" disabled={busy || !file}>
                {busy ? t('attendance.doorPledge.submitting') : t('attendance.doorPledge.retryScan')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button" onClick={onClose}>
                {t('attendance.doorPledge.cancel')}
              </button>
              <button type="submit" className="button button-primary" disabled={busy || (duplicate && !supersede)}>
                {busy ? t('attendance.doorPledge.submitting') : t('attendance.doorPledge.submit')}
              </button>
            </>
          )}
        </div>
      </form>
    </Modal>
  );
}

/**
 * The administrator's way out: exempt the person's whole organization from pledges — the one
 * exemption dialog of the directory (administrator only, the statutory warning and confirmation
 * for a 関係機関, the core's refusals), opened here for the person's organization.
 */
export function ExemptionDialog({ person, onClose, onExempted }: { person: GatePerson & { organizationId: string }; onClose: () => void; onExempted: () => void }) {
  const invoke = useInvoke();
  const organizations = useQuery({ queryKey: ['organization.list'], queryFn: () => invoke('organization.list', {}) });
  const organization = organizations.data?.find((o) => o.id === person.organizationId);
  if (!organization) return null;
  return <OrganizationExemptionDialog organization={organization} onClose={onClose} onChanged={(_saved, change) => (change === 'withdrawn' ? onClose() : onExempted())} />;
}

/** 退席: the time someone left (now by default, editable). */
export function LeaveDialog({ name, onClose, onSubmit, pending, error }: { name: string; onClose: () => void; onSubmit: (time: string) => void; pending: boolean; error: unknown }) {
  const { t } = useTranslation();
  useReturnFocus();
  const [time, setTime] = useState(nowTime);
  const [local, setLocal] = useState<string | null>(null);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!isTime(time)) {
      setLocal(t('validation.invalid'));
      return;
    }
    setLocal(null);
    onSubmit(time);
  }
  return (
    <Modal open onClose={onClose} title={t('attendance.leave.heading')}>
      <form onSubmit={submit} noValidate>
        <p>{t('attendance.leave.intro', { name })}</p>
        <TextField label={t('attendance.leave.time')} type="time" className="field-time" required value={time} onChange={(e) => setTime(e.target.value)} error={local ?? undefined} autoFocus />
        {error ? <ErrorAlert>{errorText(t, error)}</ErrorAlert> : null}
        <FormActions cancelLabel={t('attendance.leave.cancel')} onCancel={onClose} submitLabel={t('attendance.leave.submit')} pending={pending} />
      </form>
    </Modal>
  );
}
