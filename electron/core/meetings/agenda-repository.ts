import { KasaneError, type Agenda, type AgendaItem } from '../../../shared/contract';
import { agendaTiming, CASE_ITEM_SECTION, caseAllowedOnMeeting, meetingLength, type AgendaSection, type CaseItemKind } from '../../../shared/domain/agenda';
import { consentOn } from '../../../shared/domain/consent';
import { randomId } from '../vault/crypto';
import { assertMayChange, meetingRow, type MeetingRow } from './meeting-state';
import type { Db } from '../vault/database';
import { consentRecords, toConsentRecord } from '../cases/case-repository';
import { assertActiveOrganization } from '../directory/organization-repository';
import { roomWarnings } from './meeting-repository';
import { MATERIAL_ORDER } from './material-order';
import { decodeAttachment, storeAttachment, type MediaType } from '../attachments/attachment-repository';

/** The 次第 and its 資料 change until 開会 (the state machine says so); after it they belong to the minutes. */
function plannedMeeting(db: Db, id: string, change: 'agenda' | 'materials' = 'agenda'): MeetingRow {
  const m = meetingRow(db, id);
  assertMayChange(m, change);
  return m;
}

function itemMeeting(db: Db, itemId: string, change: 'agenda' | 'materials' = 'agenda'): MeetingRow {
  const row = db.prepare('SELECT meeting_id FROM agenda_items WHERE id = ?').get(itemId) as { meeting_id: string } | undefined;
  if (!row) throw new KasaneError('agenda_item_not_found');
  return plannedMeeting(db, row.meeting_id, change);
}

export function getAgenda(db: Db, meetingId: string, today: string): Agenda {
  const m = meetingRow(db, meetingId);
  const rows = db
    .prepare(
      `SELECT a.id, a.position, a.section, a.title, a.kind, a.case_id AS caseId, c.case_number AS caseNumber, c.initials,
         a.presenter_organization_id AS presenterOrganizationId, o.name AS presenterOrganizationName, a.minutes,
         (SELECT json_group_array(member_id) FROM agenda_item_participants p WHERE p.item_id = a.id) AS participants
       FROM agenda_items a LEFT JOIN cases c ON c.id = a.case_id LEFT JOIN organizations o ON o.id = a.presenter_organization_id
       WHERE a.meeting_id = ? ORDER BY a.position`,
    )
    .all(meetingId) as Array<Omit<AgendaItem, 'participantMemberIds' | 'consentWithdrawn' | 'materials'> & { participants: string }>;
  const consents = consentRecords(db, rows.flatMap((r) => (r.caseId ? [r.caseId] : [])));
  // 資料 are numbered through the whole 次第, in its order: the number is derived, never stored.
  const materialRows = db
    .prepare(
      `SELECT m.id, m.item_id AS itemId, m.attachment_id AS attachmentId, f.file_name AS fileName
       FROM agenda_materials m JOIN agenda_items a ON a.id = m.item_id JOIN attachments f ON f.id = m.attachment_id
       WHERE a.meeting_id = ? ORDER BY ${MATERIAL_ORDER}`,
    )
    .all(meetingId) as { id: string; itemId: string; attachmentId: string; fileName: string }[];
  const materials = materialRows.map((m, i) => ({ ...m, number: i + 1 }));
  const items: AgendaItem[] = rows.map(({ participants, ...r }) => ({
    ...r,
    participantMemberIds: JSON.parse(participants) as string[],
    materials: materials.filter((m) => m.itemId === r.id).map(({ itemId: _itemId, ...m }) => m),
    // A case planned for a 重層的支援会議 whose consent no longer holds is flagged, not removed.
    consentWithdrawn:
      r.caseId !== null && !caseAllowedOnMeeting(m.type, consentOn((consents.get(r.caseId) ?? []).map(toConsentRecord), today)),
  }));
  const meetingMinutes = meetingLength(m.start_time, m.end_time);
  const timing = agendaTiming(items, meetingMinutes);
  return {
    meetingId,
    items,
    totalMinutes: timing.total,
    meetingMinutes,
    warnings: [...roomWarnings(db, meetingId), ...(timing.over ? [{ code: 'agenda_overrun' as const, details: { overMinutes: timing.over } }] : [])],
  };
}

