import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_SCRYPT, GOOD_PASSPHRASE, VAULT_INPUT, tempHome } from '../testing/temp-vault';
import { createVault, unlockVault } from './vault';
import { verifyVault } from './verify';

/** KASANE_LONG=1 runs the long mode (50 kills); the default run kills a few times. */
const RUNS = process.env.KASANE_LONG ? 50 : 4;

let t: ReturnType<typeof tempHome>;
beforeAll(async () => {
  t = tempHome();
  (await createVault(t.paths.main, { ...VAULT_INPUT, scrypt: FAST_SCRYPT })).close();
});
afterAll(() => t.cleanup());

/** Starts the writer, kills it with SIGKILL after `afterMs` of writing, returns the last count it reported. */
function writeThenKill(afterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/testing/write-stream.ts', t.paths.main], {
      env: { ...process.env, KASANE_PASSPHRASE: GOOD_PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let last = 0;
    let started = false;
    let stderr = '';
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) last = Number(line.split(' ')[1]) || last;
      if (!started && last > 0) {
        started = true;
        setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(last) : reject(new Error(`writer exited without being killed: ${stderr}`))));
  });
}

describe('crash safety', () => {
  it(`SIGKILL during a stream of writes leaves a vault that opens, verifies, and kept every reported commit (${RUNS} runs)`, async () => {
    let expected = 0;
    for (let run = 0; run < RUNS; run++) {
      const reported = await writeThenKill(20 + Math.floor(Math.random() * 200));
      expect(reported).toBeGreaterThan(0);
      const vault = await unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE });
      try {
        const report = verifyVault(vault.db);
        expect(report.integrity).toEqual(['ok']);
        expect(report.auditChain.ok).toBe(true);
        const rows = vault.db.prepare("SELECT count(*) FROM meetings WHERE title LIKE 'autosave%'").pluck().get() as number;
        // Every commit the writer saw return is on disk; at most the one in flight may be extra.
        expected += reported;
        expect(rows).toBeGreaterThanOrEqual(expected);
        expect(rows).toBeLessThanOrEqual(expected + 1);
        expected = rows;
      } finally {
        vault.close();
      }
    }
    // And the command a secretariat would run after a crash says the same.
    await writeThenKill(50);
    const verify = spawnSync(process.execPath, ['bin/kasane.mjs', 'verify', '--vault', t.paths.main], {
      env: { ...process.env, KASANE_PASSPHRASE: GOOD_PASSPHRASE },
      encoding: 'utf8',
    });
    expect(verify.stdout).toContain('結果: 正常');
    expect(verify.status).toBe(0);
  }, 60_000 + RUNS * 15_000);
});
