import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOSED_NETWORK_ARGS, findChromium, sandboxArgs } from '../security/chromium';

/** Opens the URL as a Chromium app window with a fresh, private profile. */
export function openAppWindow(url: string, env: NodeJS.ProcessEnv): { opened: boolean; reason?: string } {
  const chromium = findChromium(env);
  if (!chromium) return { opened: false, reason: 'Chromium が見つかりません（CHROMIUM_PATH で指定できます）' };
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { opened: false, reason: '画面（DISPLAY）がないため、ブラウザは開きません' };
  }
  const profile = mkdtempSync(join(tmpdir(), 'kasane-chromium-'));
  const args = [`--app=${url}`, `--user-data-dir=${profile}`, ...CLOSED_NETWORK_ARGS, ...sandboxArgs()];
  const child = spawn(chromium, args, { detached: true, stdio: 'ignore' });
  child.unref();
  return { opened: true };
}
