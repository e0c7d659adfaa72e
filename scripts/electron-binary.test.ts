import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { findElectronBinary } from './electron-binary.mjs';

const found = findElectronBinary();
const binary = 'path' in found ? found.path : null;
const SKIP_REASON = 'Electron binary not present on this machine: cannot launch the shell';
if (!binary) console.warn(`[electron-binary.test] SKIPPED: ${SKIP_REASON}`);

describe('Electron shell smoke launch', () => {
  it.skipIf(!binary)(binary ? 'the Electron binary runs and reports the installed version' : `SKIPPED — ${SKIP_REASON}`, () => {
    const expected = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8')) as { version: string }).version;
    const run = spawnSync(binary as string, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '' } });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`v${expected}`);
  });

  it('says why when the binary is missing, instead of downloading it', () => {
    const result = findElectronBinary({ ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-kasane' });
    expect(result).toEqual({ why: expect.stringContaining('Electron の実行ファイル') });
  });
});
