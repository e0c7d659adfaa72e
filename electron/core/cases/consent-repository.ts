import { KasaneError } from '../../../shared/contract';
import { checkConsentDate, checkWithdrawal } from '../../../shared/domain/consent';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';
import { assertActiveOrganization } from '../directory/organization-repository';

export interface RecordConsentInput {
  caseId: string;
  givenOn: string;
  method: 'written' | 'verbal' | 'other';
  obtainedBy: string;
  organizationIds: string[];
  allowsJusoteki: boolean;
  notes?: string | null | undefined;
}

export function recordConsent(db: Db, input: RecordConsentInput, staffId: string, now: Date, today: string): string {
  const c = db.prepare('SELECT received_on FROM cases WHERE id = ?').get(input.caseId) as { received_on: string } | undefined;
  if (!c) throw new KasaneError('case_not_found');
  const problem = checkConsentDate(input.givenOn, c.received_on, today);
  if (problem) throw new KasaneError(problem, { receivedOn: c.received_on });
  for (const org of input.organizationIds) assertActiveOrganization(db, org);
  const id = randomId();
  db.prepare(
    `INSERT INTO consents (id, case_id, given_on, method, obtained_by, allows_jusoteki, notes, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.caseId, input.givenOn, input.method, input.obtainedBy, input.allowsJusoteki ? 1 : 0, input.notes || null, now.toISOString(), staffId);
  const scope = db.prepare('INSERT INTO consent_organizations (consent_id, organization_id) VALUES (?, ?)');
  for (const org of new Set(input.organizationIds)) scope.run(id, org);
  return id;
}

/** Records a withdrawal; returns the case it belongs to. */
export function withdrawConsent(db: Db, input: { consentId: string; withdrawnOn: string; reason?: string | null | undefined }, today: string): string {
  const row = db.prepare('SELECT case_id, given_on, withdrawn_on FROM consents WHERE id = ?').get(input.consentId) as
    | { case_id: string; given_on: string; withdrawn_on: string | null }
    | undefined;
  if (!row) throw new KasaneError('consent_not_found');
  const problem = checkWithdrawal({ givenOn: row.given_on, withdrawnOn: row.withdrawn_on }, input.withdrawnOn, today);
  if (problem) throw new KasaneError(problem, { givenOn: row.given_on, withdrawnOn: row.withdrawn_on ?? '' });
  db.prepare('UPDATE consents SET withdrawn_on = ?, withdrawal_reason = ? WHERE id = ?').run(input.withdrawnOn, input.reason || null, input.consentId);
  return row.case_id;
}

/** Attaches the scanned signed consent form; returns the case it belongs to. */
export function attachConsentScan(db: Db, consentId: string, attachmentId: string): string {
  const row = db.prepare('SELECT case_id FROM consents WHERE id = ?').get(consentId) as { case_id: string } | undefined;
  if (!row) throw new KasaneError('consent_not_found');
  db.prepare('UPDATE consents SET scan_attachment_id = ? WHERE id = ?').run(attachmentId, consentId);
  return row.case_id;
}
