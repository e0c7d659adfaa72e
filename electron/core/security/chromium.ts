import { execFileSync } from 'node:child_process';

/**
 * Where Chromium is, and the flags for every Chromium we start (the app window of the browser host, the PDF printer, tests
 * and benches): Kasane makes no network calls, and without these Chromium keeps trying to reach
 * outside hosts (STACK.md).
 */
export const CLOSED_NETWORK_ARGS: readonly string[] = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];

/** Chromium refuses to run its sandbox as root (CI, containers); elsewhere the sandbox stays on. */
export function sandboxArgs(): string[] {
  return process.getuid?.() === 0 ? ['--no-sandbox'] : [];
}

/** CHROMIUM_PATH, else the first Chromium on the PATH (Debian's chromium in CI). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    try {
      const path = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not this one
    }
  }
  return null;
}
