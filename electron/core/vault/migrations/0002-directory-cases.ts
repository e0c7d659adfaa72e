import type { Migration } from './index';

/**
 * The directory (organizations with pledge exemptions, members with their history of
 * affiliations), the case register's full record, need categories, consent, attachments
 * (stored inside the encrypted DB), the case history and the search index.
 */
export const directoryCases: Migration = {
  version: 2,
  name: 'directory-cases',
  up: (db) => {
    db.exec(`
      ALTER TABLE organizations ADD COLUMN pledge_exemption_reason TEXT;
      ALTER TABLE organizations ADD COLUMN updated_at TEXT;
      CREATE UNIQUE INDEX organizations_active_name ON organizations(name) WHERE retired_at IS NULL;

      CREATE TABLE members (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        name_kana TEXT,
        contact TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- One row per period at an organization. A move ends one row and starts another.
      CREATE TABLE member_affiliations (
        id TEXT PRIMARY KEY,
        member_id TEXT NOT NULL REFERENCES members(id),
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        title TEXT,
        start_on TEXT NOT NULL,
        end_on TEXT,
        created_at TEXT NOT NULL,
        CHECK (end_on IS NULL OR end_on >= start_on)
      ) STRICT;
      CREATE INDEX member_affiliations_by_member ON member_affiliations(member_id, start_on);
      CREATE INDEX member_affiliations_by_organization ON member_affiliations(organization_id);

      ALTER TABLE cases ADD COLUMN full_name TEXT;
      ALTER TABLE cases ADD COLUMN full_name_kana TEXT;
      ALTER TABLE cases ADD COLUMN birth_date TEXT;
      ALTER TABLE cases ADD COLUMN household_notes TEXT;
      ALTER TABLE cases ADD COLUMN intake_route TEXT;
      ALTER TABLE cases ADD COLUMN received_by_organization_id TEXT REFERENCES organizations(id);
      ALTER TABLE cases ADD COLUMN fiscal_year INTEGER;
      ALTER TABLE cases ADD COLUMN seq INTEGER;
      ALTER TABLE cases ADD COLUMN updated_at TEXT;
      CREATE INDEX cases_by_status ON cases(status);
      CREATE UNIQUE INDEX cases_fiscal_seq ON cases(fiscal_year, seq) WHERE seq IS NOT NULL;

      CREATE TABLE need_categories (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL UNIQUE,
        sort_order INTEGER NOT NULL,
        retired_at TEXT
      ) STRICT;
      INSERT INTO need_categories (id, label, sort_order) VALUES
        ('8050', '8050問題', 1), ('hikikomori', 'ひきこもり', 2), ('young_carer', 'ヤングケアラー', 3),
        ('poverty', '生活困窮', 4), ('abuse', '虐待の疑い', 5), ('debt', '多重債務', 6),
        ('isolation', '社会的孤立', 7), ('disability', '障がい', 8), ('elderly_care', '高齢・介護', 9),
        ('double_care', 'ダブルケア', 10), ('single_parent', 'ひとり親', 11), ('school_refusal', '不登校', 12),
        ('housing', '住まい', 13), ('other', 'その他', 99);

      CREATE TABLE case_categories (
        case_id TEXT NOT NULL REFERENCES cases(id),
        category_id TEXT NOT NULL REFERENCES need_categories(id),
        PRIMARY KEY (case_id, category_id)
      ) STRICT;

      CREATE TABLE case_transitions (
        id INTEGER PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        from_status TEXT,
        to_status TEXT NOT NULL,
        reason TEXT,
        staff_id TEXT REFERENCES staff(id),
        at TEXT NOT NULL,
        -- Set when a meeting decided it (the minutes feature fills it).
        minutes_item_id TEXT
      ) STRICT;
      CREATE INDEX case_transitions_by_case ON case_transitions(case_id, id);

      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        file_name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        content BLOB NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff(id)
      ) STRICT;

      CREATE TABLE consents (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        given_on TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('written', 'verbal', 'other')),
        obtained_by TEXT NOT NULL,
        allows_jusoteki INTEGER NOT NULL CHECK (allows_jusoteki IN (0, 1)),
        notes TEXT,
        scan_attachment_id TEXT REFERENCES attachments(id),
        withdrawn_on TEXT,
        withdrawal_reason TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff(id),
        CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
      ) STRICT;
      CREATE INDEX consents_by_case ON consents(case_id);

      CREATE TABLE consent_organizations (
        consent_id TEXT NOT NULL REFERENCES consents(id),
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        PRIMARY KEY (consent_id, organization_id)
      ) STRICT;

      -- Search: a contentless trigram index (it keeps no copy of the text, only the index) keyed
      -- by cases.search_id, a stable integer (rowids may change on VACUUM); it answers substrings
      -- of 3+ characters from the index alone. Shorter queries (a 2-character surname) use LIKE
      -- on the cases themselves (STACK.md).
      ALTER TABLE cases ADD COLUMN search_id INTEGER;
      CREATE UNIQUE INDEX cases_search_id ON cases(search_id);
      CREATE VIRTUAL TABLE case_search USING fts5(body, content = '', contentless_delete = 1, tokenize = 'trigram');
    `);
  },
};
