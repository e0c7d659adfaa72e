import type { Handler } from './handlers';

type AppMethod = 'app.status' | 'app.setPrefs' | 'session.touch' | 'vault.create' | 'vault.openSample' | 'vault.select' | 'vault.unlock' | 'vault.lock';

export const appHandlers: { [M in AppMethod]: Handler<M> } = {
  'app.status': (ctx) => ({ ...ctx.session.status(), prefs: ctx.readPrefs() }),
  'app.setPrefs': (ctx, input) => {
    const prefs = { ...ctx.readPrefs(), ...input };
    ctx.writePrefs(prefs);
    return prefs;
  },
  'session.touch': () => ({ ok: true }),
  'vault.create': (ctx, input) => ctx.session.create(input),
  'vault.openSample': (ctx) => ctx.session.openSample(),
  'vault.select': async (ctx, input) => {
    await ctx.session.select(input.kind);
    return { kind: input.kind };
  },
  'vault.unlock': (ctx, input) => ctx.session.unlock(input),
  'vault.lock': (ctx) => {
    // Answers as soon as nothing can use the vault: the screen locks at once. A backup on lock
    // (when set up) finishes after that, and the vault closes then; app.status says it is still
    // running, and unlocking, restoring or recovering wait for it.
    void ctx.session.lock('manual');
    return { locked: true };
  },
};
