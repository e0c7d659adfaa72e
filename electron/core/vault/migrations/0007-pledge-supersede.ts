import type { Migration } from './index';

/**
 * A pledge recorded again for the same person (or organization) and period replaces the earlier
 * one, which keeps its row and points at its successor. The earlier pledge still covers meetings
 * held before its successor was signed, so past attendance lists stay true.
 */
export const pledgeSupersede: Migration = {
  version: 7,
  name: 'pledge-supersede',
  up: (db) => {
    db.exec(`
      ALTER TABLE pledges ADD COLUMN superseded_by TEXT REFERENCES pledges(id);
      CREATE INDEX pledges_by_organization ON pledges(organization_id);
      CREATE INDEX pledges_by_meeting ON pledges(meeting_id);
    `);
  },
};
