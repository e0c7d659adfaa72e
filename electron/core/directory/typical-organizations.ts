import type { OrganizationKind } from '../../../shared/contract';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';

/**
 * The organizations a municipality's plan typically names (長井市・大田原市の実施計画). A new
 * vault starts with them so the secretariat edits a list instead of typing one; each can be
 * renamed or retired.
 */
export const TYPICAL_ORGANIZATIONS: ReadonlyArray<{ name: string; kind: OrganizationKind }> = [
  { name: '福祉課', kind: 'city_department' },
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

export function seedTypicalOrganizations(db: Db, now: Date): string[] {
  const insert = db.prepare('INSERT INTO organizations (id, name, kind, sort_order, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  return TYPICAL_ORGANIZATIONS.map((org, i) => {
    const id = randomId();
    insert.run(id, org.name, org.kind, i + 1, now.toISOString(), now.toISOString());
    return id;
  });
}
