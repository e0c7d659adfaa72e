import { KasaneError } from '../../../shared/contract';
import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import { appendAudit } from '../audit/audit-log';
import { backupStatus, createBackup, inspectBackup, restoreBackup, writeBackupSettings } from './backup';

type BackupMethod = 'backup.status' | 'backup.configure' | 'backup.now' | 'backup.inspect' | 'backup.restore';

export const backupHandlers: { [M in BackupMethod]: Handler<M> } = {
  'backup.status': (ctx) => read(ctx, (w) => backupStatus(w.db, w.now)),
  'backup.configure': (ctx, input) =>
    write(ctx, (w) => {
      writeBackupSettings(w.db, input);
      w.audit({ action: 'backup.configured', details: { changed: Object.keys(input) } });
      return backupStatus(w.db, w.now);
    }),
  'backup.now': (ctx) => {
    const { vault } = ctx.session;
    const now = ctx.now();
    // Not inside a write transaction: VACUUM INTO cannot run in one, and a failed attempt must
    // still be recorded. The audit entry follows the outcome.
    try {
      const done = createBackup(vault, 'manual', now);
      appendAudit(vault.db, { action: 'backup.created', staffId: vault.staff.id, details: { fileName: done.fileName, sizeBytes: done.sizeBytes } }, now);
      return done;
    } catch (err) {
      appendAudit(vault.db, { action: 'backup.failed', staffId: vault.staff.id, details: { code: err instanceof KasaneError ? err.code : 'unknown' } }, now);
      throw err;
    }
  },
  'backup.inspect': (ctx, input) => inspectBackup(input.file, input.passphrase, ctx.session.paths.main, ctx.now()),
  'backup.restore': async (ctx, input) => {
    if (ctx.session.isUnlocked) throw new KasaneError('restore_vault_unlocked');
    return restoreBackup(input.file, input.passphrase, ctx.session.paths.main, ctx.now());
  },
};
