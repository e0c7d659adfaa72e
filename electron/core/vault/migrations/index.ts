import type { Database } from 'better-sqlite3-multiple-ciphers';
import { KasaneError } from '../../../../shared/contract';
import { initial } from './0001-initial';
import { directoryCases } from './0002-directory-cases';
import { meetingsAgendas } from './0003-meetings-agendas';
import { pledges } from './0004-pledges';
import { attendance } from './0005-attendance';
import { agendaMaterials } from './0006-agenda-materials';
import { pledgeSupersede } from './0007-pledge-supersede';
import { minutes } from './0008-minutes';
import { backups } from './0009-backups';
import { plans } from './0010-plans';
import { auditByTime } from './0011-audit-by-time';
import { meetingIntegrity } from './0012-meeting-integrity';
import { staffRoles } from './0013-staff-roles';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** In order; each runs in its own transaction and sets PRAGMA user_version. */
export const MIGRATIONS: readonly Migration[] = [initial, directoryCases, meetingsAgendas, pledges, attendance, agendaMaterials, pledgeSupersede, minutes, backups, plans, auditByTime, meetingIntegrity, staffRoles];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a vault written by a newer Kasane before anything is written to it. */
export function assertNotNewer(db: Database): void {
  const found = schemaVersion(db);
  if (found > LATEST_VERSION) throw new KasaneError('db_newer_version', { found, supported: LATEST_VERSION });
}

export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  assertNotNewer(db);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return applied;
}
