import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../shared/contract';
import type { CaseStatus } from '../../../../shared/domain/case-lifecycle';
import { daysBetween } from '../../../../shared/domain/calendar-date';
import { useInvoke } from '../../api';
import { useFlash } from '../../components/forms';
import { PdfPreviewDialog } from '../../components/PdfPreviewDialog';
import { printedDocument, type PrintedDocument } from '../../components/pdf-document';
import { CompactTable, ErrorAlert, Fact, Modal, SelectField, dateTime, shortDate, todayIso } from '../directory/ui';
import { PrintingStatus } from '../meetings/shared';
import { RoleStatusBadge } from '../roles/shared';
import { compareFieldKey, newestFirst, planActions } from './logic';
import { DecideForm, EvaluationForm, MonitoringForm, PlanForm, ProposeForm, WithdrawForm } from './PlanForms';
import { OverdueMark, PlanStateBadge, PostReportBadge, dateOr, planErrorText, planKeys, planStateOf } from './shared';
import './plans.css';

type Dialog = { kind: 'create' | 'newVersion' | 'edit' | 'propose' | 'withdraw' | 'decide' | 'monitoring' | 'evaluation' | 'compare' } | null;
type DocumentKind = 'plan' | 'evaluation';


/**
 * 支援プラン on a case's page: the versions (newest first), one version in full, and the steps the
 * approval state machine allows for the latest one. `focus` brings the section into view (opened
 * from 会議間の進捗).
 */
