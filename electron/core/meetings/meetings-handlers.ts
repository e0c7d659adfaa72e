import { formatWareki } from '../../../shared/domain/wareki';
import { MEETING_TYPE_TITLES } from '../../../shared/domain/agenda';
import type { Meeting } from '../../../shared/contract';
import { placePendingReports } from '../plans/plan-repository';
import type { Handler, HandlerContext } from '../rpc/handlers';
import { read, write, type Work } from '../rpc/work';
import { readSettings } from '../settings/settings-repository';
import { agendaDocument } from '../pdf/documents/agenda-document';
import { meetingNotice } from '../pdf/documents/meeting-notice';
import { attendanceList } from '../pdf/documents/attendance-list';
import { getAttendance } from './attendance-repository';
import { addCaseItem, addItem, addMaterial, getAgenda, moveItem, removeItem, removeMaterial, updateItem } from './agenda-repository';
import { createMeeting, getMeeting, listMeetings, roomWarnings, updateMeeting } from './meeting-repository';
import { suggestionsFor } from './suggestions';
import { cancelMeeting, correctMeeting } from './cancel-correct';

type MeetingsMethod =
  | 'meeting.list'
  | 'meeting.get'
  | 'meeting.create'
  | 'meeting.update'
  | 'meeting.cancel'
  | 'meeting.correct'
  | 'agenda.get'
  | 'agenda.addCaseItem'
  | 'agenda.addItem'
  | 'agenda.updateItem'
  | 'agenda.removeItem'
  | 'agenda.moveItem'
  | 'agenda.suggestions'
  | 'agenda.addMaterial'
  | 'agenda.removeMaterial'
  | 'meeting.agendaPdf'
  | 'meeting.noticePdf'
  | 'meeting.attendancePdf';

export const meetingsHandlers: { [M in MeetingsMethod]: Handler<M> } = {
  'meeting.list': (ctx, input) => read(ctx, (w) => listMeetings(w.db, input)),
  'meeting.get': (ctx, input) => read(ctx, (w) => getMeeting(w.db, input.id)),
  'meeting.create': (ctx, input) =>
    write(ctx, (w) => {
      const id = createMeeting(w.db, input, w.now);
      w.audit({ action: 'meeting.planned', subject: id, details: { type: input.type, date: input.date } });
      // 事後報告 not yet on any agenda go onto the next 重層的支援会議 as report items.
      if (input.type === 'jusoteki') placePendingReports(w.db, id, w.now, w.today);
      return { meeting: getMeeting(w.db, id), warnings: roomWarnings(w.db, id) };
    }),
  'meeting.update': (ctx, input) =>
    write(ctx, (w) => {
      const changed = updateMeeting(w.db, input, w.now);
      if (changed.length) w.audit({ action: 'meeting.updated', subject: input.id, details: { changed } });
      return { meeting: getMeeting(w.db, input.id), warnings: roomWarnings(w.db, input.id) };
    }),
  'meeting.cancel': (ctx, input) =>
    write(ctx, (w) => {
      const released = cancelMeeting(w.db, input.id, input.reason, w.staffId, w.now, w.today);
      w.audit({ action: 'meeting.cancelled', subject: input.id, details: { reason: input.reason, ...released } });
      return { meeting: getMeeting(w.db, input.id), warnings: [] };
    }),
  'meeting.correct': (ctx, input) =>
    write(ctx, (w) => {
      const fields = correctMeeting(w.db, input, w.staffId, w.now);
      w.audit({ action: 'meeting.corrected', subject: input.id, details: { reason: input.reason, fields } });
      return { meeting: getMeeting(w.db, input.id), warnings: [] };
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
  'agenda.addMaterial': (ctx, input) =>
    write(ctx, (w) => {
      const meetingId = addMaterial(w.db, input, readSettings(w.db).materialsLimitMb, w.staffId, w.now);
      w.audit({ action: 'agenda.changed', subject: meetingId, details: { change: 'material_added', itemId: input.itemId } });
      return getAgenda(w.db, meetingId, w.today);
    }),
  'agenda.removeMaterial': (ctx, input) =>
    write(ctx, (w) => {
      const meetingId = removeMaterial(w.db, input.materialId);
      w.audit({ action: 'agenda.changed', subject: meetingId, details: { change: 'material_removed', materialId: input.materialId } });
      return getAgenda(w.db, meetingId, w.today);
    }),
  'agenda.suggestions': (ctx, input) => read(ctx, (w) => suggestionsFor(w.db, input.meetingId, w.today)),
  'meeting.agendaPdf': (ctx, input) =>
    exportMeetingDocument(ctx, input.meetingId, 'agenda', (w, meeting, frame) => agendaDocument({ ...frame, meeting, agenda: getAgenda(w.db, meeting.id, w.today) })),
  'meeting.noticePdf': (ctx, input) =>
    exportMeetingDocument(ctx, input.meetingId, 'notice', (w, meeting, frame) => meetingNotice({ ...frame, meeting, issuedOn: w.today })),
  'meeting.attendancePdf': (ctx, input) =>
    exportMeetingDocument(ctx, input.meetingId, 'attendance', (w, meeting, frame) => attendanceList({ ...frame, meeting, attendance: getAttendance(w.db, meeting.id) })),
};

const DOCUMENT_NAMES = { agenda: '次第', notice: '開催通知', attendance: '出席者名簿' } as const;

/**
 * A meeting document leaving the vault: rendered inside the read, logged as an export, named by
 * document, date and meeting type only (never a person), then printed.
 */
async function exportMeetingDocument(
  ctx: HandlerContext,
  meetingId: string,
  document: keyof typeof DOCUMENT_NAMES,
  render: (w: Work, meeting: Meeting, frame: { municipalityName: string; secretariatName: string }) => string,
): Promise<{ fileName: string; pdfBase64: string }> {
  const { html, fileName } = write(ctx, (w) => {
    const meeting = getMeeting(w.db, meetingId);
    const { municipalityName, secretariatName } = readSettings(w.db);
    w.audit({ action: 'document.exported', subject: meetingId, details: { document } });
    return {
      html: render(w, meeting, { municipalityName, secretariatName }),
      fileName: `${DOCUMENT_NAMES[document]}_${formatWareki(meeting.date)}_${MEETING_TYPE_TITLES[meeting.type]}.pdf`,
    };
  });
  const pdf = await ctx.printer().print(html);
  return { fileName, pdfBase64: pdf.toString('base64') };
}
