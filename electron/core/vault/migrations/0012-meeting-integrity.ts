import type { Migration } from './index';

/**
 * Meeting integrity (issue 16): 中止 with its reason, audited corrections of a closed meeting's
 * record, and pledge exemptions with the period they apply to — so that withdrawing an exemption
 * today does not rewrite who was covered at last year's meetings. Meetings whose 受付 had begun
 * become `checking_in`.
 */
export const meetingIntegrity: Migration = {
  version: 12,
  name: 'meeting-integrity',
  up: (db) => {
    db.exec(`
      ALTER TABLE meetings ADD COLUMN cancel_reason TEXT;
      ALTER TABLE meetings ADD COLUMN cancelled_on TEXT;
      ALTER TABLE meetings ADD COLUMN cancelled_by TEXT REFERENCES staff(id);
      UPDATE meetings SET state = 'checking_in'
        WHERE state = 'planned' AND EXISTS (SELECT 1 FROM meeting_attendance a WHERE a.meeting_id = meetings.id);

      -- What a correction changed (JSON before / after) and why; never updated or deleted.
      CREATE TABLE meeting_corrections (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        reason TEXT NOT NULL,
        fields TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        at TEXT NOT NULL,
        by_staff TEXT NOT NULL REFERENCES staff(id)
      ) STRICT;
      CREATE INDEX meeting_corrections_by_meeting ON meeting_corrections(meeting_id, at);
      CREATE TRIGGER meeting_corrections_no_update BEFORE UPDATE ON meeting_corrections
        BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
      CREATE TRIGGER meeting_corrections_no_delete BEFORE DELETE ON meeting_corrections
        BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;

      -- An exemption from the pledge duty holds from from_on through until_on (NULL: still holds).
      -- organizations.pledge_exemption_reason stays the current one, for lists and forms.
      CREATE TABLE organization_exemptions (
        id TEXT PRIMARY KEY,
        organization_id TEXT NOT NULL REFERENCES organizations(id),
        reason TEXT NOT NULL,
        from_on TEXT NOT NULL,
        until_on TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX organization_exemptions_by_organization ON organization_exemptions(organization_id, from_on);
      -- Exemptions recorded before periods existed hold since the organization was registered.
      INSERT INTO organization_exemptions (id, organization_id, reason, from_on, until_on, created_at)
        SELECT lower(hex(randomblob(16))), id, pledge_exemption_reason, substr(created_at, 1, 10), NULL, created_at
        FROM organizations WHERE pledge_exemption_reason IS NOT NULL;
    `);
  },
};