export function CasePlans({ caseId, caseStatus, focus = false }: { caseId: string; caseStatus: CaseStatus; focus?: boolean }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  // Plans also change elsewhere (a confirmed meeting decision, an agenda): read them afresh on every visit.
  const plans = useQuery({ queryKey: planKeys.list(caseId), queryFn: () => invoke('plan.list', { caseId }), refetchOnMount: 'always' });
  const versions = useMemo(() => newestFirst(plans.data ?? []), [plans.data]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [flash, setFlash] = useFlash();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const latest = versions[0] ?? null;
  const shown = versions.find((p) => p.id === selectedId) ?? latest;
  const isLatest = shown !== null && shown.id === latest?.id;
  const caseOpen = caseStatus !== 'closed' && caseStatus !== 'suspended';
  const actions = latest ? planActions(latest.state, caseOpen) : null;
  const lang = i18n.language;

  const focused = useRef(false);
  useEffect(() => {
    if (!focus || focused.current || !plans.data) return;
    focused.current = true;
    const heading = headingRef.current;
    // After the page heading took the focus on mount: the section the desk pointed at is what the user came for.
    window.setTimeout(() => {
      heading?.scrollIntoView?.({ block: 'start' });
      heading?.focus();
    }, 0);
  }, [focus, plans.data]);

  function done(_plan: Plan, message: string) {
    void queryClient.invalidateQueries({ queryKey: planKeys.list(caseId) });
    void queryClient.invalidateQueries({ queryKey: ['case.get', caseId] });
    void queryClient.invalidateQueries({ queryKey: ['case.list'] });
    void queryClient.invalidateQueries({ queryKey: planKeys.desk });
    void queryClient.invalidateQueries({ queryKey: ['home.summary'] });
    void queryClient.invalidateQueries({ queryKey: ['meeting.list'] });
    void queryClient.invalidateQueries({ queryKey: ['agenda.get'] });
    void queryClient.invalidateQueries({ queryKey: ['agenda.suggestions'] });
    // After every step the latest version is shown (a new one, created or by an evaluation that continues, at once).
    setSelectedId(null);
    setDialog(null);
    setFlash(message);
  }

  const titles: Record<NonNullable<Dialog>['kind'], string> = {
    create: t('plans.form.createHeading'),
    newVersion: t('plans.form.newVersionHeading', { version: (latest?.version ?? 0) + 1 }),
    edit: t('plans.form.editHeading', { version: latest?.version ?? 1 }),
    propose: t('plans.propose.heading'),
    withdraw: t('plans.withdraw.heading'),
    decide: t('plans.decide.heading'),
    monitoring: t('plans.monitoringForm.heading'),
    evaluation: t('plans.evaluationForm.heading'),
    compare: t('plans.compare.heading'),
  };

  return (
    <section className="panel pl-panel" aria-labelledby="case-plans">
      <div className="panel-head">
        <h2 id="case-plans" ref={headingRef} tabIndex={-1} className="panel-title">
          {t('plans.heading')}
        </h2>
        {plans.data && caseOpen && !latest && (
          <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })}>
            {t('plans.create')}
          </button>
        )}
      </div>
      <p className="status-line" role="status">
        {flash}
      </p>
      {plans.isPending && (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      )}
      {plans.error && <ErrorAlert>{planErrorText(t, plans.error, lang)}</ErrorAlert>}
      {plans.data && !latest && (
        <div className="empty-inline">
          <p className="empty-title">{t('plans.empty')}</p>
          <p className="empty-detail">{caseOpen ? t('plans.emptyDetail') : t('plans.emptyClosed')}</p>
        </div>
      )}
      {latest && shown && actions && (
        <>
          <VersionTable versions={versions} shownId={shown.id} onShow={setSelectedId} />
          <div className="pl-version" aria-labelledby="pl-version-heading">
            <div className="pl-version-head">
              <h3 id="pl-version-heading" className="pl-version-title">
                {t('plans.detail.heading', { version: shown.version })}
              </h3>
              <PlanStateBadge state={shown.state} />
              {shown.postReport && <PostReportBadge reported={shown.reportedMeetingId !== null} />}
            </div>
            {!isLatest && <p className="notice">{t('plans.detail.olderNote')}</p>}
            {isLatest && (Object.values(actions).some(Boolean) || versions.length > 1) && (
              <div className="pl-actions" role="group" aria-label={t('plans.actions.label')}>
                {actions.edit && (
                  <button type="button" className="button" onClick={() => setDialog({ kind: 'edit' })}>
                    {t('plans.actions.edit')}
                  </button>
                )}
                {actions.propose && (
                  <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'propose' })}>
                    {t('plans.actions.propose')}
                  </button>
                )}
                {actions.withdraw && (
                  <button type="button" className="button" onClick={() => setDialog({ kind: 'withdraw' })}>
                    {t('plans.actions.withdraw')}
                  </button>
                )}
                {(actions.decide || actions.decideUrgent) && (
                  <button type="button" className={`button${actions.decide ? ' button-primary' : ''}`} onClick={() => setDialog({ kind: 'decide' })}>
                    {t('plans.actions.decide')}
                  </button>
                )}
                {actions.monitoring && (
                  <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'monitoring' })}>
                    {t('plans.actions.monitoring')}
                  </button>
                )}
                {actions.evaluation && (
                  <button type="button" className="button" onClick={() => setDialog({ kind: 'evaluation' })}>
                    {t('plans.actions.evaluation')}
                  </button>
                )}
                {actions.newVersion && (
                  <button type="button" className="button" onClick={() => setDialog({ kind: 'newVersion' })} aria-describedby="pl-new-version-hint">
                    {t('plans.newVersion')}
                  </button>
                )}
                {versions.length > 1 && (
                  <button type="button" className="button" onClick={() => setDialog({ kind: 'compare' })}>
                    {t('plans.actions.compare')}
                  </button>
                )}
              </div>
            )}
            {isLatest && actions.newVersion && (
              <p id="pl-new-version-hint" className="field-hint">
                {t('plans.newVersionHint')}
              </p>
            )}
            <PlanFacts plan={shown} />
            <RolesTable plan={shown} today={todayIso()} />
            <DecisionBlock plan={shown} />
            <Monitorings plan={shown} />
            <Evaluations plan={shown} />
            <PlanDocuments plan={shown} />
          </div>
        </>
      )}
      <Modal open={dialog !== null} onClose={() => setDialog(null)} title={dialog ? titles[dialog.kind] : ''} wide={dialog?.kind === 'create' || dialog?.kind === 'newVersion' || dialog?.kind === 'edit' || dialog?.kind === 'compare'}>
        {(dialog?.kind === 'create' || dialog?.kind === 'newVersion') && <PlanForm mode="create" caseId={caseId} base={latest} onDone={done} onCancel={() => setDialog(null)} />}
        {dialog?.kind === 'edit' && latest && <PlanForm mode="edit" caseId={caseId} base={latest} onDone={done} onCancel={() => setDialog(null)} />}
        {dialog?.kind === 'propose' && latest && <ProposeForm plan={latest} onDone={done} onCancel={() => setDialog(null)} />}
        {dialog?.kind === 'withdraw' && latest && <WithdrawForm plan={latest} onDone={done} onCancel={() => setDialog(null)} />}
        {dialog?.kind === 'decide' && latest && <DecideForm plan={latest} onDone={done} onCancel={() => setDialog(null)} />}
        {dialog?.kind === 'monitoring' && latest && <MonitoringForm plan={latest} onDone={done} onCancel={() => setDialog(null)} />}
        {dialog?.kind === 'evaluation' && latest && <EvaluationForm plan={latest} onDone={done} onCancel={() => setDialog(null)} />}
        {dialog?.kind === 'compare' && <CompareView versions={versions} onClose={() => setDialog(null)} />}
      </Modal>
    </section>
  );
}