/** Where a new item of `section` goes: after the last item of that section, else before the next section's first item. */
function positionFor(db: Db, meetingId: string, section: AgendaSection): number {
  const order = db.prepare('SELECT section, position FROM agenda_items WHERE meeting_id = ? ORDER BY position').all(meetingId) as { section: string; position: number }[];
  const lastOfSection = order.filter((o) => o.section === section).at(-1);
  const at = lastOfSection ? lastOfSection.position + 1 : (order.find((o) => o.section === 'other' || o.section === 'closing')?.position ?? order.length);
  db.prepare('UPDATE agenda_items SET position = position + 1 WHERE meeting_id = ? AND position >= ?').run(meetingId, at);
  return at;
}

function setParticipants(db: Db, m: MeetingRow, itemId: string, memberIds: readonly string[]): void {
  const invited = new Set(db.prepare('SELECT member_id FROM meeting_invitees WHERE meeting_id = ?').pluck().all(m.id) as string[]);
  if (memberIds.some((id) => !invited.has(id))) {
    throw new KasaneError('validation_failed', { fields: 'participantMemberIds', issues: [{ path: 'participantMemberIds', code: 'not_invited' }] });
  }
  db.prepare('DELETE FROM agenda_item_participants WHERE item_id = ?').run(itemId);
  const add = db.prepare('INSERT INTO agenda_item_participants (item_id, member_id) VALUES (?, ?)');
  for (const id of new Set(memberIds)) add.run(itemId, id);
}

/** The next planned 支援会議 from today, offered when the consent rule refuses a case. */
function nextShien(db: Db, date: string): { id: string; date: string } | undefined {
  return db.prepare("SELECT id, date FROM meetings WHERE type = 'shien' AND state = 'planned' AND date >= ? ORDER BY date, start_time LIMIT 1").get(date) as
    | { id: string; date: string }
    | undefined;
}

