import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tempHome } from '../../testing/temp-vault';
import { createDatabase, type Db } from '../database';
import { MIGRATIONS, migrate, schemaVersion } from './index';

let t: ReturnType<typeof tempHome>;
let db: Db;
beforeEach(() => {
  t = tempHome();
  db = createDatabase(join(t.home, 'm.db'), randomBytes(32));
});
afterEach(() => {
  db.close();
  t.cleanup();
});

const upTo = (version: number) => MIGRATIONS.filter((m) => m.version <= version);

describe('0007 pledge-supersede', () => {
  it('keeps the pledges of a version-6 vault, active, and links a pledge to the one that replaced it', () => {
    migrate(db, upTo(6));
    db.exec(`
      INSERT INTO organizations (id, name, kind, created_at) VALUES ('o', '社会福祉協議会', 'contractor', 'now');
      INSERT INTO members (id, name, created_at, updated_at) VALUES ('m', '見本 一郎', 'now', 'now');
      INSERT INTO pledges (id, kind, member_id, fiscal_year, signed_on, addressee, wording_version, created_at)
        VALUES ('p1', 'individual_annual', 'm', 2026, '2026-04-01', 'みほん市長', 1, 'now');
    `);
    expect(migrate(db, upTo(7))).toEqual([7]);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare("SELECT id, superseded_by FROM pledges WHERE id = 'p1'").get()).toEqual({ id: 'p1', superseded_by: null });

    db.exec(`INSERT INTO pledges (id, kind, member_id, fiscal_year, signed_on, addressee, wording_version, created_at)
             VALUES ('p2', 'individual_annual', 'm', 2026, '2026-06-01', 'みほん市長', 1, 'now')`);
    db.prepare("UPDATE pledges SET superseded_by = 'p2' WHERE id = 'p1'").run();
    expect(db.prepare("SELECT superseded_by FROM pledges WHERE id = 'p1'").pluck().get()).toBe('p2');
    // The successor must exist (foreign keys are on in every vault).
    expect(() => db.prepare("UPDATE pledges SET superseded_by = 'nope' WHERE id = 'p2'").run()).toThrow(/FOREIGN KEY/);
  });
});
