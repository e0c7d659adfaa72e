import { localIsoDate } from '../../../shared/domain/calendar-date';
import { appendAudit, type AuditEntry } from '../audit/audit-log';
import { assertRecordsHold, beginWatch, watch } from '../meetings/meeting-integrity';
import type { Db } from '../vault/database';
import type { HandlerContext } from './handlers';
import { roleOf } from '../staff/staff-service';

export interface Work {
  db: Db;
  staffId: string;
  now: Date;
  today: string;
  /** The signed-in account is an administrator (管理者): for the few rules that depend on what is changed, not on the method. */
  administrator: boolean;
  /** Appends to the audit log, attributed to the signed-in staff account, in the same transaction. */
  audit(entry: Omit<AuditEntry, 'staffId' | 'at'>): void;
}

function workOf(ctx: HandlerContext): Work {
  const { db, staff } = ctx.session.vault;
  const now = ctx.now();
  return {
    db,
    staffId: staff.id,
    now,
    today: localIsoDate(now),
    administrator: roleOf(ctx.session.vault) === 'administrator',
    audit: (entry) => appendAudit(db, { ...entry, staffId: staff.id }, now),
  };
}

/** Reads with the signed-in session. */
export function read<T>(ctx: HandlerContext, fn: (w: Work) => T): T {
  return fn(workOf(ctx));
}

/**
 * A change and its audit entry, in one transaction: both are written or neither. Before it
 * commits, the meetings whose records rest on what it touched are checked (the pledge gate and
 * attendance as invariants, meetings/meeting-integrity): a change that would make one untrue
 * is rolled back with the reason.
 */
export function write<T>(ctx: HandlerContext, fn: (w: Work) => T): T {
  const w = workOf(ctx);
  watch(w.db);
  return w.db.transaction(() => {
    beginWatch(w.db);
    const result = fn(w);
    assertRecordsHold(w.db);
    return result;
  })();
}
