import { KasaneError, type NeedCategory } from '../../../shared/contract';
import { randomId } from '../vault/crypto';
import type { Db } from '../vault/database';

/** Categories of need (8050, ひきこもり …): the list is the municipality's own. */
export function listCategories(db: Db): NeedCategory[] {
  return db.prepare('SELECT id, label FROM need_categories WHERE retired_at IS NULL ORDER BY sort_order, label').all() as NeedCategory[];
}

function assertLabelFree(db: Db, label: string, exceptId: string | null): void {
  if (db.prepare('SELECT 1 FROM need_categories WHERE label = ? AND id IS NOT ?').get(label, exceptId)) {
    throw new KasaneError('validation_failed', { fields: 'label', issues: [{ path: 'label', code: 'label_taken' }] });
  }
}

export function createCategory(db: Db, label: string): NeedCategory {
  assertLabelFree(db, label, null);
  const id = randomId();
  const order = db.prepare("SELECT coalesce(max(sort_order), 0) + 1 FROM need_categories WHERE id <> 'other'").pluck().get() as number;
  db.prepare('INSERT INTO need_categories (id, label, sort_order) VALUES (?, ?, ?)').run(id, label, order);
  return { id, label };
}

export function renameCategory(db: Db, id: string, label: string): NeedCategory {
  if (!db.prepare('SELECT 1 FROM need_categories WHERE id = ?').get(id)) throw new KasaneError('validation_failed', { fields: 'id', issues: [{ path: 'id', code: 'not_found' }] });
  assertLabelFree(db, label, id);
  db.prepare('UPDATE need_categories SET label = ? WHERE id = ?').run(label, id);
  return { id, label };
}

/** Retired categories stay on the cases that have them; they are no longer offered. */
export function retireCategory(db: Db, id: string, now: Date): void {
  const r = db.prepare('UPDATE need_categories SET retired_at = ? WHERE id = ? AND retired_at IS NULL').run(now.toISOString(), id);
  if (r.changes === 0) throw new KasaneError('validation_failed', { fields: 'id', issues: [{ path: 'id', code: 'not_found' }] });
}
