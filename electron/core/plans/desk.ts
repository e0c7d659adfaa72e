import type { DeskRow } from '../../../shared/contract';
import { addDays, daysBetween } from '../../../shared/domain/calendar-date';
import { caseAllowedOnMeeting } from '../../../shared/domain/agenda';
import { consentOn } from '../../../shared/domain/consent';
import type { Db } from '../vault/database';
import { consentRecords, toConsentRecord } from '../cases/case-repository';
import { OVERDUE_SQL } from '../minutes/role-repository';

const SOON_DAYS = 30;

interface PlanRow {
  id: string;
  case_id: string;
  case_number: string;
  initials: string;
  state: string;
  lead_name: string | null;
  monitoring_on: string | null;
  evaluation_on: string | null;
  judged_on: string | null;
  decided_on: string | null;
  post_report: number;
  reported_meeting_id: string | null;
  proposed_meeting_id: string | null;
  monitored: number;
  evaluated: number;
}

/**
 * 会議間の進捗: everything waiting between meetings, each row pointing at what resolves it.
 * Only the current version of each case's plan counts (superseded and ended ones wait for nothing).
 */
export function deskRows(db: Db, today: string): DeskRow[] {
  const plans = db
    .prepare(
      `SELECT p.id, p.case_id, c.case_number, c.initials, p.state, o.name AS lead_name, p.monitoring_on, p.evaluation_on, p.judged_on, p.decided_on,
         p.post_report, p.reported_meeting_id, p.proposed_meeting_id,
         EXISTS (SELECT 1 FROM plan_monitorings g WHERE g.plan_id = p.id) AS monitored,
         EXISTS (SELECT 1 FROM plan_evaluations e WHERE e.plan_id = p.id) AS evaluated
       FROM plans p JOIN cases c ON c.id = p.case_id LEFT JOIN organizations o ON o.id = p.lead_organization_id
       WHERE p.version = (SELECT max(version) FROM plans q WHERE q.case_id = p.case_id) AND c.status NOT IN ('closed', 'suspended')
       ORDER BY c.case_number`,
    )
    .all() as PlanRow[];
  const rows: DeskRow[] = [];
  const base = (p: PlanRow) => ({ caseId: p.case_id, caseNumber: p.case_number, initials: p.initials, planId: p.id, roleAssignmentId: null, organizationName: p.lead_name });
  const soon = addDays(today, SOON_DAYS);
  for (const p of plans) {
    if (p.state === 'draft' || p.state === 'revise' || p.state === 'hold') {
      rows.push({ ...base(p), kind: 'plan_waiting_meeting', meetingId: null, date: null, days: null, overdue: false });
    }
    if (p.state === 'appropriate') {
      rows.push({ ...base(p), kind: 'plan_waiting_decision', meetingId: p.proposed_meeting_id, date: p.judged_on, days: p.judged_on ? daysBetween(p.judged_on, today) : null, overdue: false });
    }
    if (p.post_report === 1 && !p.reported_meeting_id) {
      // The meeting that will carry the report, once it is on an agenda.
      const carrier = db
        .prepare("SELECT a.meeting_id FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE a.case_id = ? AND a.kind = 'report' AND m.state NOT IN ('closed', 'cancelled') ORDER BY m.date LIMIT 1")
        .pluck()
        .get(p.case_id) as string | undefined;
      rows.push({ ...base(p), kind: 'post_report_pending', meetingId: carrier ?? null, date: p.decided_on, days: p.decided_on ? daysBetween(p.decided_on, today) : null, overdue: false });
    }
    const running = p.state === 'decided' || p.state === 'active';
    if (running && !p.monitored && p.monitoring_on && p.monitoring_on <= soon) {
      rows.push({ ...base(p), kind: 'monitoring_due', meetingId: null, date: p.monitoring_on, days: daysBetween(p.monitoring_on, today), overdue: p.monitoring_on < today });
    }
    if ((running || p.state === 'under_evaluation') && !p.evaluated && p.evaluation_on && p.evaluation_on <= soon) {
      rows.push({ ...base(p), kind: 'evaluation_due', meetingId: null, date: p.evaluation_on, days: daysBetween(p.evaluation_on, today), overdue: p.evaluation_on < today });
    }
  }
  const overdueRoles = db
    .prepare(
      `SELECT r.id, r.case_id, c.case_number, c.initials, o.name AS org, r.due_on FROM role_assignments r
       JOIN cases c ON c.id = r.case_id JOIN organizations o ON o.id = r.organization_id
       WHERE r.live = 1 AND ${OVERDUE_SQL} ORDER BY r.due_on`,
    )
    .all({ today }) as { id: string; case_id: string; case_number: string; initials: string; org: string; due_on: string }[];
  for (const r of overdueRoles) {
    rows.push({ kind: 'role_overdue', caseId: r.case_id, caseNumber: r.case_number, initials: r.initials, planId: null, meetingId: null, roleAssignmentId: r.id, organizationName: r.org, date: r.due_on, days: daysBetween(r.due_on, today), overdue: true });
  }
  // Cases planned for a coming 重層的支援会議 whose consent no longer holds on the meeting day.
  const planned = db
    .prepare(
      `SELECT a.case_id, c.case_number, c.initials, m.id AS meeting_id, m.date FROM agenda_items a
       JOIN meetings m ON m.id = a.meeting_id JOIN cases c ON c.id = a.case_id
       WHERE m.type = 'jusoteki' AND m.state = 'planned' AND m.date >= ? ORDER BY m.date`,
    )
    .all(today) as { case_id: string; case_number: string; initials: string; meeting_id: string; date: string }[];
  const consents = consentRecords(db, planned.map((p) => p.case_id));
  for (const p of planned) {
    if (caseAllowedOnMeeting('jusoteki', consentOn((consents.get(p.case_id) ?? []).map(toConsentRecord), p.date))) continue;
    rows.push({ kind: 'consent_missing', caseId: p.case_id, caseNumber: p.case_number, initials: p.initials, planId: null, meetingId: p.meeting_id, roleAssignmentId: null, organizationName: null, date: p.date, days: daysBetween(p.date, today), overdue: false });
  }
  return rows;
}
