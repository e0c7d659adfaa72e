import type { Migration } from './index';

/** Meetings get their chair, notes and invitees; the 次第 is a list of ordered items. */
export const meetingsAgendas: Migration = {
  version: 3,
  name: 'meetings-agendas',
  up: (db) => {
    db.exec(`
      ALTER TABLE meetings ADD COLUMN chair_member_id TEXT REFERENCES members(id);
      ALTER TABLE meetings ADD COLUMN notes TEXT;
      ALTER TABLE meetings ADD COLUMN updated_at TEXT;

      -- The organization is the one the person was invited for (a later move does not rewrite it).
      CREATE TABLE meeting_invitees (
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        member_id TEXT NOT NULL REFERENCES members(id),
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        PRIMARY KEY (meeting_id, member_id)
      ) STRICT;

      CREATE TABLE agenda_items (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        position INTEGER NOT NULL,
        section TEXT NOT NULL,
        title TEXT NOT NULL,
        kind TEXT CHECK (kind IS NULL OR kind IN ('new', 'evaluation', 'closure', 'report')),
        case_id TEXT REFERENCES cases(id),
        presenter_organization_id TEXT REFERENCES organizations(id),
        minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
        created_at TEXT NOT NULL,
        CHECK ((kind IS NULL) = (case_id IS NULL))
      ) STRICT;
      CREATE INDEX agenda_items_by_meeting ON agenda_items(meeting_id, position);
      CREATE UNIQUE INDEX agenda_items_case_once ON agenda_items(meeting_id, case_id) WHERE case_id IS NOT NULL;

      -- Need-to-know: who stays for a case item. No rows: every invitee.
      CREATE TABLE agenda_item_participants (
        item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
        member_id TEXT NOT NULL REFERENCES members(id),
        PRIMARY KEY (item_id, member_id)
      ) STRICT;
    `);
  },
};
