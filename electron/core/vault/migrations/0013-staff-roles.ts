import type { Migration } from './index';

/**
 * Roles (issue 17): 管理者 (administrator) or 職員 (staff). Every existing account becomes an
 * administrator, so nothing anyone could do is taken away silently; home says once that roles
 * now exist (the notice is pending only where accounts existed before).
 */
export const staffRoles: Migration = {
  version: 13,
  name: 'staff-roles',
  up: (db) => {
    db.exec(`
      ALTER TABLE staff ADD COLUMN role TEXT NOT NULL DEFAULT 'administrator' CHECK (role IN ('administrator', 'staff'));
      INSERT INTO settings (key, value) SELECT 'rolesNotice', 'pending' WHERE EXISTS (SELECT 1 FROM staff);
    `);
  },
};
