import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RpcResult, Session, StaffList } from '../../../shared/contract';
import { GOOD_PASSPHRASE, VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import type { KasaneCore } from '../app';
import { verifyVault } from '../vault/verify';
import { unlockVault, vaultFiles } from '../vault/vault';
import { readKeyFile } from '../vault/key-file';
import { formatRecoveryKey, parseRecoveryKey } from '../vault/recovery-key';
import { NEXT_KEYS_FILE } from '../vault/rotation';
import { createRecoveryKey } from './staff-service';

const SECOND = { name: '二番 花子', passphrase: 'あおぞら 電車 1987 かもめ' };
const THIRD = { name: '三番 次郎', passphrase: 'こもれび 机 3141 ひまわり' };

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
beforeEach(async () => {
  t = tempHome();
  core = testCore(t.paths);
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
});
afterEach(async () => {
  await core.close();
  t.cleanup();
});

function ok<T>(r: RpcResult<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}
const codeOf = (r: RpcResult<unknown>) => (r.ok ? 'ok' : r.error.code);
const list = async () => ok<StaffList>(await core.dispatch('staff.list', {}));
const actions = () =>
  core.session.vault.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[];

async function relock() {
  ok(await core.dispatch('vault.lock', {}));
}

describe('staff accounts', () => {
  it('lists the signed-in account, adds a second one who can unlock as themself', async () => {
    const before = await list();
    // The account that creates the vault is its administrator.
    expect(before.staff).toEqual([{ id: expect.any(String), name: VAULT_INPUT.staffName, createdAt: expect.any(String), isSelf: true, role: 'administrator' }]);
    expect(before.recoveryKey).toEqual({ exists: false, createdAt: null });
    const added = ok<{ id: string }>(await core.dispatch('staff.add', SECOND));
    expect((await list()).staff.map((s) => [s.name, s.isSelf])).toEqual([
      [VAULT_INPUT.staffName, true],
      [SECOND.name, false],
    ]);
    expect(actions()).toContain('staff.added');
    await relock();
    // The unlock screen offers both; the second person unlocks with their own passphrase.
    const status = ok<{ staff: { id: string }[] }>(await core.dispatch('app.status', {}));
    expect(status.staff.map((s) => s.id)).toContain(added.id);
    const session = ok<Session>(await core.dispatch('vault.unlock', { staffId: added.id, passphrase: SECOND.passphrase }));
    expect(session.staff).toEqual({ id: added.id, name: SECOND.name });
    expect((await list()).staff.find((s) => s.isSelf)?.name).toBe(SECOND.name);
    // …and not with the first person's passphrase for their slot.
    await relock();
    expect(codeOf(await core.dispatch('vault.unlock', { staffId: added.id, passphrase: GOOD_PASSPHRASE }))).toBe('wrong_passphrase');
  });

  it('refuses a weak or empty passphrase and a blank name for a new account, changing nothing', async () => {
    const keys = readFileSync(vaultFiles(t.paths.main).keys, 'utf8');
    expect(codeOf(await core.dispatch('staff.add', { name: '弱い 人', passphrase: 'password' }))).toBe('passphrase_weak');
    expect(codeOf(await core.dispatch('staff.add', { name: '空 人', passphrase: '' }))).toBe('passphrase_empty');
    expect(codeOf(await core.dispatch('staff.add', { name: '  ', passphrase: SECOND.passphrase }))).toBe('validation_failed');
    expect(readFileSync(vaultFiles(t.paths.main).keys, 'utf8')).toBe(keys);
    expect((await list()).staff).toHaveLength(1);
  });

  it('refuses to remove the last account and oneself, and an unknown id', async () => {
    const self = (await list()).staff[0]!.id;
    expect(codeOf(await core.dispatch('staff.remove', { staffId: self }))).toBe('last_staff_account');
    ok(await core.dispatch('staff.add', SECOND));
    expect(codeOf(await core.dispatch('staff.remove', { staffId: self }))).toBe('cannot_remove_self');
    expect(codeOf(await core.dispatch('staff.remove', { staffId: 'nobody' }))).toBe('staff_not_found');
    expect((await list()).staff).toHaveLength(2);
    expect(readKeyFile(vaultFiles(t.paths.main).keys).generation).toBe(0);
  });

  it('removing an account rotates the data key: their passphrase and an old key file copy no longer open the vault', async () => {
    const second = ok<{ id: string }>(await core.dispatch('staff.add', SECOND));
    const third = ok<{ id: string }>(await core.dispatch('staff.add', THIRD));
    ok(await core.dispatch('staff.createRecoveryKey', {}));
    const files = vaultFiles(t.paths.main);
    copyFileSync(files.keys, `${t.home}/keys-before`);

    const removed = ok<{ generation: number }>(await core.dispatch('staff.remove', { staffId: second.id }));
    expect(removed.generation).toBe(1);
    const after = readKeyFile(files.keys);
    expect(after.generation).toBe(1);
    expect(after.slots.map((s) => s.kind)).toEqual(['staff', 'staff', 'recovery']);
    expect(existsSync(`${files.dir}/${NEXT_KEYS_FILE}`)).toBe(false);
    expect((await list()).staff.map((s) => s.name)).toEqual([VAULT_INPUT.staffName, THIRD.name]);
    expect(actions().slice(-2)).toEqual(['staff.removed', 'vault.key_rotated']);
    // Still usable in this session after the rekey.
    ok(await core.dispatch('settings.update', { secretariatName: '福祉あんしん課' }));
    expect(verifyVault(core.session.vault.db).ok).toBe(true);
    const removedRow = core.session.vault.db.prepare('SELECT removed_at FROM staff WHERE id = ?').pluck().get(second.id);
    expect(removedRow).toEqual(expect.any(String));
    await relock();

    expect(codeOf(await core.dispatch('vault.unlock', { staffId: second.id, passphrase: SECOND.passphrase }))).toBe('wrong_passphrase');
    // The remaining people (re-sealed without their passphrases) still get in.
    await new Promise((r) => setTimeout(r, 1100)); // the delay after one failure
    ok(await core.dispatch('vault.unlock', { staffId: third.id, passphrase: THIRD.passphrase }));
    await relock();

    // The key file from before the removal, copied back: a clear error, no crash, nothing changed.
    const current = readFileSync(files.keys);
    const db = readFileSync(files.db);
    copyFileSync(`${t.home}/keys-before`, files.keys);
    for (const [staffId, passphrase] of [
      [second.id, SECOND.passphrase],
      [third.id, THIRD.passphrase],
    ] as const) {
      const err = await unlockVault(t.paths.main, { staffId, passphrase }).catch((e: { code: string }) => e);
      expect(err).toMatchObject({ code: 'keys_file_mismatch' });
    }
    expect(readFileSync(files.db).equals(db)).toBe(true);
    // Put the right one back: opens again.
    writeFileSync(files.keys, current);
    const v = await unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE });
    expect(verifyVault(v.db).ok).toBe(true);
    v.close();
  });

  it('locking while an account is being added saves nothing', async () => {
    const keys = readFileSync(vaultFiles(t.paths.main).keys, 'utf8');
    const pending = core.dispatch('staff.add', SECOND);
    core.session.lock('manual');
    expect(codeOf(await pending)).toBe('vault_locked');
    expect(readFileSync(vaultFiles(t.paths.main).keys, 'utf8')).toBe(keys);
  });

  it('changes the signed-in passphrase after checking the current one', async () => {
    const NEW = 'ゆうやけ 踏切 2718 つばめ';
    expect(codeOf(await core.dispatch('staff.changePassphrase', { currentPassphrase: 'まちがい まちがい', newPassphrase: NEW }))).toBe('wrong_passphrase');
    expect(codeOf(await core.dispatch('staff.changePassphrase', { currentPassphrase: GOOD_PASSPHRASE, newPassphrase: 'abc' }))).toBe('passphrase_weak');
    expect(codeOf(await core.dispatch('staff.changePassphrase', { currentPassphrase: GOOD_PASSPHRASE, newPassphrase: '' }))).toBe('passphrase_empty');
    ok(await core.dispatch('staff.changePassphrase', { currentPassphrase: GOOD_PASSPHRASE, newPassphrase: NEW }));
    expect(actions().at(-1)).toBe('staff.passphrase_changed');
    await relock();
    expect(codeOf(await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE }))).toBe('wrong_passphrase');
    await new Promise((r) => setTimeout(r, 1100));
    ok(await core.dispatch('vault.unlock', { passphrase: NEW }));
  });
});

