import { KasaneError } from '../../../shared/contract';
import { formatWareki } from '../../../shared/domain/wareki';
import type { Handler } from '../rpc/handlers';
import { printCopies } from '../pdf/print-copies';
import { read, write } from '../rpc/work';
import { readSettings } from '../settings/settings-repository';
import { randomId } from '../vault/crypto';
import { createMeeting, getMeeting } from '../meetings/meeting-repository';
import { getAttendance } from '../meetings/attendance-repository';
import { getOrganization } from '../directory/organization-repository';
import { minutesDocument } from '../pdf/documents/minutes-document';
import { roleList } from '../pdf/documents/role-list';
import { focusItem, getMinutes, minutesRow, saveNotes } from './minutes-repository';
import { addDecision, getDecision, removeDecision, updateDecision } from './decision-repository';
import {
  assignmentsForMeeting,
  createAssignment,
  getAssignment,
  listAssignments,
  overdueStats,
  recordProgress,
  removeAssignment,
  updateAssignment,
} from './role-repository';
import { closeMeeting, markCopyReturned, materialCopies } from './closing';
import { confirmMinutes, minutesDiff, minutesVersion, startAmendment } from './confirmation';
import { meetingRecord } from './meeting-record';

type MinutesMethod =
  | 'minutes.get'
  | 'minutes.saveNotes'
  | 'minutes.focusItem'
  | 'minutes.addDecision'
  | 'minutes.updateDecision'
  | 'minutes.removeDecision'
  | 'role.create'
  | 'role.update'
  | 'role.remove'
  | 'role.recordProgress'
  | 'role.list'
  | 'role.forMeeting'
  | 'role.overdueStats'
  | 'meeting.copies'
  | 'meeting.markCopyReturned'
  | 'meeting.close'
  | 'minutes.confirm'
  | 'minutes.amend'
  | 'minutes.version'
  | 'minutes.diff'
  | 'minutes.pdf'
  | 'role.listPdf'
  | 'minutes.distributions';

