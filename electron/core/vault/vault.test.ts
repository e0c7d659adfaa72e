import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, truncateSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KasaneError } from '../../../shared/contract';
import { FAST_SCRYPT, GOOD_PASSPHRASE, VAULT_INPUT, tempHome } from '../testing/temp-vault';
import { verifyVault } from './verify';
import { createVault, unlockVault, vaultFiles } from './vault';
import { openDatabase } from './database';
import { LATEST_VERSION } from './migrations';

let t: ReturnType<typeof tempHome>;
beforeEach(() => {
  t = tempHome();
});
afterEach(() => t.cleanup());

const create = () => createVault(t.paths.main, { ...VAULT_INPUT, scrypt: FAST_SCRYPT });
const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    if (err instanceof KasaneError) return err.code;
    throw err;
  }
}

describe('vault create and unlock', () => {
  it('creates a vault that unlocks with the passphrase, and logs create/unlock in a sound audit chain', async () => {
    (await create()).close();
    const files = vaultFiles(t.paths.main);
    expect(statSync(files.db).mode & 0o077).toBe(0);
    expect(statSync(files.keys).mode & 0o077).toBe(0);
    const vault = await unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE });
    expect(vault.staff.name).toBe('試験 太郎');
    const actions = vault.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all();
    expect(actions).toEqual(['vault.created', 'vault.unlocked']);
    expect(verifyVault(vault.db).ok).toBe(true);
    expect(vault.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(vault.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(vault.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    vault.close();
  });

  it('refuses to create over an existing vault and leaves it intact', async () => {
    (await create()).close();
    const before = fileHash(vaultFiles(t.paths.main).db);
    expect(await codeOf(create())).toBe('vault_exists');
    expect(fileHash(vaultFiles(t.paths.main).db)).toBe(before);
  });

  it('refuses empty and weak passphrases when creating, leaving nothing behind', async () => {
    expect(await codeOf(createVault(t.paths.main, { ...VAULT_INPUT, passphrase: '' }))).toBe('passphrase_empty');
    expect(await codeOf(createVault(t.paths.main, { ...VAULT_INPUT, passphrase: 'password' }))).toBe('passphrase_weak');
    expect(existsSync(t.paths.main)).toBe(false);
    expect(readdirSync(t.home)).toEqual([]);
  });

  it('gives wrong_passphrase with a growing delay, refuses early retries, and audits the failures after unlock', async () => {
    (await create()).close();
    const t0 = new Date('2026-11-23T10:00:00Z');
    const err1 = await unlockVault(t.paths.main, { passphrase: 'not the passphrase' }, t0).catch((e: KasaneError) => e);
    expect(err1).toMatchObject({ code: 'wrong_passphrase', details: { retryAfterMs: 1000, seconds: 1 } });
    const early = new Date(t0.getTime() + 500);
    expect(await codeOf(unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE }, early))).toBe('too_many_attempts');
    const t1 = new Date(t0.getTime() + 1000);
    const err2 = await unlockVault(t.paths.main, { passphrase: 'still wrong' }, t1).catch((e: KasaneError) => e);
    expect(err2).toMatchObject({ code: 'wrong_passphrase', details: { retryAfterMs: 2000 } });
    const vault = await unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE }, new Date(t1.getTime() + 2000));
    const rows = vault.db.prepare("SELECT action, at FROM audit_log WHERE action LIKE 'vault.unlock%' ORDER BY seq").all();
    expect(rows).toEqual([
      { action: 'vault.unlock_failed', at: t0.toISOString() },
      { action: 'vault.unlock_failed', at: t1.toISOString() },
      { action: 'vault.unlocked', at: new Date(t1.getTime() + 2000).toISOString() },
    ]);
    vault.close();
    // Success clears the count: the next mistake waits one second again.
    const err3 = await unlockVault(t.paths.main, { passphrase: 'wrong again' }, new Date(t1.getTime() + 5000)).catch((e: KasaneError) => e);
    expect(err3).toMatchObject({ details: { retryAfterMs: 1000 } });
  });

  it('gives passphrase_empty for an empty passphrase without counting it as a failure', async () => {
    (await create()).close();
    expect(await codeOf(unlockVault(t.paths.main, { passphrase: '' }))).toBe('passphrase_empty');
    expect(existsSync(vaultFiles(t.paths.main).attempts)).toBe(false);
  });

  it('allows one process at a time: a second opener gets vault_in_use with who and since', async () => {
    const first = await create();
    const err = await unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE }).catch((e: KasaneError) => e);
    expect(err).toMatchObject({ code: 'vault_in_use' });
    expect(String((err as KasaneError).details.by)).toContain('試験 太郎');
    first.close();
    (await unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE })).close();
  });

  it('takes over a lock left by a process that died', async () => {
    (await create()).close();
    const files = vaultFiles(t.paths.main);
    writeFileSync(files.lock, JSON.stringify({ pid: 2 ** 22 - 1, host: (await import('node:os')).hostname(), by: 'x', since: new Date().toISOString() }));
    (await unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE })).close();
  });
});