describe('recovery key', () => {
  it('is shown once, opens the vault and sets a new passphrase for the chosen account', async () => {
    const self = (await list()).staff[0]!;
    const { recoveryKey } = ok<{ recoveryKey: string }>(await core.dispatch('staff.createRecoveryKey', {}));
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){7}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect((await list()).recoveryKey).toEqual({ exists: true, createdAt: expect.any(String) });
    expect(readFileSync(vaultFiles(t.paths.main).keys, 'utf8')).not.toContain(recoveryKey);
    await relock();

    const NEW = 'ほしぞら 自転車 1603 すずらん';
    // Typed lower-case with spaces: still accepted.
    const typed = recoveryKey.toLowerCase().replaceAll('-', ' ');
    const session = ok<Session>(await core.dispatch('vault.recover', { recoveryKey: typed, staffId: self.id, newPassphrase: NEW }));
    expect(session.staff).toEqual({ id: self.id, name: self.name });
    expect(actions().at(-1)).toBe('vault.recovered');
    expect(verifyVault(core.session.vault.db).ok).toBe(true);
    await relock();
    ok(await core.dispatch('vault.unlock', { passphrase: NEW }));
    await relock();
    expect(codeOf(await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE }))).toBe('wrong_passphrase');
  });

  it('a typo gives recovery_key_invalid naming the group, before any cryptography; a well-formed other key gives recovery_key_wrong', async () => {
    const self = (await list()).staff[0]!;
    await relock();
    const NEW = 'ほしぞら 自転車 1603 すずらん';
    const recover = (recoveryKey: string, staffId = self.id) => core.dispatch('vault.recover', { recoveryKey, staffId, newPassphrase: NEW });
    expect(codeOf(await recover('ABCDE-FGHJK'))).toBe('recovery_key_invalid');
    ok(await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE }));
    // No recovery key yet.
    await relock();
    const other = formatRecoveryKey(Buffer.alloc(20, 9));
    expect(codeOf(await recover(other))).toBe('no_recovery_key');
    ok(await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE }));
    const { recoveryKey } = ok<{ recoveryKey: string }>(await core.dispatch('staff.createRecoveryKey', {}));
    await relock();

    const groups = recoveryKey.split('-');
    const c = groups[2]![1]!;
    groups[2] = groups[2]![0] + (c === '7' ? '8' : '7') + groups[2]!.slice(2);
    const typo = await recover(groups.join('-'));
    expect(typo).toMatchObject({ ok: false, error: { code: 'recovery_key_invalid', details: { reason: 'group', group: 3, hint: '3番目のグループに誤りがあります' } } });
    expect(await recover(recoveryKey.slice(0, -1))).toMatchObject({ ok: false, error: { code: 'recovery_key_invalid', details: { reason: 'length', found: 39 } } });
    expect(await recover(`${recoveryKey.slice(0, 6)}!${recoveryKey.slice(7)}`)).toMatchObject({
      ok: false,
      error: { code: 'recovery_key_invalid', details: { reason: 'character', group: 2 } },
    });
    expect(codeOf(await recover(other))).toBe('recovery_key_wrong');
    await new Promise((r) => setTimeout(r, 1100)); // the delay after one failure
    expect(codeOf(await recover(recoveryKey, 'nobody'))).toBe('staff_not_found');
    expect(codeOf(await core.dispatch('vault.recover', { recoveryKey, staffId: self.id, newPassphrase: 'password' }))).toBe('passphrase_weak');
    // Nothing changed: the old passphrase still works.
    ok(await core.dispatch('vault.unlock', { passphrase: GOOD_PASSPHRASE }));
    expect(codeOf(await core.dispatch('vault.recover', { recoveryKey, staffId: self.id, newPassphrase: NEW }))).toBe('vault_already_unlocked');
  });

  it('with withPdf, also returns the A4 sheet printed in the core (and nothing is saved if printing fails)', async () => {
    const result = ok<{ recoveryKey: string; pdf: { fileName: string; pdfBase64: string } }>(
      await core.dispatch('staff.createRecoveryKey', { withPdf: true }),
    );
    const pdf = Buffer.from(result.pdf.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(result.pdf.fileName).toMatch(/^回復キー_令和\d+年\d+月\d+日\.pdf$/);
    expect(actions().at(-1)).toBe('recovery_key.created');
    // A printer that fails: an error, and the recovery key in force stays the same.
    const keys = readFileSync(vaultFiles(t.paths.main).keys, 'utf8');
    await expect(
      createRecoveryKey(core.session.vault, new Date(), () => Promise.reject(new Error('no printer'))),
    ).rejects.toThrow('no printer');
    expect(readFileSync(vaultFiles(t.paths.main).keys, 'utf8')).toBe(keys);
  }, 60_000);

  it('the format catches every single wrong character and every swap of two groups', () => {
    const key = formatRecoveryKey(Buffer.from('00112233445566778899aabbccddeeff01234567', 'hex'));
    expect(parseRecoveryKey(key)).toEqual({ ok: true, secret: '00112233445566778899aabbccddeeff01234567' });
    const chars = key.replaceAll('-', '');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 0; i < chars.length; i++) {
      for (const c of alphabet) {
        if (c === chars[i]) continue;
        const bad = chars.slice(0, i) + c + chars.slice(i + 1);
        expect(parseRecoveryKey(bad)).toMatchObject({ ok: false, reason: 'group', group: Math.floor(i / 5) + 1 });
      }
    }
    const groups = key.split('-');
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        if (groups[a] === groups[b]) continue;
        const swapped = [...groups];
        [swapped[a], swapped[b]] = [swapped[b]!, swapped[a]!];
        expect(parseRecoveryKey(swapped.join('-')).ok).toBe(false);
      }
    }
    // Full-width input from an IME, o for 0 and l for 1 are read as meant.
    const fullWidth = key.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    expect(parseRecoveryKey(fullWidth).ok).toBe(true);
    expect(parseRecoveryKey(key.replaceAll('0', 'o').replaceAll('1', 'l')).ok).toBe(true);
  });
});
