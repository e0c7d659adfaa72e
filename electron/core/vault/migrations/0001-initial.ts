import type { Migration } from './index';

/**
 * The foundation: settings, staff, the hash-chained audit log, and the first tables of the
 * directory and meetings (extended by the features that own them in later migrations).
 * STRICT tables: SQLite refuses a value of the wrong type instead of storing it silently.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        staff_id TEXT,
        action TEXT NOT NULL,
        subject TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TABLE organizations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('city_department', 'contractor', 'partner')),
        contact TEXT,
        sort_order INTEGER NOT NULL DEFAULT 0,
        retired_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        case_number TEXT NOT NULL UNIQUE,
        initials TEXT NOT NULL,
        status TEXT NOT NULL,
        received_on TEXT NOT NULL,
        lead_organization_id TEXT REFERENCES organizations(id),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('jusoteki', 'shien', 'other')),
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        start_time TEXT,
        end_time TEXT,
        place TEXT,
        state TEXT NOT NULL DEFAULT 'planned',
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX meetings_by_date ON meetings(date);
    `);
  },
};
