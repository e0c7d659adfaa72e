import type { RpcResult } from '../../shared/contract';
import { readPrefs, writePrefs } from './prefs';
import { dispatch } from './rpc/dispatch';
import { handlers, type HandlerContext } from './rpc/handlers';
import { VaultSession } from './session';
import type { VaultPaths } from './vault/paths';
import type { ScryptParams } from './vault/crypto';
import type { Printer } from './pdf/printer';
import { ChromiumPrinter } from './pdf/chromium-printer';

/** The application without Electron: what every transport (IPC, browser host, tests) serves. */
export interface KasaneCore {
  dispatch(method: string, rawInput: unknown): Promise<RpcResult<unknown>>;
  close(): Promise<void>;
  readonly session: VaultSession;
}

export interface CoreOptions {
  paths: VaultPaths;
  clock?: () => Date;
  /** Cheaper KDF parameters for tests only; real vaults use the default (~390 ms). */
  scrypt?: ScryptParams;
  /** Makes the PDF printer on first use; default: a headless Chromium through playwright-core. */
  createPrinter?: () => Printer;
}

export function createCore(options: CoreOptions): KasaneCore {
  const clock = options.clock ?? (() => new Date());
  const session = new VaultSession(options.paths, clock, options.scrypt);
  let printer: Printer | null = null;
  const ctx: HandlerContext = {
    printer: () => (printer ??= (options.createPrinter ?? (() => new ChromiumPrinter()))()),
    session,
    now: clock,
    readPrefs: () => readPrefs(options.paths.prefsFile),
    writePrefs: (prefs) => writePrefs(options.paths.prefsFile, prefs),
  };
  return {
    session,
    dispatch: (method, rawInput) => dispatch(handlers, ctx, method, rawInput),
    close: async () => {
      await session.dispose();
      await printer?.close();
    },
  };
}
