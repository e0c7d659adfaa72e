import { createHash } from 'node:crypto';
import type { Db } from '../vault/database';

/**
 * Everything in the vault but the audit log, as one hash: a refused change must leave it exactly
 * as it was (the refusal itself is the one thing it may add, to the audit log).
 */
export function vaultFingerprint(db: Db): string {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log' ORDER BY name").pluck().all() as string[];
  const h = createHash('sha256');
  for (const t of tables) h.update(t).update(JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).raw().all(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
  return h.digest('hex');
}
