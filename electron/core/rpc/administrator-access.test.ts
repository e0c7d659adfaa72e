// Roles (issue 17): the contract says which methods are an administrator's (管理者), `dispatch`
// refuses them for a staff (職員) session before the handler runs. This walks EVERY method of the
// contract as a staff account and as an administrator, so a new method cannot forget to declare it.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMINISTRATOR_METHODS, METHOD_NAMES, type AppStatus, type Organization, type StaffList, type StaffMember } from '../../../shared/contract';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import { vaultFingerprint } from '../testing/vault-fingerprint';
import type { KasaneCore } from '../app';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const { ok, fails } = contractCalls(() => core);
const STAFF = { name: '職員 次郎', passphrase: 'もみじ 並木道 2027 かわせみ' };
const THIRD_PASSPHRASE = 'ひまわり 畑道 2028 つばめ';
let adminId: string;
let thirdId: string;
let staffId: string;
const db = () => core.session.vault.db;
const refusals = () => db().prepare("SELECT count(*) FROM audit_log WHERE action = 'access.refused'").pluck().get() as number;

async function signInAs(id: string, passphrase: string): Promise<void> {
  const status = await ok<AppStatus>('app.status', {});
  if (status.vaultKind !== 'main') await ok('vault.select', { kind: 'main' });
  if (status.state === 'unlocked' && status.session?.staff.id === id && status.vaultKind === 'main') return;
  if (status.state === 'unlocked') await ok('vault.lock', {});
  await ok('vault.unlock', { staffId: id, passphrase });
}

/** Calls every method of the contract with an empty input; returns the methods refused as administrator-only. */
async function walk(id: string, passphrase: string): Promise<string[]> {
  const refused: string[] = [];
  for (const method of METHOD_NAMES) {
    await signInAs(id, passphrase); // a method such as vault.lock may have ended the session
    const r = await core.dispatch(method, {});
    if (!r.ok && r.error.code === 'administrator_only') refused.push(method);
  }
  return refused;
}

beforeAll(async () => {
  t = tempHome();
  core = testCore(t.paths);
  adminId = (await ok<{ staff: { id: string } }>('vault.create', VAULT_INPUT)).staff.id;
  staffId = (await ok<StaffMember>('staff.add', STAFF)).id;
});
afterAll(async () => {
  await core.close();
  t.cleanup();
});

describe('administrator-only methods, enforced in dispatch', () => {
  it('the creator is an administrator; a new account is staff', async () => {
    const { staff } = await ok<StaffList>('staff.list', {});
    expect(staff.map((s) => [s.name, s.role])).toEqual([
      [VAULT_INPUT.staffName, 'administrator'],
      [STAFF.name, 'staff'],
    ]);
  });

  it(`walks all ${METHOD_NAMES.length} methods as staff: exactly the administrator methods are refused, each refusal audited, nothing changed`, async () => {
    await signInAs(staffId, STAFF.passphrase);
    const before = refusals();
    const fingerprint = vaultFingerprint(db());
    const refused = await walk(staffId, STAFF.passphrase);
    expect(refused.sort()).toEqual([...ADMINISTRATOR_METHODS].sort());
    expect(ADMINISTRATOR_METHODS).toEqual(
      expect.arrayContaining(['organization.setExemption', 'staff.add', 'staff.setRole', 'staff.remove', 'staff.createRecoveryKey', 'settings.update', 'backup.configure', 'pledge.updateWording', 'audit.pdf']),
    );
    await signInAs(staffId, STAFF.passphrase);
    expect(refusals()).toBe(before + ADMINISTRATOR_METHODS.length);
    // A refusal happens before the handler: with a valid input too, and it names what to ask for.
    const org = (await ok<Organization[]>('organization.list', {}))[0]!;
    expect(await fails('organization.setExemption', { id: org.id, reason: '地方公務員法' })).toMatchObject({ code: 'administrator_only', details: { what: 'organization.setExemption' } });
    expect((await ok<Organization[]>('organization.list', {}))[0]!.pledgeExemptionReason).toBeNull();
    expect(vaultFingerprint(db())).toBe(fingerprint);
  });

  it('walks all methods as an administrator: none is refused for the role', async () => {
    expect(await walk(adminId, VAULT_INPUT.passphrase)).toEqual([]);
  });
});

