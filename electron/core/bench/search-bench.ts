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

const SURNAMES = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木', '山口', '松本', '井上', '木村', '林', '斎藤', '清水', '山崎', '森', '池田', '橋本', '阿部', '石川', '山下', '中島', '石井', '小川', '前田', '岡田', '長谷川', '藤田', '後藤', '近藤', '村上', '遠藤', '青木', '坂本'];
const GIVEN = ['花子', '太郎', '次郎', '美咲', '健一', '裕子', '翔太', '陽菜', '誠', '和子', '大輔', '由美', '拓也', '恵子', '直樹', '明美', '浩二', '幸子', '優斗', '真由美'];
// Household notes are written case by case: each is a situation, who raised it and a detail,
// drawn from pools so that phrases recur the way they do in a real register (a few % of cases).
const SITUATIONS = [
  '長男が十年以上ひきこもっており、母親が高齢で介護が必要になっている。',
  '家賃の滞納が三か月続き、電気も止まりそうだ。',
  '中学生の娘が祖母の介護をしており、学校を休みがちである。',
  '多重債務の相談。本人は就労意欲があるが、住まいの確保が先決。',
  '高齢の独居男性が外出していない。',
  '父親の飲酒が続き、家族が疲弊している。',
  '母子世帯で就労収入が不安定、児童扶養手当の手続きが止まっている。',
  '認知症の疑いがある夫を妻が一人で介護している。',
  'ごみが屋外まであふれ、近隣から苦情が出ている。',
  '障害のある弟の通所先が決まらず、姉が離職を考えている。',
  '外国籍の家族で日本語での手続きが難しい。',
  '精神科の受診が途切れ、服薬が続いていない。',
  '子どもの不登校が半年続き、保護者も孤立している。',
  '年金の受給手続きをしておらず、収入がない。',
  '入院中の母親の退院後の住まいが決まっていない。',
  '刑務所を出所後、頼れる親族がいない。',
];
const SOURCES = ['民生委員から連絡があった', '地域包括支援センターから相談', '学校から情報提供', '本人が窓口に来所', '社会福祉協議会の訪問で判明', '近隣住民から通報', '病院の医療ソーシャルワーカーから連絡', '警察から情報提供'];
const DETAILS = ['訪問を継続', '次回は同行支援', '家計の見直しを提案', '医療機関につなぐ', '住居確保給付金を案内', '就労準備支援を検討', 'フードバンクを利用', '成年後見の相談を予定'];

/** Deterministic, so every run measures the same register. */
function prng(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
}
const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)]!;

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
    const r = prng(2026);
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        registerCase(
          db,
          {
            initials: `${String.fromCharCode(65 + (i % 26))}・${String.fromCharCode(65 + ((i * 7) % 26))}`,
            fullName: `${pick(SURNAMES, r)} ${pick(GIVEN, r)}`,
            householdNotes: `${pick(SITUATIONS, r)}${pick(SOURCES, r)}。${pick(DETAILS, r)}。（記録${i}）`,
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

    // What the secretariat types: names, record references, and phrases of the notes (the last
    // four recur in 6–12% of cases: the broad queries).
    const queries = ['長谷川 直樹', '佐々木 翔太', '坂本 恵子', '記録4321', '記録987', '成年後見', 'ひきこもり', '家賃の滞納', '警察から情報提供', '住居確保給付金'];
    // What the app runs (the contentless trigram index), against a LIKE scan of the same columns.
    const ids = (q: string) => {
      const c = searchCondition(q);
      return db.prepare(`SELECT c.id FROM cases c WHERE ${c.sql}`).pluck().all(c.params) as string[];
    };
    const like = db.prepare(
      "SELECT c.id FROM cases c WHERE c.case_number LIKE @q OR c.initials LIKE @q OR c.full_name LIKE @q OR c.full_name_kana LIKE @q OR c.household_notes LIKE @q OR c.intake_route LIKE @q",
    );
    // The index lookup alone (rowids, no case rows): the floor under any FTS-based search.
    const indexOnly = db.prepare('SELECT rowid FROM case_search WHERE case_search MATCH ?').pluck();
    const fts: number[] = [];
    const scan: number[] = [];
    const lookup: number[] = [];
    for (let r = 0; r < 20; r++) {
      for (const q of queries) {
        let t0 = performance.now();
        indexOnly.all(`"${q}"`);
        lookup.push(performance.now() - t0);
        t0 = performance.now();
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
    console.log(
      `  of which the trigram index lookup alone (rowids only): p95 ${percentile(lookup, 0.95).toFixed(2)} ms → even a search costing nothing but the lookup would be LIKE/FTS ${(l95 / percentile(lookup, 0.95)).toFixed(1)}× at p95`,
    );
    console.log(`search 1–2 characters (LIKE over the cases' columns): p95 ${percentile(short, 0.95).toFixed(2)} ms`);

    // The ten-year vault's bulk is its minutes (50,000 entries): the same trigram index over a
    // minutes-sized corpus, against a LIKE scan of the same text.
    db.exec("CREATE TABLE bench_entries (id INTEGER PRIMARY KEY, body TEXT NOT NULL); CREATE VIRTUAL TABLE bench_entries_fts USING fts5(body, content='bench_entries', content_rowid='id', tokenize='trigram');");
    db.transaction(() => {
      const insert = db.prepare('INSERT INTO bench_entries (body) VALUES (?)');
      for (let i = 0; i < 50_000; i++) insert.run(`${pick(SITUATIONS, r)}${pick(SOURCES, r)}。${pick(DETAILS, r)}。${pick(SITUATIONS, r)}（第${i}回の記録、担当 ${pick(SURNAMES, r)}）`);
      db.exec("INSERT INTO bench_entries_fts(bench_entries_fts) VALUES ('rebuild')");
    })();
    const entryQueries = ['第12345回', '第4999回', '担当 長谷川', '独居男性が外出', '住まいの確保が先決。近隣'];
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
