import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member, Organization } from '../../../shared/contract';
import { TYPICAL_ORGANIZATIONS } from './typical-organizations';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import { contractCalls } from '../testing/contract-calls';
import type { KasaneCore } from '../app';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
const now = new Date('2026-11-23T09:00:00+09:00');

beforeEach(async () => {
  t = tempHome();
  core = testCore(t.paths, () => now);
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
});
afterEach(async () => {
  await core.close();
  t.cleanup();
});

const { ok, fails } = contractCalls(() => core);
const auditActions = () => core.session.vault.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[];

describe('organizations', () => {
  it('a new vault starts with the typical organizations of a municipal plan', async () => {
    const orgs = await ok<Organization[]>('organization.list', {});
    expect(orgs.map((o) => o.name)).toEqual(TYPICAL_ORGANIZATIONS.map((o) => o.name));
    expect(orgs.find((o) => o.name === '社会福祉協議会')?.kind).toBe('contractor');
  });

  it('adds, edits (with a pledge exemption), retires and reinstates; never deletes', async () => {
    const npo = await ok<Organization>('organization.create', { name: 'NPO法人 みらい', kind: 'partner', contact: '0000-00-0000' });
    expect(npo).toMatchObject({ name: 'NPO法人 みらい', kind: 'partner', contact: '0000-00-0000', pledgeExemptionReason: null, retiredAt: null });
    // An NPO is not bound by statute: exempting one needs the explicit confirmation.
    expect((await fails('organization.setExemption', { id: npo.id, reason: '職員は法令上の守秘義務を負う' })).code).toBe('exemption_not_statutory');
    const edited = await ok<Organization>('organization.setExemption', { id: npo.id, reason: '職員は法令上の守秘義務を負う', confirmNotStatutory: true });
    expect(edited.pledgeExemptionReason).toBe('職員は法令上の守秘義務を負う');
    const retired = await ok<Organization>('organization.retire', { id: npo.id });
    expect(retired.retiredAt).not.toBeNull();
    expect((await ok<Organization[]>('organization.list', {})).some((o) => o.id === npo.id)).toBe(false);
    expect((await ok<Organization[]>('organization.list', { includeRetired: true })).some((o) => o.id === npo.id)).toBe(true);
    await ok('organization.reinstate', { id: npo.id });
    expect(auditActions()).toEqual(expect.arrayContaining(['organization.created', 'organization.exemption_changed', 'organization.retired', 'organization.reinstated']));
  });

  it('refuses a duplicate active name and an unknown id, changing nothing', async () => {
    expect((await fails('organization.create', { name: '社会福祉協議会', kind: 'contractor' })).code).toBe('organization_name_taken');
    expect((await fails('organization.update', { id: 'nope', name: 'x' })).code).toBe('organization_not_found');
    expect((await fails('organization.create', { name: '  ', kind: 'partner' })).code).toBe('validation_failed');
    expect((await fails('organization.create', { name: 'x', kind: 'company' })).code).toBe('validation_failed');
    expect((await ok<Organization[]>('organization.list', {})).length).toBe(TYPICAL_ORGANIZATIONS.length);
  });
});

describe('members', () => {
  it('keeps the history when a person moves and when they leave', async () => {
    const orgs = await ok<Organization[]>('organization.list', {});
    const [fukushi, houkatsu] = [orgs.find((o) => o.name === '福祉課')!, orgs.find((o) => o.name === '地域包括支援センター')!];
    const m = await ok<Member>('member.create', { name: '見本 一郎', nameKana: 'みほん いちろう', organizationId: fukushi.id, title: '主査', startOn: '2025-04-01' });
    expect(m.current).toMatchObject({ organizationName: '福祉課', title: '主査', startOn: '2025-04-01', endOn: null });

    const moved = await ok<Member>('member.move', { id: m.id, organizationId: houkatsu.id, title: '社会福祉士', on: '2026-04-01' });
    expect(moved.current).toMatchObject({ organizationName: '地域包括支援センター', startOn: '2026-04-01' });
    expect(moved.history).toEqual([
      expect.objectContaining({ organizationName: '福祉課', startOn: '2025-04-01', endOn: '2026-03-31' }),
      expect.objectContaining({ organizationName: '地域包括支援センター', startOn: '2026-04-01', endOn: null }),
    ]);
    expect((await ok<Organization[]>('organization.list', {})).find((o) => o.id === houkatsu.id)?.activeMembers).toBe(1);

    const left = await ok<Member>('member.leave', { id: m.id, on: '2026-10-31' });
    expect(left.current).toBeNull();
    expect(left.history).toHaveLength(2);
    expect(await ok<Member[]>('member.list', {})).toEqual([]);
    expect((await ok<Member[]>('member.list', { includeLeft: true })).map((x) => x.name)).toEqual(['見本 一郎']);
  });

  it('a member without an organization, or at a retired one, is refused', async () => {
    expect((await fails('member.create', { name: '所属 なし', startOn: '2026-04-01' })).code).toBe('validation_failed');
    const org = await ok<Organization>('organization.create', { name: '旧組織', kind: 'partner' });
    await ok('organization.retire', { id: org.id });
    expect((await fails('member.create', { name: '誰か', organizationId: org.id, startOn: '2026-04-01' })).code).toBe('organization_not_found');
    expect(await ok<Member[]>('member.list', { includeLeft: true })).toEqual([]);
  });

  it('a move dated before the current period is refused', async () => {
    const orgs = await ok<Organization[]>('organization.list', {});
    const m = await ok<Member>('member.create', { name: '日付 試験', organizationId: orgs[0]!.id, startOn: '2026-04-01' });
    expect((await fails('member.move', { id: m.id, organizationId: orgs[1]!.id, on: '2026-04-01' })).code).toBe('validation_failed');
    expect((await ok<Member>('member.get', { id: m.id })).history).toHaveLength(1);
  });
});
