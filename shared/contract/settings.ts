import { z } from 'zod';
import { method } from './define';
import { isValidCaseNumberFormat } from '../domain/case-number';

export const IDLE_LOCK_MINUTES = { min: 1, max: 120, default: 10 } as const;

export const Settings = z.object({
  municipalityName: z.string(),
  secretariatName: z.string(),
  idleLockMinutes: z.number().int(),
  /** How new case numbers are written, e.g. {era}{eraYear}-{seq:3} → R8-001. */
  caseNumberFormat: z.string(),
  /** Largest meeting material (資料) accepted, in MB. */
  materialsLimitMb: z.number().int(),
});
export type Settings = z.infer<typeof Settings>;

export const UpdateSettingsInput = z
  .object({
    municipalityName: z.string().trim().min(1).max(60),
    secretariatName: z.string().trim().min(1).max(60),
    idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES.min).max(IDLE_LOCK_MINUTES.max),
    caseNumberFormat: z.string().trim().refine(isValidCaseNumberFormat, { message: 'needs {seq}' }),
    // A material travels as one base64 JSON string: ~383 MB is V8's ceiling, so cap well below it.
    materialsLimitMb: z.number().int().min(1).max(300),
  })
  .partial()
  .strict();
export type UpdateSettingsInput = z.infer<typeof UpdateSettingsInput>;

export const settingsMethods = {
  'settings.get': method({ input: z.object({}).strict(), output: Settings, access: 'unlocked' }),
  /** What documents say (municipality, secretariat, case numbers), the idle lock, the size of materials: 管理者. */
  'settings.update': method({ input: UpdateSettingsInput, output: Settings, access: 'administrator' }),
};
