import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** Asks on the terminal; with `hidden`, typed characters are not echoed (passphrases). */
export function ask(question: string, hidden = false): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  return new Promise((resolve) => {
    // No terminal and no more input (a script, a closed stdin): the answer is empty, not a hang.
    rl.on('close', () => resolve(''));
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      resolve(answer);
    });
    muted = hidden;
  });
}

/** KASANE_PASSPHRASE for scripts and CI, otherwise a hidden prompt. */
export async function passphraseFrom(env: NodeJS.ProcessEnv, question = 'パスフレーズ: '): Promise<string> {
  if (env.KASANE_PASSPHRASE !== undefined) return env.KASANE_PASSPHRASE;
  if (!process.stdin.isTTY) throw new Error('no terminal: set KASANE_PASSPHRASE');
  return ask(question, true);
}
