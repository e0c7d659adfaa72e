import { describe, expect, it } from 'vitest';
import type { Member } from '../../../../shared/contract/directory';
import type { PledgeRecord } from '../../../../shared/contract/pledges';
import { defaultAddressee, filterPledges, groupByOrganization, pledgeStatus, renewalDefaultYear } from './logic';

function pledge(id: string, patch: Partial<PledgeRecord> = {}): PledgeRecord {
  return {
    id,
    kind: 'individual_annual',
    memberId: 'm1',
    memberName: '相談 一郎',
    organizationId: null,
    organizationName: null,
    rosterMembers: [],
    meetingId: null,
    fiscalYear: 2026,
    signedOn: '2026-04-10',
    addressee: 'みほん市長',
    wordingVersion: 1,
    originalReceived: true,
    revokedOn: null,
    revocationReason: null,
    scanAttachmentId: null,
    supersededBy: null,
    ...patch,
  };
}

describe('pledge status in the register', () => {
  it('is 有効 until revoked or replaced; a replaced pledge stays 置換済み even if also revoked', () => {
    expect(pledgeStatus(pledge('a'))).toBe('active');
    expect(pledgeStatus(pledge('b', { revokedOn: '2026-05-01', revocationReason: '異動' }))).toBe('revoked');
    expect(pledgeStatus(pledge('c', { supersededBy: 'd' }))).toBe('superseded');
    expect(pledgeStatus(pledge('e', { supersededBy: 'f', revokedOn: '2026-05-01' }))).toBe('superseded');
  });

  it('hides revoked and replaced pledges unless that status is chosen, and filters by kind', () => {
    const list = [
      pledge('active'),
      pledge('revoked', { revokedOn: '2026-05-01' }),
      pledge('replaced', { supersededBy: 'active' }),
      pledge('roster', { kind: 'organization_roster', memberId: null, organizationId: 'o1' }),
    ];
    const ids = (f: Parameters<typeof filterPledges>[1]) => filterPledges(list, f).map((p) => p.id);
    expect(ids({ kind: '', status: 'active' })).toEqual(['active', 'roster']);
    expect(ids({ kind: '', status: 'revoked' })).toEqual(['revoked']);
    expect(ids({ kind: '', status: 'superseded' })).toEqual(['replaced']);
    expect(ids({ kind: '', status: '' })).toEqual(['active', 'revoked', 'replaced', 'roster']);
    expect(ids({ kind: 'organization_roster', status: 'active' })).toEqual(['roster']);
    expect(ids({ kind: 'per_meeting', status: '' })).toEqual([]);
  });
});

describe('the 年度 the 新年度 view opens on', () => {
  it('is the current 年度 from June to March (its pledges end on the coming 31 March)', () => {
    expect(renewalDefaultYear('2027-02-01')).toBe(2026);
    expect(renewalDefaultYear('2027-03-31')).toBe(2026);
    expect(renewalDefaultYear('2026-06-01')).toBe(2026);
    expect(renewalDefaultYear('2026-12-31')).toBe(2026);
    expect(renewalDefaultYear('2027-01-15')).toBe(2026);
  });

  it('is the 年度 that just ended in April and May, while its pledges are still being renewed', () => {
    expect(renewalDefaultYear('2026-04-01')).toBe(2025);
    expect(renewalDefaultYear('2026-05-31')).toBe(2025);
  });
});

describe('members grouped by organization for the pickers', () => {
  const member = (id: string, org: [string, string] | null): Member => ({
    id,
    name: id,
    nameKana: null,
    contact: null,
    current: org ? { organizationId: org[0], organizationName: org[1], title: null, startOn: '2020-04-01', endOn: null } : null,
    history: [],
  });

  it('keeps the directory order, groups by current organization and leaves out people who have left', () => {
    const groups = groupByOrganization([member('a', ['o1', '包括']), member('b', ['o2', '社協']), member('left', null), member('c', ['o1', '包括'])]);
    expect(groups.map((g) => [g.name, g.members.map((m) => m.id)])).toEqual([
      ['包括', ['a', 'c']],
      ['社協', ['b']],
    ]);
  });
});

describe('default addressee', () => {
  it('is the municipality name with 長, as on the printed forms', () => {
    expect(defaultAddressee('みほん市')).toBe('みほん市長');
    expect(defaultAddressee('  ')).toBe('');
  });
});
