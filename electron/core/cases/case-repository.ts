import { KasaneError, type CaseDetail, type CaseRow, type Consent, type RegisterCaseInput } from '../../../shared/contract';
import { allowedTransitions, checkTransition, OPEN_CASE_STATUSES, type CaseStatus } from '../../../shared/domain/case-lifecycle';
import { consentOn, type ConsentRecord } from '../../../shared/domain/consent';
import { caseFiscalYear, formatCaseNumber } from '../../../shared/domain/case-number';
import { readSettings } from '../settings/settings-repository';
import type { z } from 'zod';
import type { RegisterCaseInput as RegisterSchema, UpdateCaseInput as UpdateSchema } from '../../../shared/contract/cases';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';
import { assertActiveOrganization } from '../directory/organization-repository';
import { indexCase, searchCondition } from './case-search';

interface CaseRecord {
  id: string;
  case_number: string;
  initials: string;
  status: CaseStatus;
  received_on: string;
  lead_organization_id: string | null;
  lead_organization_name: string | null;
  received_by_organization_id: string | null;
  household_notes: string | null;
  intake_route: string | null;
  has_full_name: number;
  /** JSON arrays built by SQLite, so a list of 10,000 cases is one query. */
  category_labels: string;
  consent_records: string;
}

const SELECT_CASE = `
  SELECT c.id, c.case_number, c.initials, c.status, c.received_on, c.lead_organization_id,
    o.name AS lead_organization_name, c.received_by_organization_id, c.household_notes, c.intake_route,
    (c.full_name IS NOT NULL AND c.full_name <> '') AS has_full_name,
    (SELECT json_group_array(label) FROM (
      SELECT n.label FROM case_categories cc JOIN need_categories n ON n.id = cc.category_id
      WHERE cc.case_id = c.id ORDER BY n.sort_order)) AS category_labels,
    (SELECT json_group_array(json_object('id', k.id, 'givenOn', k.given_on, 'withdrawnOn', k.withdrawn_on,
        'allowsJusoteki', json(CASE k.allows_jusoteki WHEN 1 THEN 'true' ELSE 'false' END),
        'organizationIds', (SELECT json_group_array(organization_id) FROM consent_organizations WHERE consent_id = k.id)))
      FROM consents k WHERE k.case_id = c.id) AS consent_records
  FROM cases c LEFT JOIN organizations o ON o.id = c.lead_organization_id`;

export function consentRecords(db: Db, caseIds: string[]): Map<string, Consent[]> {
  const rows = db
    .prepare(
      `SELECT c.id, c.case_id, c.given_on, c.method, c.obtained_by, c.allows_jusoteki, c.notes, c.withdrawn_on, c.withdrawal_reason, c.scan_attachment_id,
         (SELECT json_group_array(organization_id) FROM consent_organizations WHERE consent_id = c.id) AS organization_ids
       FROM consents c WHERE c.case_id IN (SELECT value FROM json_each(?)) ORDER BY c.given_on, c.created_at`,
    )
    .all(JSON.stringify(caseIds)) as Array<Record<string, string | number | null>>;
  const byCase = new Map<string, Consent[]>();
  for (const r of rows) {
    const consent: Consent = {
      id: String(r.id),
      givenOn: String(r.given_on),
      method: r.method as Consent['method'],
      obtainedBy: String(r.obtained_by),
      allowsJusoteki: r.allows_jusoteki === 1,
      organizationIds: JSON.parse(String(r.organization_ids)) as string[],
      notes: r.notes === null ? null : String(r.notes),
      withdrawnOn: r.withdrawn_on === null ? null : String(r.withdrawn_on),
      withdrawalReason: r.withdrawal_reason === null ? null : String(r.withdrawal_reason),
      scanAttachmentId: r.scan_attachment_id === null ? null : String(r.scan_attachment_id),
    };
    byCase.set(String(r.case_id), [...(byCase.get(String(r.case_id)) ?? []), consent]);
  }
  return byCase;
}

export const toConsentRecord = (c: Consent): ConsentRecord => ({
  id: c.id,
  givenOn: c.givenOn,
  withdrawnOn: c.withdrawnOn,
  allowsJusoteki: c.allowsJusoteki,
  organizationIds: c.organizationIds,
});

function categoriesOf(db: Db, caseIds: string[]): Map<string, { id: string; label: string }[]> {
  const rows = db
    .prepare(
      `SELECT cc.case_id, n.id, n.label FROM case_categories cc JOIN need_categories n ON n.id = cc.category_id
       WHERE cc.case_id IN (SELECT value FROM json_each(?)) ORDER BY n.sort_order`,
    )
    .all(JSON.stringify(caseIds)) as { case_id: string; id: string; label: string }[];
  const map = new Map<string, { id: string; label: string }[]>();
  for (const r of rows) map.set(r.case_id, [...(map.get(r.case_id) ?? []), { id: r.id, label: r.label }]);
  return map;
}

