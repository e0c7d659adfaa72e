import { spawn } from 'node:child_process';
import { cpSync, copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST_SCRYPT, GOOD_PASSPHRASE, VAULT_INPUT, tempHome } from '../testing/temp-vault';
import { createVault, unlockVault, vaultFiles } from '../vault/vault';
import { verifyVault } from '../vault/verify';
import { readKeyFile } from '../vault/key-file';
import { NEXT_KEYS_FILE, type CrashPoint } from '../vault/rotation';
import { addStaff, createRecoveryKey } from './staff-service';

/**
 * A crash (SIGKILL) at any point of a staff removal must leave a vault that opens with the
 * remaining passphrases, verifies, no longer opens with the removed person's passphrase once
 * the removal is finished, and is not opened by a copy of kasane.keys from before the removal.
 * KASANE_LONG=1 kills at more random moments.
 */
const RANDOM_RUNS = process.env.KASANE_LONG ? 20 : 4;
const SECOND = { name: '二番 花子', passphrase: 'あおぞら 電車 1987 かもめ' };
const THIRD = { name: '三番 次郎', passphrase: 'こもれび 机 3141 ひまわり' };

let t: ReturnType<typeof tempHome>;
let small: Template;
let big: Template;

interface Template {
  dir: string;
  secondId: string;
  thirdId: string;
}

async function makeTemplate(dir: string, rows: number): Promise<Template> {
  const vault = await createVault(dir, { ...VAULT_INPUT, scrypt: FAST_SCRYPT });
  const second = await addStaff(vault, SECOND, new Date(), FAST_SCRYPT);
  const third = await addStaff(vault, THIRD, new Date(), FAST_SCRYPT);
  await createRecoveryKey(vault, new Date());
  if (rows > 0) {
    const insert = vault.db.prepare(
      "INSERT INTO meetings (id, type, title, date, state, created_at) VALUES (?, 'other', ?, '2026-11-23', 'planned', ?)",
    );
    vault.db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(`m${i}`, `会議メモ ${i} ${'議事録の本文'.repeat(30)}`, new Date().toISOString());
    })();
  }
  vault.close();
  return { dir, secondId: second.id, thirdId: third.id };
}

let copies = 0;
function copyOf(template: Template): string {
  const dir = join(t.home, `run-${++copies}`);
  cpSync(template.dir, dir, { recursive: true });
  copyFileSync(vaultFiles(dir).keys, join(dir, '..', `run-${copies}.keys-before`));
  return dir;
}

/** Runs the removal in a child; resolves with how it ended and the rotation time it printed. */
function removeInChild(
  dir: string,
  staffId: string,
  opts: { crashAt?: CrashPoint; killDuringRekeyAfterMs?: number },
): Promise<{ signal: NodeJS.Signals | null; ms: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, KASANE_PASSPHRASE: GOOD_PASSPHRASE, KASANE_TEST_TRACE: '1' };
    if (opts.crashAt) env.KASANE_TEST_CRASH_AT = opts.crashAt;
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/core/staff/testing/remove-child.ts', dir, staffId], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (opts.killDuringRekeyAfterMs !== undefined && out.includes('point before-rekey')) {
        const after = opts.killDuringRekeyAfterMs;
        opts.killDuringRekeyAfterMs = undefined;
        setTimeout(() => child.kill('SIGKILL'), after);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (_code, signal) => {
      const done = /done (\d+)/.exec(out);
      resolve({ signal, ms: done ? Number(done[1]) : null, stderr });
    });
  });
}

