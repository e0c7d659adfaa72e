import type { Db } from '../vault/database';

/**
 * Case search over number, initials, name, kana, notes and intake route. Substrings of 3+
 * characters go through the contentless FTS5 trigram index (index-only: no text is read);
 * a 1–2 character query (most Japanese surnames) cannot use trigrams and is a LIKE over the
 * same columns of the cases table, which is small enough to scan.
 */
const SEARCHED = ['case_number', 'initials', 'full_name', 'full_name_kana', 'household_notes', 'intake_route'] as const;

export function indexCase(db: Db, caseId: string): void {
  const row = db.prepare(`SELECT search_id, ${SEARCHED.join(', ')} FROM cases WHERE id = ?`).get(caseId) as
    | ({ search_id: number | null } & Record<(typeof SEARCHED)[number], string | null>)
    | undefined;
  if (!row) return;
  let searchId = row.search_id;
  if (searchId === null) {
    searchId = db.prepare('SELECT coalesce(max(search_id), 0) + 1 FROM cases').pluck().get() as number;
    db.prepare('UPDATE cases SET search_id = ? WHERE id = ?').run(searchId, caseId);
  } else {
    db.prepare('DELETE FROM case_search WHERE rowid = ?').run(searchId);
  }
  const body = SEARCHED.map((c) => row[c]).filter(Boolean).join('\n');
  db.prepare('INSERT INTO case_search (rowid, body) VALUES (?, ?)').run(searchId, body);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A WHERE condition on `cases c` that matches `query`, with its parameters. */
export function searchCondition(query: string): { sql: string; params: Record<string, string> } {
  const q = query.trim();
  if ([...q].length >= 3) {
    // A quoted phrase: the user's text is matched literally, never parsed as FTS syntax.
    return { sql: 'c.search_id IN (SELECT rowid FROM case_search WHERE case_search MATCH @searchPhrase)', params: { searchPhrase: `"${q.replace(/"/g, '""')}"` } };
  }
  return {
    sql: `(${SEARCHED.map((col) => `c.${col} LIKE @searchLike ESCAPE '\\'`).join(' OR ')})`,
    params: { searchLike: `%${escapeLike(q)}%` },
  };
}