describe('roles change only by an administrator, never leaving the vault without one', () => {
  it('refuses changing one\'s own role and demoting or removing the last administrator; a change is audited', async () => {
    await signInAs(adminId, VAULT_INPUT.passphrase);
    expect(await fails('staff.setRole', { staffId: adminId, role: 'staff' })).toMatchObject({ code: 'cannot_change_own_role' });
    // Bad input is refused by the contract before anything is read or changed.
    expect((await fails('staff.setRole', { staffId, role: 'owner' })).code).toBe('validation_failed');
    expect((await fails('staff.setRole', { staffId: 'no-such-account', role: 'staff' })).code).toBe('staff_not_found');
    const org = (await ok<Organization[]>('organization.list', {}))[0]!;
    expect((await fails('organization.setExemption', { id: org.id, reason: '   ' })).code).toBe('validation_failed');
    expect((await fails('organization.setExemption', { id: 'no-such-org', reason: '地方公務員法' })).code).toBe('organization_not_found');
    const promoted = await ok<StaffMember>('staff.setRole', { staffId, role: 'administrator' });
    expect(promoted.role).toBe('administrator');
    expect(db().prepare("SELECT details FROM audit_log WHERE action = 'staff.role_changed'").pluck().get()).toBe(JSON.stringify({ previousRole: 'staff', role: 'administrator' }));

    // Now two administrators: the second demotes the first, and is then the last one.
    await signInAs(staffId, STAFF.passphrase);
    await ok('staff.setRole', { staffId: adminId, role: 'staff' });
    await signInAs(adminId, VAULT_INPUT.passphrase);
    expect(await fails('staff.setRole', { staffId, role: 'staff' })).toMatchObject({ code: 'administrator_only' });
    await signInAs(staffId, STAFF.passphrase);
    expect(await fails('staff.setRole', { staffId, role: 'staff' })).toMatchObject({ code: 'cannot_change_own_role' });
    // The session says who may decide: the UI disables what a staff account cannot do.
    expect((await ok<AppStatus>('app.status', {})).session?.role).toBe('administrator');
    await signInAs(adminId, VAULT_INPUT.passphrase);
    expect((await ok<AppStatus>('app.status', {})).session?.role).toBe('staff');
  });

  it('the last administrator is never removed nor demoted: only an administrator could, and never themself', async () => {
    // staffId is the only administrator; promote the first back, then try to remove each in turn.
    await signInAs(staffId, STAFF.passphrase);
    const third = await ok<StaffMember>('staff.add', { name: '第三 三子', passphrase: THIRD_PASSPHRASE });
    thirdId = third.id;
    expect(third.role).toBe('staff');
    await ok('staff.setRole', { staffId: adminId, role: 'administrator' });
    await ok('staff.setRole', { staffId: adminId, role: 'staff' });
    // Only staffId is an administrator: someone else cannot be made to remove them, and they cannot remove themself.
    expect(await fails('staff.remove', { staffId })).toMatchObject({ code: 'cannot_remove_self' });
    await ok('staff.setRole', { staffId: third.id, role: 'administrator' });
    await signInAs(third.id, THIRD_PASSPHRASE);
    await ok('staff.setRole', { staffId, role: 'staff' });
    await signInAs(staffId, STAFF.passphrase);
    expect(await fails('staff.remove', { staffId: third.id })).toMatchObject({ code: 'administrator_only' });
  });
});

describe('what depends on who decides, beyond the method', () => {
  it('restoring a backup replaces the whole vault: a staff passphrase may look inside, only an administrator\'s restores', async () => {
    await signInAs(adminId, VAULT_INPUT.passphrase);
    // The tests above left 第三 三子 the one administrator: she makes the creator one again.
    await signInAs(thirdId, THIRD_PASSPHRASE);
    await ok('staff.setRole', { staffId: adminId, role: 'administrator' });
    await signInAs(adminId, VAULT_INPUT.passphrase);
    const folder = `${t.home}/backups`;
    mkdirSync(folder);
    await ok('backup.configure', { folder, onLock: false });
    const done = await ok<{ fileName: string }>('backup.now', {});
    await ok('vault.lock', {});
    const file = `${folder}/${done.fileName}`;
    await ok('backup.inspect', { file, passphrase: STAFF.passphrase });
    expect(await fails('backup.restore', { file, passphrase: STAFF.passphrase })).toMatchObject({ code: 'administrator_only', details: { what: 'backup.restore' } });
    await ok('backup.restore', { file, passphrase: VAULT_INPUT.passphrase });
  });

  it('home says once, on a vault from before roles, that roles exist', async () => {
    await signInAs(adminId, VAULT_INPUT.passphrase);
    const today = new Date().toISOString().slice(0, 10);
    expect((await ok<{ rolesNotice: boolean }>('home.summary', { today })).rolesNotice).toBe(false);
    db().prepare("INSERT INTO settings (key, value) VALUES ('rolesNotice', 'pending')").run(); // as migration 0013 leaves an older vault
    expect((await ok<{ rolesNotice: boolean }>('home.summary', { today })).rolesNotice).toBe(true);
    await ok('home.dismissRolesNotice', {});
    expect((await ok<{ rolesNotice: boolean }>('home.summary', { today })).rolesNotice).toBe(false);
  });
});
