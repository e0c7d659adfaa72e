import { describe, expect, it } from 'vitest';
import { coverage, type Person, type Pledge } from './pledge-coverage';

const SHAKYO = 'org-shakyo';
const HOUKATSU = 'org-houkatsu';
const person: Person = { memberId: 'm1', affiliations: [{ organizationId: SHAKYO, startOn: '2020-04-01', endOn: null }] };
const meeting = (date: string, id = 'mtg-1') => ({ id, date });
const annual = (fiscalYear: number, extra: Partial<Pledge> = {}): Pledge =>
  ({ id: `ind-${fiscalYear}`, kind: 'individual_annual', memberId: 'm1', fiscalYear, signedOn: `${fiscalYear}-04-01`, revokedOn: null, ...extra }) as Pledge;
const roster = (fiscalYear: number, memberIds: string[], organizationId = SHAKYO, extra: Partial<Pledge> = {}): Pledge =>
  ({ id: `ros-${fiscalYear}`, kind: 'organization_roster', organizationId, memberIds, fiscalYear, signedOn: `${fiscalYear}-04-01`, revokedOn: null, ...extra }) as Pledge;
const perMeeting = (meetingId: string, signedOn = '2026-11-01', extra: Partial<Pledge> = {}): Pledge =>
  ({ id: `per-${meetingId}`, kind: 'per_meeting', memberId: 'm1', meetingId, signedOn, revokedOn: null, ...extra }) as Pledge;

describe('pledge coverage', () => {
  it('no pledge: not covered', () => {
    expect(coverage(person, meeting('2026-11-20'), [], [])).toEqual({ covered: false, reason: 'no_pledge' });
  });

  it('individual annual pledge: 1 April to 31 March of its 年度, not a day more', () => {
    const p = [annual(2025, { signedOn: '2025-04-01' })];
    expect(coverage(person, meeting('2025-04-01'), p, [])).toMatchObject({ covered: true, by: { kind: 'individual_annual' } });
    expect(coverage(person, meeting('2026-03-31'), p, [])).toMatchObject({ covered: true });
    expect(coverage(person, meeting('2026-04-01'), p, [])).toEqual({ covered: false, reason: 'expired' });
    expect(coverage(person, meeting('2025-03-31'), p, [])).toEqual({ covered: false, reason: 'no_pledge' });
  });

  it('counts from the day it was signed (signing at check-in on the day counts)', () => {
    const p = [annual(2026, { signedOn: '2026-11-20' })];
    expect(coverage(person, meeting('2026-11-20'), p, [])).toMatchObject({ covered: true });
    expect(coverage(person, meeting('2026-11-19'), p, [])).toEqual({ covered: false, reason: 'signed_after_meeting' });
  });

  it('revoked: nothing from the revocation day on; meetings before it stay covered', () => {
    const p = [annual(2026, { revokedOn: '2026-10-01' })];
    expect(coverage(person, meeting('2026-09-30'), p, [])).toMatchObject({ covered: true });
    expect(coverage(person, meeting('2026-10-01'), p, [])).toEqual({ covered: false, reason: 'revoked' });
  });

  it('a revoked pledge and a valid one: the valid one covers', () => {
    const p = [annual(2026, { revokedOn: '2026-06-01' }), perMeeting('mtg-1')];
    expect(coverage(person, meeting('2026-11-20'), p, [])).toMatchObject({ covered: true, by: { kind: 'per_meeting' } });
  });

  it('organization roster: covers the people it names, while they belong to that organization', () => {
    expect(coverage(person, meeting('2026-11-20'), [roster(2026, ['m1', 'm2'])], [])).toMatchObject({ covered: true, by: { kind: 'organization_roster' } });
    expect(coverage(person, meeting('2026-11-20'), [roster(2026, ['m2', 'm3'])], [])).toEqual({ covered: false, reason: 'no_pledge' });
  });

  it('a person who moved organizations mid-year is no longer covered by the old roster', () => {
    const moved: Person = {
      memberId: 'm1',
      affiliations: [
        { organizationId: SHAKYO, startOn: '2020-04-01', endOn: '2026-09-30' },
        { organizationId: HOUKATSU, startOn: '2026-10-01', endOn: null },
      ],
    };
    const p = [roster(2026, ['m1'], SHAKYO)];
    expect(coverage(moved, meeting('2026-09-30'), p, [])).toMatchObject({ covered: true });
    expect(coverage(moved, meeting('2026-10-01'), p, [])).toEqual({ covered: false, reason: 'roster_other_organization' });
    // …but an individual pledge follows the person.
    expect(coverage(moved, meeting('2026-10-01'), [...p, annual(2026)], [])).toMatchObject({ covered: true, by: { kind: 'individual_annual' } });
  });

  it('an exempted organization covers its people, with the reason', () => {
    const e = [{ organizationId: SHAKYO, reason: '法令により守秘義務を負う' }];
    expect(coverage(person, meeting('2026-11-20'), [], e)).toEqual({
      covered: true,
      by: { kind: 'exemption', organizationId: SHAKYO, reason: '法令により守秘義務を負う' },
    });
    const elsewhere = [{ organizationId: HOUKATSU, reason: 'x' }];
    expect(coverage(person, meeting('2026-11-20'), [], elsewhere)).toEqual({ covered: false, reason: 'no_pledge' });
    // A person who has left every organization has no exemption to lean on.
    const left: Person = { memberId: 'm1', affiliations: [{ organizationId: SHAKYO, startOn: '2020-04-01', endOn: '2026-03-31' }] };
    expect(coverage(left, meeting('2026-11-20'), [], e)).toEqual({ covered: false, reason: 'no_pledge' });
  });

  it('a per-meeting pledge covers that meeting only', () => {
    expect(coverage(person, meeting('2026-11-20', 'mtg-1'), [perMeeting('mtg-1')], [])).toMatchObject({ covered: true, by: { pledgeId: 'per-mtg-1' } });
    expect(coverage(person, meeting('2026-11-20', 'mtg-2'), [perMeeting('mtg-1')], [])).toEqual({ covered: false, reason: 'pledge_for_other_meeting' });
  });

  it("another person's pledges never cover", () => {
    const other: Pledge = { id: 'x', kind: 'individual_annual', memberId: 'm9', fiscalYear: 2026, signedOn: '2026-04-01', revokedOn: null };
    expect(coverage(person, meeting('2026-11-20'), [other], [])).toEqual({ covered: false, reason: 'no_pledge' });
  });

  it('gives the most useful reason when several apply', () => {
    const p = [annual(2025), perMeeting('mtg-9'), annual(2026, { revokedOn: '2026-05-01' })];
    expect(coverage(person, meeting('2026-11-20'), p, [])).toEqual({ covered: false, reason: 'revoked' });
    expect(coverage(person, meeting('2026-11-20'), [annual(2025), perMeeting('mtg-9')], [])).toEqual({ covered: false, reason: 'expired' });
  });
});
