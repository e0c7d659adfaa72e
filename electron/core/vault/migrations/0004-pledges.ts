import type { Migration } from './index';

/** The default wording: the duties DOMAIN.md lists, as municipal pledge forms phrase them. */
export const DEFAULT_PLEDGE_WORDING = [
  '私は、支援会議の構成員として、次の事項を遵守することを誓約します。',
  '1　支援会議において知り得た秘密を、正当な理由なく他に漏らしません。職を退いた後も同様とします。',
  '2　支援会議において知り得た情報は、当該ケースの支援のためにのみ使用し、それ以外の目的には使用しません。',
  '3　支援会議の資料を複写し、又は会議の場から持ち出しません。',
  '4　配布された資料は、会議の終了時にすべて返却します。',
  '5　秘密の漏えい又はそのおそれがあることを知ったときは、直ちに事務局に報告します。',
  '6　守秘義務に違反した場合には、社会福祉法の規定により罰せられることがあることを承知しています。',
].join('\n');

export const pledges: Migration = {
  version: 4,
  name: 'pledges',
  up: (db) => {
    db.exec(`
      -- Each edit of the wording is a new version; a pledge records the version that was signed.
      CREATE TABLE pledge_wordings (
        version INTEGER PRIMARY KEY,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff(id)
      ) STRICT;

      CREATE TABLE pledges (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('per_meeting', 'individual_annual', 'organization_roster')),
        member_id TEXT REFERENCES members(id),
        organization_id TEXT REFERENCES organizations(id),
        meeting_id TEXT REFERENCES meetings(id),
        fiscal_year INTEGER,
        signed_on TEXT NOT NULL,
        addressee TEXT NOT NULL,
        wording_version INTEGER NOT NULL REFERENCES pledge_wordings(version),
        original_received INTEGER NOT NULL DEFAULT 0 CHECK (original_received IN (0, 1)),
        scan_attachment_id TEXT REFERENCES attachments(id),
        revoked_on TEXT,
        revocation_reason TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES staff(id),
        CHECK (kind <> 'per_meeting' OR (member_id IS NOT NULL AND meeting_id IS NOT NULL)),
        CHECK (kind <> 'individual_annual' OR (member_id IS NOT NULL AND fiscal_year IS NOT NULL)),
        CHECK (kind <> 'organization_roster' OR (organization_id IS NOT NULL AND fiscal_year IS NOT NULL)),
        CHECK (revoked_on IS NULL OR revoked_on >= signed_on)
      ) STRICT;
      CREATE INDEX pledges_by_member ON pledges(member_id);
      CREATE INDEX pledges_by_year ON pledges(fiscal_year);

      -- The named staff of an organization roster pledge.
      CREATE TABLE pledge_roster_members (
        pledge_id TEXT NOT NULL REFERENCES pledges(id),
        member_id TEXT NOT NULL REFERENCES members(id),
        PRIMARY KEY (pledge_id, member_id)
      ) STRICT;
    `);
    db.prepare("INSERT INTO pledge_wordings (version, text, created_at) VALUES (1, ?, strftime('%Y-%m-%dT%H:%M:%fZ'))").run(DEFAULT_PLEDGE_WORDING);
  },
};
