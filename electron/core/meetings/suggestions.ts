import type { z } from 'zod';
import type { Suggestion } from '../../../shared/contract/meetings';
import { caseAllowedOnMeeting, type MeetingType } from '../../../shared/domain/agenda';
import { consentOn } from '../../../shared/domain/consent';
import type { Db } from '../vault/database';
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
  return out;
}
