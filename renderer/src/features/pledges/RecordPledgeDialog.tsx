import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/contract';
import type { PledgeKind, PledgeRecord } from '../../../../shared/contract/pledges';
import { ATTACHMENT_LIMIT_MB } from '../../../../shared/contract/cases';
import { fiscalYearOf } from '../../../../shared/domain/fiscal-year';
import { formatWareki } from '../../../../shared/domain/wareki';
import { useInvoke } from '../../api';
import { errorText, fieldErrors, isKasaneError } from '../../errors';
import { TextField } from '../../components/forms';
import { ScanFileField, scanProblem, scanUpload } from '../../components/scan-file';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, FormActions, Modal, OrganizationOptions, SelectField, shortDate, todayIso } from '../directory/ui';
import { useMembers, useReturnFocus } from '../meetings/shared';
import { PLEDGE_KINDS, defaultAddressee, groupByOrganization } from './logic';
import { FiscalYearOptions, MemberOptions, pledgeErrorText } from './shared';

/** What is recorded and whether a scan could be attached afterwards. */
interface Recorded {
  pledge: PledgeRecord;
  scanError: unknown;
}

/**
 * 誓約書を登録: one of the three kinds. A pledge for the same person (organization) and period
 * already on file comes back as `pledge_duplicate`: the form then asks whether to replace it
 * and sends the same pledge again with `supersede: true`. A scan, if chosen, is uploaded after
 * the pledge is recorded (pledge.attachScan).
 */
