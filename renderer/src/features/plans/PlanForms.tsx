import { useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../shared/contract';
import { useInvoke } from '../../api';
import { fieldErrors, isKasaneError } from '../../errors';
import { TextField } from '../../components/forms';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, OrganizationOptions, SelectField, TextAreaField, shortDate, todayIso } from '../directory/ui';
import { followStart } from './logic';
import { planErrorText } from './shared';

export type Done = (plan: Plan, message: string) => void;

/** Errors found before sending; a field's own error goes away as soon as it is changed. */
function useLocalErrors() {
  const [local, setLocal] = useState<Record<string, string>>({});
  const clear = (field: string) =>
    setLocal((errors) => {
      if (!(field in errors)) return errors;
      const rest = { ...errors };
      delete rest[field];
      return rest;
    });
  /** An onChange that sets the value and clears the field's error. */
  const change = (field: string, set: (value: string) => void) => (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
    set(e.target.value);
    clear(field);
  };
  return [local, setLocal, change] as const;
}

function Actions({ pending, onCancel, submitLabel }: { pending: boolean; onCancel: () => void; submitLabel: string }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-actions dialog-actions-split">
      <button type="button" className="button" onClick={onCancel}>
        {t('plans.form.cancel')}
      </button>
      <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
        {pending ? t('plans.form.saving') : submitLabel}
      </button>
    </div>
  );
}

/**
 * 支援プランの作成・編集. A new version starts from the latest one (the form is filled with it);
 * choosing the start date fills モニタリング (+3 months) and 評価 (+6 months) unless changed by hand.
 */
export function PlanForm({
  mode,
  caseId,
  base,
  onDone,
  onCancel,
}: {
  mode: 'create' | 'edit';
  caseId: string;
  /** The plan being edited, or the latest version a new one starts from. */
  base: Plan | null;
  onDone: Done;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const orgs = useOrganizations(false);
  const [goals, setGoals] = useState(base?.goals ?? '');
  const [assessmentSummary, setAssessmentSummary] = useState(base?.assessmentSummary ?? '');
  const [participationSupport, setParticipationSupport] = useState(base?.participationSupport ?? false);
  const [outreach, setOutreach] = useState(base?.outreach ?? false);
  const [leadOrganizationId, setLeadOrganizationId] = useState(base?.leadOrganizationId ?? '');
  const [startOn, setStartOn] = useState(base?.startOn ?? '');
  const [monitoringOn, setMonitoringOn] = useState(base?.monitoringOn ?? '');
  const [evaluationOn, setEvaluationOn] = useState(base?.evaluationOn ?? '');

  const save = useMutation({
    mutationFn: () => {
      const fields = {
        goals: goals.trim(),
        assessmentSummary: assessmentSummary.trim(),
        participationSupport,
        outreach,
        leadOrganizationId: leadOrganizationId || null,
        startOn: startOn || null,
        // Empty: the core fills the default from the start date.
        ...(monitoringOn ? { monitoringOn } : {}),
        ...(evaluationOn ? { evaluationOn } : {}),
      };
      return mode === 'edit' && base ? invoke('plan.update', { id: base.id, ...fields }) : invoke('plan.create', { caseId, ...fields });
    },
    onSuccess: (plan) => onDone(plan, mode === 'edit' ? t('plans.form.saved') : t('plans.form.created', { version: plan.version })),
  });

  function chooseStart(next: string) {
    setMonitoringOn((current) => followStart(current, startOn, next, 3));
    setEvaluationOn((current) => followStart(current, startOn, next, 6));
    setStartOn(next);
  }

  const server = fieldErrors(t, save.error);
  if (isKasaneError(save.error, 'plan_evaluation_before_start')) server.evaluationOn = planErrorText(t, save.error, i18n.language);
  const activeOrgs = orgs.data ?? [];
  const leadMissing = leadOrganizationId && !activeOrgs.some((o) => o.id === leadOrganizationId);

  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (!save.isPending) save.mutate();
      }}
      noValidate
      aria-busy={save.isPending || undefined}
    >
      {mode === 'create' && base && <p className="notice">{t('plans.form.fromLatest', { version: base.version })}</p>}
      <TextAreaField label={t('plans.form.goals')} value={goals} onChange={(e) => setGoals(e.target.value)} maxLength={4000} rows={4} hint={t('plans.form.goalsHint')} error={server.goals} autoFocus />
      <TextAreaField label={t('plans.form.assessmentSummary')} value={assessmentSummary} onChange={(e) => setAssessmentSummary(e.target.value)} maxLength={4000} rows={4} error={server.assessmentSummary} />
      <fieldset className="fieldset">
        <legend>{t('plans.form.flagsLegend')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={participationSupport} onChange={(e) => setParticipationSupport(e.target.checked)} />
          {t('plans.form.participationSupport')}
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={outreach} onChange={(e) => setOutreach(e.target.checked)} />
          {t('plans.form.outreach')}
        </label>
      </fieldset>
      <SelectField label={t('plans.form.lead')} value={leadOrganizationId} onChange={(e) => setLeadOrganizationId(e.target.value)} error={server.leadOrganizationId}>
        <option value="">{t('plans.form.leadNone')}</option>
        {leadMissing && base?.leadOrganizationName && <option value={leadOrganizationId}>{base.leadOrganizationName}</option>}
        {activeOrgs.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <div className="field-row">
        <TextField className="field-date" label={t('plans.form.startOn')} type="date" value={startOn} onChange={(e) => chooseStart(e.target.value)} error={server.startOn} />
        <TextField
          className="field-date"
          label={t('plans.form.monitoringOn')}
          type="date"
          value={monitoringOn}
          onChange={(e) => setMonitoringOn(e.target.value)}
          hint={t('plans.form.monitoringHint')}
          error={server.monitoringOn}
        />
        <TextField
          className="field-date"
          label={t('plans.form.evaluationOn')}
          type="date"
          value={evaluationOn}
          onChange={(e) => setEvaluationOn(e.target.value)}
          hint={t('plans.form.evaluationHint')}
          error={server.evaluationOn}
        />
      </div>
      {save.error && <ErrorAlert>{planErrorText(t, save.error, i18n.language)}</ErrorAlert>}
      <Actions pending={save.isPending} onCancel={onCancel} submitLabel={mode === 'edit' ? t('plans.form.save') : t('plans.form.create')} />
    </form>
  );
}

