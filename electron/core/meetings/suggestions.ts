import type { z } from 'zod';
import type { Suggestion } from '../../../shared/contract/meetings';
import { caseAllowedOnMeeting, type MeetingType } from '../../../shared/domain/agenda';
import { consentOn } from '../../../shared/domain/consent';
import type { Db } from '../vault/database';
import { addDays } from '../../../shared/domain/calendar-date';
import { consentRecords, toConsentRecord } from '../cases/case-repository';

type SuggestionRow = z.infer<typeof Suggestion>;

/**
 * Cases that are due at a meeting. Each source is one rule; the plan and minutes features add
 * theirs (evaluations falling due, 事後報告) by adding a rule here. Today the case lifecycle says:
 * a plan waiting for the meeting's decision, an evaluation in progress, and for a 支援会議 the
 * cases that have no consent yet.
 */
const RULES: Array<{ meetingTypes: MeetingType[]; status: string; kind: SuggestionRow['kind']; reason: SuggestionRow['reason'] }> = [
  { meetingTypes: ['jusoteki'], status: 'plan_proposed', kind: 'new', reason: 'waiting_decision' },
  { meetingTypes: ['jusoteki'], status: 'evaluating', kind: 'evaluation', reason: 'evaluation_due' },
  { meetingTypes: ['shien'], status: 'reviewed_without_consent', kind: 'evaluation', reason: 'without_consent_review' },
  { meetingTypes: ['shien'], status: 'received', kind: 'new', reason: 'without_consent_review' },
];

export function suggestionsFor(db: Db, meetingId: string, today: string): SuggestionRow[] {
  const m = db.prepare('SELECT type FROM meetings WHERE id = ?').get(meetingId) as { type: MeetingType } | undefined;
  if (!m) return [];
  const onAgenda = new Set(db.prepare('SELECT case_id FROM agenda_items WHERE meeting_id = ? AND case_id IS NOT NULL').pluck().all(meetingId) as string[]);
  const out: SuggestionRow[] = [];
  for (const rule of RULES.filter((r) => r.meetingTypes.includes(m.type))) {
    const cases = db.prepare('SELECT id, case_number AS caseNumber, initials FROM cases WHERE status = ? ORDER BY received_on').all(rule.status) as {
      id: string;
      caseNumber: string;
      initials: string;
    }[];
    const consents = consentRecords(db, cases.map((c) => c.id));
    for (const c of cases) {
      if (onAgenda.has(c.id)) continue;
      const consent = consentOn((consents.get(c.id) ?? []).map(toConsentRecord), today);
      // A 支援会議 is for cases without consent; a 重層的支援会議 only takes those with it.
      if (m.type === 'shien' ? consent.valid : !caseAllowedOnMeeting(m.type, consent)) continue;
      out.push({ caseId: c.id, caseNumber: c.caseNumber, initials: c.initials, kind: rule.kind, reason: rule.reason });
    }
  }
  if (m.type === 'jusoteki') out.push(...planSuggestions(db, meetingId, onAgenda, out));
  return out;
}

/**
 * From the support plans, for a 重層的支援会議: plans waiting for the meeting's review, evaluations
 * falling due before the 重層的支援会議 after this one (or within two months when none is planned),
 * 事後報告 not yet reported, and 終結 candidates (an evaluation in progress whose last monitoring
 * proposed no next step). One suggestion per case: the first reason found wins.
 */
function planSuggestions(db: Db, meetingId: string, onAgenda: Set<string>, already: SuggestionRow[]): SuggestionRow[] {
  const meeting = db.prepare('SELECT date FROM meetings WHERE id = ?').get(meetingId) as { date: string };
  const following = db
    .prepare("SELECT date FROM meetings WHERE type = 'jusoteki' AND state <> 'cancelled' AND date > ? AND id <> ? ORDER BY date LIMIT 1")
    .pluck()
    .get(meeting.date, meetingId) as string | undefined;
  const horizon = following ?? addDays(meeting.date, 60);
  const rows = db
    .prepare(
      `SELECT p.case_id AS caseId, c.case_number AS caseNumber, c.initials, p.state, p.evaluation_on AS evaluationOn, p.post_report AS postReport,
         p.reported_meeting_id AS reportedMeetingId,
         EXISTS (SELECT 1 FROM plan_evaluations e WHERE e.plan_id = p.id) AS evaluated,
         (SELECT g.next_step FROM plan_monitorings g WHERE g.plan_id = p.id ORDER BY g.on_date DESC LIMIT 1) AS lastNextStep,
         EXISTS (SELECT 1 FROM plan_monitorings g WHERE g.plan_id = p.id) AS monitored
       FROM plans p JOIN cases c ON c.id = p.case_id
       WHERE p.version = (SELECT max(version) FROM plans q WHERE q.case_id = p.case_id) AND c.status NOT IN ('closed', 'suspended')
       ORDER BY c.case_number`,
    )
    .all() as Array<{
    caseId: string;
    caseNumber: string;
    initials: string;
    state: string;
    evaluationOn: string | null;
    postReport: number;
    reportedMeetingId: string | null;
    evaluated: number;
    lastNextStep: string | null;
    monitored: number;
  }>;
  const seen = new Set([...onAgenda, ...already.map((s) => s.caseId)]);
  const out: SuggestionRow[] = [];
  for (const r of rows) {
    if (seen.has(r.caseId)) continue;
    const base = { caseId: r.caseId, caseNumber: r.caseNumber, initials: r.initials };
    let s: SuggestionRow | null = null;
    if (r.postReport === 1 && !r.reportedMeetingId) s = { ...base, kind: 'report', reason: 'post_report' };
    else if (r.state === 'draft' || r.state === 'revise' || r.state === 'hold') s = { ...base, kind: 'new', reason: 'waiting_decision' };
    else if (r.state === 'under_evaluation' && r.monitored === 1 && !r.lastNextStep) s = { ...base, kind: 'closure', reason: 'closure_candidate' };
    else if ((r.state === 'decided' || r.state === 'active' || r.state === 'under_evaluation') && !r.evaluated && r.evaluationOn && r.evaluationOn <= horizon) {
      s = { ...base, kind: 'evaluation', reason: 'evaluation_due' };
    }
    if (s) {
      out.push(s);
      seen.add(r.caseId);
    }
  }
  return out;
}
