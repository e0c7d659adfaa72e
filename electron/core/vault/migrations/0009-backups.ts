import type { Migration } from './index';

/** Every backup attempt (where, when, size, and why it failed), for "last good backup" and the home warning. */
export const backups: Migration = {
  version: 9,
  name: 'backups',
  up: (db) => {
    db.exec(`
      CREATE TABLE backups (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        folder TEXT NOT NULL,
        file_name TEXT,
        size INTEGER,
        duration_ms INTEGER,
        trigger TEXT NOT NULL CHECK (trigger IN ('manual', 'lock', 'daily')),
        ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
        error_code TEXT
      ) STRICT;
    `);
  },
};
