import type { z } from 'zod';
import { KasaneError, type Decision } from '../../../shared/contract';
import type { minutesMethods } from '../../../shared/contract/minutes';
import { checkTransition, type CaseStatus } from '../../../shared/domain/case-lifecycle';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';
import { assertEditable, meetingOfItem } from './minutes-repository';

type AddInput = z.output<(typeof minutesMethods)['minutes.addDecision']['input']>;
type UpdateInput = z.output<(typeof minutesMethods)['minutes.updateDecision']['input']>;

const SELECT = `
  SELECT d.id, d.item_id AS itemId, d.kind, d.text, d.case_id AS caseId, c.case_number AS caseNumber,
    d.proposed_status AS proposedStatus, d.apply_status AS applyStatus, d.applied_at AS appliedAt
  FROM decisions d LEFT JOIN cases c ON c.id = d.case_id`;

type Row = Omit<Decision, 'applyStatus'> & { applyStatus: number };
const toDecision = (r: Row): Decision => ({ ...r, applyStatus: r.applyStatus === 1 });

export function listDecisions(db: Db, meetingId: string): Decision[] {
  return (db.prepare(`${SELECT} JOIN agenda_items a ON a.id = d.item_id WHERE a.meeting_id = ? ORDER BY a.position, d.created_at, d.id`).all(meetingId) as Row[]).map(
    toDecision,
  );
}

export function getDecision(db: Db, id: string): Decision {
  const row = db.prepare(`${SELECT} WHERE d.id = ?`).get(id) as Row | undefined;
  if (!row) throw new KasaneError('decision_not_found');
  return toDecision(row);
}

/** The case must be on this meeting's 次第; the proposed step must be one the lifecycle allows from where the case is now. */
function checkCaseAndStep(db: Db, meetingId: string, caseId: string | null, proposed: CaseStatus | null): void {
  if (!caseId) {
    if (proposed) throw new KasaneError('validation_failed', { fields: 'caseId', issues: [{ path: 'caseId', code: 'required' }] });
    return;
  }
  const onAgenda = db.prepare('SELECT 1 FROM agenda_items WHERE meeting_id = ? AND case_id = ?').get(meetingId, caseId);
  if (!onAgenda) throw new KasaneError('decision_case_not_on_agenda');
  if (!proposed) return;
  const from = db.prepare('SELECT status FROM cases WHERE id = ?').pluck().get(caseId) as CaseStatus;
  // Consent is checked again when the step is applied at 確定; here only the order of steps.
  const verdict = checkTransition(from, proposed, { hasValidConsent: true });
  if (!verdict.ok) throw new KasaneError('transition_not_allowed', { from, to: proposed, refusal: verdict.reason });
}

export function addDecision(db: Db, input: AddInput, now: Date): string {
  const item = meetingOfItem(db, input.itemId);
  assertEditable(db, item.meetingId, now);
  const caseId = input.caseId === undefined ? item.caseId : input.caseId;
  checkCaseAndStep(db, item.meetingId, caseId, input.proposedStatus ?? null);
  const id = randomId();
  db.prepare('INSERT INTO decisions (id, item_id, kind, text, case_id, proposed_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    input.itemId,
    input.kind,
    input.text,
    caseId,
    input.proposedStatus ?? null,
    now.toISOString(),
  );
  return id;
}

/** A decision already applied to its case (in a confirmed version) stays as it was: amend with a new decision. */
function assertChangeable(db: Db, d: Decision, now: Date): void {
  assertEditable(db, meetingOfItem(db, d.itemId).meetingId, now);
  if (d.appliedAt) throw new KasaneError('minutes_confirmed');
}

export function updateDecision(db: Db, input: UpdateInput, now: Date): void {
  const d = getDecision(db, input.id);
  assertChangeable(db, d, now);
  db.prepare('UPDATE decisions SET kind = coalesce(?, kind), text = coalesce(?, text), apply_status = coalesce(?, apply_status) WHERE id = ?').run(
    input.kind ?? null,
    input.text ?? null,
    input.applyStatus === undefined ? null : input.applyStatus ? 1 : 0,
    input.id,
  );
}

export function removeDecision(db: Db, id: string, now: Date): Decision {
  const d = getDecision(db, id);
  assertChangeable(db, d, now);
  db.prepare('DELETE FROM decisions WHERE id = ?').run(id);
  return d;
}
