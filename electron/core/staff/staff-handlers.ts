import { KasaneError } from '../../../shared/contract';
import type { Handler } from '../rpc/handlers';
import { addStaff, changePassphrase, createRecoveryKey, listStaff, recoverVault, removeStaff, setRole } from './staff-service';

type StaffMethod = 'staff.list' | 'staff.add' | 'staff.setRole' | 'staff.remove' | 'staff.changePassphrase' | 'staff.createRecoveryKey' | 'vault.recover';

// Handlers of the staff feature: one entry per method of shared/contract/staff.ts.
export const staffHandlers: { [M in StaffMethod]: Handler<M> } = {
  'staff.list': (ctx) => listStaff(ctx.session.vault),
  'staff.add': (ctx, input) => addStaff(ctx.session.vault, input, ctx.now(), ctx.session.scrypt),
  'staff.setRole': (ctx, input) => setRole(ctx.session.vault, input.staffId, input.role, ctx.now()),
  'staff.remove': (ctx, input) => removeStaff(ctx.session.vault, input.staffId, ctx.now()),
  'staff.changePassphrase': (ctx, input) => changePassphrase(ctx.session.vault, input, ctx.now(), ctx.session.scrypt),
  'staff.createRecoveryKey': (ctx, input) =>
    createRecoveryKey(ctx.session.vault, ctx.now(), input.withPdf ? (html) => ctx.printer().print(html) : null),
  'vault.recover': async (ctx, input) => {
    await ctx.session.whenClosed(); // a lock still finishing its backup keeps the vault's files open
    if (ctx.session.isUnlocked) throw new KasaneError('vault_already_unlocked');
    return ctx.session.adopt(await recoverVault(ctx.session.dir, input, ctx.now(), ctx.session.scrypt));
  },
};
