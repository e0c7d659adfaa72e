import { verifyAuditChain, type ChainVerdict } from '../audit/audit-log';
import type { Db } from './database';

export interface VerifyReport {
  ok: boolean;
  integrity: string[];
  auditChain: ChainVerdict;
}

/** `kasane verify`: SQLite's own integrity check plus the audit log's hash chain. */
export function verifyVault(db: Db): VerifyReport {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const auditChain = verifyAuditChain(db);
  return { ok: integrity.length === 1 && integrity[0] === 'ok' && auditChain.ok, integrity, auditChain };
}