/** The planned 重層的支援会議 from today on, soonest first. */
function usePlannedJusoteki(today: string) {
  const invoke = useInvoke();
  const list = useQuery({ queryKey: ['meeting.list', { type: 'jusoteki' }], queryFn: () => invoke('meeting.list', { type: 'jusoteki' }) });
  const planned = useMemo(
    () => (list.data ?? []).filter((m) => m.state === 'planned' && m.date >= today).sort((a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? '')),
    [list.data, today],
  );
  return { list, planned, all: list.data ?? [] };
}

export function ProposeForm({ plan, onDone, onCancel }: { plan: Plan; onDone: Done; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const { list, planned } = usePlannedJusoteki(todayIso());
  const [meetingId, setMeetingId] = useState('');
  const [missing, setMissing] = useState(false);
  const propose = useMutation({
    mutationFn: () => invoke('plan.propose', { id: plan.id, meetingId }),
    onSuccess: (next) => onDone(next, t('plans.propose.done', { date: next.proposedMeetingDate ? shortDate(next.proposedMeetingDate, i18n.language) : '' })),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setMissing(!meetingId);
        if (meetingId && !propose.isPending) propose.mutate();
      }}
      noValidate
      aria-busy={propose.isPending || undefined}
    >
      <p>{t('plans.propose.intro', { version: plan.version })}</p>
      {list.isPending && <p className="loading-inline">{t('app.loading')}</p>}
      {list.data && planned.length === 0 ? (
        <p className="notice">{t('plans.propose.noMeetings')}</p>
      ) : (
        list.data && (
          <SelectField
            label={t('plans.propose.meeting')}
            required
            value={meetingId}
            onChange={(e) => {
              setMeetingId(e.target.value);
              setMissing(false);
            }}
            error={missing ? t('plans.propose.required') : undefined}
            autoFocus
          >
            <option value="">{t('plans.propose.choose')}</option>
            {planned.map((m) => (
              <option key={m.id} value={m.id}>
                {t('plans.propose.meetingOption', { date: shortDate(m.date, i18n.language), title: m.title })}
                {m.startTime ? ` ${m.startTime}` : ''}
              </option>
            ))}
          </SelectField>
        )
      )}
      {(propose.error ?? list.error) && <ErrorAlert>{planErrorText(t, propose.error ?? list.error, i18n.language)}</ErrorAlert>}
      <Actions pending={propose.isPending} onCancel={onCancel} submitLabel={t('plans.propose.submit')} />
    </form>
  );
}