function toRow(r: CaseRecord, today: string): CaseRow {
  const consent = consentOn(JSON.parse(r.consent_records) as ConsentRecord[], today);
  return {
    id: r.id,
    caseNumber: r.case_number,
    initials: r.initials,
    status: r.status,
    receivedOn: r.received_on,
    leadOrganizationId: r.lead_organization_id,
    leadOrganizationName: r.lead_organization_name,
    categories: JSON.parse(r.category_labels) as string[],
    consent: { valid: consent.valid, allowsJusoteki: consent.allowsJusoteki },
  };
}

export interface CaseFilter {
  status?: CaseStatus;
  organizationId?: string;
  categoryId?: string;
  query?: string;
  includeClosed?: boolean;
}

export function listCases(db: Db, today: string, filter: CaseFilter): CaseRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.status) {
    where.push('c.status = @status');
    params.status = filter.status;
  } else if (!filter.includeClosed) {
    where.push(`c.status IN (${OPEN_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`);
  }
  if (filter.organizationId) {
    where.push('(c.lead_organization_id = @org OR c.received_by_organization_id = @org)');
    params.org = filter.organizationId;
  }
  if (filter.categoryId) {
    where.push('EXISTS (SELECT 1 FROM case_categories cc WHERE cc.case_id = c.id AND cc.category_id = @category)');
    params.category = filter.categoryId;
  }
  if (filter.query) {
    const search = searchCondition(filter.query);
    where.push(search.sql);
    Object.assign(params, search.params);
  }
  const rows = db
    .prepare(`${SELECT_CASE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.received_on DESC, c.fiscal_year DESC, c.seq DESC, c.case_number DESC`)
    .all(params) as CaseRecord[];
  return rows.map((r) => toRow(r, today));
}

export function getCase(db: Db, id: string, today: string): CaseDetail {
  const r = db.prepare(`${SELECT_CASE} WHERE c.id = ?`).get(id) as CaseRecord | undefined;
  if (!r) throw new KasaneError('case_not_found');
  const categories = categoriesOf(db, [id]).get(id) ?? [];
  const consents = consentRecords(db, [id]).get(id) ?? [];
  const consentToday = consentOn(consents.map(toConsentRecord), today);
  const history = db
    .prepare(
      `SELECT t.from_status AS "from", t.to_status AS "to", t.reason, s.name AS staffName, t.at
       FROM case_transitions t LEFT JOIN staff s ON s.id = t.staff_id WHERE t.case_id = ? ORDER BY t.id`,
    )
    .all(id) as CaseDetail['history'];
  return {
    ...toRow(r, today),
    hasFullName: r.has_full_name === 1,
    householdNotes: r.household_notes,
    intakeRoute: r.intake_route,
    receivedByOrganizationId: r.received_by_organization_id,
    categoryIds: categories.map((c) => c.id),
    consents,
    consentToday: { valid: consentToday.valid, allowsJusoteki: consentToday.allowsJusoteki, organizationIds: [...consentToday.organizationIds] },
    history,
    allowedTransitions: allowedTransitions(r.status, { hasValidConsent: consentToday.valid }),
  };
}

function assertKnownCategories(db: Db, categoryIds: readonly string[]): void {
  const known = new Set(db.prepare('SELECT id FROM need_categories WHERE retired_at IS NULL').pluck().all() as string[]);
  if (categoryIds.some((c) => !known.has(c))) {
    throw new KasaneError('validation_failed', { fields: 'categoryIds', issues: [{ path: 'categoryIds', code: 'unknown_category' }] });
  }
}

