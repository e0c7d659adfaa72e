import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { tempHome } from '../../testing/temp-vault';
import { createDatabase, type Db } from '../database';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from './index';

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

const tables = () => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();

describe('migrations', () => {
  it('are numbered 1, 2, 3 … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('0001 initial: creates the foundation tables and sets user_version 1', () => {
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toEqual([1]);
    expect(schemaVersion(db)).toBe(1);
    expect(tables()).toEqual(['audit_log', 'cases', 'meetings', 'organizations', 'settings', 'staff']);
    // STRICT tables refuse a wrong type rather than storing it.
    expect(() => db.prepare("INSERT INTO organizations (id, name, kind, sort_order, created_at) VALUES ('o', 'x', 'partner', 'first', 'now')").run()).toThrow();
  });

  it('0002 directory-cases: members with affiliation history, consent, search index, default need categories', () => {
    migrate(db, MIGRATIONS.slice(0, 2));
    expect(schemaVersion(db)).toBe(2);
    for (const t of ['members', 'member_affiliations', 'consents', 'consent_organizations', 'case_transitions', 'attachments', 'need_categories', 'case_search']) {
      expect(tables()).toContain(t);
    }
    expect(db.prepare('SELECT label FROM need_categories ORDER BY sort_order').pluck().all()).toContain('ヤングケアラー');
    // Two active organizations may not share a name; a retired one may.
    db.prepare("INSERT INTO organizations (id, name, kind, created_at) VALUES ('a', '社会福祉協議会', 'contractor', 'now')").run();
    expect(() => db.prepare("INSERT INTO organizations (id, name, kind, created_at) VALUES ('b', '社会福祉協議会', 'contractor', 'now')").run()).toThrow();
    db.prepare("UPDATE organizations SET retired_at = 'now' WHERE id = 'a'").run();
    db.prepare("INSERT INTO organizations (id, name, kind, created_at) VALUES ('b', '社会福祉協議会', 'contractor', 'now')").run();
  });

  it('0002 keeps the cases of a version-1 vault', () => {
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO cases (id, case_number, initials, status, received_on, created_at) VALUES ('c', 'R8-001', 'A・K', 'received', '2026-05-01', 'now')").run();
    migrate(db);
    expect(db.prepare('SELECT case_number, full_name FROM cases').get()).toEqual({ case_number: 'R8-001', full_name: null });
  });

  it('0012 meeting-integrity: a meeting whose 受付 had begun becomes checking_in; an existing exemption holds since its organization was registered', () => {
    migrate(db, MIGRATIONS.slice(0, 11));
    db.exec(`
      INSERT INTO organizations (id, name, kind, pledge_exemption_reason, created_at) VALUES ('o', '健康課', 'city_department', '地方公務員法', '2025-04-01T00:00:00.000Z');
      INSERT INTO members (id, name, created_at, updated_at) VALUES ('p', '見本 一郎', 'now', 'now');
      INSERT INTO meetings (id, type, title, date, state, created_at) VALUES ('m1', 'shien', '支援会議', '2026-05-01', 'planned', 'now'), ('m2', 'shien', '支援会議', '2026-06-01', 'planned', 'now');
      INSERT INTO meeting_invitees (meeting_id, member_id, organization_id) VALUES ('m1', 'p', 'o');
      INSERT INTO meeting_attendance (meeting_id, member_id, present, updated_at) VALUES ('m1', 'p', 1, 'now');
    `);
    migrate(db);
    expect(db.prepare('SELECT id, state FROM meetings ORDER BY id').all()).toEqual([
      { id: 'm1', state: 'checking_in' },
      { id: 'm2', state: 'planned' },
    ]);
    expect(db.prepare('SELECT organization_id, reason, from_on, until_on FROM organization_exemptions').all()).toEqual([
      { organization_id: 'o', reason: '地方公務員法', from_on: '2025-04-01', until_on: null },
    ]);
    expect(tables()).toContain('meeting_corrections');
  });

  it('0013 staff-roles: every existing account becomes an administrator and home is to say so once; a new vault has no notice', () => {
    migrate(db, MIGRATIONS.slice(0, 12));
    db.exec("INSERT INTO staff (id, name, created_at) VALUES ('s1', '見本 一郎', 'now'), ('s2', '見本 二郎', 'now')");
    migrate(db);
    expect(db.prepare('SELECT role FROM staff ORDER BY id').pluck().all()).toEqual(['administrator', 'administrator']);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'rolesNotice'").pluck().get()).toBe('pending');
    expect(() => db.prepare("UPDATE staff SET role = 'owner' WHERE id = 's1'").run()).toThrow();
  });

  it('0013 on a new vault: no accounts yet, no notice', () => {
    migrate(db);
    expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'rolesNotice'").pluck().get()).toBe(0);
  });

  it('run once: a second migrate applies nothing', () => {
    migrate(db);
    expect(migrate(db)).toEqual([]);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
  });

  it('a failing migration rolls back completely and leaves user_version unchanged', () => {
    migrate(db);
    const broken = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'broken', up: (d: Db) => d.exec('CREATE TABLE half (x); SELECT no_such_function();') }];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tables()).not.toContain('half');
  });

  it('refuses a database from a newer version', () => {
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db)).toThrowError(expect.objectContaining({ code: 'db_newer_version' }));
  });
});
