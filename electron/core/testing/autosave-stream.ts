// Child process of the minutes crash test: unlocks the vault through the contract and types into
// one agenda item's notes, one keystroke per save (worse than the UI, which debounces), printing
// each revision once `minutes.saveNotes` has returned. The parent kills it with SIGKILL.
import { createCore } from '../app';
import { resolvePaths } from '../vault/paths';
import { FAST_SCRYPT } from './temp-vault';

/** The text after `revision` keystrokes: the parent recomputes it to check what survived. */
export function typedText(revision: number): string {
  const sentence = '本人と面談し、家計の状況と今後の支援について確認した。\n';
  return sentence.repeat(Math.ceil((revision + 1) / sentence.length)).slice(0, revision);
}

if (process.argv[1]?.endsWith('autosave-stream.ts')) {
  const [home, itemId, from] = process.argv.slice(2) as [string, string, string];
  const core = createCore({ paths: resolvePaths({ home, env: {} }), scrypt: FAST_SCRYPT });
  const unlocked = await core.dispatch('vault.unlock', { passphrase: process.env.KASANE_PASSPHRASE ?? '' });
  if (!unlocked.ok) throw new Error(`unlock: ${unlocked.error.code}`);
  for (let revision = Number(from); ; revision++) {
    const r = await core.dispatch('minutes.saveNotes', { itemId, notes: typedText(revision), revision });
    if (!r.ok) throw new Error(`save: ${r.error.code}`);
    process.stdout.write(`saved ${revision}\n`);
  }
}
