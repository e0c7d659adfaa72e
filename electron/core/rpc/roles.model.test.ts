// Roles as an invariant (issue 17), not a button check: random sequences of the real commands —
// sign in as anyone, change roles, add and remove accounts, and call administrator methods —
// through the contract on a real vault. After every step: the vault always has an administrator,
// the roles are what the model says, and an administrator method succeeded exactly when the
// signed-in account was an administrator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Organization, StaffList, StaffMember } from '../../../shared/contract';
import type { KasaneCore } from '../app';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';

const LONG = process.env.KASANE_LONG === '1';
const RUNS = LONG ? 200 : 20;
const PASSPHRASES = [VAULT_INPUT.passphrase, 'もみじ 並木道 2027 かわせみ', 'ひまわり 畑道 2028 つばめ', 'すずらん 坂道 2029 ひばり'];

interface Model {
  /** Accounts by index into PASSPHRASES: their role, or null once removed. */
  roles: ('administrator' | 'staff' | null)[];
  ids: (string | null)[];
  self: number;
}
interface Real {
  core: KasaneCore;
  orgId: string;
}

const call = (r: Real, method: string, input: unknown) => r.core.dispatch(method, input);

async function signIn(r: Real, model: Model, who: number): Promise<void> {
  if ((await call(r, 'app.status', {})).ok) await call(r, 'vault.lock', {});
  const result = await call(r, 'vault.unlock', { staffId: model.ids[who], passphrase: PASSPHRASES[who] });
  if (!result.ok) throw new Error(`unlock ${who}: ${result.error.code}`);
  model.self = who;
}

async function check(r: Real, model: Model, label: string): Promise<void> {
  const list = await call(r, 'staff.list', {});
  expect(list.ok, label).toBe(true);
  const staff = (list.ok ? (list.value as StaffList).staff : []) as StaffMember[];
  for (const [i, role] of model.roles.entries()) {
    const row = staff.find((s) => s.id === model.ids[i]);
    expect(row?.role ?? null, `${label}: role of account ${i}`).toBe(role);
  }
  expect(staff.filter((s) => s.role === 'administrator').length, `${label}: an administrator remains`).toBeGreaterThan(0);
}

class Step implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly label: string,
    readonly act: (m: Model, r: Real) => Promise<void>,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await this.act(m, r);
    await check(r, m, this.label);
  }
  toString = () => this.label;
}

const who = fc.nat({ max: PASSPHRASES.length - 1 });
const commands = [
  who.map((i) => new Step(`signIn ${i}`, async (m, r) => (m.roles[i] ? signIn(r, m, i) : undefined))),
  fc.record({ target: who, role: fc.constantFrom('administrator' as const, 'staff' as const) }).map(
    (a) =>
      new Step(`setRole ${JSON.stringify(a)}`, async (m, r) => {
        const result = await call(r, 'staff.setRole', { staffId: m.ids[a.target] ?? 'gone', role: a.role });
        const admin = m.roles[m.self] === 'administrator';
        if (!admin) expect(result.ok ? null : result.error.code).toBe('administrator_only');
        else if (a.target === m.self) expect(result.ok ? null : result.error.code).toBe('cannot_change_own_role');
        else if (m.roles[a.target] === null) expect(result.ok).toBe(false);
        else {
          expect(result.ok).toBe(true);
          m.roles[a.target] = a.role;
        }
      }),
  ),
  who.map(
    (i) =>
      new Step(`add ${i}`, async (m, r) => {
        if (m.ids[i] !== null) return; // each passphrase is one account
        const result = await call(r, 'staff.add', { name: `職員 ${i}`, passphrase: PASSPHRASES[i] });
        expect(result.ok).toBe(m.roles[m.self] === 'administrator');
        if (result.ok) {
          m.ids[i] = (result.value as StaffMember).id;
          m.roles[i] = 'staff';
        }
      }),
  ),
  who.map(
    (i) =>
      new Step(`remove ${i}`, async (m, r) => {
        if (m.ids[i] === null || m.roles[i] === null) return;
        const result = await call(r, 'staff.remove', { staffId: m.ids[i] });
        const admin = m.roles[m.self] === 'administrator';
        if (!admin) expect(result.ok ? null : result.error.code).toBe('administrator_only');
        else if (i === m.self) expect(result.ok ? null : result.error.code).toMatch(/^(cannot_remove_self|last_staff_account)$/);
        else {
          expect(result.ok).toBe(true);
          m.roles[i] = null;
        }
      }),
  ),
  fc.constantFrom('exempt', 'settings').map(
    (what) =>
      new Step(`administrator method ${what}`, async (m, r) => {
        const result =
          what === 'exempt'
            ? await call(r, 'organization.setExemption', { id: r.orgId, reason: m.roles[m.self] === 'administrator' ? `理由 ${Math.random()}` : '地方公務員法' })
            : await call(r, 'settings.update', { idleLockMinutes: 15 });
        if (m.roles[m.self] === 'administrator') expect(result.ok).toBe(true);
        else expect(result.ok ? null : result.error.code).toBe('administrator_only');
      }),
  ),
];

describe('roles under any sequence of commands (model-based)', () => {
  it(`always an administrator; administrator methods only for administrators (${RUNS} runs)`, { timeout: LONG ? 1_800_000 : 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
        const t = tempHome();
        const core = testCore(t.paths);
        try {
          const created = await core.dispatch('vault.create', VAULT_INPUT);
          if (!created.ok) throw new Error(created.error.code);
          const orgs = await core.dispatch('organization.list', {});
          const orgId = (orgs.ok ? (orgs.value as Organization[]) : []).find((o) => o.kind === 'city_department')!.id;
          const creator = (created.value as { staff: { id: string } }).staff.id;
          const model: Model = { roles: ['administrator', null, null, null], ids: [creator, null, null, null], self: 0 };
          await fc.asyncModelRun(() => ({ model, real: { core, orgId } }), cmds);
        } finally {
          await core.close();
          t.cleanup();
        }
      }),
      { numRuns: RUNS },
    );
  });
});
