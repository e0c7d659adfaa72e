import type { CaseStatus } from '../../../shared/domain/case-lifecycle';
import { SECTION_TITLES, MEETING_TYPE_TITLES, type AgendaSection, type MeetingType } from '../../../shared/domain/agenda';
import { DECISION_KIND_TITLES, OVERDUE_REASON_TITLES, ROLE_STATUS_TITLES } from '../../../shared/domain/minutes';
import { formatWareki } from '../../../shared/domain/wareki';
import { casesJa } from '../../../shared/i18n/cases.ja';
import type { Db } from '../vault/database';
import { getMeeting } from '../meetings/meeting-repository';
import { getAgenda } from '../meetings/agenda-repository';
import { getAttendance } from '../meetings/attendance-repository';
import { PLEDGE_BY_TITLES } from '../pdf/documents/attendance-list';
import { listDecisions } from './decision-repository';
import { assignmentsCreatedAt } from './role-repository';
import { materialCopies } from './closing';

/** The minutes as documents and the confirmed text state them: always Japanese, case numbers and initials only. */
export interface MeetingRecord {
  type: MeetingType;
  documentTitle: '会議録' | '支援会議記録';
  title: string;
  date: string;
  time: string;
  place: string | null;
  attendees: { memberId: string; line: string }[];
  items: RecordItem[];
  copiesLine: string | null;
}

export interface RecordItem {
  number: number;
  heading: string;
  caseLine: string | null;
  /** Need-to-know: the member ids who took part (null: everyone present). */
  participantIds: string[] | null;
  participantsLine: string | null;
  notes: string;
  decisions: string[];
  roles: string[];
  progress: string[];
}

const STATUS: Record<CaseStatus, string> = casesJa.statuses;

