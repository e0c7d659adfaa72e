/**
 * Passphrase strength, judged the same way in the form (as the user types) and in the core
 * (which refuses a weak one). The vault's data is only as safe as the weakest staff passphrase,
 * so the bar is a long passphrase rather than a short complex password.
 */
export const MIN_PASSPHRASE_LENGTH = 12;

export type PassphraseProblem = 'too_short' | 'one_kind' | 'repetitive' | 'common' | 'contains_name';

export interface PassphraseAssessment {
  /** 0 (unusable) to 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
  problems: PassphraseProblem[];
}

// A short list of what people actually type; a long passphrase cannot be one of them anyway.
const COMMON = [
  'password', 'passw0rd', 'qwerty', 'letmein', 'welcome', 'admin', 'kasane', 'jimukyoku',
  'fukushi', 'shiyakusho', 'yakusho', 'abc123', 'iloveyou', 'sakura', 'himitsu',
];

function kindsOf(text: string): number {
  const kinds = [
    /[a-z]/u, /[A-Z]/u, /[0-9０-９]/u, /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u,
    /[^\p{L}\p{N}]/u,
  ];
  return kinds.filter((re) => re.test(text)).length;
}

function isRepetitive(chars: string[]): boolean {
  const distinct = new Set(chars).size;
  if (distinct <= Math.max(2, Math.floor(chars.length / 4))) return true;
  // Runs such as 123456789 or abcdefgh make up most of the text.
  let run = 1;
  let longest = 1;
  for (let i = 1; i < chars.length; i++) {
    const step = (chars[i]!.codePointAt(0) ?? 0) - (chars[i - 1]!.codePointAt(0) ?? 0);
    run = Math.abs(step) <= 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest >= Math.ceil(chars.length * 0.6);
}

export function assessPassphrase(passphrase: string, personalWords: readonly string[] = []): PassphraseAssessment {
  const chars = [...passphrase];
  const lower = passphrase.toLowerCase();
  const problems: PassphraseProblem[] = [];
  if (chars.length < MIN_PASSPHRASE_LENGTH) problems.push('too_short');
  if (chars.length > 0 && kindsOf(passphrase) < 2 && chars.length < 20) problems.push('one_kind');
  if (chars.length > 0 && isRepetitive(chars)) problems.push('repetitive');
  const stripped = lower.replace(/[^\p{L}]/gu, '');
  if (COMMON.some((w) => stripped === w || (stripped.startsWith(w) && stripped.length - w.length < 4))) {
    problems.push('common');
  }
  const names = personalWords.map((w) => w.trim().toLowerCase()).filter((w) => [...w].length >= 2);
  if (names.some((w) => lower.includes(w) && chars.length - [...w].length < MIN_PASSPHRASE_LENGTH)) {
    problems.push('contains_name');
  }

  let score = 0;
  if (chars.length >= 8) score++;
  if (chars.length >= MIN_PASSPHRASE_LENGTH) score++;
  if (chars.length >= 16 || kindsOf(passphrase) >= 3) score++;
  if (chars.length >= 20 && kindsOf(passphrase) >= 2) score++;
  if (problems.length > 0) score = Math.min(score, problems.includes('too_short') ? 1 : 2);
  return { score: score as PassphraseAssessment['score'], acceptable: problems.length === 0, problems };
}
