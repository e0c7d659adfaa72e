// Case list and case search at scale: the list query with 10,000 cases, and search p95 with
// FTS5 trigram vs a LIKE scan over the same columns, measured side by side in one run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { createDatabase } from '../vault/database';
import { migrate } from '../vault/migrations';
import { seedTypicalOrganizations } from '../directory/typical-organizations';
import { registerCase, listCases } from '../cases/case-repository';
import { searchCondition } from '../cases/case-search';
import { addDays } from '../../../shared/domain/calendar-date';

const SURNAMES = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木', '山口', '松本'];
const GIVEN = ['花子', '太郎', '次郎', '美咲', '健一', '裕子', '翔太', '陽菜', '誠', '和子'];
const NOTES = [
  '長男が十年以上ひきこもっており、母親が高齢で介護が必要になっている。',
  '家賃の滞納が三か月続き、電気も止まりそうだと民生委員から連絡があった。',
  '中学生の娘が祖母の介護をしており、学校を休みがちである。',
  '多重債務の相談。本人は就労意欲があるが、住まいの確保が先決。',
  '近隣住民から、高齢の独居男性が外出していないとの情報提供。',
];

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

export async function searchBench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'kasane-search-bench-'));
  try {
    const db = createDatabase(join(root, 'kasane.db'), randomBytes(32));
    migrate(db);
    const now = new Date();
    const staffId = 'bench';
    db.prepare("INSERT INTO staff (id, name, created_at) VALUES ('bench', 'bench', 'now')").run();
    const orgIds = seedTypicalOrganizations(db, now);
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        registerCase(
          db,
          {
            initials: `${String.fromCharCode(65 + (i % 26))}・${String.fromCharCode(65 + ((i * 7) % 26))}`,
            fullName: `${SURNAMES[i % SURNAMES.length]} ${GIVEN[(i * 3) % GIVEN.length]}`,
            householdNotes: `${NOTES[i % NOTES.length]}（記録${i}）`,
            receivedOn: addDays('2016-04-01', Math.floor(i * 0.365)),
            leadOrganizationId: orgIds[i % orgIds.length]!,
            categoryIds: [['8050', 'poverty', 'young_carer', 'debt', 'isolation'][i % 5]!],
          },
          staffId,
          now,
        );
      }
    })();

    const list: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t0 = performance.now();
      const rows = listCases(db, '2026-11-23', { includeClosed: true });
      list.push(performance.now() - t0);
      if (rows.length !== 10_000) throw new Error(`expected 10,000 rows, got ${rows.length}`);
    }
    console.log(`cases  list query, 10,000 cases with categories and consent (case.list): median ${percentile(list, 0.5).toFixed(1)} ms`);

    const queries = ['ひきこもり', '家賃の滞納', '祖母の介護', '住まいの確保', '独居男性', '記録123', '記録9876', '佐々木 翔', '高橋 美咲', 'R8-00'];
    // What the app runs (the contentless trigram index), against a LIKE scan of the same columns.
    const ids = (q: string) => {
      const c = searchCondition(q);
      return db.prepare(`SELECT c.id FROM cases c WHERE ${c.sql}`).pluck().all(c.params) as string[];
    };
    const like = db.prepare(
      "SELECT c.id FROM cases c WHERE c.case_number LIKE @q OR c.initials LIKE @q OR c.full_name LIKE @q OR c.full_name_kana LIKE @q OR c.household_notes LIKE @q OR c.intake_route LIKE @q",
    );
    const fts: number[] = [];
    const scan: number[] = [];
    for (let r = 0; r < 20; r++) {
      for (const q of queries) {
        let t0 = performance.now();
        const a = ids(q);
        fts.push(performance.now() - t0);
        t0 = performance.now();
        const b = like.all({ q: `%${q}%` });
        scan.push(performance.now() - t0);
        if (r === 0 && a.length !== b.length) throw new Error(`FTS and LIKE disagree on ${q}: ${a.length} vs ${b.length}`);
      }
    }
    const short: number[] = [];
    for (let r = 0; r < 20; r++) {
      for (const q of ['山', '佐藤', '花子', '滞納']) {
        const t0 = performance.now();
        ids(q);
        short.push(performance.now() - t0);
      }
    }
    const [f95, l95] = [percentile(fts, 0.95), percentile(scan, 0.95)];
    console.log(
      `search 3+ characters over 10,000 cases (${fts.length} queries): FTS5 trigram p95 ${f95.toFixed(2)} ms, LIKE scan p95 ${l95.toFixed(2)} ms  → LIKE/FTS ${(l95 / f95).toFixed(1)}× (medians ${percentile(fts, 0.5).toFixed(2)} / ${percentile(scan, 0.5).toFixed(2)} ms)`,
    );
    console.log(`search 1–2 characters (LIKE over the cases' columns): p95 ${percentile(short, 0.95).toFixed(2)} ms`);

    // The ten-year vault's bulk is its minutes (50,000 entries): the same trigram index over a
    // minutes-sized corpus, against a LIKE scan of the same text.
    db.exec("CREATE TABLE bench_entries (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE VIRTUAL TABLE bench_entries_fts USING fts5(body, content='bench_entries', content_rowid='id', tokenize='trigram');");
    db.transaction(() => {
      const insert = db.prepare('INSERT INTO bench_entries (body) VALUES (?)');
      for (let i = 0; i < 50_000; i++) insert.run(`${NOTES[i % NOTES.length]}${NOTES[(i * 3) % NOTES.length]}（第${i}回の記録、担当 ${SURNAMES[i % SURNAMES.length]}）`);
      db.exec("INSERT INTO bench_entries_fts(bench_entries_fts) VALUES ('rebuild')");
    })();
    const entryQueries = ['第12345回', '第4999回', '佐々木）', '独居男性が外出', '住まいの確保が先決。近隣'];
    const ftsQ = db.prepare('SELECT rowid FROM bench_entries_fts WHERE bench_entries_fts MATCH ?');
    const likeQ = db.prepare('SELECT id FROM bench_entries WHERE body LIKE ?');
    const eFts: number[] = [];
    const eLike: number[] = [];
    for (let r = 0; r < 10; r++) {
      for (const q of entryQueries) {
        let t0 = performance.now();
        const a = ftsQ.all(`"${q}"`);
        eFts.push(performance.now() - t0);
        t0 = performance.now();
        const b = likeQ.all(`%${q}%`);
        eLike.push(performance.now() - t0);
        if (r === 0 && a.length !== b.length) throw new Error(`FTS and LIKE disagree on ${q}`);
      }
    }
    const [ef, el] = [percentile(eFts, 0.95), percentile(eLike, 0.95)];
    console.log(
      `search over 50,000 minute-sized entries (${eFts.length} queries): FTS5 trigram p95 ${ef.toFixed(2)} ms, LIKE scan p95 ${el.toFixed(2)} ms  → LIKE/FTS ${(el / ef).toFixed(1)}× (medians ${percentile(eFts, 0.5).toFixed(2)} / ${percentile(eLike, 0.5).toFixed(2)} ms)`,
    );
    console.log('targets: search p95 < 20 ms; FTS ≥ 20× faster than LIKE');
    db.close();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
