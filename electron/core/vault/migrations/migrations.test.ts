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
