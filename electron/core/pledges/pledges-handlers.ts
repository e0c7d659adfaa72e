import type { z } from 'zod';
import { KasaneError } from '../../../shared/contract';
import type { PledgeFormInput } from '../../../shared/contract/pledges';
import { formatFiscalYear } from '../../../shared/domain/fiscal-year';
import { formatWareki } from '../../../shared/domain/wareki';
import { MEETING_TYPE_TITLES } from '../../../shared/domain/agenda';
import type { Handler } from '../rpc/handlers';
import { read, write, type Work } from '../rpc/work';
import { readSettings } from '../settings/settings-repository';
import { getMeeting } from '../meetings/meeting-repository';
import { getMember, listMembers } from '../directory/member-repository';
import { getOrganization } from '../directory/organization-repository';
import { pledgeForms, type PledgeForm } from '../pdf/documents/pledge-forms';
import { decodeAttachment, storeAttachment } from '../attachments/attachment-repository';
import {
  attachPledgeScan,
  coverageForMeeting,
  coverageOn,
  currentWording,
  getPledge,
  listPledges,
  pledgeRenewals,
  recordPledge,
  revokePledge,
  setOriginalReceived,
  updateWording,
} from './pledge-repository';

type PledgesMethod =
  | 'pledge.list'
  | 'pledge.record'
  | 'pledge.attachScan'
  | 'pledge.coverageOn'
  | 'pledge.renewals'
  | 'pledge.revoke'
  | 'pledge.markOriginalReceived'
  | 'pledge.coverageForMeeting'
  | 'pledge.wording'
  | 'pledge.updateWording'
  | 'pledge.formPdf';

/** The forms to print and a file name that names no person. */
function formsFor(w: Work, input: z.output<typeof PledgeFormInput>): { forms: PledgeForm[]; fileName: string } {
  if (input.kind === 'per_meeting') {
    const meeting = getMeeting(w.db, input.meetingId);
    // By default: every invitee who is not covered on the meeting day (batch printing).
    const wanted = new Set(input.memberIds ?? coverageForMeeting(w.db, meeting.id).filter((c) => !c.covered).map((c) => c.memberId));
    const forms = meeting.invitees
      .filter((i) => wanted.has(i.memberId))
      .map((i): PledgeForm => ({ kind: 'per_meeting', signer: { name: i.name, organizationName: i.organizationName, title: i.title }, meetingTitle: meeting.title, meetingDate: meeting.date }));
    return { forms, fileName: `誓約書_${formatWareki(meeting.date)}_${MEETING_TYPE_TITLES[meeting.type]}.pdf` };
  }
  if (input.kind === 'individual_annual') {
    const m = getMember(w.db, input.memberId, w.today);
    const signer = { name: m.name, organizationName: m.current?.organizationName ?? '', title: m.current?.title ?? null };
    return { forms: [{ kind: 'individual_annual', signer, fiscalYear: input.fiscalYear }], fileName: `誓約書_${formatFiscalYear(input.fiscalYear)}_個人.pdf` };
  }
  const org = getOrganization(w.db, input.organizationId, w.today);
  const members = listMembers(w.db, w.today, { organizationId: org.id }).map((m) => ({ name: m.name, title: m.current?.title ?? null }));
  return {
    forms: [{ kind: 'organization_roster', organizationName: org.name, fiscalYear: input.fiscalYear, members }],
    fileName: `誓約書_${formatFiscalYear(input.fiscalYear)}_${org.name}.pdf`,
  };
}

export const pledgesHandlers: { [M in PledgesMethod]: Handler<M> } = {
  'pledge.list': (ctx, input) => read(ctx, (w) => listPledges(w.db, input)),
  'pledge.record': (ctx, input) =>
    write(ctx, (w) => {
      const { id, superseded } = recordPledge(w.db, input, w.staffId, w.now, w.today);
      w.audit({ action: 'pledge.recorded', subject: id, details: superseded.length ? { kind: input.kind, supersedes: superseded } : { kind: input.kind } });
      for (const old of superseded) w.audit({ action: 'pledge.superseded', subject: old, details: { by: id } });
      return getPledge(w.db, id);
    }),
  'pledge.attachScan': (ctx, input) =>
    write(ctx, (w) => {
      getPledge(w.db, input.pledgeId);
      const bytes = decodeAttachment(input.dataBase64, input.mediaType);
      const attachmentId = storeAttachment(w.db, { fileName: input.fileName, mediaType: input.mediaType, bytes }, w.staffId, w.now);
      const replaced = attachPledgeScan(w.db, input.pledgeId, attachmentId);
      w.audit({ action: 'pledge.scan_attached', subject: input.pledgeId, details: { attachmentId, size: bytes.length, replaced } });
      return getPledge(w.db, input.pledgeId);
    }),
  'pledge.coverageOn': (ctx, input) => read(ctx, (w) => coverageOn(w.db, input.date, input.organizationId)),
  'pledge.renewals': (ctx, input) => read(ctx, (w) => pledgeRenewals(w.db, input.fiscalYear)),
  'pledge.revoke': (ctx, input) =>
    write(ctx, (w) => {
      revokePledge(w.db, input.id, input.revokedOn, input.reason, w.today);
      w.audit({ action: 'pledge.revoked', subject: input.id, details: { revokedOn: input.revokedOn } });
      return getPledge(w.db, input.id);
    }),
  'pledge.markOriginalReceived': (ctx, input) =>
    write(ctx, (w) => {
      setOriginalReceived(w.db, input.id, input.received);
      w.audit({ action: 'pledge.original_received', subject: input.id, details: { received: input.received } });
      return getPledge(w.db, input.id);
    }),
  'pledge.coverageForMeeting': (ctx, input) => read(ctx, (w) => coverageForMeeting(w.db, input.meetingId)),
  'pledge.wording': (ctx) => read(ctx, (w) => currentWording(w.db)),
  'pledge.updateWording': (ctx, input) =>
    write(ctx, (w) => {
      const wording = updateWording(w.db, input.text, w.staffId, w.now);
      w.audit({ action: 'pledge.wording_updated', details: { version: wording.version } });
      return wording;
    }),
  'pledge.formPdf': async (ctx, input) => {
    const { html, fileName, pages } = write(ctx, (w) => {
      const { forms, fileName } = formsFor(w, input);
      if (forms.length === 0) throw new KasaneError('validation_failed', { fields: 'memberIds', issues: [{ path: 'memberIds', code: 'nothing_to_print' }] });
      const settings = readSettings(w.db);
      w.audit({ action: 'document.exported', details: { document: 'pledge_form', kind: input.kind, pages: forms.length } });
      const html = pledgeForms({
        municipalityName: settings.municipalityName,
        secretariatName: settings.secretariatName,
        addressee: `${settings.municipalityName}長`,
        wording: currentWording(w.db),
        forms,
      });
      return { html, fileName, pages: forms.length };
    });
    const pdf = await ctx.printer().print(html);
    return { fileName, pdfBase64: pdf.toString('base64'), pages };
  },
};