export function RecordPledgeDialog({ onClose, onDone }: { onClose: () => void; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const today = todayIso();
  const [kind, setKind] = useState<PledgeKind>('individual_annual');
  const [memberId, setMemberId] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [rosterIds, setRosterIds] = useState<string[]>([]);
  const [meetingId, setMeetingId] = useState('');
  const [fiscalYear, setFiscalYear] = useState(String(fiscalYearOf(today)));
  const [signedOn, setSignedOn] = useState(today);
  const [addressee, setAddressee] = useState<string | null>(null);
  const [originalReceived, setOriginalReceived] = useState(true);
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});

  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => invoke('settings.get', {}) });
  const wording = useQuery({ queryKey: ['pledge.wording'], queryFn: () => invoke('pledge.wording', {}) });
  const members = useMembers();
  const groups = useMemo(() => groupByOrganization(members.data ?? []), [members.data]);
  const orgs = useOrganizations(false);
  const activeOrgs = (orgs.data ?? []).filter((o) => !o.retiredAt);
  const orgMembers = useMemo(() => groups.find((g) => g.id === organizationId)?.members ?? [], [groups, organizationId]);
  const shienMeetings = useQuery({
    queryKey: ['meeting.list', { type: 'shien' }],
    queryFn: () => invoke('meeting.list', { type: 'shien' }),
    enabled: kind === 'per_meeting',
  });
  // A meeting still to be held or in 受付 (a pledge signed at the door); never a cancelled one.
  const plannedMeetings = (shienMeetings.data ?? []).filter((m) => m.state === 'planned' || m.state === 'checking_in').sort((a, b) => a.date.localeCompare(b.date));

  // The addressee follows the municipality's name until the user edits it.
  const addresseeValue = addressee ?? defaultAddressee(settings.data?.municipalityName ?? '');

  const record = useMutation({
    mutationFn: async (supersede: boolean): Promise<Recorded> => {
      const common = { signedOn, addressee: addresseeValue.trim(), originalReceived, ...(supersede ? { supersede: true } : {}) };
      const input: MethodInput<'pledge.record'> =
        kind === 'per_meeting'
          ? { kind, memberId, meetingId, ...common }
          : kind === 'individual_annual'
            ? { kind, memberId, fiscalYear: Number(fiscalYear), ...common }
            : { kind, organizationId, memberIds: rosterIds, fiscalYear: Number(fiscalYear), ...common };
      const pledge = await invoke('pledge.record', input);
      if (!file) return { pledge, scanError: null };
      try {
        const withScan = await invoke('pledge.attachScan', { pledgeId: pledge.id, ...(await scanUpload(file)) });
        return { pledge: withScan, scanError: null };
      } catch (scanError) {
        return { pledge, scanError };
      }
    },
    onSuccess: ({ pledge, scanError }) => {
      const subject = (pledge.kind === 'organization_roster' ? pledge.organizationName : pledge.memberName) ?? '';
      const base = t('pledges.record.done', { subject, kind: t(`pledges.kinds.${pledge.kind}`) });
      onDone(scanError ? `${base} ${t('pledges.record.scanFailed', { error: errorText(t, scanError) })}` : base);
    },
  });
  const duplicate = isKasaneError(record.error, 'pledge_duplicate');

  const checkFile = (f: File | null) => (f ? scanProblem(t, f) : null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (kind !== 'organization_roster' && !memberId) errors.memberId = t('pledges.record.memberRequired');
    if (kind === 'organization_roster' && !organizationId) errors.organizationId = t('pledges.record.organizationRequired');
    if (kind === 'organization_roster' && organizationId && rosterIds.length === 0) errors.memberIds = t('pledges.record.rosterRequired');
    if (kind === 'per_meeting' && !meetingId) errors.meetingId = t('pledges.record.meetingRequired');
    if (!signedOn) errors.signedOn = t('directory.common.required');
    else if (signedOn > today) errors.signedOn = t('pledges.record.signedInFuture');
    if (!addresseeValue.trim()) errors.addressee = t('directory.common.required');
    const fileError = checkFile(file);
    if (fileError) errors.file = fileError;
    setLocal(errors);
    if (Object.keys(errors).length === 0) record.mutate(false);
  }

  const server = fieldErrors(t, record.error);
  const err = (f: string) => local[f] ?? server[f];
  const changeKind = (next: PledgeKind) => {
    setKind(next);
    setLocal({});
    record.reset();
  };
  /** An edited field loses its error message, and a refusal of the core no longer applies. */
  const changed = (field: string) => {
    if (record.error) record.reset();
    if (local[field]) setLocal(({ [field]: _cleared, ...rest }) => rest);
  };
  const toggle = (ids: string[], on: boolean) => {
    changed('memberIds');
    setRosterIds((cur) => (on ? [...new Set([...cur, ...ids])] : cur.filter((x) => !ids.includes(x))));
  };

  return (
    <Modal open onClose={onClose} title={t('pledges.record.heading')} wide>
      <form onSubmit={submit} noValidate className="pl-record-form">
        <SelectField label={t('pledges.record.kind')} required value={kind} onChange={(e) => changeKind(e.target.value as PledgeKind)} hint={t(`pledges.kindHints.${kind}`)} autoFocus>
          {PLEDGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`pledges.kinds.${k}`)}
            </option>
          ))}
        </SelectField>

        {kind !== 'organization_roster' && (
          <SelectField
            label={t('pledges.record.member')}
            required
            value={memberId}
            onChange={(e) => {
              changed('memberId');
              setMemberId(e.target.value);
            }}
            error={err('memberId')}
            hint={groups.length === 0 && !members.isPending ? t('pledges.record.noMembers') : undefined}
          >
            <MemberOptions groups={groups} />
          </SelectField>
        )}

        {kind === 'organization_roster' && (
          <>
            <SelectField
              label={t('pledges.record.organization')}
              required
              value={organizationId}
              onChange={(e) => {
                changed('organizationId');
                setOrganizationId(e.target.value);
                // A roster lists the organization's current staff, all ticked to begin with.
                setRosterIds(groups.find((g) => g.id === e.target.value)?.members.map((m) => m.id) ?? []);
              }}
              error={err('organizationId')}
            >
              <OrganizationOptions first={t('pledges.record.chooseOrganization')} organizations={activeOrgs} />
            </SelectField>
            {organizationId && (
              <fieldset className={`fieldset pl-roster-fieldset${err('memberIds') ? ' field-invalid' : ''}`} aria-describedby="pl-roster-hint">
                <legend>{t('pledges.record.rosterLegend')}</legend>
                <p id="pl-roster-hint" className="field-hint">
                  {t('pledges.record.rosterHint')} <span className="pl-selected-count">{t('pledges.record.rosterSelected', { count: rosterIds.length, total: orgMembers.length })}</span>
                </p>
                {orgMembers.length === 0 ? (
                  <p className="notice">{t('pledges.record.rosterNoMembers')}</p>
                ) : (
                  <>
                    <label className="checkbox checkbox-strong">
                      <input
                        type="checkbox"
                        checked={rosterIds.length === orgMembers.length}
                        ref={(el) => {
                          if (el) el.indeterminate = rosterIds.length > 0 && rosterIds.length < orgMembers.length;
                        }}
                        onChange={(e) => toggle(orgMembers.map((m) => m.id), e.target.checked)}
                      />
                      {t('pledges.record.rosterAll')}
                    </label>
                    <div className="checkbox-grid pl-roster-checks">
                      {orgMembers.map((m) => (
                        <label key={m.id} className="checkbox">
                          <input type="checkbox" checked={rosterIds.includes(m.id)} onChange={(e) => toggle([m.id], e.target.checked)} />
                          <span>
                            {m.name}
                            {m.current?.title ? <span className="pl-muted">（{m.current.title}）</span> : null}
                          </span>
                        </label>
                      ))}
                    </div>
                  </>
                )}
                {err('memberIds') && <p className="field-error">{err('memberIds')}</p>}
              </fieldset>
            )}
          </>
        )}

        {kind === 'per_meeting' ? (
          <SelectField
            label={t('pledges.record.meeting')}
            required
            value={meetingId}
            onChange={(e) => {
              changed('meetingId');
              setMeetingId(e.target.value);
            }}
            error={err('meetingId')}
            hint={shienMeetings.data && plannedMeetings.length === 0 ? t('pledges.record.noMeetings') : t('pledges.record.meetingHint')}
          >
            <option value="">{t('pledges.record.chooseMeeting')}</option>
            {plannedMeetings.map((m) => (
              <option key={m.id} value={m.id}>
                {shortDate(m.date, i18n.language)} {m.title}
              </option>
            ))}
          </SelectField>
        ) : (
          <SelectField
            label={t('pledges.record.fiscalYear')}
            required
            value={fiscalYear}
            onChange={(e) => {
              changed('fiscalYear');
              setFiscalYear(e.target.value);
            }}
            error={err('fiscalYear')}
          >
            <FiscalYearOptions today={today} />
          </SelectField>
        )}

        <div className="field-row">
          <TextField
            label={t('pledges.record.signedOn')}
            required
            type="date"
            max={today}
            value={signedOn}
            onChange={(e) => {
              changed('signedOn');
              setSignedOn(e.target.value);
            }}
            className="field-date"
            hint={/^\d{4}-\d{2}-\d{2}$/.test(signedOn) ? <span className="pl-wareki">{formatWareki(signedOn)}</span> : undefined}
            error={err('signedOn')}
          />
          <TextField
            label={t('pledges.record.addressee')}
            required
            maxLength={60}
            value={addresseeValue}
            onChange={(e) => {
              changed('addressee');
              setAddressee(e.target.value);
            }}
            hint={t('pledges.record.addresseeHint')}
            error={err('addressee')}
          />
        </div>

        <label className="checkbox">
          <input type="checkbox" checked={originalReceived} onChange={(e) => setOriginalReceived(e.target.checked)} />
          {t('pledges.record.originalReceived')}
        </label>

        <ScanFileField
          label={t('pledges.record.scan')}
          hint={t('pledges.record.scanHint', { limitMb: ATTACHMENT_LIMIT_MB })}
          error={err('file')}
          onChange={(f) => {
            setFile(f);
            setLocal(({ file: _drop, ...rest }) => {
              const problem = checkFile(f);
              return problem ? { ...rest, file: problem } : rest;
            });
          }}
        />

        {wording.data && <p className="field-hint pl-wording-note">{t('pledges.record.wordingNote', { version: wording.data.version })}</p>}

        {duplicate ? (
          <div className="pl-duplicate" role="alert" ref={(el) => el?.scrollIntoView?.({ block: 'nearest' })}>
            <p className="pl-duplicate-text">{pledgeErrorText(t, record.error, i18n.language)}</p>
            <p>{t('pledges.record.duplicateExplain')}</p>
            <div className="dialog-actions dialog-actions-split">
              <button type="button" className="button" onClick={() => record.reset()}>
                {t('pledges.record.keepExisting')}
              </button>
              <button type="button" className="button button-primary" disabled={record.isPending} onClick={() => record.mutate(true)}>
                {t('pledges.record.supersede')}
              </button>
            </div>
          </div>
        ) : (
          record.error && <ErrorAlert>{pledgeErrorText(t, record.error, i18n.language)}</ErrorAlert>
        )}

        {!duplicate && (
          <FormActions
            cancelLabel={t('pledges.cancel')}
            onCancel={onClose}
            submitLabel={t('pledges.record.submit')}
            pending={record.isPending}
            pendingLabel={t('pledges.record.saving')}
          />
        )}
      </form>
    </Modal>
  );
}
