import type { Migration } from './index';

/**
 * Minutes: per-item notes (the autosave target), decisions, role assignments and their progress,
 * numbered material copies of a 支援会議, confirmed versions with their hash, and the
 * distribution log of the records handed out.
 */
export const minutes: Migration = {
  version: 8,
  name: 'minutes',
  up: (db) => {
    db.exec(`
      ALTER TABLE meetings ADD COLUMN closed_at TEXT;
      ALTER TABLE meetings ADD COLUMN closed_by TEXT REFERENCES staff(id);
      -- 閉会 as the minutes state it (HH:MM, local time).
      ALTER TABLE meetings ADD COLUMN closed_time TEXT;
      ALTER TABLE meetings ADD COLUMN unreturned_reason TEXT;
      -- How the pledge gate let each attendee of a 支援会議 in, as it stood at 開会 or at their
      -- late check-in (JSON: by, pledgeId, organizationId): the minutes and the 出席者名簿 state it.
      ALTER TABLE meeting_attendance ADD COLUMN pledge_evidence TEXT;

      CREATE TABLE minutes (
        meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
        state TEXT NOT NULL CHECK (state IN ('live', 'draft', 'confirmed', 'amending')),
        current_item_id TEXT REFERENCES agenda_items(id) ON DELETE SET NULL,
        focused_since TEXT,
        amendment_reason TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- One row per agenda item: small, so that a keystroke's save rewrites one short row.
      CREATE TABLE minutes_notes (
        item_id TEXT PRIMARY KEY REFERENCES agenda_items(id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        revision INTEGER NOT NULL,
        elapsed_seconds INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE decisions (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        case_id TEXT REFERENCES cases(id),
        proposed_status TEXT,
        apply_status INTEGER NOT NULL DEFAULT 1 CHECK (apply_status IN (0, 1)),
        applied_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX decisions_by_item ON decisions(item_id, created_at);

      CREATE TABLE role_assignments (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        goal TEXT,
        action TEXT NOT NULL,
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        member_id TEXT REFERENCES members(id),
        start_on TEXT NOT NULL,
        due_on TEXT,
        frequency TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
        live INTEGER NOT NULL DEFAULT 0 CHECK (live IN (0, 1)),
        created_item_id TEXT REFERENCES agenda_items(id),
        created_at TEXT NOT NULL,
        CHECK (due_on IS NULL OR due_on >= start_on),
        CHECK (due_on IS NOT NULL OR frequency IS NOT NULL)
      ) STRICT;
      CREATE INDEX role_assignments_by_case ON role_assignments(case_id);
      CREATE INDEX role_assignments_by_item ON role_assignments(created_item_id);

      CREATE TABLE role_progress (
        id TEXT PRIMARY KEY,
        assignment_id TEXT NOT NULL REFERENCES role_assignments(id),
        meeting_id TEXT REFERENCES meetings(id),
        on_date TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT,
        overdue_reason TEXT CHECK (overdue_reason IS NULL OR overdue_reason IN ('circumstances_changed', 'organization_unable', 'no_longer_needed', 'other')),
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES staff(id)
      ) STRICT;
      CREATE INDEX role_progress_by_assignment ON role_progress(assignment_id, created_at);

      CREATE TABLE material_copies (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        number INTEGER NOT NULL,
        member_id TEXT NOT NULL REFERENCES members(id),
        returned INTEGER NOT NULL DEFAULT 0 CHECK (returned IN (0, 1)),
        PRIMARY KEY (meeting_id, number),
        UNIQUE (meeting_id, member_id)
      ) STRICT;

      -- A confirmed version: the canonical text of the minutes and its SHA-256, never changed.
      CREATE TABLE minutes_versions (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        version INTEGER NOT NULL,
        content TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        reason TEXT,
        confirmed_at TEXT NOT NULL,
        confirmed_by TEXT NOT NULL REFERENCES staff(id),
        PRIMARY KEY (meeting_id, version)
      ) STRICT;
      CREATE TRIGGER minutes_versions_no_update BEFORE UPDATE ON minutes_versions
        BEGIN SELECT RAISE(ABORT, 'confirmed minutes are append-only'); END;
      CREATE TRIGGER minutes_versions_no_delete BEFORE DELETE ON minutes_versions
        BEGIN SELECT RAISE(ABORT, 'confirmed minutes are append-only'); END;

      CREATE TABLE minutes_distributions (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        version INTEGER NOT NULL,
        copy_number INTEGER NOT NULL,
        copies INTEGER NOT NULL,
        member_id TEXT REFERENCES members(id),
        recipient TEXT NOT NULL,
        at TEXT NOT NULL,
        by_staff TEXT NOT NULL REFERENCES staff(id)
      ) STRICT;
    `);
  },
};
