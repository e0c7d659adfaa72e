// The backup alone, on a ten-year vault and on the same vault with 200 MB of attached materials:
//   npx tsx electron/core/backup/backup-bench.ts
// Prints how long a backup takes (what one click does: snapshot, check by opening, pack) and how
// long the core's event loop was blocked meanwhile (the longest gap between 5 ms timer ticks):
// while that gap lasts, no other call of the app is answered. Never a pass/fail timing.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createVault, unlockVault, vaultFiles, type OpenVault } from '../vault/vault';
import { addDays } from '../../../shared/domain/calendar-date';
import { storeAttachment } from '../attachments/attachment-repository';
import { FAST_SCRYPT, GOOD_PASSPHRASE, VAULT_INPUT } from '../testing/temp-vault';
import { createBackup, writeBackupSettings } from './backup';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const NOTE = '本人は就労に不安があり、家族との関係にも課題がある。次回までに社会福祉協議会が訪問し、状況を確認する。';

/** Ten years of data, as in the vault bench: ~5,000 cases, 1,000 meetings, 50,000 minute entries. */
function fillTenYears(v: OpenVault): void {
  const db = v.db;
  db.exec(`CREATE TABLE IF NOT EXISTS minute_entries (
    id INTEGER PRIMARY KEY, meeting_id TEXT NOT NULL, case_id TEXT, body TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;`);
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare("INSERT INTO organizations (id, name, kind, created_at) VALUES ('bench-o1', '社会福祉協議会', 'contractor', ?)").run(now);
    const c = db.prepare('INSERT INTO cases (id, case_number, initials, status, received_on, lead_organization_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < 5000; i++) c.run(`c${i}`, `B${i}`, 'A・K', i % 7 === 0 ? 'closed' : 'supporting', addDays('2016-04-01', Math.floor(i * 0.73)), 'bench-o1', now);
    const m = db.prepare("INSERT INTO meetings (id, type, title, date, start_time, place, state, created_at) VALUES (?, ?, '会議', ?, '14:00', '第1会議室', 'closed', ?)");
    for (let i = 0; i < 1000; i++) m.run(`m${i}`, ['jusoteki', 'shien', 'other'][i % 3]!, addDays('2016-04-01', Math.floor(i * 3.65)), now);
    const e = db.prepare('INSERT INTO minute_entries (meeting_id, case_id, body, created_at) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 50000; i++) e.run(`m${i % 1000}`, `c${(i * 7) % 5000}`, `${NOTE}${NOTE.slice(0, i % 60)}`, now);
  })();
}

/** Scanned materials: incompressible bytes behind a PDF signature, `mb` megabytes in 10 MB files. */
function attachMaterials(v: OpenVault, mb: number): void {
  for (let i = 0; i < mb / 10; i++) {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(10 * 1024 * 1024)]);
    storeAttachment(v.db, { fileName: `資料${i + 1}.pdf`, mediaType: 'application/pdf', bytes }, v.staff.id, new Date());
  }
}

/** One backup, and the longest stretch the event loop could not run a 5 ms timer meanwhile. */
async function timedBackup(v: OpenVault, at: Date): Promise<{ ms: number; blockedMs: number; bytes: number }> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    worst = Math.max(worst, t - last);
    last = t;
  }, 5);
  const t0 = performance.now();
  const done = await createBackup(v, 'manual', at);
  const total = performance.now() - t0;
  worst = Math.max(worst, performance.now() - last);
  clearInterval(timer);
  return { ms: total, blockedMs: worst, bytes: done.sizeBytes ?? 0 };
}

async function run(label: string, v: OpenVault, folder: string, rounds: number, clock: { t: number }): Promise<void> {
  writeBackupSettings(v.db, { folder, keep: 365 });
  const results: { ms: number; blockedMs: number; bytes: number }[] = [];
  for (let r = 0; r < rounds; r++) results.push(await timedBackup(v, new Date((clock.t += 1000))));
  const size = statSync(vaultFiles(v.dir).db).size / 1e6;
  console.log(
    `backup ${label} (${size.toFixed(1)} MB): median ${ms(median(results.map((x) => x.ms)))} (first ${ms(results[0]!.ms)}), ` +
      `event loop blocked at most ${ms(median(results.map((x) => x.blockedMs)))} (median of ${rounds} backups), ${(results[0]!.bytes / 1e6).toFixed(1)} MB a backup`,
  );
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kasane-backup-bench-'));
  try {
    console.log(`Kasane backup bench — Node ${process.version}, ${new Date().toISOString()}`);
    const dir = join(root, 'vault');
    const created = await createVault(dir, { ...VAULT_INPUT, scrypt: FAST_SCRYPT });
    fillTenYears(created);
    created.close();
    const folder = join(root, 'backups');
    mkdirSync(folder);
    const clock = { t: Date.now() };
    const v = await unlockVault(dir, { passphrase: GOOD_PASSPHRASE });
    try {
      await run('ten-year vault', v, folder, 5, clock);
      attachMaterials(v, 200);
      await run('ten-year vault + 200 MB of materials', v, folder, 3, clock);
    } finally {
      v.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
