import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { contract, isMethodName, KasaneError, type RpcResult } from '../../../shared/contract';
import type { HandlerContext, HandlerMap } from './handlers';
import { appendAudit } from '../audit/audit-log';
import { roleOf } from '../staff/staff-service';

/** Turns zod issues into details the UI can show next to fields, without echoing the input. */
function validationError(error: z.ZodError): KasaneError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
  const fields = [...new Set(issues.map((i) => i.path || '(input)'))].join(', ');
  return new KasaneError('validation_failed', { fields, issues });
}

/**
 * Logs an unexpected failure for the developers: a reference the user can quote, the method,
 * and the stack frames. Never the message or the input, which may contain case data.
 */
function logInternal(method: string, err: unknown): string {
  const ref = randomBytes(4).toString('hex');
  const e = err as { name?: string; code?: string; stack?: string };
  const frames = (e.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at ')).slice(0, 8).join('\n');
  console.error(`[kasane] internal error ${ref} in ${method}: ${e.name ?? typeof err} ${e.code ?? ''}\n${frames}`);
  return ref;
}

/**
 * A write the disk refused (full, read-only, failing) is something the user can act on, not an
 * internal error. SQLite rolls the transaction back, so what was saved before stays intact.
 */
function storageError(err: unknown): KasaneError | null {
  const code = String((err as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new KasaneError('disk_full');
  if (/^SQLITE_(READONLY|IOERR|CANTOPEN)/.test(code) || code === 'EROFS' || code === 'EACCES') return new KasaneError('vault_write_failed');
  return null;
}

/** Refuses a method the contract gives to administrators (管理者) when a staff account is signed in; the refusal is audited. */
function assertAdministrator(ctx: HandlerContext, method: string): void {
  const vault = ctx.session.vault;
  if (roleOf(vault) === 'administrator') return;
  const now = ctx.now();
  vault.db.transaction(() => appendAudit(vault.db, { action: 'access.refused', staffId: vault.staff.id, details: { method } }, now))();
  // The method by name: each language words it (i18n administratorOnly).
  throw new KasaneError('administrator_only', { what: method });
}

/**
 * The single entry point of every transport: validates the input, checks the vault is
 * unlocked where the method needs it, runs the handler, validates the output, and turns every
 * failure into a typed error. Nothing else reaches a transport.
 */
export async function dispatch(handlers: HandlerMap, ctx: HandlerContext, method: string, rawInput: unknown): Promise<RpcResult<unknown>> {
  try {
    if (!isMethodName(method)) throw new KasaneError('unknown_method', { method: method.slice(0, 80) });
    const spec = contract[method];
    if (spec.access !== 'public') {
      // The idle timer may not have fired yet: an expired session is locked before use.
      ctx.session.lockIfIdle();
      if (!ctx.session.isUnlocked) throw new KasaneError('vault_locked');
    }
    // Before the input is even read: a staff (職員) session never reaches an administrator's handler.
    if (spec.access === 'administrator') assertAdministrator(ctx, method);
    const parsed = spec.input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) throw validationError(parsed.error);
    if (spec.activity && ctx.session.isUnlocked) ctx.session.touch();
    const handler = handlers[method] as (c: HandlerContext, i: unknown) => unknown;
    const value = await handler(ctx, parsed.data);
    return { ok: true, value: spec.output.parse(value) };
  } catch (err) {
    if (err instanceof KasaneError) return { ok: false, error: err.toShape() };
    const storage = storageError(err);
    if (storage) return { ok: false, error: storage.toShape() };
    return { ok: false, error: new KasaneError('internal', { ref: logInternal(method, err) }).toShape() };
  }
}
