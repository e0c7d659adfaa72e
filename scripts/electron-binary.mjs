// Finds Electron's binary the way node_modules/electron/index.js does, but without its fallback
// of downloading one: `require('electron')` on a machine without the binary starts a download
// (a network call, which hangs and fails on a closed network) before it throws.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** @returns {{ path: string } | { why: string }} */
export function findElectronBinary(env = process.env) {
  const require = createRequire(import.meta.url);
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { why: 'electron パッケージがインストールされていません' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative || 'electron') : relative ? join(pkgDir, 'dist', relative) : null;
  if (binary && existsSync(binary)) return { path: binary };
  return { why: 'Electron の実行ファイルがこの PC にありません（この環境ではダウンロードできません）' };
}
