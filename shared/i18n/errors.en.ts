import type { ErrorCode } from '../contract/errors';

export const errorsEn: Record<ErrorCode, string> = {
  validation_failed: 'Some input is not valid. Please check: {{fields}}.',
  unknown_method: 'This operation is not available in this version of Kasane.',
  internal: 'An unexpected error occurred (reference {{ref}}). No data was changed.',
  vault_not_found: 'No vault has been created yet. Please create a vault first.',
  vault_exists: 'A vault already exists here. It will not be overwritten.',
  vault_locked: 'The vault is locked. Please unlock it with your passphrase.',
  vault_already_unlocked: 'The vault is already unlocked.',
  passphrase_empty: 'Please enter your passphrase.',
  passphrase_weak: 'This passphrase is too weak. Use at least 12 characters, a combination of words that is hard to guess.',
  wrong_passphrase: 'The passphrase is not correct. Please try again in {{seconds}} s.',
  too_many_attempts: 'Too many failed attempts. Unlocking is paused for {{seconds}} s.',
  keys_file_missing: 'The key file (kasane.keys) is missing. Restore it from a backup or contact your administrator.',
  keys_file_corrupt: 'The key file (kasane.keys) is damaged and cannot be used. It was not changed. Restore it from a backup.',
  keys_file_newer: 'The key file was made by a newer version of Kasane. Please update Kasane.',
  db_file_missing: 'The data file (kasane.db) is missing. Restore it from a backup or contact your administrator.',
  db_file_corrupt: 'The data file (kasane.db) is damaged and cannot be opened. It was not changed. Restore it from a backup.',
  db_newer_version: 'This vault was made by a newer version of Kasane (format {{found}}); this version reads format {{supported}}. Please update Kasane.',
  vault_in_use: 'The vault is in use elsewhere ({{by}}, since {{since}}). Close it there first.',
  sample_vault_only: 'This can only be done in the sample vault.',
};