function VersionTable({ versions, shownId, onShow }: { versions: Plan[]; shownId: string; onShow: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const none = t('plans.detail.none');
  return (
    <>
      <h3 className="subheading">{t('plans.versions.heading')}</h3>
      <CompactTable
        className="pl-versions"
        caption={t('plans.versions.caption')}
        columns={[
          t('plans.versions.version'),
          t('plans.versions.state'),
          t('plans.versions.createdAt'),
          t('plans.versions.decidedOn'),
          <span className="visually-hidden">{t('plans.versions.show')}</span>,
        ]}
      >
        {versions.map((p) => {
          const current = p.id === shownId;
          return (
            <tr key={p.id} aria-current={current ? 'true' : undefined} className={current ? 'pl-row-current' : undefined}>
              <th scope="row" className="nowrap">
                {t('plans.version', { version: p.version })}
              </th>
              <td>
                <span className="pl-badges">
                  <PlanStateBadge state={p.state} />
                  {p.postReport && <PostReportBadge reported={p.reportedMeetingId !== null} />}
                </span>
              </td>
              <td className="nowrap">{dateTime(p.createdAt, i18n.language)}</td>
              <td className="nowrap">{dateOr(p.decision?.decidedOn ?? null, i18n.language, none)}</td>
              <td className="nowrap">
                {current ? (
                  <span className="pl-shown">{t('plans.versions.shown')}</span>
                ) : (
                  <button type="button" className="button button-small" onClick={() => onShow(p.id)} aria-label={t('plans.versions.showLabel', { version: p.version })}>
                    {t('plans.versions.show')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </CompactTable>
    </>
  );
}

function Check({ on, label }: { on: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <span className={`pl-check${on ? ' pl-check-on' : ''}`}>
      <span aria-hidden="true">{on ? '☑' : '☐'}</span> {label}
      <span className="visually-hidden">：{on ? t('plans.detail.checked') : t('plans.detail.unchecked')}</span>
    </span>
  );
}

function PlanFacts({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const none = t('plans.detail.none');
  const d = (iso: string | null) => (iso ? <time dateTime={iso}>{shortDate(iso, i18n.language)}</time> : none);
  return (
    <dl className="facts pl-facts">
      <Fact label={t('plans.detail.goals')} className="pl-fact-wide">
        <span className="notes">{plan.goals || t('plans.detail.notWritten')}</span>
      </Fact>
      <Fact label={t('plans.detail.assessmentSummary')} className="pl-fact-wide">
        <span className="notes">{plan.assessmentSummary || t('plans.detail.notWritten')}</span>
      </Fact>
      <Fact label={t('plans.detail.flags')} className="pl-fact-wide">
        <span className="pl-checks">
          <Check on={plan.participationSupport} label={t('plans.detail.participationSupport')} />
          <Check on={plan.outreach} label={t('plans.detail.outreach')} />
        </span>
      </Fact>
      <Fact label={t('plans.detail.lead')}>{plan.leadOrganizationName ?? none}</Fact>
      <Fact label={t('plans.detail.startOn')}>{d(plan.startOn)}</Fact>
      <Fact label={t('plans.detail.monitoringOn')}>{d(plan.monitoringOn)}</Fact>
      <Fact label={t('plans.detail.evaluationOn')}>{d(plan.evaluationOn)}</Fact>
      {plan.proposedMeetingDate && (
        <Fact label={t('plans.detail.proposedMeeting')}>{t('plans.detail.proposedMeetingValue', { date: shortDate(plan.proposedMeetingDate, i18n.language) })}</Fact>
      )}
    </dl>
  );
}

function RolesTable({ plan, today }: { plan: Plan; today: string }) {
  const { t, i18n } = useTranslation();
  const d = (iso: string) => shortDate(iso, i18n.language);
  return (
    <>
      <h3 className="subheading">{t('plans.roles.heading')}</h3>
      <p className="field-hint">{t('plans.roles.intro')}</p>
      {plan.roleAssignments.length === 0 ? (
        <p className="empty-detail">{t('plans.roles.empty')}</p>
      ) : (
        <CompactTable
          caption={t('plans.roles.caption')}
          columns={[t('plans.roles.goal'), t('plans.roles.action'), t('plans.roles.responsible'), t('plans.roles.startOn'), t('plans.roles.due'), t('plans.roles.status')]}
        >
          {plan.roleAssignments.map((r) => (
            <tr key={r.id}>
              <td>{r.goal ?? '—'}</td>
              <td>{r.action}</td>
              <td>
                {r.organizationName}
                <br />
                <span className="pl-muted">{r.memberName ?? t('plans.roles.noMember')}</span>
              </td>
              <td className="nowrap">{d(r.startOn)}</td>
              <td className="nowrap">{r.dueOn ? d(r.dueOn) : r.frequency ? t('plans.roles.frequency', { frequency: r.frequency }) : '—'}</td>
              <td>
                <span className="pl-badges">
                  <RoleStatusBadge status={r.status} />
                  {r.overdue && r.dueOn && <OverdueMark days={Math.max(1, daysBetween(r.dueOn, today))} />}
                </span>
              </td>
            </tr>
          ))}
        </CompactTable>
      )}
    </>
  );
}

function DecisionBlock({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const decision = plan.decision;
  return (
    <>
      <h3 className="subheading">{t('plans.decision.heading')}</h3>
      {!decision ? (
        <p className="empty-detail">{t('plans.decision.none')}</p>
      ) : (
        <div className="pl-decision">
          <dl className="facts facts-grid">
            <Fact label={t('plans.decision.number')}>{decision.number}</Fact>
            <Fact label={t('plans.decision.decidedOn')}>
              <time dateTime={decision.decidedOn}>{shortDate(decision.decidedOn, i18n.language)}</time>
            </Fact>
            <Fact label={t('plans.decision.approver')}>{t('plans.decision.approverValue', { title: decision.approverTitle, name: decision.approverName })}</Fact>
          </dl>
          {plan.postReport && <p className="notice">{plan.reportedMeetingId ? t('plans.decision.reportedNote') : t('plans.decision.postReportNote')}</p>}
        </div>
      )}
    </>
  );
}

function Monitorings({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h3 className="subheading">{t('plans.monitorings.heading')}</h3>
      {plan.monitorings.length === 0 ? (
        <p className="empty-detail">{t('plans.monitorings.empty')}</p>
      ) : (
        <CompactTable
          caption={t('plans.monitorings.caption')}
          columns={[t('plans.monitorings.onDate'), t('plans.monitorings.byName'), t('plans.monitorings.summary'), t('plans.monitorings.nextStep')]}
        >
          {plan.monitorings.map((m) => (
            <tr key={m.id}>
              <td className="nowrap">{shortDate(m.onDate, i18n.language)}</td>
              <td>{m.byName}</td>
              <td className="notes">{m.summary}</td>
              <td className="notes">{m.nextStep ?? '—'}</td>
            </tr>
          ))}
        </CompactTable>
      )}
    </>
  );
}

function Evaluations({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h3 className="subheading">{t('plans.evaluations.heading')}</h3>
      {plan.evaluations.length === 0 ? (
        <p className="empty-detail">{t('plans.evaluations.empty')}</p>
      ) : (
        <CompactTable caption={t('plans.evaluations.caption')} columns={[t('plans.evaluations.onDate'), t('plans.evaluations.outcome'), t('plans.evaluations.detail')]}>
          {plan.evaluations.map((e) => (
            <tr key={e.id}>
              <td className="nowrap">{shortDate(e.onDate, i18n.language)}</td>
              <td className="nowrap">{t(`plans.evaluations.outcomes.${e.outcome}`)}</td>
              <td className="notes">
                {[e.handoverOrganizationName ? t('plans.evaluations.handover', { organization: e.handoverOrganizationName }) : null, e.reason].filter(Boolean).join(' ／ ') || '—'}
              </td>
            </tr>
          ))}
        </CompactTable>
      )}
    </>
  );
}

function CompareView({ versions, onClose }: { versions: Plan[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const [toId, setToId] = useState(versions[0]?.id ?? '');
  const [fromId, setFromId] = useState(versions[1]?.id ?? '');
  const same = fromId === toId;
  const diff = useQuery({
    queryKey: ['plan.compare', fromId, toId],
    queryFn: () => invoke('plan.compare', { fromId, toId }),
    enabled: Boolean(fromId && toId) && !same,
  });
  const versionOf = (id: string) => versions.find((p) => p.id === id)?.version ?? 0;
  const show = (value: string, key: string | null) => {
    if (value === '') return t('plans.compare.empty');
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return shortDate(value, i18n.language);
    if (key === 'participationSupport' || key === 'outreach') {
      if (value === 'あり' || value === 'true') return t('plans.detail.checked');
      if (value === 'なし' || value === 'false') return t('plans.detail.unchecked');
    }
    return value;
  };
  const stateWords = (value: string) => {
    const code = planStateOf(value);
    return code ? t(`plans.states.${code}`) : value;
  };
  return (
    <div>
      <div className="field-row">
        <SelectField label={t('plans.compare.from')} value={fromId} onChange={(e) => setFromId(e.target.value)} autoFocus>
          {versions.map((p) => (
            <option key={p.id} value={p.id}>
              {t('plans.version', { version: p.version })}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('plans.compare.to')} value={toId} onChange={(e) => setToId(e.target.value)}>
          {versions.map((p) => (
            <option key={p.id} value={p.id}>
              {t('plans.version', { version: p.version })}
            </option>
          ))}
        </SelectField>
      </div>
      {same && <p className="notice">{t('plans.compare.sameVersion')}</p>}
      {diff.isFetching && <p className="loading-inline">{t('app.loading')}</p>}
      {diff.error && <ErrorAlert>{planErrorText(t, diff.error, i18n.language)}</ErrorAlert>}
      {!same && diff.data && diff.data.length === 0 && <p className="empty-detail">{t('plans.compare.same')}</p>}
      {!same && diff.data && diff.data.length > 0 && (
        <div className="data-table-wrap">
          <table className="data-table compact pl-compare">
            <caption>{t('plans.compare.caption', { from: versionOf(fromId), to: versionOf(toId) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plans.compare.field')}</th>
                <th scope="col">{t('plans.compare.before')}</th>
                <th scope="col">{t('plans.compare.after')}</th>
              </tr>
            </thead>
            <tbody>
              {diff.data.map((row) => {
                const key = compareFieldKey(row.field);
                const value = (v: string) => (key === 'state' ? stateWords(v) : show(v, key));
                return (
                  <tr key={row.field}>
                    <th scope="row" className="nowrap">
                      {key ? t(`plans.compare.fields.${key}`) : row.field}
                    </th>
                    <td className="notes pl-before">{value(row.from)}</td>
                    <td className="notes pl-after">{value(row.to)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="dialog-actions dialog-actions-split">
        <button type="button" className="button" onClick={onClose}>
          {t('plans.compare.close')}
        </button>
      </div>
    </div>
  );
}

interface Printed {
  kind: DocumentKind;
  document: PrintedDocument;
}

/** 支援プラン and 評価・終結シート: printed by the core, previewed as the very bytes saved or printed. */
function PlanDocuments({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const [printed, setPrinted] = useState<Printed | null>(null);
  const print = useMutation({
    mutationFn: async (kind: DocumentKind): Promise<Printed> => {
      const result = await invoke('plan.pdf', { id: plan.id, document: kind });
      return {
        kind,
        document: printedDocument(result.fileName, result.pdfBase64, { document: kind === 'plan' ? 'support_plan' : 'evaluation_sheet', subject: { kind: 'plan', id: plan.id } }),
      };
    },
    onSuccess: setPrinted,
  });
  const pending = print.isPending ? print.variables : null;
  const hasEvaluation = plan.evaluations.length > 0;
  return (
    <div className="pl-documents" aria-busy={print.isPending || undefined}>
      <div className="pl-document-buttons">
        <button type="button" className="button button-secondary" aria-disabled={print.isPending || undefined} onClick={() => !print.isPending && print.mutate('plan')}>
          {t('plans.actions.pdfPlan')}
        </button>
        {hasEvaluation && (
          <button type="button" className="button button-secondary" aria-disabled={print.isPending || undefined} onClick={() => !print.isPending && print.mutate('evaluation')}>
            {t('plans.actions.pdfEvaluation')}
          </button>
        )}
      </div>
      <PrintingStatus text={pending ? t('plans.documents.printing', { document: t(`plans.documents.names.${pending}`) }) : null} />
      {print.error && <ErrorAlert>{planErrorText(t, print.error, i18n.language)}</ErrorAlert>}
      {printed && <PreviewDialog printed={printed} onClose={() => setPrinted(null)} />}
    </div>
  );
}

function PreviewDialog({ printed, onClose }: { printed: Printed; onClose: () => void }) {
  const { t } = useTranslation();
  const name = t(`plans.documents.names.${printed.kind}`);
  return <PdfPreviewDialog title={t('plans.documents.previewHeading', { document: name })} document={printed.document} onClose={onClose} />;
}
