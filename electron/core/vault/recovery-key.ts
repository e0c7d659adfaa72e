import { randomBytes } from 'node:crypto';
import type { ScryptParams } from './crypto';

/**
 * The printed recovery key: 20 random bytes (160 bits) written in Crockford base32 as 8 groups
 * of 5 characters, e.g. `7K3QM-…`. Each group is 4 data characters and 1 check character
 * (Luhn mod 32 over the group's position and its 4 characters), so a typo is found before any
 * cryptography and the user is told which group to look at: Luhn mod N catches every single
 * wrong character and most swaps of neighbours, and including the position catches two groups
 * typed in the wrong order. Crockford's alphabet has no I, L, O, U; i/l are read as 1 and o as 0,
 * lower case and full-width characters (typed through a Japanese IME) are accepted.
 */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const GROUPS = 8;
const DATA_PER_GROUP = 4;
const GROUP_LENGTH = DATA_PER_GROUP + 1;
export const KEY_LENGTH = GROUPS * GROUP_LENGTH;
const KEY_BYTES = 20;

/**
 * KDF parameters of the recovery slot. The key already has 160 bits of entropy, so stretching
 * adds nothing against guessing (2^160 tries either way); scrypt is kept only so the slot has the
 * same shape as a passphrase slot (kdf, N, r, p, salt), with a cost of a few milliseconds.
 */
export const RECOVERY_SCRYPT: ScryptParams = { N: 2 ** 12, r: 8, p: 1 };

function checkChar(group: number, data: readonly number[]): number {
  const codes = [group, ...data];
  let factor = 2;
  let sum = 0;
  for (let i = codes.length - 1; i >= 0; i--) {
    let addend = factor * codes[i]!;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / 32) + (addend % 32);
    sum += addend;
  }
  return (32 - (sum % 32)) % 32;
}

function toBase32(bytes: Buffer): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push((acc >> (bits - 5)) & 31);
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

function fromBase32(values: readonly number[]): Buffer {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const v of values) {
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((acc >> (bits - 8)) & 0xff);
      bits -= 8;
    }
    acc &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** Writes 20 bytes as the printed form. */
export function formatRecoveryKey(bytes: Buffer): string {
  if (bytes.length !== KEY_BYTES) throw new Error('recovery key must be 20 bytes');
  const data = toBase32(bytes);
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const part = data.slice(g * DATA_PER_GROUP, (g + 1) * DATA_PER_GROUP);
    groups.push([...part, checkChar(g, part)].map((v) => ALPHABET[v]).join(''));
  }
  return groups.join('-');
}

export function generateRecoveryKey(): { text: string; secret: string } {
  const bytes = randomBytes(KEY_BYTES);
  const text = formatRecoveryKey(bytes);
  const secret = bytes.toString('hex');
  bytes.fill(0);
  return { text, secret };
}

export type RecoveryKeyProblem =
  | { reason: 'length'; expected: number; found: number }
  | { reason: 'character'; group: number }
  | { reason: 'group'; group: number };

export type ParsedRecoveryKey = { ok: true; secret: string } | ({ ok: false } & RecoveryKeyProblem);

/** Checks the form of a typed key (no cryptography). `secret` is what the slot's KDF gets. */
export function parseRecoveryKey(input: string): ParsedRecoveryKey {
  const chars = [...input.normalize('NFKC').toUpperCase().replace(/[\s\-‐－ー―]/g, '')].map((c) =>
    c === 'O' ? '0' : c === 'I' || c === 'L' ? '1' : c,
  );
  const bad = chars.findIndex((c) => !ALPHABET.includes(c));
  if (bad >= 0 && chars.length === KEY_LENGTH) return { ok: false, reason: 'character', group: Math.floor(bad / GROUP_LENGTH) + 1 };
  if (chars.length !== KEY_LENGTH) return { ok: false, reason: 'length', expected: KEY_LENGTH, found: chars.length };
  const values = chars.map((c) => ALPHABET.indexOf(c));
  const data: number[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const group = values.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH);
    const part = group.slice(0, DATA_PER_GROUP);
    if (checkChar(g, part) !== group[DATA_PER_GROUP]) return { ok: false, reason: 'group', group: g + 1 };
    data.push(...part);
  }
  return { ok: true, secret: fromBase32(data).toString('hex') };
}

/** The hint in Japanese (the renderer re-words it from `reason` and `group` in its language). */
export function recoveryKeyHintJa(problem: RecoveryKeyProblem): string {
  switch (problem.reason) {
    case 'length':
      return `${problem.expected}文字のところ${problem.found}文字です`;
    case 'character':
      return `${problem.group}番目のグループに使えない文字があります`;
    case 'group':
      return `${problem.group}番目のグループに誤りがあります`;
  }
}
