import { KasaneError, type Organization } from '../../../shared/contract';
import type { z } from 'zod';
import type { CreateOrganizationInput, UpdateOrganizationInput } from '../../../shared/contract/directory';
import { randomId } from '../vault/crypto';
import { addDays, localIsoDate } from '../../../shared/domain/calendar-date';
import type { Db } from '../vault/database';

interface OrganizationRow {
  id: string;
  name: string;
  kind: Organization['kind'];
  contact: string | null;
  pledge_exemption_reason: string | null;
  retired_at: string | null;
  active_members: number;
}

const SELECT = `
  SELECT o.id, o.name, o.kind, o.contact, o.pledge_exemption_reason, o.retired_at,
    (SELECT count(DISTINCT a.member_id) FROM member_affiliations a
      WHERE a.organization_id = o.id AND (a.end_on IS NULL OR a.end_on >= @today)) AS active_members
  FROM organizations o`;

const toOrganization = (r: OrganizationRow): Organization => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  contact: r.contact,
  pledgeExemptionReason: r.pledge_exemption_reason,
  retiredAt: r.retired_at,
  activeMembers: r.active_members,
});

export function listOrganizations(db: Db, today: string, includeRetired = false): Organization[] {
  const rows = db
    .prepare(`${SELECT} ${includeRetired ? '' : 'WHERE o.retired_at IS NULL'} ORDER BY o.retired_at IS NOT NULL, o.sort_order, o.name`)
    .all({ today }) as OrganizationRow[];
  return rows.map(toOrganization);
}

export function getOrganization(db: Db, id: string, today: string): Organization {
  const row = db.prepare(`${SELECT} WHERE o.id = @id`).get({ id, today }) as OrganizationRow | undefined;
  if (!row) throw new KasaneError('organization_not_found');
  return toOrganization(row);
}

/** An organization that exists and is not retired: what new records may point at. */
export function assertActiveOrganization(db: Db, id: string): void {
  const row = db.prepare('SELECT retired_at FROM organizations WHERE id = ?').get(id) as { retired_at: string | null } | undefined;
  if (!row || row.retired_at !== null) throw new KasaneError('organization_not_found');
}

function assertNameFree(db: Db, name: string, exceptId: string | null): void {
  const clash = db.prepare('SELECT id FROM organizations WHERE name = ? AND retired_at IS NULL AND id IS NOT ?').get(name, exceptId);
  if (clash) throw new KasaneError('organization_name_taken', { name });
}

export function createOrganization(db: Db, input: z.output<typeof CreateOrganizationInput>, now: Date): string {
  assertNameFree(db, input.name, null);
  const id = randomId();
  const order = (db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM organizations').get() as { n: number }).n;
  db.prepare(
    `INSERT INTO organizations (id, name, kind, contact, pledge_exemption_reason, sort_order, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.name, input.kind, input.contact || null, null, order, now.toISOString(), now.toISOString());
  return id;
}

/**
 * An administrator's decision (the contract says so): grants, changes or withdraws the exemption
 * from the pledge duty. An organization not bound by statute (関係機関: an NPO, a company) is
 * exempted only with an explicit confirmation. Returns the change, for the audit log.
 */
export function setExemption(
  db: Db,
  input: { id: string; reason: string | null; confirmNotStatutory?: boolean | undefined },
  now: Date,
): { from: string | null; to: string | null } | null {
  const org = db.prepare('SELECT name, kind, pledge_exemption_reason AS reason FROM organizations WHERE id = ?').get(input.id) as
    | { name: string; kind: Organization['kind']; reason: string | null }
    | undefined;
  if (!org) throw new KasaneError('organization_not_found');
  if (org.reason === input.reason) return null;
  if (input.reason !== null && org.kind === 'partner' && !input.confirmNotStatutory) throw new KasaneError('exemption_not_statutory', { name: org.name });
  setExemptionPeriod(db, input.id, org.reason, input.reason, now);
  return { from: org.reason, to: input.reason };
}

/**
 * An exemption from the pledge duty holds from the day it is granted; withdrawn, it holds no more
 * from the day of withdrawal, and the meetings before keep the coverage they had. A new reason
 * for a standing exemption rewrites only the reason.
 */
function setExemptionPeriod(db: Db, organizationId: string, before: string | null, after: string | null, now: Date): void {
  db.prepare('UPDATE organizations SET pledge_exemption_reason = ?, updated_at = ? WHERE id = ?').run(after, now.toISOString(), organizationId);
  const today = localIsoDate(now);
  if (before !== null && after !== null) {
    db.prepare('UPDATE organization_exemptions SET reason = ? WHERE organization_id = ? AND until_on IS NULL').run(after, organizationId);
  } else if (before !== null) {
    db.prepare('UPDATE organization_exemptions SET until_on = ? WHERE organization_id = ? AND until_on IS NULL').run(addDays(today, -1), organizationId);
  } else if (after !== null) {
    db.prepare('INSERT INTO organization_exemptions (id, organization_id, reason, from_on, until_on, created_at) VALUES (?, ?, ?, ?, NULL, ?)').run(
      randomId(),
      organizationId,
      after,
      today,
      now.toISOString(),
    );
  }
}

/** Updates the given fields; returns the names of those that changed (for the audit log). */
export function updateOrganization(db: Db, input: z.output<typeof UpdateOrganizationInput>, now: Date): string[] {
  const before = db.prepare('SELECT * FROM organizations WHERE id = ?').get(input.id) as Record<string, unknown> | undefined;
  if (!before) throw new KasaneError('organization_not_found');
  if (input.name !== undefined && input.name !== before.name) assertNameFree(db, input.name, input.id);
  const columns: Record<string, string> = { name: 'name', kind: 'kind', contact: 'contact' };
  const changed: string[] = [];
  for (const [field, column] of Object.entries(columns)) {
    const value = (input as Record<string, unknown>)[field];
    if (value === undefined) continue;
    const normalized = value === '' ? null : value;
    if (normalized === before[column]) continue;
    db.prepare(`UPDATE organizations SET ${column} = ?, updated_at = ? WHERE id = ?`).run(normalized, now.toISOString(), input.id);
    changed.push(field);
  }
  return changed;
}

export function setRetired(db: Db, id: string, retired: boolean, now: Date): void {
  const row = db.prepare('SELECT name, retired_at FROM organizations WHERE id = ?').get(id) as { name: string; retired_at: string | null } | undefined;
  if (!row) throw new KasaneError('organization_not_found');
  if (!retired && row.retired_at !== null) assertNameFree(db, row.name, id);
  db.prepare('UPDATE organizations SET retired_at = ?, updated_at = ? WHERE id = ?').run(retired ? now.toISOString() : null, now.toISOString(), id);
}
