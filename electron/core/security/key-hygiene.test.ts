// Key hygiene (issue 9, Hardening): the passphrases, the recovery key and the data key are never
// written to a log or the terminal, and printing leaves nothing on disk. A whole working day plus
// every operation that handles a secret (wrong passphrase, recovery key with its printed sheet,
// a second account, a passphrase change, recovery, removal with key rotation, the kasane command)
// runs with console.* and process.stdout/stderr captured and with os.tmpdir() pointed at a
// private folder, so every file the app, playwright-core or Chromium writes is seen. The app
// writes no log file of its own: its only diagnostics are console.error (dispatch's internal
// errors, the CLI), which are captured here.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KasaneCore } from '../app';
import { main as kasane } from '../cli/main';
import { contractCalls } from '../testing/contract-calls';
import { SCENARIO_NOW, runWorkingDay } from '../testing/scenario';
import { GOOD_PASSPHRASE, tempHome, testCore } from '../testing/temp-vault';

const SECOND_PASSPHRASE = 'あおぞら 並木道 1987 しおさい';
const CHANGED_PASSPHRASE = 'こもれび 石畳 2031 はなみずき';
const RECOVERED_PASSPHRASE = 'ゆうなぎ 灯台 2042 つばくらめ';
const WRONG_PASSPHRASE = 'まちがい 合言葉 0000 ちがうもの';
/** Typed in meeting mode: personal data that must exist only inside the encrypted vault. */
const NOTES_MARKER = '家計相談の記録ZX81QK';
const FULL_NAME = '鏑木 紗和子';

let privateTmp: string;
const savedEnv = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
let t: ReturnType<typeof tempHome>;
let clock = SCENARIO_NOW;
let core: KasaneCore | null;
const { ok, fails } = contractCalls(() => core!);

/** Everything written to the terminal while `fn` runs (and nothing reaches the real one). */
async function captureOutput<T>(fn: () => Promise<T>): Promise<{ value: T; output: string }> {
  const chunks: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;
  const savedConsole = methods.map((m) => console[m]);
  const savedOut = process.stdout.write;
  const savedErr = process.stderr.write;
  for (const m of methods) console[m] = (...args: unknown[]) => void chunks.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a) ?? String(a))).join(' '));
  const write = (chunk: unknown) => (chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')), true);
  process.stdout.write = write as typeof process.stdout.write;
  process.stderr.write = write as typeof process.stderr.write;
  try {
    const value = await fn();
    return { value, output: chunks.join('\n') };
  } finally {
    methods.forEach((m, i) => (console[m] = savedConsole[i] as never));
    process.stdout.write = savedOut;
    process.stderr.write = savedErr;
  }
}

/** Every file under `dir` (recursively), relative, with its size; sockets and the like skipped. */
function listFiles(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      let s;
      try {
        s = statSync(p);
      } catch {
        continue; // gone meanwhile (Chromium's own temp files)
      }
      if (s.isDirectory()) walk(p);
      else if (s.isFile()) out.set(relative(dir, p), s.size);
    }
  };
  walk(dir);
  return out;
}

