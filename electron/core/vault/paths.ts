import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where a vault's files live. `home` holds preferences and the sample vault. */
export interface VaultPaths {
  home: string;
  /** Folder of the real vault: kasane.db + kasane.keys. */
  main: string;
  /** Folder of the separate vault of fictional sample data. */
  sample: string;
  /** Per-PC preferences (language, text size): no case data. */
  prefsFile: string;
}

export const DB_FILE = 'kasane.db';
export const KEYS_FILE = 'kasane.keys';
export const LOCK_FILE = 'kasane.lock';
export const ATTEMPTS_FILE = 'kasane.attempts';

/** The OS application-data folder (what Electron's app.getPath('appData') returns). */
export function defaultAppDataDir(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
}

/**
 * Resolution order: `--vault DIR` for the real vault's folder; `KASANE_HOME` (or `home`) for
 * everything; otherwise the OS app-data folder.
 */
export function resolvePaths(opts: { vault?: string; home?: string; appDataDir?: string; env: NodeJS.ProcessEnv }): VaultPaths {
  const home = resolve(opts.home ?? opts.env.KASANE_HOME ?? join(opts.appDataDir ?? defaultAppDataDir(opts.env), 'Kasane'));
  return {
    home,
    main: resolve(opts.vault ?? join(home, 'vault')),
    sample: join(home, 'sample-vault'),
    prefsFile: join(home, 'prefs.json'),
  };
}
