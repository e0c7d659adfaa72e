import type { Handler } from '../rpc/handlers';
import { appendAudit } from '../audit/audit-log';
import { readSettings, writeSettings } from './settings-repository';

export const settingsHandlers: { 'settings.get': Handler<'settings.get'>; 'settings.update': Handler<'settings.update'> } = {
  'settings.get': (ctx) => readSettings(ctx.session.vault.db),
  'settings.update': (ctx, input) => {
    const { db, staff } = ctx.session.vault;
    db.transaction(() => {
      const changed = writeSettings(db, input);
      if (changed.length) appendAudit(db, { action: 'settings.updated', staffId: staff.id, details: { changed } }, ctx.now());
    })();
    const settings = readSettings(db);
    ctx.session.setIdleMinutes(settings.idleLockMinutes);
    return settings;
  },
};
