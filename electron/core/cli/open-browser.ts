import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The flags that keep Chromium from calling anywhere (STACK.md): Kasane makes no network calls. */
export const CLOSED_NETWORK_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

export function findChromium(env: NodeJS.ProcessEnv): string | null {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Opens the URL as a Chromium app window with a fresh, private profile. */
export function openAppWindow(url: string, env: NodeJS.ProcessEnv): { opened: boolean; reason?: string } {
  const chromium = findChromium(env);
  if (!chromium) return { opened: false, reason: 'Chromium が見つかりません（CHROMIUM_PATH で指定できます）' };
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { opened: false, reason: '画面（DISPLAY）がないため、ブラウザは開きません' };
  }
  const profile = mkdtempSync(join(tmpdir(), 'kasane-chromium-'));
  const args = [`--app=${url}`, `--user-data-dir=${profile}`, ...CLOSED_NETWORK_ARGS];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(chromium, args, { detached: true, stdio: 'ignore' });
  child.unref();
  return { opened: true };
}
