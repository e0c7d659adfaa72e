import { KasaneError, type OpenBackupInput } from '../../../shared/contract';
import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import { backupProgress, backupStatus, createBackup, inspectBackup, restoreBackup, writeBackupSettings, type BackupSecret } from './backup';

/** The passphrase or the recovery key of the input, without the file. */
const secretOf = (input: OpenBackupInput): BackupSecret => ('recoveryKey' in input ? { recoveryKey: input.recoveryKey } : { passphrase: input.passphrase });

type BackupMethod = 'backup.status' | 'backup.configure' | 'backup.now' | 'backup.progress' | 'backup.inspect' | 'backup.restore';

export const backupHandlers: { [M in BackupMethod]: Handler<M> } = {
  'backup.status': (ctx) => read(ctx, (w) => backupStatus(w.db, w.now)),
  'backup.configure': (ctx, input) =>
    write(ctx, (w) => {
      writeBackupSettings(w.db, input);
      w.audit({ action: 'backup.configured', details: { changed: Object.keys(input) } });
      return backupStatus(w.db, w.now);
    }),
  // Not inside a write transaction: VACUUM INTO cannot run in one, and a failed attempt must
  // still be recorded. The backup runs in a worker; the audit entry follows the outcome.
  'backup.now': (ctx) => {
    const { vault } = ctx.session;
    return createBackup(vault, 'manual', ctx.now(), { auditAs: vault.staff.id });
  },
  'backup.progress': (ctx) => backupProgress(ctx.session.vault.dir),
  'backup.inspect': (ctx, input) => inspectBackup(input.file, secretOf(input), ctx.session.paths.main, ctx.now()),
  'backup.restore': async (ctx, input) => {
    await ctx.session.whenClosed(); // a lock still finishing its backup keeps the vault's files open
    if (ctx.session.isUnlocked) throw new KasaneError('restore_vault_unlocked');
    return restoreBackup(input.file, secretOf(input), ctx.session.paths.main, ctx.now());
  },
};
