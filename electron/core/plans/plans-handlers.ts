import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import { printCopies } from '../pdf/print-copies';
import { readSettings } from '../settings/settings-repository';
import { evaluationSheet, planDocument } from '../pdf/documents/plan-document';
import { formatWareki } from '../../../shared/domain/wareki';
import {
  comparePlans,
  createPlan,
  decidePlan,
  getPlan,
  listPlans,
  PLAN_STATE_TITLES,
  proposePlan,
  recordEvaluation,
  recordMonitoring,
  updatePlan,
  withdrawPlan,
} from './plan-repository';
import { deskRows } from './desk';

type PlansMethod =
  | 'plan.list'
  | 'plan.get'
  | 'plan.create'
  | 'plan.update'
  | 'plan.propose'
  | 'plan.withdraw'
  | 'plan.decide'
  | 'plan.recordMonitoring'
  | 'plan.recordEvaluation'
  | 'plan.compare'
  | 'desk.get'
  | 'plan.pdf';

export const plansHandlers: { [M in PlansMethod]: Handler<M> } = {
  'plan.list': (ctx, input) => read(ctx, (w) => listPlans(w.db, input.caseId, w.today)),
  'plan.get': (ctx, input) => read(ctx, (w) => getPlan(w.db, input.id, w.today)),
  'plan.create': (ctx, input) =>
    write(ctx, (w) => {
      const id = createPlan(w.db, input, w.now);
      w.audit({ action: 'plan.changed', subject: id, details: { change: 'created' } });
      return getPlan(w.db, id, w.today);
    }),
  'plan.update': (ctx, input) =>
    write(ctx, (w) => {
      updatePlan(w.db, input, w.now);
      w.audit({ action: 'plan.changed', subject: input.id, details: { change: 'updated' } });
      return getPlan(w.db, input.id, w.today);
    }),
  'plan.propose': (ctx, input) =>
    write(ctx, (w) => {
      proposePlan(w.db, input.id, input.meetingId, w.staffId, w.now, w.today);
      w.audit({ action: 'plan.changed', subject: input.id, details: { change: 'proposed', meetingId: input.meetingId } });
      return getPlan(w.db, input.id, w.today);
    }),
  'plan.withdraw': (ctx, input) =>
    write(ctx, (w) => {
      withdrawPlan(w.db, input.id, w.now);
      w.audit({ action: 'plan.changed', subject: input.id, details: { change: 'withdrawn' } });
      return getPlan(w.db, input.id, w.today);
    }),
  'plan.decide': (ctx, input) =>
    write(ctx, (w) => {
      decidePlan(w.db, input, w.staffId, w.now, w.today);
      w.audit({ action: 'plan.decided', subject: input.id, details: { number: input.number, urgent: input.urgent === true } });
      return getPlan(w.db, input.id, w.today);
    }),
  'plan.recordMonitoring': (ctx, input) =>
    write(ctx, (w) => {
      recordMonitoring(w.db, input, w.now, w.today);
      w.audit({ action: 'plan.changed', subject: input.id, details: { change: 'monitoring' } });
      return getPlan(w.db, input.id, w.today);
    }),
  'plan.recordEvaluation': (ctx, input) =>
    write(ctx, (w) => {
      recordEvaluation(w.db, input, w.staffId, w.now, w.today);
      w.audit({ action: 'plan.changed', subject: input.id, details: { change: 'evaluation', outcome: input.outcome } });
      return getPlan(w.db, input.id, w.today);
    }),
  'plan.compare': (ctx, input) => read(ctx, (w) => comparePlans(w.db, input.fromId, input.toId)),
  'desk.get': (ctx, input) => read(ctx, (w) => deskRows(w.db, input.today)),
  'plan.pdf': async (ctx, input) => {
    const { html, fileName } = write(ctx, (w) => {
      const plan = getPlan(w.db, input.id, w.today);
      const { municipalityName, secretariatName } = readSettings(w.db);
      w.audit({ action: 'document.exported', subject: plan.id, details: { document: input.document === 'plan' ? 'support_plan' : 'evaluation_sheet' } });
      const name = input.document === 'plan' ? '支援プラン' : '評価・終結シート';
      return {
        html:
          input.document === 'plan'
            ? planDocument({ municipalityName, secretariatName, plan, stateTitle: PLAN_STATE_TITLES[plan.state] })
            : evaluationSheet({ municipalityName, secretariatName, plan }),
        // The case number, never a name.
        fileName: `${name}_${plan.caseNumber}_第${plan.version}版_${formatWareki(w.today)}.pdf`,
      };
    });
    const { pdf, pages } = await printCopies(ctx.printer(), [html]);
    return { fileName, pdfBase64: pdf.toString('base64'), pages };
  },
};