async function codeOf(p: Promise<{ close(): void }>): Promise<string> {
  try {
    (await p).close();
    return 'opened';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

/** The checks every crashed (or finished) removal must pass. */
async function expectSound(dir: string, template: Template): Promise<void> {
  const files = vaultFiles(dir);
  const keysBefore = join(dir, '..', `${dir.split('/').pop()}.keys-before`);
  // Opens with a remaining passphrase (finishing whatever the crash left), and verifies.
  const vault = await unlockVault(dir, { passphrase: GOOD_PASSPHRASE });
  try {
    const report = verifyVault(vault.db);
    expect(report.integrity).toEqual(['ok']);
    expect(report.auditChain.ok).toBe(true);
    const removedAt = vault.db.prepare('SELECT removed_at FROM staff WHERE id = ?').pluck().get(template.secondId);
    const actions = vault.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[];
    if (removedAt) {
      expect(actions).toContain('staff.removed');
      expect(actions).toContain('vault.key_rotated');
    }
  } finally {
    vault.close();
  }
  expect(existsSync(join(dir, NEXT_KEYS_FILE))).toBe(false);
  const keyFile = readKeyFile(files.keys);
  const removed = !keyFile.slots.some((s) => s.staffId === template.secondId);
  // The other remaining person too.
  expect(await codeOf(unlockVault(dir, { staffId: template.thirdId, passphrase: THIRD.passphrase }))).toBe('opened');
  if (removed) {
    expect(keyFile.generation).toBe(1);
    // The removed person's passphrase: refused.
    expect(await codeOf(unlockVault(dir, { passphrase: SECOND.passphrase }))).toBe('wrong_passphrase');
    rmSync(files.attempts, { force: true });
    // A copy of kasane.keys from before the removal: a clear error for everyone, nothing opened.
    const current = join(dir, '..', 'keys-current');
    copyFileSync(files.keys, current);
    copyFileSync(keysBefore, files.keys);
    expect(await codeOf(unlockVault(dir, { passphrase: GOOD_PASSPHRASE }))).toBe('keys_file_mismatch');
    expect(await codeOf(unlockVault(dir, { staffId: template.secondId, passphrase: SECOND.passphrase }))).toBe('keys_file_mismatch');
    copyFileSync(current, files.keys);
    expect(await codeOf(unlockVault(dir, { passphrase: GOOD_PASSPHRASE }))).toBe('opened');
  }
}

beforeAll(async () => {
  t = tempHome();
  small = await makeTemplate(join(t.home, 'small'), 0);
  big = await makeTemplate(join(t.home, 'big'), process.env.KASANE_LONG ? 120_000 : 60_000);
}, 120_000);
afterAll(() => t.cleanup());

describe('crash safety of the key rotation', () => {
  it.each([
    'after-removal-marked',
    'after-next-written',
    'before-rekey',
    'after-rekey',
    'before-rename',
    'after-rename',
  ] as const)('SIGKILL at %s', async (crashAt) => {
    const dir = copyOf(small);
    const run = await removeInChild(dir, small.secondId, { crashAt });
    expect(run.signal, run.stderr).toBe('SIGKILL');
    await expectSound(dir, small);
    // Whoever opened it first finished the removal: it is complete now.
    expect(readKeyFile(vaultFiles(dir).keys).slots.some((s) => s.staffId === small.secondId)).toBe(false);
  }, 60_000);

  it(`SIGKILL at random moments during the rekey of a bigger vault (${RANDOM_RUNS} runs)`, async () => {
    const reference = copyOf(big);
    const full = await removeInChild(reference, big.secondId, {});
    expect(full.signal, full.stderr).toBe(null);
    const ms = full.ms!;
    console.log(`rotation of a ${(statSync(vaultFiles(big.dir).db).size / 1e6).toFixed(1)} MB vault: ${ms} ms`);
    await expectSound(reference, big);
    let hotJournals = 0;
    for (let i = 0; i < RANDOM_RUNS; i++) {
      const dir = copyOf(big);
      const run = await removeInChild(dir, big.secondId, { killDuringRekeyAfterMs: Math.floor(Math.random() * ms * 0.8) });
      // Killed inside the rekey: SQLite left a hot rollback journal (rolled back with the old key).
      if (existsSync(`${vaultFiles(dir).db}-journal`)) hotJournals++;
      await expectSound(dir, big);
      rmSync(dir, { recursive: true, force: true });
      expect(['SIGKILL', null]).toContain(run.signal);
    }
    expect(hotJournals).toBeGreaterThan(0);
  }, 300_000);
});
