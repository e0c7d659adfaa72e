import { write } from '../rpc/work';
import type { Handler } from '../rpc/handlers';
import { homeSummary } from './home-repository';

export const homeHandlers: { 'home.summary': Handler<'home.summary'>; 'home.dismissRolesNotice': Handler<'home.dismissRolesNotice'> } = {
  'home.summary': (ctx, input) => homeSummary(ctx.session.vault.db, input.today),
  'home.dismissRolesNotice': (ctx) =>
    write(ctx, (w) => {
      w.db.prepare("DELETE FROM settings WHERE key = 'rolesNotice'").run();
      return { dismissed: true as const };
    }),
};