export const minutesHandlers: { [M in MinutesMethod]: Handler<M> } = {
  // Creating the minutes row on first look is a write; everything else here only reads.
  'minutes.get': (ctx, input) => write(ctx, (w) => getMinutes(w.db, input.meetingId, w.now, w.today)),
  // Not audited: autosaves are the content itself, many a minute; 確定 is audited with the hash.
  'minutes.saveNotes': (ctx, input) => write(ctx, (w) => ({ itemId: input.itemId, ...saveNotes(w.db, input, w.now) })),
  'minutes.focusItem': (ctx, input) =>
    write(ctx, (w) => {
      focusItem(w.db, input.meetingId, input.itemId, w.now);
      return getMinutes(w.db, input.meetingId, w.now, w.today);
    }),
  'minutes.addDecision': (ctx, input) =>
    write(ctx, (w) => {
      const id = addDecision(w.db, input, w.now);
      w.audit({ action: 'minutes.decision_changed', subject: id, details: { change: 'added', kind: input.kind } });
      return getDecision(w.db, id);
    }),
  'minutes.updateDecision': (ctx, input) =>
    write(ctx, (w) => {
      updateDecision(w.db, input, w.now);
      w.audit({ action: 'minutes.decision_changed', subject: input.id, details: { change: 'updated' } });
      return getDecision(w.db, input.id);
    }),
  'minutes.removeDecision': (ctx, input) =>
    write(ctx, (w) => {
      removeDecision(w.db, input.id, w.now);
      w.audit({ action: 'minutes.decision_changed', subject: input.id, details: { change: 'removed' } });
      return { removed: true as const };
    }),
  'role.create': (ctx, input) =>
    write(ctx, (w) => {
      const id = createAssignment(w.db, input, w.now);
      w.audit({ action: 'minutes.role_changed', subject: id, details: { change: 'added' } });
      return getAssignment(w.db, id, w.today);
    }),
  'role.update': (ctx, input) =>
    write(ctx, (w) => {
      updateAssignment(w.db, input, w.now, w.today);
      w.audit({ action: 'minutes.role_changed', subject: input.id, details: { change: 'updated' } });
      return getAssignment(w.db, input.id, w.today);
    }),
  'role.remove': (ctx, input) =>
    write(ctx, (w) => {
      removeAssignment(w.db, input.id, w.now, w.today);
      w.audit({ action: 'minutes.role_changed', subject: input.id, details: { change: 'removed' } });
      return { removed: true as const };
    }),
  'role.recordProgress': (ctx, input) =>
    write(ctx, (w) => {
      recordProgress(w.db, input, w.staffId, w.now, w.today);
      w.audit({ action: 'role.progress', subject: input.id, details: { status: input.status, overdueReason: input.overdueReason ?? null } });
      return getAssignment(w.db, input.id, w.today);
    }),
  'role.list': (ctx, input) => read(ctx, (w) => listAssignments(w.db, input)),
  'role.forMeeting': (ctx, input) => read(ctx, (w) => assignmentsForMeeting(w.db, input.meetingId)),
  'role.overdueStats': (ctx, input) => read(ctx, (w) => overdueStats(w.db, input.from, input.to)),
  // Numbers are handed out at 開会 and to late arrivals; meetings opened before that rule get theirs on first look: a write.
  'meeting.copies': (ctx, input) => write(ctx, (w) => materialCopies(w.db, input.meetingId)),
  'meeting.markCopyReturned': (ctx, input) =>
    write(ctx, (w) => {
      markCopyReturned(w.db, input.meetingId, input.number, input.returned, w.now);
      w.audit({ action: 'meeting.copy_returned', subject: input.meetingId, details: { number: input.number, returned: input.returned } });
      return materialCopies(w.db, input.meetingId);
    }),
  'meeting.close': (ctx, input) =>
    write(ctx, (w) => {
      const { unreturned } = closeMeeting(w.db, input, w.staffId, w.now, w.today);
      w.audit({ action: 'meeting.closed', subject: input.meetingId, details: { unreturned: unreturned.length } });
      let nextMeetingId: string | null = null;
      if (input.nextMeeting) {
        const m = getMeeting(w.db, input.meetingId);
        nextMeetingId = createMeeting(
          w.db,
          {
            type: m.type,
            date: input.nextMeeting.date,
            startTime: input.nextMeeting.startTime,
            place: m.place,
            chairMemberId: m.chairMemberId,
            inviteeMemberIds: m.invitees.filter((i) => !i.hasLeft).map((i) => i.memberId),
          },
          w.now,
        );
        w.audit({ action: 'meeting.planned', subject: nextMeetingId, details: { type: m.type, date: input.nextMeeting.date, from: 'next_schedule' } });
      }
      return { minutes: getMinutes(w.db, input.meetingId, w.now, w.today), nextMeetingId };
    }),
  'minutes.confirm': (ctx, input) =>
    write(ctx, (w) => {
      const c = confirmMinutes(w.db, input.meetingId, w.staffId, w.now, w.today);
      // The hash goes into the hash-chained audit log too: a later change to the stored text shows.
      w.audit({ action: 'minutes.confirmed', subject: input.meetingId, details: { version: c.version, sha256: c.sha256, transitions: c.transitions, liveAssignments: c.liveAssignments } });
      return getMinutes(w.db, input.meetingId, w.now, w.today);
    }),
  'minutes.amend': (ctx, input) =>
    write(ctx, (w) => {
      startAmendment(w.db, input.meetingId, input.reason, w.now);
      w.audit({ action: 'minutes.amendment_started', subject: input.meetingId });
      return getMinutes(w.db, input.meetingId, w.now, w.today);
    }),
  'minutes.version': (ctx, input) => read(ctx, (w) => minutesVersion(w.db, input.meetingId, input.version)),
  'minutes.diff': (ctx, input) => read(ctx, (w) => minutesDiff(w.db, input.meetingId, input.from, input.to)),
  'minutes.pdf': async (ctx, input) => {
    const { htmls, fileName } = write(ctx, (w) => {
      const meeting = getMeeting(w.db, input.meetingId);
      const row = minutesRow(w.db, meeting.id, w.now);
      const record = meetingRecord(w.db, meeting.id, w.today);
      const latest = w.db
        .prepare('SELECT version, sha256, confirmed_at AS at, reason FROM minutes_versions WHERE meeting_id = ? ORDER BY version DESC LIMIT 1')
        .get(meeting.id) as { version: number; sha256: string; at: string; reason: string | null } | undefined;
      const confirmation =
        row.state === 'confirmed' && latest ? { version: latest.version, sha256: latest.sha256, confirmedOn: formatWareki(latest.at.slice(0, 10)), reason: latest.reason } : null;
      const { municipalityName, secretariatName } = readSettings(w.db);
      const frame = { municipalityName, secretariatName, confirmation };
      const fileName = `${record.documentTitle}_${formatWareki(meeting.date)}.pdf`;
      if (meeting.type !== 'shien' || input.preview) {
        w.audit({ action: 'document.exported', subject: meeting.id, details: { document: 'minutes', preview: Boolean(input.preview) } });
        const watermark = meeting.type === 'shien' ? '確認用　配付不可' : undefined;
        return { fileName, htmls: [minutesDocument({ ...frame, record, ...(watermark ? { watermark } : {}) })] };
      }
      // 支援会議記録: one watermarked copy per recipient, holding only the items they took part in.
      const present = getAttendance(w.db, meeting.id).rows.filter((r) => r.present);
      const ids = input.recipientMemberIds ?? present.map((r) => r.memberId);
      const byId = new Map(meeting.invitees.map((i) => [i.memberId, i]));
      const version = confirmation?.version ?? 0;
      const htmls = ids.map((memberId, index) => {
        const who = byId.get(memberId);
        if (!who) throw new KasaneError('validation_failed', { fields: 'recipientMemberIds', issues: [{ path: 'recipientMemberIds', code: 'not_invited' }] });
        const copyNumber = index + 1;
        const recipient = `${who.organizationName} ${who.name}様`;
        w.db
          .prepare('INSERT INTO minutes_distributions (id, meeting_id, version, copy_number, copies, member_id, recipient, at, by_staff) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(randomId(), meeting.id, version, copyNumber, ids.length, memberId, recipient, w.now.toISOString(), w.staffId);
        const own = { ...record, items: record.items.filter((i) => i.participantIds === null || i.participantIds.includes(memberId)) };
        return minutesDocument({ ...frame, record: own, watermark: `配付番号 ${copyNumber}/${ids.length}　${recipient}` });
      });
      w.audit({ action: 'document.exported', subject: meeting.id, details: { document: 'minutes', copies: ids.length, recipients: ids } });
      return { fileName, htmls };
    });
    const { pdf, pages } = await printCopies(ctx.printer(), htmls);
    return { fileName, pdfBase64: pdf.toString('base64'), pages, copies: htmls.length };
  },
  'role.listPdf': async (ctx, input) => {
    const { html, fileName } = write(ctx, (w) => {
      const org = getOrganization(w.db, input.organizationId, w.today);
      const all = input.meetingId
        ? assignmentsForMeeting(w.db, input.meetingId).filter((a) => a.organizationId === org.id)
        : listAssignments(w.db, { today: input.today, organizationId: org.id, status: ['open', 'in_progress'] });
      const { municipalityName, secretariatName } = readSettings(w.db);
      w.audit({ action: 'document.exported', subject: org.id, details: { document: 'role_list', rows: all.length } });
      return {
        html: roleList({ municipalityName, secretariatName, organizationName: org.name, asOf: input.today, assignments: all }),
        // The organization's name tells two lists apart; it names no person.
        fileName: `役割分担一覧_${org.name}_${formatWareki(input.today)}.pdf`,
      };
    });
    const { pdf, pages } = await printCopies(ctx.printer(), [html]);
    return { fileName, pdfBase64: pdf.toString('base64'), pages };
  },
  'minutes.distributions': (ctx, input) =>
    read(ctx, (w) =>
      w.db
        .prepare(
          `SELECT d.copy_number AS copyNumber, d.copies, d.recipient, d.version, d.at, s.name AS byName
           FROM minutes_distributions d JOIN staff s ON s.id = d.by_staff WHERE d.meeting_id = ? ORDER BY d.at, d.copy_number`,
        )
        .all(input.meetingId) as { copyNumber: number; copies: number; recipient: string; version: number; at: string; byName: string }[],
    ),
};
