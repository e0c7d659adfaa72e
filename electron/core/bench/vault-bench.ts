// npm run bench: the encrypted vault against plain SQLite on our own workloads, measured side by
// side in one run (rounds alternate A/B so machine noise hits both), and the unlock time on a
// vault holding ten years of synthetic data. Prints ratios; never a pass/fail timing.
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { createVault, unlockVault, vaultFiles } from '../vault/vault';
import { createDatabase, openDatabase, performancePragmas, type Db } from '../vault/database';
import { migrate } from '../vault/migrations';
import { deriveKey, DEFAULT_SCRYPT } from '../vault/crypto';
import { addDays } from '../../../shared/domain/calendar-date';
import { GOOD_PASSPHRASE, VAULT_INPUT } from '../testing/temp-vault';
import { createBackup, writeBackupSettings } from '../backup/backup';

const root = mkdtempSync(join(tmpdir(), 'kasane-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

function plainDb(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=FULL');
  db.pragma('foreign_keys=ON');
  db.pragma('secure_delete=ON');
  performancePragmas(db);
  return db;
}

const readKey = randomBytes(32);
function encryptedDb(file: string): Db {
  return createDatabase(file, Buffer.from(readKey));
}

const NOTE = '本人は就労に不安があり、家族との関係にも課題がある。次回までに社会福祉協議会が訪問し、状況を確認する。';

/** Autosave: one small transaction per keystroke burst — update a draft and append an audit-like row. */
function writeWorkload(db: Db, n: number): number {
  db.exec('CREATE TABLE IF NOT EXISTS drafts (id INTEGER PRIMARY KEY, body TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT');
  db.exec('CREATE TABLE IF NOT EXISTS edits (seq INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL, at TEXT NOT NULL) STRICT');
  const upsert = db.prepare('INSERT INTO drafts (id, body, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at');
  const log = db.prepare('INSERT INTO edits (draft_id, at) VALUES (?, ?)');
  const tx = db.transaction((i: number) => {
    const at = new Date().toISOString();
    upsert.run(i % 40, NOTE.slice(0, 20 + (i % 40)), at);
    log.run(i % 40, at);
  });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) tx(i);
  return performance.now() - t0;
}

/** Ten years of data: ~5,000 cases, 1,000 meetings, 50,000 minute entries. */
function fillTenYears(db: Db): void {
  db.exec(`CREATE TABLE IF NOT EXISTS minute_entries (
    id INTEGER PRIMARY KEY, meeting_id TEXT NOT NULL, case_id TEXT, body TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
    CREATE INDEX IF NOT EXISTS minute_entries_by_case ON minute_entries(case_id);`);
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare("INSERT INTO organizations (id, name, kind, created_at) VALUES ('o1', '社会福祉協議会', 'contractor', ?)").run(now);
    const c = db.prepare('INSERT INTO cases (id, case_number, initials, status, received_on, lead_organization_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < 5000; i++) {
      c.run(`c${i}`, `B${i}`, 'A・K', i % 7 === 0 ? 'closed' : 'supporting', addDays('2016-04-01', Math.floor(i * 0.73)), 'o1', now);
    }
    const m = db.prepare("INSERT INTO meetings (id, type, title, date, start_time, place, state, created_at) VALUES (?, ?, '会議', ?, '14:00', '第1会議室', 'closed', ?)");
    for (let i = 0; i < 1000; i++) m.run(`m${i}`, ['jusoteki', 'shien', 'other'][i % 3]!, addDays('2016-04-01', Math.floor(i * 3.65)), now);
    const e = db.prepare('INSERT INTO minute_entries (meeting_id, case_id, body, created_at) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 50000; i++) e.run(`m${i % 1000}`, `c${(i * 7) % 5000}`, `${NOTE}${NOTE.slice(0, i % 60)}`, now);
  })();
}

/** Reads a user makes: a case's history, the home summary, a year's meetings. */
function readWorkload(db: Db, rounds: number): number {
  const history = db.prepare('SELECT body FROM minute_entries WHERE case_id = ? ORDER BY id');
  const upcoming = db.prepare("SELECT count(*) FROM meetings WHERE date >= ? AND state IN ('planned', 'open')");
  const year = db.prepare('SELECT id, date FROM meetings WHERE date BETWEEN ? AND ? ORDER BY date');
  const open = db.prepare("SELECT count(*) FROM cases WHERE status NOT IN ('closed', 'suspended')");
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) {
    history.all(`c${(i * 13) % 5000}`);
    upcoming.get('2024-01-01');
    year.all(`${2016 + (i % 10)}-04-01`, `${2017 + (i % 10)}-03-31`);
    if (i % 20 === 0) open.get();
  }
  return performance.now() - t0;
}

