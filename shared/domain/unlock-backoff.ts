/**
 * Delay before the next unlock attempt after `failures` consecutive wrong passphrases:
 * 1 s, 2 s, 4 s … capped at 60 s. Together with the KDF's own cost this makes guessing slow
 * while a single typo costs only a second.
 */
export function unlockDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(60_000, 1000 * 2 ** (failures - 1));
}
