import { formatWareki } from '../../../shared/domain/wareki';
import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import { readSettings } from '../settings/settings-repository';
import { agendaDocument } from '../pdf/documents/agenda-document';
import { addCaseItem, addItem, getAgenda, moveItem, removeItem, updateItem } from './agenda-repository';
import { createMeeting, getMeeting, listMeetings, roomWarnings, updateMeeting } from './meeting-repository';
import { suggestionsFor } from './suggestions';

type MeetingsMethod =
  | 'meeting.list'
  | 'meeting.get'
  | 'meeting.create'
  | 'meeting.update'
  | 'agenda.get'
  | 'agenda.addCaseItem'
  | 'agenda.addItem'
  | 'agenda.updateItem'
  | 'agenda.removeItem'
  | 'agenda.moveItem'
  | 'agenda.suggestions'
  | 'meeting.agendaPdf';

const TYPE_NAMES = { jusoteki: '重層的支援会議', shien: '支援会議', other: 'その他の会議' } as const;

export const meetingsHandlers: { [M in MeetingsMethod]: Handler<M> } = {
  'meeting.list': (ctx, input) => read(ctx, (w) => listMeetings(w.db, input)),
  'meeting.get': (ctx, input) => read(ctx, (w) => getMeeting(w.db, input.id)),
  'meeting.create': (ctx, input) =>
    write(ctx, (w) => {
      const id = createMeeting(w.db, input, w.now);
      w.audit({ action: 'meeting.planned', subject: id, details: { type: input.type, date: input.date } });
      return { meeting: getMeeting(w.db, id), warnings: roomWarnings(w.db, id) };
    }),
  'meeting.update': (ctx, input) =>
    write(ctx, (w) => {
      const changed = updateMeeting(w.db, input, w.now);
      if (changed.length) w.audit({ action: 'meeting.updated', subject: input.id, details: { changed } });
      return { meeting: getMeeting(w.db, input.id), warnings: roomWarnings(w.db, input.id) };
    }),
  'agenda.get': (ctx, input) => read(ctx, (w) => getAgenda(w.db, input.meetingId, w.today)),
  'agenda.addCaseItem': (ctx, input) =>
    write(ctx, (w) => {
      const itemId = addCaseItem(w.db, input, w.now, w.today);
      w.audit({ action: 'agenda.changed', subject: input.meetingId, details: { change: 'case_added', itemId, caseId: input.caseId } });
      return getAgenda(w.db, input.meetingId, w.today);
    }),
  'agenda.addItem': (ctx, input) =>
    write(ctx, (w) => {
      const itemId = addItem(w.db, input, w.now);
      w.audit({ action: 'agenda.changed', subject: input.meetingId, details: { change: 'item_added', itemId } });
      return getAgenda(w.db, input.meetingId, w.today);
    }),
  'agenda.updateItem': (ctx, input) =>
    write(ctx, (w) => {
      const meetingId = updateItem(w.db, input);
      w.audit({ action: 'agenda.changed', subject: meetingId, details: { change: 'item_updated', itemId: input.itemId } });
      return getAgenda(w.db, meetingId, w.today);
    }),
  'agenda.removeItem': (ctx, input) =>
    write(ctx, (w) => {
      const meetingId = removeItem(w.db, input.itemId);
      w.audit({ action: 'agenda.changed', subject: meetingId, details: { change: 'item_removed', itemId: input.itemId } });
      return getAgenda(w.db, meetingId, w.today);
    }),
  'agenda.moveItem': (ctx, input) =>
    write(ctx, (w) => {
      const meetingId = moveItem(w.db, input.itemId, input.toPosition);
      return getAgenda(w.db, meetingId, w.today);
    }),
  'agenda.suggestions': (ctx, input) => read(ctx, (w) => suggestionsFor(w.db, input.meetingId, w.today)),
  'meeting.agendaPdf': async (ctx, input) => {
    const { html, fileName } = write(ctx, (w) => {
      const meeting = getMeeting(w.db, input.meetingId);
      const settings = readSettings(w.db);
      // An export leaves the vault: logged, and named by date and meeting type only (no names).
      w.audit({ action: 'document.exported', subject: input.meetingId, details: { document: 'agenda' } });
      return {
        html: agendaDocument({ municipalityName: settings.municipalityName, secretariatName: settings.secretariatName, meeting, agenda: getAgenda(w.db, input.meetingId, w.today) }),
        fileName: `次第_${formatWareki(meeting.date)}_${TYPE_NAMES[meeting.type]}.pdf`,
      };
    });
    const pdf = await ctx.printer().print(html);
    return { fileName, pdfBase64: pdf.toString('base64') };
  },
};
