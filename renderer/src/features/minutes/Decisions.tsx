import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DecisionKind, Minutes } from '../../../../shared/contract/minutes';
import { allowedTransitions, type CaseStatus } from '../../../../shared/domain/case-lifecycle';
import { useInvoke } from '../../api';
import { errorText, fieldErrors } from '../../errors';
import { ErrorAlert, FormActions, Modal, SelectField, TextAreaField, formErrorText } from '../directory/ui';
import { useReturnFocus } from '../meetings/shared';
import { DECISION_KINDS, KIND_STEP, itemTitle, minutesKeys, type AgendaItemT, type DecisionT } from './shared';

/** The decisions of one item, each with the lifecycle step it proposes and whether to apply it at 確定. */
export function DecisionList({
  meetingId,
  decisions,
  editable,
  onEdit,
  onRemove,
}: {
  meetingId: string;
  decisions: DecisionT[];
  editable: boolean;
  onEdit: (d: DecisionT) => void;
  onRemove: (d: DecisionT) => void;
}) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (input: { id: string; applyStatus: boolean }) => invoke('minutes.updateDecision', input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: minutesKeys.minutes(meetingId) }),
  });
  /** The tick shows at once (the cached minutes follow); the minutes are read again afterwards. */
  function setApply(id: string, applyStatus: boolean) {
    queryClient.setQueryData<Minutes>(minutesKeys.minutes(meetingId), (old) =>
      old ? { ...old, items: old.items.map((i) => ({ ...i, decisions: i.decisions.map((d) => (d.id === id ? { ...d, applyStatus } : d)) })) } : old,
    );
    toggle.mutate({ id, applyStatus });
  }
  if (decisions.length === 0) return <p className="mn-none">{t('minutes.decisions.none')}</p>;
  return (
    <>
      {toggle.error && <ErrorAlert>{errorText(t, toggle.error)}</ErrorAlert>}
      <ul className="mn-records" aria-label={t('minutes.decisions.heading')}>
        {decisions.map((d) => {
          const kind = t(`minutes.decisions.kinds.${d.kind}`);
          return (
            <li key={d.id} className="mn-record" data-testid="decision">
              <div className="mn-record-body">
                <p className="mn-record-title">
                  <span className="badge mn-decision-kind">{kind}</span>
                  {d.caseNumber && <span className="mn-case-number">{d.caseNumber}</span>}
                </p>
                <p className="mn-record-text">{d.text}</p>
                {d.proposedStatus && (
                  <div className="mn-proposal">
                    <span>{t('minutes.decisions.proposalLine', { status: t(`cases.statuses.${d.proposedStatus}`) })}</span>
                    {d.appliedAt ? (
                      <span className="badge badge-ok">{t('minutes.decisions.applied')}</span>
                    ) : (
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={d.applyStatus}
                          disabled={!editable}
                          onChange={(e) => setApply(d.id, e.target.checked)}
                        />
                        {t('minutes.decisions.applyOnConfirm')}
                      </label>
                    )}
                  </div>
                )}
              </div>
              {editable && !d.appliedAt && (
                <div className="mn-record-buttons">
                  <button type="button" className="button button-small" onClick={() => onEdit(d)} aria-label={t('minutes.decisions.editLabel', { kind })}>
                    {t('minutes.edit')}
                  </button>
                  <button type="button" className="button button-small button-danger" onClick={() => onRemove(d)} aria-label={t('minutes.decisions.removeLabel', { kind })}>
                    {t('minutes.remove')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/**
 * Adds or edits a decision. A decision about the item's case proposes the lifecycle step of its
 * kind when the case may take it today (the same rule the core applies), or any step the user picks.
 */
export function DecisionDialog({
  meetingId,
  item,
  decision,
  onClose,
  onSaved,
}: {
  meetingId: string;
  item: AgendaItemT;
  decision: DecisionT | null;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  useReturnFocus();
  const [kind, setKind] = useState<DecisionKind>(decision?.kind ?? (item.caseId ? 'plan_appropriate' : 'other'));
  const [text, setText] = useState(decision?.text ?? '');
  const [chosenStep, setChosenStep] = useState<CaseStatus | '' | null>(null); // null: follow the kind
  const [apply, setApply] = useState(decision?.applyStatus ?? true);
  const [local, setLocal] = useState<Record<string, string>>({});
  const caseId = decision ? decision.caseId : item.caseId;

  const kase = useQuery({
    queryKey: minutesKeys.caseGet(caseId ?? ''),
    queryFn: () => invoke('case.get', { id: caseId! }),
    enabled: Boolean(caseId) && !decision,
  });
  const allowed = kase.data ? allowedTransitions(kase.data.status, { hasValidConsent: kase.data.consentToday.valid }) : [];
  const kindStep = KIND_STEP[kind];
  const defaultStep: CaseStatus | '' = kindStep && allowed.includes(kindStep) ? kindStep : '';
  const step = decision ? (decision.proposedStatus ?? '') : (chosenStep ?? defaultStep);

  const save = useMutation({
    mutationFn: async () => {
      if (decision) return invoke('minutes.updateDecision', { id: decision.id, kind, text: text.trim(), ...(decision.proposedStatus ? { applyStatus: apply } : {}) });
      const added = await invoke('minutes.addDecision', { itemId: item.id, kind, text: text.trim(), caseId: caseId ?? null, proposedStatus: step || null });
      if (step && !apply) return invoke('minutes.updateDecision', { id: added.id, applyStatus: false });
      return added;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: minutesKeys.minutes(meetingId) });
      onSaved(t(decision ? 'minutes.decisions.updated' : 'minutes.decisions.added', { kind: t(`minutes.decisions.kinds.${kind}`) }));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!text.trim()) errors.text = t('minutes.decisions.textRequired');
    setLocal(errors);
    if (Object.keys(errors).length === 0) save.mutate();
  }
  const server = fieldErrors(t, save.error);
  const err = (f: string) => local[f] ?? server[f];

  return (
    <Modal open onClose={onClose} title={t(decision ? 'minutes.decisions.editTitle' : 'minutes.decisions.addTitle', { item: itemTitle(t, item) })}>
      <form onSubmit={submit} noValidate>
        <SelectField label={t('minutes.decisions.kind')} required value={kind} onChange={(e) => setKind(e.target.value as DecisionKind)} autoFocus>
          {DECISION_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`minutes.decisions.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField label={t('minutes.decisions.text')} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} rows={4} error={err('text')} />
        <div className="field">
          <div className="field-label">
            <span>{t('minutes.decisions.case')}</span>
          </div>
          <p className="mn-static">
            {caseId ? (
              <>
                <span className="mn-case-number">{decision?.caseNumber ?? item.caseNumber}</span>
                {!decision && item.initials && `（${item.initials}）`}
                {kase.data && <span className="mn-muted"> {t('minutes.decisions.currentStatus', { status: t(`cases.statuses.${kase.data.status}`) })}</span>}
              </>
            ) : (
              <span className="mn-muted">{t('minutes.decisions.noCase')}</span>
            )}
          </p>
        </div>
        {caseId && !decision && (
          <>
            <SelectField
              label={t('minutes.decisions.step')}
              value={step}
              onChange={(e) => setChosenStep(e.target.value as CaseStatus | '')}
              hint={
                kindStep && kase.data && !allowed.includes(kindStep)
                  ? t('minutes.decisions.stepNotAllowed', { to: t(`cases.statuses.${kindStep}`), from: t(`cases.statuses.${kase.data.status}`) })
                  : t('minutes.decisions.stepHint')
              }
            >
              <option value="">{t('minutes.decisions.stepNone')}</option>
              {allowed.map((s) => (
                <option key={s} value={s}>
                  {t(`cases.statuses.${s}`)}
                </option>
              ))}
            </SelectField>
            {kase.error && <ErrorAlert>{errorText(t, kase.error)}</ErrorAlert>}
          </>
        )}
        {decision?.proposedStatus && (
          <p className="mn-static">{t('minutes.decisions.proposalLine', { status: t(`cases.statuses.${decision.proposedStatus}`) })}</p>
        )}
        {step && (
          <label className="checkbox mn-apply">
            <input type="checkbox" checked={apply} onChange={(e) => setApply(e.target.checked)} />
            {t('minutes.decisions.applyOnConfirm')}
          </label>
        )}
        {step && <p className="field-hint">{t('minutes.decisions.applyHint', { status: t(`cases.statuses.${step}`) })}</p>}
        {save.error && <ErrorAlert>{formErrorText(t, save.error)}</ErrorAlert>}
        <FormActions
          cancelLabel={t('minutes.cancel')}
          onCancel={onClose}
          submitLabel={t(decision ? 'minutes.save' : 'minutes.decisions.add')}
          pending={save.isPending}
          pendingLabel={t('common.saving')}
        />
      </form>
    </Modal>
  );
}
