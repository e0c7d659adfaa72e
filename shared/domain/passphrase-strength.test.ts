import { describe, expect, it } from 'vitest';
import { assessPassphrase } from './passphrase-strength';
import { unlockDelayMs } from './unlock-backoff';

describe('passphrase strength', () => {
  it('refuses short, common, repetitive and name-based passphrases', () => {
    expect(assessPassphrase('').acceptable).toBe(false);
    expect(assessPassphrase('abc12345').problems).toContain('too_short');
    expect(assessPassphrase('password1234').problems).toContain('common');
    expect(assessPassphrase('aaaaaaaaaaaaaaaa').problems).toContain('repetitive');
    expect(assessPassphrase('1234567890123').problems).toContain('repetitive');
    expect(assessPassphrase('yamadataro12', ['yamadataro']).problems).toContain('contains_name');
    expect(assessPassphrase('みほん市みほん市12', ['みほん市']).acceptable).toBe(false);
  });
  it('accepts long passphrases of words, in Japanese too', () => {
    expect(assessPassphrase('correct horse battery staple')).toMatchObject({ acceptable: true, score: 4 });
    expect(assessPassphrase('ひだまり 坂道 2026 みずうみ').acceptable).toBe(true);
    expect(assessPassphrase('Tsukimi-dango-7').acceptable).toBe(true);
  });
  it('scores grow with length and variety', () => {
    const scores = ['abc', 'abcdefgh1', 'kumo to sora', 'kumo to sora 42!', 'kumo to sora to umi 42!'].map((p) => assessPassphrase(p).score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(scores[0]).toBe(0);
    expect(scores.at(-1)).toBe(4);
  });
});

describe('unlock backoff', () => {
  it('grows with repeated failures and is capped', () => {
    expect(unlockDelayMs(0)).toBe(0);
    expect(unlockDelayMs(1)).toBe(1000);
    expect(unlockDelayMs(2)).toBe(2000);
    expect(unlockDelayMs(5)).toBe(16000);
    expect(unlockDelayMs(50)).toBe(60000);
  });
});
