import { addDays, localIsoDate } from '../../../shared/domain/calendar-date';
import { fiscalYearOf, formatFiscalYear } from '../../../shared/domain/fiscal-year';
import { appendAudit } from '../audit/audit-log';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';

/**
 * Fictional but realistic data for 「サンプルデータで試す」: the organizations of a typical
 * municipal plan (長井市・大田原市の実施計画), cases known only by number and initials, and
 * meetings before and after today so every screen has something to show.
 */
export const SAMPLE_ORGANIZATIONS: ReadonlyArray<{ name: string; kind: 'city_department' | 'contractor' | 'partner' }> = [
  { name: '福祉課（事務局）', kind: 'city_department' },
  { name: '子育て推進課', kind: 'city_department' },
  { name: '健康課', kind: 'city_department' },
  { name: '学校教育課', kind: 'city_department' },
  { name: 'こども家庭センター', kind: 'city_department' },
  { name: '市民相談センター', kind: 'contractor' },
  { name: '地域包括支援センター', kind: 'contractor' },
  { name: '社会福祉協議会', kind: 'contractor' },
  { name: '民生委員児童委員協議会', kind: 'partner' },
  { name: '地区長連合会', kind: 'partner' },
  { name: 'コミュニティ協議会', kind: 'partner' },
  { name: '校長会', kind: 'partner' },
];

const SAMPLE_CASES: ReadonlyArray<{ initials: string; status: string; daysAgo: number; lead: number }> = [
  { initials: 'A・K', status: 'supporting', daysAgo: 210, lead: 6 },
  { initials: 'M・S', status: 'plan_proposed', daysAgo: 95, lead: 7 },
  { initials: 'T・H', status: 'reviewed_without_consent', daysAgo: 60, lead: 4 },
  { initials: 'Y・N', status: 'assessing', daysAgo: 30, lead: 5 },
  { initials: 'R・O', status: 'evaluating', daysAgo: 190, lead: 7 },
  { initials: 'K・I', status: 'received', daysAgo: 6, lead: 5 },
  { initials: 'S・F', status: 'closed', daysAgo: 330, lead: 6 },
];

const SAMPLE_MEETINGS: ReadonlyArray<{ type: 'jusoteki' | 'shien' | 'other'; title: string; inDays: number; start: string; place: string; state: string }> = [
  { type: 'jusoteki', title: '重層的支援会議（定例）', inDays: -56, start: '14:00', place: '市役所 3階 第1会議室', state: 'closed' },
  { type: 'shien', title: '支援会議', inDays: -28, start: '10:00', place: '市役所 3階 第2会議室', state: 'closed' },
  { type: 'other', title: '重層的支援体制 連絡会議', inDays: -14, start: '15:00', place: '福祉センター 研修室', state: 'closed' },
  { type: 'shien', title: '支援会議', inDays: 9, start: '10:00', place: '市役所 3階 第2会議室', state: 'planned' },
  { type: 'jusoteki', title: '重層的支援会議（定例）', inDays: 23, start: '14:00', place: '市役所 3階 第1会議室', state: 'planned' },
];

export function seedSampleData(db: Db, staffId: string, now: Date): void {
  const created = now.toISOString();
  const today = localIsoDate(now);
  const orgIds = SAMPLE_ORGANIZATIONS.map((org, i) => {
    const id = randomId();
    db.prepare('INSERT INTO organizations (id, name, kind, sort_order, created_at) VALUES (?, ?, ?, ?, ?)').run(id, org.name, org.kind, i, created);
    return id;
  });
  const perYear = new Map<number, number>();
  for (const c of SAMPLE_CASES) {
    const received = addDays(today, -c.daysAgo);
    const fy = fiscalYearOf(received);
    const n = (perYear.get(fy) ?? 0) + 1;
    perYear.set(fy, n);
    db.prepare(
      'INSERT INTO cases (id, case_number, initials, status, received_on, lead_organization_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(randomId(), `${formatFiscalYear(fy, 'short')}-${String(n).padStart(3, '0')}`, c.initials, c.status, received, orgIds[c.lead] ?? null, created);
  }
  for (const m of SAMPLE_MEETINGS) {
    db.prepare('INSERT INTO meetings (id, type, title, date, start_time, place, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      randomId(),
      m.type,
      m.title,
      addDays(today, m.inDays),
      m.start,
      m.place,
      m.state,
      created,
    );
  }
  appendAudit(db, { action: 'sample.seeded', staffId, details: { organizations: orgIds.length, cases: SAMPLE_CASES.length, meetings: SAMPLE_MEETINGS.length } }, now);
}