export function addCaseItem(
  db: Db,
  input: { meetingId: string; caseId: string; kind: CaseItemKind; presenterOrganizationId?: string | null | undefined; minutes: number; participantMemberIds?: string[] | undefined },
  now: Date,
  today: string,
): string {
  const m = plannedMeeting(db, input.meetingId);
  const c = db.prepare('SELECT case_number FROM cases WHERE id = ?').get(input.caseId) as { case_number: string } | undefined;
  if (!c) throw new KasaneError('case_not_found');
  if (db.prepare('SELECT 1 FROM agenda_items WHERE meeting_id = ? AND case_id = ?').get(input.meetingId, input.caseId)) {
    throw new KasaneError('case_already_on_agenda', { caseNumber: c.case_number });
  }
  const consent = consentOn((consentRecords(db, [input.caseId]).get(input.caseId) ?? []).map(toConsentRecord), today);
  if (!caseAllowedOnMeeting(m.type, consent)) {
    const shien = nextShien(db, today);
    throw new KasaneError('consent_required_for_jusoteki', {
      caseNumber: c.case_number,
      nextShienMeetingId: shien?.id ?? null,
      nextShienDate: shien?.date ?? null,
    });
  }
  if (input.presenterOrganizationId) assertActiveOrganization(db, input.presenterOrganizationId);
  const section = CASE_ITEM_SECTION[input.kind];
  const id = randomId();
  db.prepare(
    `INSERT INTO agenda_items (id, meeting_id, position, section, title, kind, case_id, presenter_organization_id, minutes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.meetingId, positionFor(db, input.meetingId, section), section, c.case_number, input.kind, input.caseId, input.presenterOrganizationId ?? null, input.minutes, now.toISOString());
  if (input.participantMemberIds?.length) setParticipants(db, m, id, input.participantMemberIds);
  return id;
}

export function addItem(db: Db, input: { meetingId: string; section: AgendaSection; title: string; minutes: number }, now: Date): string {
  plannedMeeting(db, input.meetingId);
  const id = randomId();
  db.prepare('INSERT INTO agenda_items (id, meeting_id, position, section, title, minutes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    input.meetingId,
    positionFor(db, input.meetingId, input.section),
    input.section,
    input.title,
    input.minutes,
    now.toISOString(),
  );
  return id;
}

export function updateItem(
  db: Db,
  input: { itemId: string; title?: string | undefined; minutes?: number | undefined; presenterOrganizationId?: string | null | undefined; participantMemberIds?: string[] | undefined },
): string {
  const m = itemMeeting(db, input.itemId);
  if (input.title !== undefined) db.prepare('UPDATE agenda_items SET title = ? WHERE id = ? AND case_id IS NULL').run(input.title, input.itemId);
  if (input.minutes !== undefined) db.prepare('UPDATE agenda_items SET minutes = ? WHERE id = ?').run(input.minutes, input.itemId);
  if (input.presenterOrganizationId !== undefined) {
    if (input.presenterOrganizationId) assertActiveOrganization(db, input.presenterOrganizationId);
    db.prepare('UPDATE agenda_items SET presenter_organization_id = ? WHERE id = ?').run(input.presenterOrganizationId, input.itemId);
  }
  if (input.participantMemberIds) setParticipants(db, m, input.itemId, input.participantMemberIds);
  return m.id;
}

function renumber(db: Db, meetingId: string, ids: string[]): void {
  const set = db.prepare('UPDATE agenda_items SET position = ? WHERE id = ?');
  ids.forEach((id, i) => set.run(i, id));
}

export function removeItem(db: Db, itemId: string): string {
  const m = itemMeeting(db, itemId);
  // Its 資料 go with it, files included (agenda_materials rows follow by ON DELETE CASCADE).
  const files = db.prepare('SELECT attachment_id FROM agenda_materials WHERE item_id = ?').pluck().all(itemId) as string[];
  db.prepare('DELETE FROM agenda_items WHERE id = ?').run(itemId);
  for (const f of files) db.prepare('DELETE FROM attachments WHERE id = ?').run(f);
  renumber(db, m.id, db.prepare('SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position').pluck().all(m.id) as string[]);
  return m.id;
}

export function moveItem(db: Db, itemId: string, toPosition: number): string {
  const m = itemMeeting(db, itemId);
  const ids = (db.prepare('SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position').pluck().all(m.id) as string[]).filter((id) => id !== itemId);
  ids.splice(Math.min(toPosition, ids.length), 0, itemId);
  renumber(db, m.id, ids);
  return m.id;
}

export function addMaterial(
  db: Db,
  input: { itemId: string; fileName: string; mediaType: MediaType; dataBase64: string },
  limitMb: number,
  staffId: string,
  now: Date,
): string {
  const m = itemMeeting(db, input.itemId, 'materials');
  const bytes = decodeAttachment(input.dataBase64, input.mediaType, limitMb);
  const attachmentId = storeAttachment(db, { fileName: input.fileName, mediaType: input.mediaType, bytes }, staffId, now);
  db.prepare('INSERT INTO agenda_materials (id, item_id, attachment_id, created_at) VALUES (?, ?, ?, ?)').run(randomId(), input.itemId, attachmentId, now.toISOString());
  return m.id;
}

export function removeMaterial(db: Db, materialId: string): string {
  const row = db.prepare('SELECT item_id, attachment_id FROM agenda_materials WHERE id = ?').get(materialId) as { item_id: string; attachment_id: string } | undefined;
  if (!row) throw new KasaneError('agenda_item_not_found');
  const m = itemMeeting(db, row.item_id, 'materials');
  db.prepare('DELETE FROM agenda_materials WHERE id = ?').run(materialId);
  // The file goes with it: a removed 資料 leaves nothing of itself in the vault.
  db.prepare('DELETE FROM attachments WHERE id = ?').run(row.attachment_id);
  return m.id;
}