async function main() {
  console.log('Kasane bench — encrypted vault (SQLCipher via better-sqlite3-multiple-ciphers) vs plain SQLite');
  console.log(`Node ${process.version}, ${new Date().toISOString()}\n`);

  // Writes: 10,000 autosave transactions each, synchronous=FULL, WAL, alternating rounds.
  const WRITES = 10_000;
  const ROUNDS = 10;
  const enc: number[] = [];
  const plain: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const [kind, open, out] of [['enc', encryptedDb, enc], ['plain', plainDb, plain]] as const) {
      const db = open(join(root, `w-${kind}-${r}.db`));
      out.push(writeWorkload(db, WRITES / ROUNDS));
      db.close();
    }
  }
  const writeRatio = median(enc) / median(plain);
  console.log(`write  ${WRITES} autosave transactions (synchronous=FULL): per ${WRITES / ROUNDS}: encrypted ${ms(median(enc))}, plain ${ms(median(plain))} (medians of ${ROUNDS} alternating rounds)  → ratio ${writeRatio.toFixed(3)}×`);

  // Reads on ten years of data, the same data in both.
  const encFile = join(root, 'r-enc.db');
  const plainFile = join(root, 'r-plain.db');
  const encDb = encryptedDb(encFile);
  const plainDbh = plainDb(plainFile);
  for (const db of [encDb, plainDbh]) {
    migrate(db);
    fillTenYears(db);
  }
  const encR: number[] = [];
  const plainR: number[] = [];
  readWorkload(encDb, 200);
  readWorkload(plainDbh, 200); // warm both caches
  for (let r = 0; r < 7; r++) {
    encR.push(readWorkload(encDb, 2000));
    plainR.push(readWorkload(plainDbh, 2000));
  }
  const readRatio = median(encR) / median(plainR);
  console.log(`read   2,000 user reads × 7 rounds (case history, home, year list; warm cache): encrypted ${ms(median(encR))}, plain ${ms(median(plainR))} (medians)  → ratio ${readRatio.toFixed(3)}×`);
  // Cold reads: a fresh connection each round, so pages are decrypted again.
  encDb.close();
  plainDbh.close();
  const encC: number[] = [];
  const plainC: number[] = [];
  for (let r = 0; r < 5; r++) {
    const e = openDatabase(encFile, readKey, { quickCheck: false });
    encC.push(readWorkload(e, 500));
    e.close();
    const p = new Database(plainFile);
    plainC.push(readWorkload(p, 500));
    p.close();
  }
  console.log(`read   500 reads on a fresh connection × 5 (cold page cache): encrypted ${ms(median(encC))}, plain ${ms(median(plainC))}  → ratio ${(median(encC) / median(plainC)).toFixed(3)}×`);

  // Unlock: KDF + open + checks + first query on a ten-year vault, with the real KDF parameters.
  const vaultDir = join(root, 'vault');
  const v = await createVault(vaultDir, { ...VAULT_INPUT });
  fillTenYears(v.db);
  v.close();
  const sizeMb = statSync(vaultFiles(vaultDir).db).size / 1e6;
  const kdf: number[] = [];
  const unlock: number[] = [];
  for (let r = 0; r < 5; r++) {
    let t0 = performance.now();
    await deriveKey(GOOD_PASSPHRASE, randomBytes(16), DEFAULT_SCRYPT);
    kdf.push(performance.now() - t0);
    t0 = performance.now();
    const u = await unlockVault(vaultDir, { passphrase: GOOD_PASSPHRASE });
    u.db.prepare("SELECT count(*) FROM meetings WHERE date >= '2026-01-01'").get();
    unlock.push(performance.now() - t0);
    u.close();
  }
  console.log(`unlock ten-year vault (${sizeMb.toFixed(1)} MB: 5,000 cases, 1,000 meetings, 50,000 minute entries): median ${ms(median(unlock))} (KDF scrypt N=2^17 alone: ${ms(median(kdf))}; KDF share ${((median(kdf) / median(unlock)) * 100).toFixed(0)}%)`);
  // Backup of the same ten-year vault: snapshot, check by opening, pack, rename (what one click does).
  const backupDir = join(root, 'backups');
  mkdirSync(backupDir);
  const b = await unlockVault(vaultDir, { passphrase: GOOD_PASSPHRASE });
  writeBackupSettings(b.db, { folder: backupDir });
  const backupMs: number[] = [];
  let backupBytes = 0;
  for (let r = 0; r < 3; r++) {
    const done = await createBackup(b, 'manual', new Date(Date.now() + r * 1000));
    backupMs.push(done.durationMs ?? 0);
    backupBytes = done.sizeBytes ?? 0;
  }
  b.close();
  console.log(`backup ten-year vault: median ${ms(median(backupMs))}, ${(backupBytes / 1e6).toFixed(1)} MB a backup (VACUUM INTO + integrity check + pack)`);
  console.log('\ntargets: write and read ratio ≤ 1.15×; unlock ≤ 1000 ms with the KDF ≥ 250 ms');
  rmSync(root, { recursive: true, force: true });
}

await main();
console.log('');
await (await import('./search-bench')).searchBench();
await (await import('./case-list-render-bench')).caseListRenderBench();
console.log('');
await (await import('./autosave-bench')).autosaveBench();
console.log('');
await (await import('./integrity-bench')).integrityBench();
console.log('');
await (await import('./pdf-bench')).pdfBench();
