import type { z } from 'zod';
import { KasaneError, type Affiliation, type Member } from '../../../shared/contract';
import type { CreateMemberInput } from '../../../shared/contract/directory';
import { addDays } from '../../../shared/domain/calendar-date';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';
import { assertActiveOrganization } from './organization-repository';

interface MemberRow {
  id: string;
  name: string;
  name_kana: string | null;
  contact: string | null;
}

interface AffiliationRow {
  member_id: string;
  organization_id: string;
  organization_name: string;
  title: string | null;
  start_on: string;
  end_on: string | null;
}

const toAffiliation = (r: AffiliationRow): Affiliation => ({
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  title: r.title,
  startOn: r.start_on,
  endOn: r.end_on,
});

function affiliationsOf(db: Db, memberIds: string[]): Map<string, Affiliation[]> {
  const byMember = new Map<string, Affiliation[]>();
  if (memberIds.length === 0) return byMember;
  const rows = db
    .prepare(
      `SELECT a.member_id, a.organization_id, o.name AS organization_name, a.title, a.start_on, a.end_on
       FROM member_affiliations a JOIN organizations o ON o.id = a.organization_id
       WHERE a.member_id IN (SELECT value FROM json_each(?)) ORDER BY a.start_on, a.created_at`,
    )
    .all(JSON.stringify(memberIds)) as AffiliationRow[];
  for (const r of rows) byMember.set(r.member_id, [...(byMember.get(r.member_id) ?? []), toAffiliation(r)]);
  return byMember;
}

function toMember(row: MemberRow, history: Affiliation[], today: string): Member {
  const current = history.find((a) => a.startOn <= today && (a.endOn === null || a.endOn >= today)) ?? history.find((a) => a.startOn > today) ?? null;
  return { id: row.id, name: row.name, nameKana: row.name_kana, contact: row.contact, current, history };
}

export function getMember(db: Db, id: string, today: string): Member {
  const row = db.prepare('SELECT id, name, name_kana, contact FROM members WHERE id = ?').get(id) as MemberRow | undefined;
  if (!row) throw new KasaneError('member_not_found');
  return toMember(row, affiliationsOf(db, [id]).get(id) ?? [], today);
}

export function listMembers(db: Db, today: string, opts: { organizationId?: string; includeLeft?: boolean }): Member[] {
  const rows = db.prepare('SELECT id, name, name_kana, contact FROM members ORDER BY coalesce(name_kana, name)').all() as MemberRow[];
  const history = affiliationsOf(db, rows.map((r) => r.id));
  return rows
    .map((r) => toMember(r, history.get(r.id) ?? [], today))
    .filter((m) => (opts.includeLeft ? true : m.current !== null))
    .filter((m) => !opts.organizationId || m.current?.organizationId === opts.organizationId);
}

function currentAffiliation(db: Db, memberId: string): { id: string; start_on: string } | undefined {
  return db
    .prepare('SELECT id, start_on FROM member_affiliations WHERE member_id = ? AND end_on IS NULL ORDER BY start_on DESC LIMIT 1')
    .get(memberId) as { id: string; start_on: string } | undefined;
}

function addAffiliation(db: Db, memberId: string, organizationId: string, title: string | null | undefined, startOn: string, now: Date): void {
  assertActiveOrganization(db, organizationId);
  db.prepare('INSERT INTO member_affiliations (id, member_id, organization_id, title, start_on, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    randomId(),
    memberId,
    organizationId,
    title || null,
    startOn,
    now.toISOString(),
  );
}

export function createMember(db: Db, input: z.output<typeof CreateMemberInput>, now: Date): string {
  const id = randomId();
  db.prepare('INSERT INTO members (id, name, name_kana, contact, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    input.name,
    input.nameKana || null,
    input.contact || null,
    now.toISOString(),
    now.toISOString(),
  );
  addAffiliation(db, id, input.organizationId, input.title, input.startOn, now);
  return id;
}

export function updateMember(db: Db, input: { id: string; name?: string; nameKana?: string | null; contact?: string | null }, now: Date): string[] {
  const before = db.prepare('SELECT name, name_kana, contact FROM members WHERE id = ?').get(input.id) as MemberRow | undefined;
  if (!before) throw new KasaneError('member_not_found');
  const changed: string[] = [];
  const fields: [keyof typeof input, keyof MemberRow][] = [
    ['name', 'name'],
    ['nameKana', 'name_kana'],
    ['contact', 'contact'],
  ];
  for (const [field, column] of fields) {
    const value = input[field];
    if (value === undefined) continue;
    const normalized = value === '' ? null : value;
    if (normalized === before[column]) continue;
    db.prepare(`UPDATE members SET ${column} = ?, updated_at = ? WHERE id = ?`).run(normalized, now.toISOString(), input.id);
    changed.push(field);
  }
  return changed;
}

/** Ends the current period the day before `on` and starts a new one at the other organization. */
export function moveMember(db: Db, input: { id: string; organizationId: string; title?: string | null; on: string }, now: Date): void {
  getMemberRowOrThrow(db, input.id);
  const current = currentAffiliation(db, input.id);
  if (current) {
    if (input.on <= current.start_on) {
      throw new KasaneError('validation_failed', { fields: 'on', issues: [{ path: 'on', code: 'before_current_start' }] });
    }
    db.prepare('UPDATE member_affiliations SET end_on = ? WHERE id = ?').run(addDays(input.on, -1), current.id);
  }
  addAffiliation(db, input.id, input.organizationId, input.title, input.on, now);
}

/** `on` is the last day the person belonged. */
export function memberLeft(db: Db, id: string, on: string): void {
  getMemberRowOrThrow(db, id);
  const current = currentAffiliation(db, id);
  if (!current) return;
  if (on < current.start_on) {
    throw new KasaneError('validation_failed', { fields: 'on', issues: [{ path: 'on', code: 'before_current_start' }] });
  }
  db.prepare('UPDATE member_affiliations SET end_on = ? WHERE id = ?').run(on, current.id);
}

function getMemberRowOrThrow(db: Db, id: string): void {
  if (!db.prepare('SELECT 1 FROM members WHERE id = ?').get(id)) throw new KasaneError('member_not_found');
}
