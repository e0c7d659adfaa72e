import type { Migration } from './index';

/** Meeting materials (資料) attached to 次第 items; the file itself is an attachment in the vault. */
export const agendaMaterials: Migration = {
  version: 6,
  name: 'agenda-materials',
  up: (db) => {
    db.exec(`
      CREATE TABLE agenda_materials (
        id TEXT PRIMARY KEY,
        item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
        attachment_id TEXT NOT NULL REFERENCES attachments(id),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX agenda_materials_by_item ON agenda_materials(item_id);
    `);
  },
};
