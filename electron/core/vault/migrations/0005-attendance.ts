import type { Migration } from './index';

/** 受付: who came to a meeting, when they arrived and left, and walk-ins. */
export const attendance: Migration = {
  version: 5,
  name: 'attendance',
  up: (db) => {
    db.exec(`
      CREATE TABLE meeting_attendance (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        member_id TEXT NOT NULL REFERENCES members(id),
        present INTEGER NOT NULL CHECK (present IN (0, 1)),
        walk_in INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
        arrived_at TEXT,
        left_at TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, member_id)
      ) STRICT;
      ALTER TABLE meetings ADD COLUMN opened_at TEXT;
      ALTER TABLE meetings ADD COLUMN opened_by TEXT REFERENCES staff(id);
    `);
  },
};
