import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import { decodeAttachment, readAttachment, storeAttachment } from '../attachments/attachment-repository';
import { getCase, listCases, registerCase, revealCase, transitionCase, updateCase } from './case-repository';
import { createCategory, listCategories, renameCategory, retireCategory } from './category-repository';
import { attachConsentScan, recordConsent, withdrawConsent } from './consent-repository';

type CasesMethod =
  | 'category.list'
  | 'category.create'
  | 'category.rename'
  | 'category.retire'
  | 'case.list'
  | 'case.get'
  | 'case.register'
  | 'case.update'
  | 'case.reveal'
  | 'case.transition'
  | 'consent.record'
  | 'consent.attachScan'
  | 'consent.withdraw'
  | 'attachment.get';

export const casesHandlers: { [M in CasesMethod]: Handler<M> } = {
  'category.list': (ctx) => read(ctx, (w) => listCategories(w.db)),
  'category.create': (ctx, input) =>
    write(ctx, (w) => {
      const category = createCategory(w.db, input.label);
      w.audit({ action: 'category.changed', subject: category.id, details: { change: 'created' } });
      return category;
    }),
  'category.rename': (ctx, input) =>
    write(ctx, (w) => {
      const category = renameCategory(w.db, input.id, input.label);
      w.audit({ action: 'category.changed', subject: input.id, details: { change: 'renamed' } });
      return category;
    }),
  'category.retire': (ctx, input) =>
    write(ctx, (w) => {
      retireCategory(w.db, input.id, w.now);
      w.audit({ action: 'category.changed', subject: input.id, details: { change: 'retired' } });
      return { retired: true as const };
    }),
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
  'case.update': (ctx, input) =>
    write(ctx, (w) => {
      const changed = updateCase(w.db, input, w.now);
      if (changed.length) w.audit({ action: 'case.updated', subject: input.id, details: { changed } });
      return getCase(w.db, input.id, w.today);
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
  'consent.attachScan': (ctx, input) =>
    write(ctx, (w) => {
      const bytes = decodeAttachment(input.dataBase64, input.mediaType);
      const attachmentId = storeAttachment(w.db, { fileName: input.fileName, mediaType: input.mediaType, bytes }, w.staffId, w.now);
      const caseId = attachConsentScan(w.db, input.consentId, attachmentId);
      w.audit({ action: 'consent.scan_attached', subject: caseId, details: { consentId: input.consentId, attachmentId, size: bytes.length } });
      return getCase(w.db, caseId, w.today);
    }),
  'attachment.get': (ctx, input) =>
    write(ctx, (w) => {
      const file = readAttachment(w.db, input.id);
      w.audit({ action: 'attachment.viewed', subject: input.id });
      return file;
    }),
  'consent.withdraw': (ctx, input) =>
    write(ctx, (w) => {
      const caseId = withdrawConsent(w.db, input, w.today);
      w.audit({ action: 'consent.withdrawn', subject: caseId, details: { consentId: input.consentId, withdrawnOn: input.withdrawnOn } });
      return getCase(w.db, caseId, w.today);
    }),
};
