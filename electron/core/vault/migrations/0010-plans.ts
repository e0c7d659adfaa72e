import type { Migration } from './index';

/** 支援プラン: versions per case with their approval state, monitorings and evaluations. */
export const plans: Migration = {
  version: 10,
  name: 'plans',
  up: (db) => {
    db.exec(`
      CREATE TABLE plans (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id),
        version INTEGER NOT NULL,
        state TEXT NOT NULL,
        goals TEXT NOT NULL DEFAULT '',
        assessment_summary TEXT NOT NULL DEFAULT '',
        participation_support INTEGER NOT NULL DEFAULT 0 CHECK (participation_support IN (0, 1)),
        outreach INTEGER NOT NULL DEFAULT 0 CHECK (outreach IN (0, 1)),
        lead_organization_id TEXT REFERENCES organizations(id),
        start_on TEXT,
        monitoring_on TEXT,
        evaluation_on TEXT,
        proposed_meeting_id TEXT REFERENCES meetings(id),
        judged_on TEXT,
        decided_on TEXT,
        decision_number TEXT,
        approver_title TEXT,
        approver_name TEXT,
        post_report INTEGER NOT NULL DEFAULT 0 CHECK (post_report IN (0, 1)),
        reported_meeting_id TEXT REFERENCES meetings(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (case_id, version)
      ) STRICT;
      CREATE TABLE plan_monitorings (
        id TEXT PRIMARY KEY,
        plan_id TEXT NOT NULL REFERENCES plans(id),
        on_date TEXT NOT NULL,
        by_name TEXT NOT NULL,
        summary TEXT NOT NULL,
        next_step TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE plan_evaluations (
        id TEXT PRIMARY KEY,
        plan_id TEXT NOT NULL REFERENCES plans(id),
        on_date TEXT NOT NULL,
        meeting_id TEXT REFERENCES meetings(id),
        outcome TEXT NOT NULL CHECK (outcome IN ('continue', 'close', 'suspend')),
        reason TEXT,
        handover_organization_id TEXT REFERENCES organizations(id),
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