export function WithdrawForm({ plan, onDone, onCancel }: { plan: Plan; onDone: Done; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const withdraw = useMutation({
    mutationFn: () => invoke('plan.withdraw', { id: plan.id }),
    onSuccess: (next) => onDone(next, t('plans.withdraw.done')),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!withdraw.isPending) withdraw.mutate();
      }}
      noValidate
    >
      <p>{t('plans.withdraw.intro', { version: plan.version, date: plan.proposedMeetingDate ? shortDate(plan.proposedMeetingDate, i18n.language) : '—' })}</p>
      {withdraw.error && <ErrorAlert>{planErrorText(t, withdraw.error, i18n.language)}</ErrorAlert>}
      <div className="dialog-actions dialog-actions-split">
        <button type="button" className="button" onClick={onCancel} autoFocus>
          {t('plans.form.cancel')}
        </button>
        <button type="submit" className="button button-danger" aria-disabled={withdraw.isPending || undefined}>
          {t('plans.withdraw.submit')}
        </button>
      </div>
    </form>
  );
}

/** 支援決定: after a confirmed 適当, or — from a draft only — urgently, reported at the next 重層的支援会議. */
export function DecideForm({ plan, onDone, onCancel }: { plan: Plan; onDone: Done; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const draft = plan.state === 'draft';
  const [number, setNumber] = useState('');
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const [approverTitle, setApproverTitle] = useState('');
  const [approverName, setApproverName] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [local, setLocal, change] = useLocalErrors();
  const decide = useMutation({
    mutationFn: () =>
      invoke('plan.decide', {
        id: plan.id,
        decidedOn,
        number: number.trim(),
        approverTitle: approverTitle.trim(),
        approverName: approverName.trim(),
        ...(draft ? { urgent } : {}),
      }),
    onSuccess: (next) => onDone(next, next.postReport ? t('plans.decide.doneUrgent') : t('plans.decide.done')),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!number.trim()) errors.number = t('validation.required');
    if (!decidedOn) errors.decidedOn = t('validation.required');
    if (!approverTitle.trim()) errors.approverTitle = t('validation.required');
    if (!approverName.trim()) errors.approverName = t('validation.required');
    setLocal(errors);
    if (Object.keys(errors).length === 0 && !decide.isPending) decide.mutate();
  }
  const server = fieldErrors(t, decide.error);
  if (isKasaneError(decide.error, 'plan_start_before_decision')) server.decidedOn = planErrorText(t, decide.error, i18n.language);
  const err = (f: string) => local[f] ?? server[f];
  return (
    <form onSubmit={submit} noValidate aria-busy={decide.isPending || undefined}>
      <p>{t('plans.decide.intro')}</p>
      <div className="field-row">
        <TextField label={t('plans.decide.number')} required value={number} onChange={change('number', setNumber)} maxLength={40} hint={t('plans.decide.numberHint')} error={err('number')} autoFocus />
        <TextField className="field-date" label={t('plans.decide.decidedOn')} required type="date" value={decidedOn} onChange={change('decidedOn', setDecidedOn)} error={err('decidedOn')} />
      </div>
      <div className="field-row">
        <TextField label={t('plans.decide.approverTitle')} required value={approverTitle} onChange={change('approverTitle', setApproverTitle)} maxLength={40} hint={t('plans.decide.approverTitleHint')} error={err('approverTitle')} />
        <TextField label={t('plans.decide.approverName')} required value={approverName} onChange={change('approverName', setApproverName)} maxLength={40} error={err('approverName')} />
      </div>
      {plan.startOn && <p className="field-hint">{t('plans.decide.startNote', { date: shortDate(plan.startOn, i18n.language) })}</p>}
      {draft && (
        <div className="field pl-urgent">
          <label className="checkbox checkbox-strong">
            <input
              type="checkbox"
              checked={urgent}
              onChange={(e) => {
                setUrgent(e.target.checked);
                decide.reset();
              }}
              aria-describedby="pl-urgent-hint"
            />
            {t('plans.decide.urgent')}
          </label>
          <p id="pl-urgent-hint" className="field-hint">
            {t('plans.decide.urgentHint')}
          </p>
        </div>
      )}
      {decide.error && <ErrorAlert>{planErrorText(t, decide.error, i18n.language)}</ErrorAlert>}
      <Actions pending={decide.isPending} onCancel={onCancel} submitLabel={t('plans.decide.submit')} />
    </form>
  );
}

export function MonitoringForm({ plan, onDone, onCancel }: { plan: Plan; onDone: Done; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const [onDate, setOnDate] = useState(todayIso());
  const [byName, setByName] = useState('');
  const [summary, setSummary] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [local, setLocal, change] = useLocalErrors();
  const record = useMutation({
    mutationFn: () => invoke('plan.recordMonitoring', { id: plan.id, onDate, byName: byName.trim(), summary: summary.trim(), nextStep: nextStep.trim() || null }),
    onSuccess: (next) => onDone(next, t('plans.monitoringForm.done')),
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!onDate) errors.onDate = t('validation.required');
    if (!byName.trim()) errors.byName = t('validation.required');
    if (!summary.trim()) errors.summary = t('validation.required');
    setLocal(errors);
    if (Object.keys(errors).length === 0 && !record.isPending) record.mutate();
  }
  const server = fieldErrors(t, record.error);
  const err = (f: string) => local[f] ?? server[f];
  return (
    <form onSubmit={submit} noValidate aria-busy={record.isPending || undefined}>
      <div className="field-row">
        <TextField className="field-date" label={t('plans.monitoringForm.onDate')} required type="date" value={onDate} onChange={change('onDate', setOnDate)} error={err('onDate')} autoFocus />
        <TextField label={t('plans.monitoringForm.byName')} required value={byName} onChange={change('byName', setByName)} maxLength={60} hint={t('plans.monitoringForm.byNameHint')} error={err('byName')} />
      </div>
      <TextAreaField label={t('plans.monitoringForm.summary')} value={summary} onChange={change('summary', setSummary)} maxLength={4000} rows={4} error={err('summary')} aria-required />
      <TextAreaField label={t('plans.monitoringForm.nextStep')} value={nextStep} onChange={(e) => setNextStep(e.target.value)} maxLength={1000} rows={2} error={err('nextStep')} />
      {record.error && <ErrorAlert>{planErrorText(t, record.error, i18n.language)}</ErrorAlert>}
      <Actions pending={record.isPending} onCancel={onCancel} submitLabel={t('plans.monitoringForm.submit')} />
    </form>
  );
}

type Outcome = 'continue' | 'close' | 'suspend';

/** 評価: 終結 and 中断 end the plan and close or suspend the case, so they are confirmed first. */
export function EvaluationForm({ plan, onDone, onCancel }: { plan: Plan; onDone: Done; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const orgs = useOrganizations(false);
  const { all } = usePlannedJusoteki(todayIso());
  // A cancelled meeting was never held: no evaluation took place there.
  const meetings = useMemo(
    () => all.filter((m) => m.state !== 'cancelled' && (m.state !== 'planned' || m.date <= todayIso())).sort((a, b) => b.date.localeCompare(a.date)).slice(0, 12),
    [all],
  );
  const [onDate, setOnDate] = useState(todayIso());
  const [meetingId, setMeetingId] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('continue');
  const [handoverOrganizationId, setHandover] = useState(plan.leadOrganizationId ?? '');
  const [reason, setReason] = useState('');
  const [local, setLocal, change] = useLocalErrors();
  const [confirming, setConfirming] = useState(false);
  const record = useMutation({
    mutationFn: () =>
      invoke('plan.recordEvaluation', {
        id: plan.id,
        onDate,
        meetingId: meetingId || null,
        outcome,
        reason: reason.trim() || null,
        handoverOrganizationId: outcome === 'close' ? handoverOrganizationId || null : null,
      }),
    onSuccess: (next) =>
      onDone(next, t(outcome === 'continue' ? 'plans.evaluationForm.doneContinue' : outcome === 'close' ? 'plans.evaluationForm.doneClose' : 'plans.evaluationForm.doneSuspend')),
    onError: () => setConfirming(false),
  });
  const handoverName = (orgs.data ?? []).find((o) => o.id === handoverOrganizationId)?.name ?? '';

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!onDate) errors.onDate = t('validation.required');
    if (outcome === 'suspend' && !reason.trim()) errors.reason = t('plans.evaluationForm.reasonRequired');
    if (outcome === 'close' && !handoverOrganizationId) errors.handoverOrganizationId = t('plans.evaluationForm.handoverRequired');
    setLocal(errors);
    if (Object.keys(errors).length > 0 || record.isPending) return;
    if (outcome === 'continue') record.mutate();
    else setConfirming(true);
  }
  const server = fieldErrors(t, record.error);
  if (isKasaneError(record.error, 'plan_evaluation_before_start')) server.onDate = planErrorText(t, record.error, i18n.language);
  const err = (f: string) => local[f] ?? server[f];

  if (confirming) {
    return (
      <div className="pl-confirm">
        <p className="pl-confirm-text" role="alert">
          {outcome === 'close' ? t('plans.evaluationForm.confirmClose', { organization: handoverName }) : t('plans.evaluationForm.confirmSuspend')}
        </p>
        <div className="dialog-actions dialog-actions-split">
          <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
            {t('plans.evaluationForm.back')}
          </button>
          <button type="button" className="button button-danger-solid" aria-disabled={record.isPending || undefined} onClick={() => !record.isPending && record.mutate()}>
            {record.isPending ? t('plans.form.saving') : t(outcome === 'close' ? 'plans.evaluationForm.confirmSubmitClose' : 'plans.evaluationForm.confirmSubmitSuspend')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={record.isPending || undefined}>
      <p>{t('plans.evaluationForm.intro')}</p>
      <div className="field-row">
        <TextField className="field-date" label={t('plans.evaluationForm.onDate')} required type="date" value={onDate} onChange={change('onDate', setOnDate)} error={err('onDate')} autoFocus />
        <SelectField label={t('plans.evaluationForm.meeting')} value={meetingId} onChange={(e) => setMeetingId(e.target.value)} error={err('meetingId')}>
          <option value="">{t('plans.evaluationForm.meetingNone')}</option>
          {meetings.map((m) => (
            <option key={m.id} value={m.id}>
              {t('plans.propose.meetingOption', { date: shortDate(m.date, i18n.language), title: m.title })}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="fieldset choice-group">
        <legend>{t('plans.evaluationForm.outcome')}</legend>
        {(['continue', 'close', 'suspend'] as const).map((o) => (
          <label key={o} className="radio">
            <input type="radio" name="pl-outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
            <span>{t(`plans.evaluationForm.outcomes.${o}`)}</span>
          </label>
        ))}
      </fieldset>
      {outcome === 'close' && (
        <SelectField
          label={t('plans.evaluationForm.handover')}
          required
          value={handoverOrganizationId}
          onChange={change('handoverOrganizationId', setHandover)}
          hint={t('plans.evaluationForm.handoverHint')}
          error={err('handoverOrganizationId')}
        >
          <OrganizationOptions first={t('plans.evaluationForm.handoverNone')} organizations={orgs.data} />
        </SelectField>
      )}
      <TextAreaField label={t('plans.evaluationForm.reason')} value={reason} onChange={change('reason', setReason)} maxLength={1000} rows={2} error={err('reason')} aria-required={outcome === 'suspend' || undefined} />
      {record.error && <ErrorAlert>{planErrorText(t, record.error, i18n.language)}</ErrorAlert>}
      <Actions pending={record.isPending} onCancel={onCancel} submitLabel={t('plans.evaluationForm.submit')} />
    </form>
  );
}