/** The ways a secret could sit in a file or a log: as text (UTF-8, UTF-16), as hex, base64 or raw bytes. */
function forms(secret: string | Buffer): Buffer[] {
  if (Buffer.isBuffer(secret)) {
    const hex = secret.toString('hex');
    return [secret, Buffer.from(hex), Buffer.from(hex.toUpperCase()), Buffer.from(secret.toString('base64'))];
  }
  return [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')];
}

function findIn(haystack: Buffer, secrets: Record<string, string | Buffer>): string[] {
  return Object.entries(secrets).flatMap(([name, s]) => (forms(s).some((f) => haystack.includes(f)) ? [name] : []));
}

beforeAll(() => {
  // A private temp folder for this test file's process: the vault, playwright-core's Chromium
  // profile and anything Chromium writes land here, and nothing of other tests does.
  privateTmp = mkdtempSync(join(tmpdir(), 'kasane-hygiene-'));
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = privateTmp;
  expect(tmpdir()).toBe(privateTmp);
  t = tempHome();
});
afterAll(async () => {
  await core?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(privateTmp, { recursive: true, force: true });
});

describe('key hygiene', () => {
  it('no passphrase, recovery key or data key reaches the terminal or any file; printing leaves no file behind', async () => {
    core = testCore(t.paths, () => clock);
    const secrets: Record<string, string | Buffer> = {
      'the first passphrase': GOOD_PASSPHRASE,
      'the second account’s passphrase': SECOND_PASSPHRASE,
      'the changed passphrase': CHANGED_PASSPHRASE,
      'the passphrase set by recovery': RECOVERED_PASSPHRASE,
      'a wrong passphrase': WRONG_PASSPHRASE,
    };
    const personal = { 'the notes': NOTES_MARKER, 'the full name': FULL_NAME };
    const dataKeys: Buffer[] = [];
    const keepKey = () => dataKeys.push(Buffer.from(core!.session.vault.dataKey));
    let filesBeforePrint = new Map<string, number>();
    let filesAfterPrint = new Map<string, number>();
    let printed = 0;

    const { output } = await captureOutput(async () => {
      const day = await runWorkingDay(core!, { notes: NOTES_MARKER, fullName: FULL_NAME });
      printed += day.pdfs.length;
      keepKey();

      // Printing again with a warm printer: the files on disk before and after must be the same.
      filesBeforePrint = listFiles(privateTmp);
      const again = await ok<{ pdfBase64: string }>('minutes.pdf', { meetingId: day.meetingId, recipientMemberIds: (await ok<{ id: string }[]>('member.list', {})).map((m) => m.id) });
      expect(again.pdfBase64.length).toBeGreaterThan(1000);
      printed++;
      filesAfterPrint = listFiles(privateTmp);

      // A wrong passphrase (counted, delayed), then the right one a little later.
      await ok('vault.lock', {});
      expect((await fails('vault.unlock', { passphrase: WRONG_PASSPHRASE })).code).toBe('wrong_passphrase');
      clock = new Date(clock.getTime() + 5 * 60_000);
      await ok('vault.unlock', { passphrase: GOOD_PASSPHRASE });

      // The recovery key, with its printed sheet.
      const rk = await ok<{ recoveryKey: string; pdf: { pdfBase64: string } | null }>('staff.createRecoveryKey', { withPdf: true });
      expect(rk.pdf).not.toBeNull();
      printed++;
      secrets['the recovery key'] = rk.recoveryKey;
      secrets['the recovery key without separators'] = rk.recoveryKey.replace(/[^0-9A-Za-z]/g, '');

      // A second account, a passphrase change, recovery with the key, removal with key rotation.
      const second = await ok<{ id: string }>('staff.add', { name: '第二 職員', passphrase: SECOND_PASSPHRASE });
      await ok('staff.changePassphrase', { currentPassphrase: GOOD_PASSPHRASE, newPassphrase: CHANGED_PASSPHRASE });
      const self = (await ok<{ staff: { id: string; isSelf: boolean }[] }>('staff.list', {})).staff.find((s) => s.isSelf)!;
      await ok('vault.lock', {});
      await ok('vault.recover', { recoveryKey: rk.recoveryKey, staffId: self.id, newPassphrase: RECOVERED_PASSPHRASE });
      await ok('staff.remove', { staffId: second.id });
      keepKey();
      await ok('vault.lock', {});
      await ok('vault.unlock', { passphrase: RECOVERED_PASSPHRASE });
      keepKey();
      await core!.close();
      core = null;

      // The kasane command, with the right and with a wrong passphrase.
      const env = { KASANE_HOME: t.home };
      expect(await kasane(['verify'], { ...env, KASANE_PASSPHRASE: RECOVERED_PASSPHRASE })).toBe(0);
      expect(await kasane(['verify'], { ...env, KASANE_PASSPHRASE: WRONG_PASSPHRASE })).not.toBe(0);
    });

    // The data key was really rotated, and each generation is a secret.
    expect(dataKeys).toHaveLength(3);
    expect(dataKeys[0]!.equals(dataKeys[1]!)).toBe(false);
    dataKeys.forEach((k, i) => (secrets[`data key generation ${i === 0 ? 1 : 2}`] = k));

    // 1. The terminal: something was written (the CLI's report), none of it a secret.
    expect(output).toContain('結果: 正常');
    expect(findIn(Buffer.from(output), secrets), 'secrets written to the console, stdout or stderr').toEqual([]);

    // 2. Every file the app, playwright-core and Chromium wrote: no secret, and no personal data
    //    outside the encrypted vault (the DB and its WAL are searched too: they are ciphertext).
    const leaks: string[] = [];
    for (const file of listFiles(privateTmp).keys()) {
      const found = findIn(readFileSync(join(privateTmp, file)), { ...secrets, ...personal });
      if (found.length > 0) leaks.push(`${file}: ${found.join(', ')}`);
    }
    expect(leaks, 'files holding a secret or personal data in the clear').toEqual([]);

    // 3. Printing left no file: the warm printer's print added or changed nothing on disk except
    //    the encrypted DB (the print is logged in the vault), and with the printer closed nothing of
    //    it is left in the temp folder (playwright-core's Chromium profile included).
    const vaultFiles = (f: string) => f.startsWith(`${relative(privateTmp, t.home)}/`);
    const changed = [...filesAfterPrint].filter(([f, size]) => filesBeforePrint.get(f) !== size && !/kasane\.db(-wal|-shm)?$/.test(f));
    expect(changed.map(([f]) => f), 'files added or grown by one print').toEqual([]);
    expect([...listFiles(privateTmp).keys()].filter((f) => !vaultFiles(f)), 'files left in the temp folder').toEqual([]);
    expect(readdirSync(privateTmp)).toEqual([relative(privateTmp, t.home)]);
    expect(printed).toBe(4);
  }, 180_000);
});
