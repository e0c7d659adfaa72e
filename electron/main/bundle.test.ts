import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs the real build script (scripts/build-electron.mjs) into a temp folder and checks what
// the bundles may load at run time.
const root = fileURLToPath(new URL('../..', import.meta.url));
const requiresOf = (code: string) => [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] as string);
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'kasane-electron-build-'));
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function buildTarget(only: 'main' | 'preload'): string {
  const run = spawnSync(process.execPath, [join(root, 'scripts/build-electron.mjs'), `--outdir=${outdir}`, `--only=${only}`], { encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(join(outdir, `${only}.cjs`), 'utf8');
}

describe('scripts/build-electron.mjs', () => {
  it('bundles the sandboxed preload into one file that requires only electron', () => {
    const code = buildTarget('preload');
    expect(new Set(requiresOf(code))).toEqual(new Set(['electron']));
    expect(code).toContain('exposeInMainWorld("kasane"');
  }, 60_000);

  it('bundles the main process; only Node builtins, electron and the native/browser packages stay external', () => {
    const code = buildTarget('main');
    const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'electron', 'better-sqlite3-multiple-ciphers', 'playwright-core']);
    const foreign = requiresOf(code).filter((r) => !allowed.has(r));
    expect(foreign).toEqual([]);
    // ESM-only constructs would be silently empty in a CommonJS bundle.
    expect(code).not.toMatch(/import\.meta|import_meta/);
  }, 60_000);
});
