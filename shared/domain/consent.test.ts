import { describe, expect, it } from 'vitest';
import { checkConsentDate, checkWithdrawal, consentOn, type ConsentRecord } from './consent';
import { formatCaseNumber, isValidCaseNumberFormat, DEFAULT_CASE_NUMBER_FORMAT } from './case-number';

const rec = (id: string, givenOn: string, withdrawnOn: string | null = null, allowsJusoteki = true): ConsentRecord => ({
  id,
  givenOn,
  withdrawnOn,
  allowsJusoteki,
  organizationIds: [`org-${id}`],
});

describe('consent on a day', () => {
  it('none recorded: not valid', () => {
    expect(consentOn([], '2026-05-01')).toMatchObject({ valid: false, consentId: null, allowsJusoteki: false });
  });
  it('valid from the day it is given, not the day before', () => {
    expect(consentOn([rec('a', '2026-05-01')], '2026-04-30').valid).toBe(false);
    expect(consentOn([rec('a', '2026-05-01')], '2026-05-01')).toMatchObject({ valid: true, consentId: 'a', organizationIds: ['org-a'] });
  });
  it('withdrawn: valid the day before the withdrawal, not on it', () => {
    const r = [rec('a', '2026-05-01', '2026-07-10')];
    expect(consentOn(r, '2026-07-09').valid).toBe(true);
    expect(consentOn(r, '2026-07-10')).toMatchObject({ valid: false, withdrawnOn: '2026-07-10' });
  });
  it('a new consent after a withdrawal counts, and its scope is the new one', () => {
    const r = [rec('a', '2026-05-01', '2026-07-10'), rec('b', '2026-09-01', null, false)];
    expect(consentOn(r, '2026-08-01').valid).toBe(false);
    expect(consentOn(r, '2026-09-02')).toMatchObject({ valid: true, consentId: 'b', allowsJusoteki: false, organizationIds: ['org-b'] });
  });
  it('the latest valid record wins when two overlap', () => {
    const r = [rec('a', '2026-05-01', null, false), rec('b', '2026-06-01', null, true)];
    expect(consentOn(r, '2026-06-15')).toMatchObject({ consentId: 'b', allowsJusoteki: true });
    expect(consentOn(r, '2026-05-15')).toMatchObject({ consentId: 'a', allowsJusoteki: false });
  });
});

describe('consent dates', () => {
  it('refuses a consent in the future or before the case was received', () => {
    expect(checkConsentDate('2026-11-24', '2026-10-01', '2026-11-23')).toBe('consent_in_future');
    expect(checkConsentDate('2026-09-30', '2026-10-01', '2026-11-23')).toBe('consent_before_received');
    expect(checkConsentDate('2026-10-01', '2026-10-01', '2026-11-23')).toBeNull();
    expect(checkConsentDate('2026-11-23', '2026-10-01', '2026-11-23')).toBeNull();
  });
  it('refuses a withdrawal before the consent, in the future, or twice', () => {
    expect(checkWithdrawal({ givenOn: '2026-10-05', withdrawnOn: null }, '2026-10-04', '2026-11-23')).toBe('withdrawal_before_consent');
    expect(checkWithdrawal({ givenOn: '2026-10-05', withdrawnOn: null }, '2026-11-24', '2026-11-23')).toBe('consent_in_future');
    expect(checkWithdrawal({ givenOn: '2026-10-05', withdrawnOn: '2026-11-01' }, '2026-11-10', '2026-11-23')).toBe('consent_already_withdrawn');
    expect(checkWithdrawal({ givenOn: '2026-10-05', withdrawnOn: null }, '2026-10-05', '2026-11-23')).toBeNull();
  });
});

describe('case numbers', () => {
  it('R8-001 by default, by 年度 (the era of 1 April)', () => {
    expect(formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, 2026, 1)).toBe('R8-001');
    expect(formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, 2026, 1234)).toBe('R8-1234');
    expect(formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, 2019, 7)).toBe('H31-007');
    expect(formatCaseNumber('{fy}-{seq:4}', 2026, 12)).toBe('2026-0012');
    expect(formatCaseNumber('重{eraYear}第{seq}号', 2026, 5)).toBe('重8第5号');
  });
  it('a format must contain the sequence number', () => {
    expect(isValidCaseNumberFormat('{era}{eraYear}')).toBe(false);
    expect(isValidCaseNumberFormat(DEFAULT_CASE_NUMBER_FORMAT)).toBe(true);
  });
});
