import type { Settings, UpdateSettingsInput } from '../../../shared/contract';
import type { Db } from '../vault/database';
import { DEFAULT_CASE_NUMBER_FORMAT } from '../../../shared/domain/case-number';

/** Meeting materials larger than this are refused unless the setting says otherwise. */
export const DEFAULT_MATERIALS_LIMIT_MB = 50;

export type SettingKey = 'municipalityName' | 'secretariatName' | 'idleLockMinutes' | 'caseNumberFormat' | 'materialsLimitMb' | 'createdAt';

export function readSetting(db: Db, key: SettingKey): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? '';
}

export function readSettings(db: Db): Settings {
  return {
    municipalityName: readSetting(db, 'municipalityName'),
    secretariatName: readSetting(db, 'secretariatName'),
    idleLockMinutes: Number(readSetting(db, 'idleLockMinutes')),
    caseNumberFormat: readSetting(db, 'caseNumberFormat') || DEFAULT_CASE_NUMBER_FORMAT,
    materialsLimitMb: Number(readSetting(db, 'materialsLimitMb')) || DEFAULT_MATERIALS_LIMIT_MB,
  };
}

/** Writes the given settings; returns the names of those that actually changed. */
export function writeSettings(db: Db, input: UpdateSettingsInput): string[] {
  const before = readSettings(db);
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const changed: string[] = [];
  for (const [key, value] of Object.entries(input) as [keyof Settings, string | number | undefined][]) {
    if (value === undefined || before[key] === value) continue;
    put.run(key, String(value));
    changed.push(key);
  }
  return changed;
}