/** 相談受付: registers a case with the next number of its 年度 and records its first status. */
export function registerCase(db: Db, input: z.output<typeof RegisterSchema>, staffId: string, now: Date): string {
  for (const org of [input.leadOrganizationId, input.receivedByOrganizationId]) if (org) assertActiveOrganization(db, org);
  assertKnownCategories(db, input.categoryIds);

  const fiscalYear = caseFiscalYear(input.receivedOn);
  let seq: number | null = null;
  let caseNumber = input.caseNumber;
  if (!caseNumber) {
    // `seq IS NOT NULL` lets SQLite answer from the (fiscal_year, seq) index instead of scanning the year.
    seq = db.prepare('SELECT coalesce(max(seq), 0) + 1 FROM cases WHERE fiscal_year = ? AND seq IS NOT NULL').pluck().get(fiscalYear) as number;
    caseNumber = formatCaseNumber(readSettings(db).caseNumberFormat, fiscalYear, seq);
  }
  if (db.prepare('SELECT 1 FROM cases WHERE case_number = ?').get(caseNumber)) throw new KasaneError('case_number_taken', { caseNumber });

  const id = randomId();
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO cases (id, case_number, initials, status, received_on, lead_organization_id, received_by_organization_id,
       full_name, full_name_kana, birth_date, household_notes, intake_route, fiscal_year, seq, created_at, updated_at)
     VALUES (?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    caseNumber,
    input.initials,
    input.receivedOn,
    input.leadOrganizationId ?? null,
    input.receivedByOrganizationId ?? null,
    input.fullName || null,
    input.fullNameKana || null,
    input.birthDate ?? null,
    input.householdNotes || null,
    input.intakeRoute || null,
    fiscalYear,
    seq,
    at,
    at,
  );
  const addCategory = db.prepare('INSERT INTO case_categories (case_id, category_id) VALUES (?, ?)');
  for (const c of new Set(input.categoryIds)) addCategory.run(id, c);
  db.prepare("INSERT INTO case_transitions (case_id, from_status, to_status, staff_id, at) VALUES (?, NULL, 'received', ?, ?)").run(id, staffId, at);
  indexCase(db, id);
  return id;
}

const CASE_COLUMNS = {
  initials: 'initials',
  fullName: 'full_name',
  fullNameKana: 'full_name_kana',
  birthDate: 'birth_date',
  householdNotes: 'household_notes',
  intakeRoute: 'intake_route',
  receivedByOrganizationId: 'received_by_organization_id',
  leadOrganizationId: 'lead_organization_id',
} as const;

/** Edits the case record; returns the names of the fields that changed (never their values). */
export function updateCase(db: Db, input: z.output<typeof UpdateSchema>, now: Date): string[] {
  const before = db.prepare('SELECT * FROM cases WHERE id = ?').get(input.id) as Record<string, unknown> | undefined;
  if (!before) throw new KasaneError('case_not_found');
  for (const org of [input.leadOrganizationId, input.receivedByOrganizationId]) if (org) assertActiveOrganization(db, org);
  const changed: string[] = [];
  for (const [field, column] of Object.entries(CASE_COLUMNS)) {
    const value = input[field as keyof typeof CASE_COLUMNS];
    if (value === undefined) continue;
    const normalized = value === '' ? null : value;
    if (normalized === before[column]) continue;
    db.prepare(`UPDATE cases SET ${column} = ?, updated_at = ? WHERE id = ?`).run(normalized, now.toISOString(), input.id);
    changed.push(field);
  }
  if (input.categoryIds) {
    assertKnownCategories(db, input.categoryIds);
    const current = (db.prepare('SELECT category_id FROM case_categories WHERE case_id = ? ORDER BY category_id').pluck().all(input.id) as string[]).join();
    const next = [...new Set(input.categoryIds)].sort();
    if (current !== next.join()) {
      db.prepare('DELETE FROM case_categories WHERE case_id = ?').run(input.id);
      const add = db.prepare('INSERT INTO case_categories (case_id, category_id) VALUES (?, ?)');
      for (const c of next) add.run(input.id, c);
      changed.push('categoryIds');
    }
  }
  if (changed.length) indexCase(db, input.id);
  return changed;
}

export function revealCase(db: Db, id: string): { fullName: string | null; fullNameKana: string | null; birthDate: string | null } {
  const row = db.prepare('SELECT full_name AS fullName, full_name_kana AS fullNameKana, birth_date AS birthDate FROM cases WHERE id = ?').get(id) as
    | { fullName: string | null; fullNameKana: string | null; birthDate: string | null }
    | undefined;
  if (!row) throw new KasaneError('case_not_found');
  return row;
}


/** `minutesItemId`: the agenda item whose confirmed decision made the step, when a meeting decided it. */
export function transitionCase(
  db: Db,
  id: string,
  to: CaseStatus,
  reason: string | null | undefined,
  staffId: string,
  now: Date,
  today: string,
  minutesItemId: string | null = null,
): CaseStatus {
  const detail = getCase(db, id, today);
  const verdict = checkTransition(detail.status, to, { hasValidConsent: detail.consentToday.valid });
  if (!verdict.ok) {
    // Status ids and the refusal code: each language words them (errors.transition_not_allowed).
    throw new KasaneError('transition_not_allowed', { from: detail.status, to, refusal: verdict.reason });
  }
  const at = now.toISOString();
  db.prepare('UPDATE cases SET status = ?, updated_at = ? WHERE id = ?').run(to, at, id);
  db.prepare('INSERT INTO case_transitions (case_id, from_status, to_status, reason, staff_id, at, minutes_item_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    detail.status,
    to,
    reason || null,
    staffId,
    at,
    minutesItemId,
  );
  return detail.status;
}


export type { RegisterCaseInput };
