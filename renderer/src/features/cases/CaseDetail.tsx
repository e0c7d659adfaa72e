import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, Consent } from '../../../../shared/contract/cases';
import type { CaseStatus } from '../../../../shared/domain/case-lifecycle';
import { useInvoke } from '../../api';
import { errorText, fieldErrors, isKasaneError } from '../../errors';
import { PageHeading, TextField, useFlash } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useOrganizations } from '../directory/OrganizationsTab';
import { CompactTable, ErrorAlert, Fact, FormActions, Modal, SelectField, TextAreaField, dateTime, formErrorText, shortDate, todayIso } from '../directory/ui';
import { StatusBadge, useCategories } from './shared';
import { EditCaseForm } from './CaseEdit';
import { AttachScanForm, ScanViewer } from './ConsentScan';
import { CasePlans } from '../plans/CasePlans';

type Revealed = { fullName: string | null; fullNameKana: string | null; birthDate: string | null };
type Dialog =
  | { kind: 'edit' }
  | { kind: 'attach'; consent: Consent }
  | { kind: 'scan'; attachmentId: string }
  | { kind: 'consent' } | { kind: 'withdraw'; consent: Consent } | { kind: 'transition'; to: CaseStatus } | null;

export function CaseDetailView({ id, onBack, focusPlans = false }: { id: string; onBack: () => void; /** Opened from 会議間の進捗: go to 支援プラン. */ focusPlans?: boolean }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [flash, setFlash] = useFlash();
  const detail = useQuery({ queryKey: ['case.get', id], queryFn: () => invoke('case.get', { id }) });
  const orgs = useOrganizations(true);
  const categories = useCategories();
  const orgName = useMemo(() => {
    const map = new Map((orgs.data ?? []).map((o) => [o.id, o.name]));
    return (orgId: string | null) => (orgId ? (map.get(orgId) ?? '…') : t('cases.detail.none'));
  }, [orgs.data, t]);
  const c = detail.data;
  useDocumentTitle(c ? t('cases.detail.heading', { caseNumber: c.caseNumber, initials: c.initials }) : t('cases.heading'));

  const updated = (next: CaseDetail, message: string) => {
    queryClient.setQueryData(['case.get', id], next);
    void queryClient.invalidateQueries({ queryKey: ['case.list'] });
    void queryClient.invalidateQueries({ queryKey: ['home.summary'] });
    setDialog(null);
    setFlash(message);
  };

  const d = (iso: string) => shortDate(iso, i18n.language);
  const none = t('cases.detail.none');

  return (
    <article className="page">
      <p className="back-row">
        <button type="button" className="link-button" onClick={onBack}>
          ← {t('cases.detail.back')}
        </button>
      </p>
      {detail.error && (
        <ErrorAlert>{errorText(t, detail.error)}</ErrorAlert>
      )}
      {!c ? (
        detail.isPending && (
          <p className="loading-inline" role="status">
            {t('app.loading')}
          </p>
        )
      ) : (
        <>
          <div className="case-title">
            <PageHeading>{t('cases.detail.heading', { caseNumber: c.caseNumber, initials: c.initials })}</PageHeading>
            <StatusBadge status={c.status} />
          </div>
          <p className="status-line" role="status">
            {flash}
          </p>
          <section className="panel" aria-labelledby="case-summary">
            <div className="panel-head">
              <h2 id="case-summary" className="panel-title">
                {t('cases.detail.summaryHeading')}
              </h2>
              <button type="button" className="button" onClick={() => setDialog({ kind: 'edit' })}>
                {t('cases.edit.button')}
              </button>
            </div>
            <dl className="facts facts-grid">
              <Fact label={t('cases.detail.caseNumber')}>{c.caseNumber}</Fact>
              <Fact label={t('cases.detail.initials')}>{c.initials}</Fact>
              <Fact label={t('cases.detail.status')}>{t(`cases.statuses.${c.status}`)}</Fact>
              <Fact label={t('cases.detail.receivedOn')}>
                <time dateTime={c.receivedOn}>{d(c.receivedOn)}</time>
              </Fact>
              <Fact label={t('cases.detail.intakeRoute')}>{c.intakeRoute ?? none}</Fact>
              <Fact label={t('cases.detail.receivedBy')}>{orgName(c.receivedByOrganizationId)}</Fact>
              <Fact label={t('cases.detail.lead')}>{c.leadOrganizationName ?? none}</Fact>
              <Fact label={t('cases.detail.categories')}>
                {c.categoryIds.length ? c.categoryIds.map((cid) => categories.data?.find((x) => x.id === cid)?.label ?? '').filter(Boolean).join('、') || c.categories.join('、') : none}
              </Fact>
            </dl>
            <h3 className="subheading">{t('cases.detail.householdNotes')}</h3>
            <p className="notes">{c.householdNotes ?? none}</p>
          </section>

          <NamePanel caseId={c.id} hasFullName={c.hasFullName} />

          <section className="panel" aria-labelledby="case-consent">
            <div className="panel-head">
              <h2 id="case-consent" className="panel-title">
                {t('cases.detail.consentHeading')}
              </h2>
              <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'consent' })}>
                {t('cases.detail.recordConsent')}
              </button>
            </div>
            <p className={`consent-today ${c.consentToday.valid ? 'consent-ok' : 'consent-none'}`}>
              {c.consentToday.valid ? t('cases.detail.consentValidToday') : t('cases.detail.consentInvalidToday')}
            </p>
            {c.consentToday.valid && (
              <p>{t('cases.detail.consentJusoteki', { value: c.consentToday.allowsJusoteki ? t('cases.detail.yes') : t('cases.detail.no') })}</p>
            )}
            <h3 className="subheading">{t('cases.detail.consentRecords')}</h3>
            {c.consents.length === 0 ? (
              <p className="empty-detail">{t('cases.detail.consentNone')}</p>
            ) : (
              <CompactTable
                caption={t('cases.detail.consentRecords')}
                columns={[
                  t('cases.detail.consentColumns.givenOn'),
                  t('cases.detail.consentColumns.method'),
                  t('cases.detail.consentColumns.obtainedBy'),
                  t('cases.detail.consentColumns.organizations'),
                  t('cases.detail.consentColumns.jusoteki'),
                  t('cases.detail.consentColumns.state'),
                  t('cases.scan.column'),
                  t('cases.detail.consentColumns.actions'),
                ]}
              >
                {c.consents.map((k) => (
                  <tr key={k.id}>
                    <td>
                      <time dateTime={k.givenOn}>{d(k.givenOn)}</time>
                    </td>
                    <td className="nowrap">{t(`cases.methods.${k.method}`)}</td>
                    <td>{k.obtainedBy}</td>
                    <td>{k.organizationIds.length ? k.organizationIds.map((o) => orgName(o)).join('、') : none}</td>
                    <td>{k.allowsJusoteki ? t('cases.detail.yes') : t('cases.detail.no')}</td>
                    <td>
                      {k.withdrawnOn ? (
                        <span className="badge badge-muted">{t('cases.detail.withdrawnOn', { date: d(k.withdrawnOn) })}</span>
                      ) : (
                        <span className="badge badge-ok">{t('cases.detail.valid')}</span>
                      )}
                    </td>
                    <td>
                      <span className="consent-actions">
                        {k.scanAttachmentId ? (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => k.scanAttachmentId && setDialog({ kind: 'scan', attachmentId: k.scanAttachmentId })}
                            aria-label={t('cases.scan.attachLabel', { action: t('cases.scan.view'), date: d(k.givenOn) })}
                          >
                            {t('cases.scan.view')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => setDialog({ kind: 'attach', consent: k })}
                            aria-label={t('cases.scan.attachLabel', { action: t('cases.scan.attach'), date: d(k.givenOn) })}
                          >
                            {t('cases.scan.attach')}
                          </button>
                        )}
                      </span>
                    </td>
                    <td className="nowrap">
                      {!k.withdrawnOn && (
                        <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'withdraw', consent: k })}>
                          {t('cases.detail.withdraw')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </CompactTable>
            )}
          </section>

          <CasePlans caseId={c.id} caseStatus={c.status} focus={focusPlans} />

          <section className="panel" aria-labelledby="case-transitions">
            <h2 id="case-transitions" className="panel-title">
              {t('cases.detail.transitionsHeading')}
            </h2>
            {c.allowedTransitions.length === 0 ? (
              <p>{t('cases.detail.noTransitions')}</p>
            ) : (
              <>
                <p className="field-hint">{t('cases.detail.transitionsIntro')}</p>
                <div className="transition-buttons">
                  {c.allowedTransitions.map((to) => (
                    <button key={to} type="button" className={`button${to === 'closed' || to === 'suspended' ? '' : ' button-primary'}`} onClick={() => setDialog({ kind: 'transition', to })}>
                      {t('cases.detail.moveTo', { status: t(`cases.statuses.${to}`) })}
                    </button>
                  ))}
                </div>
              </>
            )}
          </section>

          <section className="panel" aria-labelledby="case-history">
            <h2 id="case-history" className="panel-title">
              {t('cases.detail.historyHeading')}
            </h2>
            <table className="data-table compact">
              <caption className="visually-hidden">{t('cases.detail.historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.detail.historyColumns.change')}</th>
                  <th scope="col">{t('cases.detail.historyColumns.reason')}</th>
                  <th scope="col">{t('cases.detail.historyColumns.by')}</th>
                  <th scope="col">{t('cases.detail.historyColumns.at')}</th>
                </tr>
              </thead>
              <tbody>
                {c.history.map((h, i) => (
                  <tr key={`${h.at}-${i}`}>
                    <td>
                      {h.from
                        ? t('cases.detail.historyChange', { from: t(`cases.statuses.${h.from}`), to: t(`cases.statuses.${h.to}`) })
                        : t('cases.detail.historyFirst', { to: t(`cases.statuses.${h.to}`) })}
                    </td>
                    <td>{h.reason ?? none}</td>
                    <td className="nowrap">{h.staffName ?? none}</td>
                    <td className="nowrap">
                      <time dateTime={h.at}>{dateTime(h.at, i18n.language)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <Modal
            open={dialog !== null}
            onClose={() => setDialog(null)}
            wide={dialog?.kind === 'consent' || dialog?.kind === 'edit' || dialog?.kind === 'scan'}
            title={
              dialog?.kind === 'edit'
                ? t('cases.edit.heading')
                : dialog?.kind === 'attach'
                  ? t('cases.scan.attachHeading')
                  : dialog?.kind === 'scan'
                    ? t('cases.scan.viewHeading')
                    : dialog?.kind === 'consent'
                ? t('cases.consentForm.heading')
                : dialog?.kind === 'withdraw'
                  ? t('cases.withdrawForm.heading')
                  : dialog?.kind === 'transition'
                    ? t('cases.transitionForm.heading', { to: t(`cases.statuses.${dialog.to}`) })
                    : ''
            }
          >
            {dialog?.kind === 'edit' && (
              <EditCaseForm
                detail={c}
                onDone={(next) => (next ? updated(next, t('cases.edit.saved')) : (setDialog(null), setFlash(t('cases.edit.noChange'))))}
                onCancel={() => setDialog(null)}
              />
            )}
            {dialog?.kind === 'attach' && (
              <AttachScanForm consent={dialog.consent} onDone={(next) => updated(next, t('cases.scan.attached'))} onCancel={() => setDialog(null)} />
            )}
            {dialog?.kind === 'scan' && <ScanViewer attachmentId={dialog.attachmentId} onClose={() => setDialog(null)} />}
            {dialog?.kind === 'consent' && (
              <ConsentForm detail={c} onDone={(next) => updated(next, t('cases.consentForm.saved'))} onCancel={() => setDialog(null)} />
            )}
            {dialog?.kind === 'withdraw' && (
              <WithdrawForm consent={dialog.consent} onDone={(next) => updated(next, t('cases.withdrawForm.saved'))} onCancel={() => setDialog(null)} />
            )}
            {dialog?.kind === 'transition' && (
              <TransitionForm
                detail={c}
                to={dialog.to}
                onDone={(next) => updated(next, t('cases.transitionForm.saved', { to: t(`cases.statuses.${next.status}`) }))}
                onCancel={() => setDialog(null)}
              />
            )}
          </Modal>
        </>
      )}
    </article>
  );
}

/**
 * The name stays masked until the user asks; the answer is kept only in this component's
 * state (never in the query cache), so it is gone as soon as the page is left.
 */
function NamePanel({ caseId, hasFullName }: { caseId: string; hasFullName: boolean }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function reveal() {
    setPending(true);
    setError(null);
    try {
      setRevealed(await invoke('case.reveal', { id: caseId }));
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  }
  const masked = t('cases.detail.masked');
  const none = t('cases.detail.none');
  return (
    <section className="panel" aria-labelledby="case-name">
      <h2 id="case-name" className="panel-title">
        {t('cases.detail.nameHeading')}
      </h2>
      {!hasFullName ? (
        <p>{t('cases.detail.noName')}</p>
      ) : (
        <>
          <div className="name-row">
            <dl className="facts facts-grid name-facts" aria-live="polite">
              <Fact label={t('cases.detail.fullName')}>
                <span className={revealed ? 'revealed' : 'masked'}>{revealed ? (revealed.fullName ?? none) : masked}</span>
              </Fact>
              <Fact label={t('cases.detail.fullNameKana')}>
                <span className={revealed ? 'revealed' : 'masked'}>{revealed ? (revealed.fullNameKana ?? none) : masked}</span>
              </Fact>
              <Fact label={t('cases.detail.birthDate')}>
                <span className={revealed ? 'revealed' : 'masked'}>{revealed ? (revealed.birthDate ? shortDate(revealed.birthDate, i18n.language) : none) : masked}</span>
              </Fact>
            </dl>
            {revealed ? (
              <button type="button" className="button" onClick={() => setRevealed(null)}>
                {t('cases.detail.hide')}
              </button>
            ) : (
              <button type="button" className="button" onClick={() => void reveal()} disabled={pending} aria-describedby="reveal-note">
                {pending ? t('cases.detail.revealing') : t('cases.detail.reveal')}
              </button>
            )}
          </div>
          <p id="reveal-note" className="field-hint">
            {t('cases.detail.revealNote')}
          </p>
        </>
      )}
      {error !== null && (
        <ErrorAlert>{errorText(t, error)}</ErrorAlert>
      )}
    </section>
  );
}

function DialogActions({ pending, onCancel, submitLabel }: { pending: boolean; onCancel: () => void; submitLabel: string }) {
  const { t } = useTranslation();
  return (
    <FormActions cancelLabel={t('cases.cancel')} onCancel={onCancel} submitLabel={submitLabel} pending={pending} pendingLabel={t('cases.saving')} />
  );
}

function ConsentForm({ detail, onDone, onCancel }: { detail: CaseDetail; onDone: (d: CaseDetail) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const orgs = useOrganizations(false);
  const [givenOn, setGivenOn] = useState(todayIso());
  const [method, setMethod] = useState<Consent['method']>('written');
  const [obtainedBy, setObtainedBy] = useState('');
  const [organizationIds, setOrganizationIds] = useState<string[]>(() =>
    [detail.leadOrganizationId, detail.receivedByOrganizationId].filter((x, i, a): x is string => Boolean(x) && a.indexOf(x) === i),
  );
  const [allowsJusoteki, setAllowsJusoteki] = useState(true);
  const [notes, setNotes] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const record = useMutation({
    mutationFn: () =>
      invoke('consent.record', { caseId: detail.id, givenOn, method, obtainedBy: obtainedBy.trim(), organizationIds, allowsJusoteki, notes: notes.trim() || null }),
    onSuccess: onDone,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!givenOn) errors.givenOn = t('directory.common.required');
    if (!obtainedBy.trim()) errors.obtainedBy = t('cases.consentForm.obtainedByRequired');
    setLocal(errors);
    if (Object.keys(errors).length === 0) record.mutate();
  }
  const server = fieldErrors(t, record.error);
  // A date refused by the consent rules belongs to the date field as well as to the alert.
  if (isKasaneError(record.error, 'consent_in_future', 'consent_before_received')) server.givenOn = errorText(t, record.error);
  const err = (f: string) => local[f] ?? server[f];
  return (
    <form onSubmit={submit} noValidate>
      <div className="field-row">
        <TextField label={t('cases.consentForm.givenOn')} required type="date" value={givenOn} onChange={(e) => setGivenOn(e.target.value)} error={err('givenOn')} autoFocus />
        <SelectField label={t('cases.consentForm.method')} value={method} onChange={(e) => setMethod(e.target.value as Consent['method'])} error={err('method')}>
          {(['written', 'verbal', 'other'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`cases.methods.${m}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label={t('cases.consentForm.obtainedBy')}
        required
        value={obtainedBy}
        onChange={(e) => setObtainedBy(e.target.value)}
        maxLength={60}
        hint={t('cases.consentForm.obtainedByHint')}
        error={err('obtainedBy')}
      />
      <fieldset className="fieldset" aria-describedby="consent-orgs-hint">
        <legend>{t('cases.consentForm.organizationsLegend')}</legend>
        <p id="consent-orgs-hint" className="field-hint">
          {t('cases.consentForm.organizationsHint')}
        </p>
        <div className="checkbox-grid">
          {(orgs.data ?? []).map((o) => (
            <label key={o.id} className="checkbox">
              <input
                type="checkbox"
                checked={organizationIds.includes(o.id)}
                onChange={(e) => setOrganizationIds((ids) => (e.target.checked ? [...ids, o.id] : ids.filter((x) => x !== o.id)))}
              />
              {o.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label className="checkbox checkbox-strong">
          <input type="checkbox" checked={allowsJusoteki} onChange={(e) => setAllowsJusoteki(e.target.checked)} aria-describedby="jusoteki-hint" />
          {t('cases.consentForm.jusoteki')}
        </label>
        <p id="jusoteki-hint" className="field-hint">
          {t('cases.consentForm.jusotekiHint')}
        </p>
      </div>
      <TextAreaField label={t('cases.consentForm.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={1000} rows={2} error={err('notes')} />
      {record.error && (
        <ErrorAlert>{formErrorText(t, record.error)}</ErrorAlert>
      )}
      <DialogActions pending={record.isPending} onCancel={onCancel} submitLabel={t('cases.consentForm.submit')} />
    </form>
  );
}

function WithdrawForm({ consent, onDone, onCancel }: { consent: Consent; onDone: (d: CaseDetail) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const [withdrawnOn, setWithdrawnOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () => invoke('consent.withdraw', { consentId: consent.id, withdrawnOn, reason: reason.trim() || null }),
    onSuccess: onDone,
  });
  const server = fieldErrors(t, withdraw.error);
  if (isKasaneError(withdraw.error, 'consent_in_future', 'withdrawal_before_consent')) server.withdrawnOn = errorText(t, withdraw.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        withdraw.mutate();
      }}
      noValidate
    >
      <p>{t('cases.withdrawForm.intro', { date: shortDate(consent.givenOn, i18n.language) })}</p>
      <TextField label={t('cases.withdrawForm.withdrawnOn')} required type="date" value={withdrawnOn} onChange={(e) => setWithdrawnOn(e.target.value)} error={server.withdrawnOn} autoFocus />
      <TextAreaField label={t('cases.withdrawForm.reason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={400} rows={2} error={server.reason} />
      {withdraw.error && (
        <ErrorAlert>{formErrorText(t, withdraw.error)}</ErrorAlert>
      )}
      <DialogActions pending={withdraw.isPending} onCancel={onCancel} submitLabel={t('cases.withdrawForm.submit')} />
    </form>
  );
}

function TransitionForm({ detail, to, onDone, onCancel }: { detail: CaseDetail; to: CaseStatus; onDone: (d: CaseDetail) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const [reason, setReason] = useState('');
  const transition = useMutation({
    mutationFn: () => invoke('case.transition', { id: detail.id, to, reason: reason.trim() || null }),
    onSuccess: onDone,
  });
  const toLabel = t(`cases.statuses.${to}`);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        transition.mutate();
      }}
      noValidate
    >
      <p>{t('cases.transitionForm.intro', { from: t(`cases.statuses.${detail.status}`), to: toLabel })}</p>
      <TextAreaField
        label={t('cases.transitionForm.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={400}
        rows={3}
        error={fieldErrors(t, transition.error).reason}
        autoFocus
      />
      {transition.error && (
        <ErrorAlert>{formErrorText(t, transition.error)}</ErrorAlert>
      )}
      <DialogActions pending={transition.isPending} onCancel={onCancel} submitLabel={t('cases.transitionForm.submit', { to: toLabel })} />
    </form>
  );
}
