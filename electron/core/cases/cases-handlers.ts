import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import { categories, getCase, listCases, registerCase, revealCase, transitionCase } from './case-repository';
import { recordConsent, withdrawConsent } from './consent-repository';

type CasesMethod =
  | 'category.list'
  | 'case.list'
  | 'case.get'
  | 'case.register'
  | 'case.reveal'
  | 'case.transition'
  | 'consent.record'
  | 'consent.withdraw';

export const casesHandlers: { [M in CasesMethod]: Handler<M> } = {
  'category.list': (ctx) => read(ctx, (w) => categories(w.db)),
  'case.list': (ctx, input) => read(ctx, (w) => listCases(w.db, w.today, input)),
  'case.get': (ctx, input) => read(ctx, (w) => getCase(w.db, input.id, w.today)),
  'case.register': (ctx, input) =>
    write(ctx, (w) => {
      const id = registerCase(w.db, input, w.staffId, w.now);
      const detail = getCase(w.db, id, w.today);
      // Case number only: the audit log never needs the person's name.
      w.audit({ action: 'case.registered', subject: id, details: { caseNumber: detail.caseNumber } });
      return detail;
    }),
  'case.reveal': (ctx, input) =>
    write(ctx, (w) => {
      const revealed = revealCase(w.db, input.id);
      w.audit({ action: 'case.revealed', subject: input.id, details: { fields: ['fullName', 'fullNameKana', 'birthDate'] } });
      return revealed;
    }),
  'case.transition': (ctx, input) =>
    write(ctx, (w) => {
      const from = transitionCase(w.db, input.id, input.to, input.reason, w.staffId, w.now, w.today);
      w.audit({ action: 'case.transitioned', subject: input.id, details: { from, to: input.to } });
      return getCase(w.db, input.id, w.today);
    }),
  'consent.record': (ctx, input) =>
    write(ctx, (w) => {
      const consentId = recordConsent(w.db, input, w.staffId, w.now, w.today);
      w.audit({ action: 'consent.recorded', subject: input.caseId, details: { consentId, givenOn: input.givenOn, allowsJusoteki: input.allowsJusoteki } });
      return getCase(w.db, input.caseId, w.today);
    }),
  'consent.withdraw': (ctx, input) =>
    write(ctx, (w) => {
      const caseId = withdrawConsent(w.db, input, w.today);
      w.audit({ action: 'consent.withdrawn', subject: caseId, details: { consentId: input.consentId, withdrawnOn: input.withdrawnOn } });
      return getCase(w.db, caseId, w.today);
    }),
};