export function meetingRecord(db: Db, meetingId: string, today: string): MeetingRecord {
  const meeting = getMeeting(db, meetingId);
  const agenda = getAgenda(db, meetingId, today);
  const attendance = getAttendance(db, meetingId);
  const shien = meeting.type === 'shien';
  const extra = db.prepare('SELECT closed_time AS closedTime, unreturned_reason AS unreturnedReason FROM meetings WHERE id = ?').get(meetingId) as {
    closedTime: string | null;
    unreturnedReason: string | null;
  };
  const notes = new Map(
    (db.prepare('SELECT n.item_id, n.body FROM minutes_notes n JOIN agenda_items a ON a.id = n.item_id WHERE a.meeting_id = ?').all(meetingId) as { item_id: string; body: string }[]).map(
      (n) => [n.item_id, n.body],
    ),
  );
  const decisions = listDecisions(db, meetingId);
  const roles = assignmentsCreatedAt(db, meetingId, today);
  const progress = db
    .prepare(
      `SELECT g.status, g.note, g.overdue_reason AS reason, r.case_id AS caseId, c.case_number AS caseNumber, r.action, o.name AS organizationName
       FROM role_progress g JOIN role_assignments r ON r.id = g.assignment_id JOIN cases c ON c.id = r.case_id JOIN organizations o ON o.id = r.organization_id
       WHERE g.meeting_id = ? ORDER BY g.created_at`,
    )
    .all(meetingId) as { status: keyof typeof ROLE_STATUS_TITLES; note: string | null; reason: keyof typeof OVERDUE_REASON_TITLES | null; caseNumber: string; action: string; organizationName: string }[];
  const present = attendance.rows.filter((r) => r.present);
  const nameOf = new Map(attendance.rows.map((r) => [r.memberId, r.name]));
  const titleOf = new Map(meeting.invitees.map((i) => [i.memberId, i.title ?? '']));
  const copies = materialCopies(db, meetingId);
  const unreturned = copies.filter((c) => !c.returned).length;
  return {
    type: meeting.type,
    documentTitle: shien ? '支援会議記録' : '会議録',
    title: meeting.title || MEETING_TYPE_TITLES[meeting.type],
    date: formatWareki(meeting.date, { weekday: true }),
    time: [meeting.startTime, extra.closedTime].filter(Boolean).join('〜'),
    place: meeting.place,
    attendees: present.map((r) => ({
      memberId: r.memberId,
      line: [r.organizationName, titleOf.get(r.memberId), r.name].filter(Boolean).join('　') + (shien && r.by ? `（${PLEDGE_BY_TITLES[r.by]}）` : ''),
    })),
    items: agenda.items.map((item, index) => {
      const participants = item.caseId && item.participantMemberIds.length ? item.participantMemberIds.filter((id) => present.some((p) => p.memberId === id)) : null;
      return {
        number: index + 1,
        heading: item.title || SECTION_TITLES[item.section as AgendaSection],
        caseLine: item.caseId ? `ケース ${item.caseNumber ?? ''}（${item.initials ?? ''}）` : null,
        participantIds: item.caseId && item.participantMemberIds.length ? item.participantMemberIds : null,
        participantsLine: participants ? `この議題の出席者：${participants.map((id) => nameOf.get(id) ?? '').join('、')}` : null,
        notes: notes.get(item.id) ?? '',
        decisions: decisions
          .filter((d) => d.itemId === item.id)
          .map((d) => {
            const step = d.proposedStatus && d.applyStatus ? `（ケースの状態を「${STATUS[d.proposedStatus]}」へ）` : '';
            return `【${DECISION_KIND_TITLES[d.kind]}】${d.caseNumber ? `${d.caseNumber} ` : ''}${d.text}${step}`;
          }),
        roles: roles
          .filter((r) => r.createdItemId === item.id)
          .map((r) => {
            const when = [r.dueOn ? `${formatWareki(r.startOn)}〜${formatWareki(r.dueOn)}` : `${formatWareki(r.startOn)}から`, r.frequency].filter(Boolean).join('　');
            const who = [r.organizationName, r.memberName].filter(Boolean).join(' ');
            return `${r.caseNumber}　${r.goal ? `課題・目標：${r.goal}　` : ''}支援内容：${r.action}　担当：${who}　${when}`;
          }),
        progress:
          item.section === 'progress_review'
            ? progress.map(
                (p) =>
                  `${p.caseNumber}　${p.action}（${p.organizationName}）：${ROLE_STATUS_TITLES[p.status]}${p.reason ? `　期限超過の理由：${OVERDUE_REASON_TITLES[p.reason]}` : ''}${p.note ? `　${p.note}` : ''}`,
              )
            : [],
      };
    }),
    copiesLine: shien && copies.length ? (unreturned ? `資料 ${copies.length}部のうち ${unreturned}部未回収（理由：${extra.unreturnedReason ?? ''}）` : `資料 ${copies.length}部 全部回収`) : null,
  };
}

/** The canonical text of the minutes: what 確定 hashes and stores, what versions show and compare. */
export function recordText(r: MeetingRecord): string {
  const lines = [`${r.documentTitle}　${r.title}`, `日時：${r.date}　${r.time}`, `場所：${r.place ?? ''}`, '出席者：', ...r.attendees.map((a) => `　${a.line}`)];
  for (const item of r.items) {
    lines.push('', `■ ${item.number}. ${item.heading}`);
    if (item.caseLine) lines.push(item.caseLine);
    if (item.participantsLine) lines.push(item.participantsLine);
    if (item.notes.trim()) lines.push(...item.notes.trimEnd().split('\n'));
    if (item.progress.length) lines.push('進捗確認：', ...item.progress.map((p) => `・${p}`));
    if (item.decisions.length) lines.push('決定事項：', ...item.decisions.map((d) => `・${d}`));
    if (item.roles.length) lines.push('役割分担：', ...item.roles.map((d) => `・${d}`));
  }
  if (r.copiesLine) lines.push('', r.copiesLine);
  return `${lines.join('\n')}\n`;
}
