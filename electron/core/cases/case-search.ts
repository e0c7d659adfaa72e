import type { Db } from '../vault/database';

/**
 * Case search over number, initials, name, notes and intake route. FTS5 with the trigram
 * tokenizer finds substrings of 3+ characters through its index; a 1–2 character query (most
 * Japanese surnames) cannot use trigrams, so it scans the same index table with LIKE, which is
 * still one small table of short rows.
 */
export function indexCase(db: Db, caseId: string): void {
  const row = db
    .prepare('SELECT case_number, initials, full_name, full_name_kana, household_notes, intake_route FROM cases WHERE id = ?')
    .get(caseId) as Record<string, string | null> | undefined;
  db.prepare('DELETE FROM case_search WHERE case_id = ?').run(caseId);
  if (!row) return;
  const body = Object.values(row).filter(Boolean).join('\n');
  db.prepare('INSERT INTO case_search (case_id, body) VALUES (?, ?)').run(caseId, body);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Case ids whose text contains `query` (case-insensitive for Latin letters). */
export function searchCaseIds(db: Db, query: string): string[] {
  const q = query.trim();
  if ([...q].length >= 3) {
    // A quoted phrase: the user's text is matched literally, never parsed as FTS syntax.
    return db.prepare('SELECT case_id FROM case_search WHERE case_search MATCH ?').pluck().all(`"${q.replace(/"/g, '""')}"`) as string[];
  }
  return db.prepare("SELECT case_id FROM case_search WHERE body LIKE ? ESCAPE '\\'").pluck().all(`%${escapeLike(q)}%`) as string[];
}
