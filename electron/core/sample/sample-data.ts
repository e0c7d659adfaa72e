import { addDays, localIsoDate } from '../../../shared/domain/calendar-date';
import { nextSteps, type CaseStatus } from '../../../shared/domain/case-lifecycle';
import { appendAudit } from '../audit/audit-log';
import type { Db } from '../vault/database';
import { seedTypicalOrganizations } from '../directory/typical-organizations';
import { createMember } from '../directory/member-repository';
import { registerCase, transitionCase } from '../cases/case-repository';
import { recordConsent } from '../cases/consent-repository';
import { createMeeting } from '../meetings/meeting-repository';
import { addCaseItem } from '../meetings/agenda-repository';

/**
 * Fictional but realistic data for 「サンプルデータで試す」: the organizations of a typical
 * municipal plan, a few fictional members, cases known by number and initials (fictional names
 * only), and meetings before and after today so every screen has something to show. It goes
 * through the same repositories as real input, so it obeys the same rules.
 */
const SAMPLE_MEMBERS: ReadonlyArray<{ name: string; kana: string; org: number; title: string }> = [
  { name: '見本 一郎', kana: 'みほん いちろう', org: 0, title: '課長' },
  { name: '架空 さくら', kana: 'かくう さくら', org: 0, title: '主査' },
  { name: '例示 健太', kana: 'れいじ けんた', org: 4, title: '相談員' },
  { name: '試用 由美', kana: 'しよう ゆみ', org: 6, title: '社会福祉士' },
  { name: '仮名 誠', kana: 'かめい まこと', org: 7, title: 'CSW' },
  { name: '模擬 和子', kana: 'もぎ かずこ', org: 8, title: '民生委員' },
];

const SAMPLE_CASES: ReadonlyArray<{ initials: string; status: CaseStatus; daysAgo: number; lead: number; categories: string[]; route: string }> = [
  { initials: 'A・K', status: 'supporting', daysAgo: 210, lead: 6, categories: ['8050', 'hikikomori'], route: '地域包括支援センター' },
  { initials: 'M・S', status: 'plan_proposed', daysAgo: 95, lead: 7, categories: ['poverty', 'debt'], route: '本人の来所' },
  { initials: 'T・H', status: 'reviewed_without_consent', daysAgo: 60, lead: 4, categories: ['young_carer'], route: '学校' },
  { initials: 'Y・N', status: 'assessing', daysAgo: 30, lead: 5, categories: ['isolation'], route: '民生委員' },
  { initials: 'R・O', status: 'evaluating', daysAgo: 190, lead: 7, categories: ['elderly_care', 'double_care'], route: '家族' },
  { initials: 'K・I', status: 'received', daysAgo: 6, lead: 5, categories: ['housing'], route: '電話相談' },
  { initials: 'S・F', status: 'closed', daysAgo: 330, lead: 6, categories: ['other'], route: '本人の来所' },
];

const SAMPLE_MEETINGS: ReadonlyArray<{ type: 'jusoteki' | 'shien' | 'other'; title: string; inDays: number; start: string; place: string; state: string }> = [
  { type: 'jusoteki', title: '重層的支援会議（定例）', inDays: -56, start: '14:00', place: '市役所 3階 第1会議室', state: 'closed' },
  { type: 'shien', title: '支援会議', inDays: -28, start: '10:00', place: '市役所 3階 第2会議室', state: 'closed' },
  { type: 'other', title: '重層的支援体制 連絡会議', inDays: -14, start: '15:00', place: '福祉センター 研修室', state: 'closed' },
  { type: 'shien', title: '支援会議', inDays: 9, start: '10:00', place: '市役所 3階 第2会議室', state: 'planned' },
  { type: 'jusoteki', title: '重層的支援会議（定例）', inDays: 23, start: '14:00', place: '市役所 3階 第1会議室', state: 'planned' },
];

/** The shortest way through the lifecycle from 受付 to `target`, avoiding the no-consent detour. */
function pathTo(target: CaseStatus): CaseStatus[] {
  const previous = new Map<CaseStatus, CaseStatus>();
  const queue: CaseStatus[] = ['received'];
  while (queue.length) {
    const s = queue.shift()!;
    if (s === target) break;
    for (const n of nextSteps(s)) {
      if (n === 'reviewed_without_consent' && target !== n) continue;
      if (previous.has(n) || n === 'received') continue;
      previous.set(n, s);
      queue.push(n);
    }
  }
  const path: CaseStatus[] = [];
  for (let s: CaseStatus | undefined = target; s && s !== 'received'; s = previous.get(s)) path.unshift(s);
  return path;
}

export function seedSampleData(db: Db, staffId: string, now: Date): void {
  const today = localIsoDate(now);
  const orgIds = seedTypicalOrganizations(db, now);
  for (const m of SAMPLE_MEMBERS) {
    createMember(db, { name: m.name, nameKana: m.kana, organizationId: orgIds[m.org]!, title: m.title, startOn: addDays(today, -400) }, now);
  }
  for (const c of SAMPLE_CASES) {
    const receivedOn = addDays(today, -c.daysAgo);
    const id = registerCase(
      db,
      { initials: c.initials, receivedOn, leadOrganizationId: orgIds[c.lead]!, receivedByOrganizationId: orgIds[c.lead]!, categoryIds: c.categories, intakeRoute: c.route },
      staffId,
      now,
    );
    const path = pathTo(c.status);
    if (path.includes('consented')) {
      recordConsent(
        db,
        { caseId: id, givenOn: addDays(receivedOn, 3), method: 'written', obtainedBy: '架空 さくら', organizationIds: orgIds.slice(0, 9), allowsJusoteki: true },
        staffId,
        now,
        today,
      );
    }
    for (const step of path) transitionCase(db, id, step, null, staffId, now, today);
  }
  const memberIds = db.prepare('SELECT id FROM members').pluck().all() as string[];
  for (const m of SAMPLE_MEETINGS) {
    const date = addDays(today, m.inDays);
    const end = `${String(Number(m.start.slice(0, 2)) + 2).padStart(2, '0')}${m.start.slice(2)}`;
    // Invitees must belong to their organization on the day: past meetings invite no one here.
    const invitees = m.inDays >= 0 ? memberIds : [];
    const id = createMeeting(db, { type: m.type, title: m.title, date, startTime: m.start, endTime: end, place: m.place, inviteeMemberIds: invitees }, now);
    if (m.state !== 'planned') db.prepare('UPDATE meetings SET state = ? WHERE id = ?').run(m.state, id);
  }
  // The next 支援会議 discusses the cases without consent; the 重層的支援会議 the plan waiting for its decision.
  for (const [type, status, kind] of [['shien', 'reviewed_without_consent', 'evaluation'], ['shien', 'received', 'new'], ['jusoteki', 'plan_proposed', 'new'], ['jusoteki', 'evaluating', 'evaluation']] as const) {
    const meetingId = db.prepare("SELECT id FROM meetings WHERE type = ? AND state = 'planned' ORDER BY date LIMIT 1").pluck().get(type) as string;
    for (const caseId of db.prepare('SELECT id FROM cases WHERE status = ?').pluck().all(status) as string[]) {
      addCaseItem(db, { meetingId, caseId, kind, minutes: 15, presenterOrganizationId: orgIds[6]! }, now, today);
    }
  }
  appendAudit(db, { action: 'sample.seeded', staffId, details: { organizations: orgIds.length, cases: SAMPLE_CASES.length, meetings: SAMPLE_MEETINGS.length } }, now);
}