describe('damaged, missing or newer files', () => {
  beforeEach(async () => {
    (await create()).close();
  });

  const unlock = () => codeOf(unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE }));

  /** The file under test must be byte-for-byte what it was before the failed open. */
  async function expectUntouched(path: string, code: string) {
    const before = existsSync(path) ? fileHash(path) : null;
    expect(await unlock()).toBe(code);
    expect(existsSync(path) ? fileHash(path) : null).toBe(before);
  }

  it('kasane.keys missing', async () => {
    rmSync(vaultFiles(t.paths.main).keys);
    expect(await unlock()).toBe('keys_file_missing');
  });
  it('kasane.keys truncated', async () => {
    const { keys } = vaultFiles(t.paths.main);
    truncateSync(keys, 100);
    await expectUntouched(keys, 'keys_file_corrupt');
  });
  it('kasane.keys with a flipped byte inside a slot: the slot does not open (authenticated)', async () => {
    const { keys } = vaultFiles(t.paths.main);
    const json = JSON.parse(readFileSync(keys, 'utf8'));
    const ct: string = json.slots[0].sealedDataKey.ciphertext;
    json.slots[0].sealedDataKey.ciphertext = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
    writeFileSync(keys, JSON.stringify(json));
    // Indistinguishable from a wrong passphrase for one slot: nothing opens, nothing is written.
    await expectUntouched(keys, 'wrong_passphrase');
  });
  it('kasane.keys that is not JSON', async () => {
    const { keys } = vaultFiles(t.paths.main);
    writeFileSync(keys, 'garbage\u0000\u0001');
    await expectUntouched(keys, 'keys_file_corrupt');
  });
  it('kasane.keys from a newer version', async () => {
    const { keys } = vaultFiles(t.paths.main);
    const json = JSON.parse(readFileSync(keys, 'utf8'));
    writeFileSync(keys, JSON.stringify({ ...json, version: 99 }));
    await expectUntouched(keys, 'keys_file_newer');
  });
  it('kasane.db missing', async () => {
    rmSync(vaultFiles(t.paths.main).db);
    expect(await unlock()).toBe('db_file_missing');
  });
  it('kasane.db truncated', async () => {
    const { db } = vaultFiles(t.paths.main);
    truncateSync(db, 4096 + 100);
    await expectUntouched(db, 'db_file_corrupt');
  });
  it('kasane.db overwritten with garbage in its middle', async () => {
    const { db } = vaultFiles(t.paths.main);
    const bytes = readFileSync(db);
    bytes.fill(0x5a, 4096, 4096 * 3);
    writeFileSync(db, bytes);
    await expectUntouched(db, 'db_file_corrupt');
  });
  it('kasane.db from a newer version of Kasane is refused, never opened for writing', async () => {
    const vault = await unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE });
    vault.db.pragma('user_version = 99');
    vault.close();
    const { db } = vaultFiles(t.paths.main);
    const err = await unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE }).catch((e: KasaneError) => e);
    expect(err).toMatchObject({ code: 'db_newer_version', details: { found: 99, supported: LATEST_VERSION } });
    await expectUntouched(db, 'db_newer_version');
  });
  it('a DB opened with another key is reported as damaged, not as a wrong passphrase', () => {
    expect(() => openDatabase(vaultFiles(t.paths.main).db, Buffer.alloc(32, 7))).toThrowError(
      expect.objectContaining({ code: 'db_file_corrupt' }),
    );
  });
});

describe('nothing in the clear', () => {
  it('a string written to the vault is not found in any of its files, while open or after lock', async () => {
    const marker = 'ＺＱ秘密マーカー4711山田花子';
    const vault = await create();
    vault.db.prepare('INSERT INTO cases (id, case_number, initials, status, received_on, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      'c1', 'R8-999', marker, 'received', '2026-11-23', new Date().toISOString(),
    );
    const scan = () => {
      const hits: string[] = [];
      for (const name of readdirSync(t.paths.main)) {
        const bytes = readFileSync(join(t.paths.main, name));
        for (const needle of [marker, 'R8-999', 'みほん市', '試験']) {
          for (const enc of ['utf8', 'utf16le'] as const) {
            // Staff names are in the key file (to pick an account) and the lock file (who holds it): not case data.
            const staffNameAllowed = needle === '試験' && (name === 'kasane.keys' || name === 'kasane.lock');
            if (bytes.includes(Buffer.from(needle, enc)) && !staffNameAllowed) hits.push(`${name}: ${needle}`);
          }
        }
      }
      return hits;
    };
    expect(scan()).toEqual([]); // while open: kasane.db and its WAL
    vault.close();
    expect(scan()).toEqual([]);
  });
});
