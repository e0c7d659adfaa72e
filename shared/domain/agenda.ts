/**
 * The 次第 (agenda) of a meeting: its default order (DOMAIN.md), case items and their kinds,
 * and the timing check. Pure: the agenda builder, the core and the 次第 document agree.
 */
export type MeetingType = 'jusoteki' | 'shien' | 'other';

/** The names of the meeting types as documents and default titles write them (always Japanese). */
export const MEETING_TYPE_TITLES: Record<MeetingType, string> = { jusoteki: '重層的支援会議', shien: '支援会議', other: 'その他の会議' };

/** Sections of the default 次第, in order. Case items live inside their section. */
export const AGENDA_SECTIONS = [
  'opening', // 開会
  'pledge_check', // 守秘義務の確認 (支援会議)
  'attendance', // 出席者確認
  'progress_review', // 前回決定事項・役割分担の進捗確認
  'reports', // 報告事項 (事後報告)
  'new_cases', // 新規ケース
  'evaluations', // 継続ケースの評価
  'closures', // 終結・中断
  'resources', // 社会資源の状況と開発
  'other', // その他
  'next_schedule', // 次回日程
  'materials_return', // 資料回収 (支援会議)
  'closing', // 閉会
] as const;
export type AgendaSection = (typeof AGENDA_SECTIONS)[number];

export const SECTION_TITLES: Record<AgendaSection, string> = {
  opening: '開会',
  pledge_check: '守秘義務の確認',
  attendance: '出席者確認',
  progress_review: '前回決定事項・役割分担の進捗確認',
  reports: '報告事項',
  new_cases: '新規ケース',
  evaluations: '継続ケースの評価',
  closures: '終結・中断',
  resources: '社会資源の状況と開発',
  other: 'その他',
  next_schedule: '次回日程',
  materials_return: '資料回収',
  closing: '閉会',
};

/** Only a 支援会議 confirms pledges at the start and collects the numbered materials at the end. */
const SHIEN_ONLY: ReadonlySet<AgendaSection> = new Set(['pledge_check', 'materials_return']);
/** A meeting that is not about cases (連絡会議, 研修) starts from a short frame. */
const OTHER_MEETING: readonly AgendaSection[] = ['opening', 'attendance', 'reports', 'other', 'next_schedule', 'closing'];

export function defaultSections(type: MeetingType): AgendaSection[] {
  if (type === 'other') return [...OTHER_MEETING];
  return AGENDA_SECTIONS.filter((s) => type === 'shien' || !SHIEN_ONLY.has(s));
}

/** 新規 / 継続評価 / 終結・中断 / 報告 — and the section each kind belongs to. */
export type CaseItemKind = 'new' | 'evaluation' | 'closure' | 'report';
export const CASE_ITEM_SECTION: Record<CaseItemKind, AgendaSection> = {
  new: 'new_cases',
  evaluation: 'evaluations',
  closure: 'closures',
  report: 'reports',
};

/** Default minutes for each section's frame item (case items carry their own). */
export const DEFAULT_MINUTES: Partial<Record<AgendaSection, number>> = {
  opening: 2,
  pledge_check: 3,
  attendance: 3,
  progress_review: 10,
  resources: 10,
  other: 5,
  next_schedule: 2,
  materials_return: 3,
  closing: 1,
};

export interface TimedItem {
  minutes: number;
}

/** Running total against the meeting's length; over-running is a warning, never an error. */
export function agendaTiming(items: readonly TimedItem[], meetingMinutes: number | null): { total: number; over: number | null } {
  const total = items.reduce((sum, i) => sum + i.minutes, 0);
  return { total, over: meetingMinutes !== null && total > meetingMinutes ? total - meetingMinutes : null };
}

/** Minutes between two HH:MM times on the same day, or null when either is missing. */
export function meetingLength(startTime: string | null, endTime: string | null): number | null {
  if (!startTime || !endTime) return null;
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return toMin(endTime) - toMin(startTime);
}

/**
 * The consent rule: a case goes on a 重層的支援会議 only with valid consent that allows it; other
 * meetings (支援会議 is for cases without consent) take any case.
 */
export function caseAllowedOnMeeting(type: MeetingType, consent: { valid: boolean; allowsJusoteki: boolean }): boolean {
  return type !== 'jusoteki' || (consent.valid && consent.allowsJusoteki);
}
