// Child process of the crash test: unlocks a vault and commits small transactions as fast as
// it can (autosave-like: one row plus its audit entry each), printing each committed count.
// The parent kills it with SIGKILL at a random moment.
import { appendAudit } from '../audit/audit-log';
import { unlockVault } from '../vault/vault';

const [dir] = process.argv.slice(2);
const vault = await unlockVault(dir!, { passphrase: process.env.KASANE_PASSPHRASE ?? '' });
const insert = vault.db.prepare(
  "INSERT INTO meetings (id, type, title, date, state, created_at) VALUES (?, 'other', ?, '2026-11-23', 'planned', ?)",
);
const write = vault.db.transaction((n: number) => {
  insert.run(`m${process.pid}-${n}`, `autosave ${n} ${'議事メモ'.repeat(n % 50)}`, new Date().toISOString());
  appendAudit(vault.db, { action: 'settings.updated', staffId: vault.staff.id, details: { n } });
});
for (let n = 1; ; n++) {
  write(n);
  process.stdout.write(`committed ${n}\n`);
  if (n % 50 === 0) await new Promise((r) => setImmediate(r));
}
