import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST_SCRYPT, VAULT_INPUT, tempHome } from '../testing/temp-vault';
import { createVault, type OpenVault } from '../vault/vault';
import { appendAudit, verifyAuditChain } from './audit-log';

let t: ReturnType<typeof tempHome>;
let vault: OpenVault;
beforeEach(async () => {
  t = tempHome();
  vault = await createVault(t.paths.main, { ...VAULT_INPUT, scrypt: FAST_SCRYPT });
  for (let i = 0; i < 5; i++) appendAudit(vault.db, { action: 'settings.updated', staffId: vault.staff.id, details: { i } });
});
afterEach(() => {
  vault.close();
  t.cleanup();
});

describe('audit log', () => {
  it('chains every row to the previous one', () => {
    expect(verifyAuditChain(vault.db)).toEqual({ ok: true, rows: 6 });
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    expect(() => vault.db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => vault.db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('detects a changed row even when the triggers were dropped to change it', () => {
    vault.db.exec('DROP TRIGGER audit_log_no_update');
    vault.db.prepare(`UPDATE audit_log SET details = '{"i":99}' WHERE seq = 4`).run();
    expect(verifyAuditChain(vault.db)).toMatchObject({ ok: false, brokenAt: 4, reason: 'row content changed' });
  });

  it('detects a removed row', () => {
    vault.db.exec('DROP TRIGGER audit_log_no_delete');
    vault.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(verifyAuditChain(vault.db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'missing row' });
  });

  it('detects a row rewritten with a fresh hash of its own (the next link breaks)', async () => {
    vault.db.exec('DROP TRIGGER audit_log_no_update');
    const { createHash } = await import('node:crypto');
    const row = vault.db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Record<string, string | number>;
    const details = '{"forged":true}';
    const hash = createHash('sha256').update(JSON.stringify([row.seq, row.at, row.staff_id, row.action, row.subject, details, row.prev_hash])).digest('hex');
    vault.db.prepare('UPDATE audit_log SET details = ?, hash = ? WHERE seq = 2').run(details, hash);
    expect(verifyAuditChain(vault.db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'link to previous row broken' });
  });
});
