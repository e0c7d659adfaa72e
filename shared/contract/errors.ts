/**
 * Every failure that crosses the contract is one of these codes. The renderer and the CLI
 * turn a code into words through i18n (`errors.<code>`), interpolating `details`.
 * Nothing else about a failure (no stack, no SQL) ever leaves the core.
 */
export const ERROR_CODES = [
  'validation_failed',
  'unknown_method',
  'internal',
  'vault_not_found',
  'vault_exists',
  'vault_locked',
  'vault_already_unlocked',
  'passphrase_empty',
  'passphrase_weak',
  'wrong_passphrase',
  'too_many_attempts',
  'keys_file_missing',
  'keys_file_corrupt',
  'keys_file_newer',
  'keys_file_mismatch',
  'db_file_missing',
  'db_file_corrupt',
  'db_newer_version',
  'vault_in_use',
  'sample_vault_only',
  // staff accounts and key slots
  'staff_not_found',
  'last_staff_account',
  'cannot_remove_self',
  'recovery_key_invalid',
  'recovery_key_wrong',
  'no_recovery_key',
  // directory
  'organization_not_found',
  'organization_name_taken',
  'member_not_found',
  // cases and consent
  'case_not_found',
  'case_number_taken',
  'transition_not_allowed',
  'consent_in_future',
  'consent_before_received',
  'withdrawal_before_consent',
  'consent_not_found',
  'consent_already_withdrawn',
  'attachment_too_large',
  'attachment_type_not_allowed',
  // CSV import
  'import_wrong_columns',
  'import_bad_encoding',
  'import_empty',
  // meetings and agendas
  'meeting_not_found',
  'meeting_end_before_start',
  'invitee_not_active',
  'consent_required_for_jusoteki',
  'agenda_item_not_found',
  'case_already_on_agenda',
  // confidentiality pledges
  'pledge_not_found',
  'pledge_already_revoked',
  'pledge_signed_in_future',
  'pledge_outside_fiscal_year',
  // check-in and the pledge gate
  'pledge_gate_closed',
  'attendee_not_covered',
  'pledge_duplicate',
  'pledge_after_meeting',
  'attendee_already_checked_in',
  // the meeting state machine and the records it keeps true
  'meeting_frozen_from_check_in',
  'meeting_in_session',
  'meeting_not_started',
  'meeting_record_closed',
  'meeting_cancelled',
  'meeting_not_yet_held',
  'arrival_time_required',
  'closing_time_required',
  'closing_before_opening',
  'attendee_not_arrived',
  'attendee_already_arrived',
  'attendee_already_left',
  'departure_before_arrival',
  'attendance_record_breaks',
  'pledge_revocation_breaks_record',
  'pledge_replacement_breaks_record',
  'exemption_withdrawal_breaks_record',
  'affiliation_change_breaks_record',
  'pledge_revoked_in_future',
  'roster_member_not_in_organization',
  'pledge_meeting_not_shien',
  'correction_changes_nothing',
  // roles
  'administrator_only',
  'last_administrator',
  'cannot_change_own_role',
  'exemption_not_statutory',
  // minutes and role assignments
  'minutes_confirmed',
  'minutes_already_confirmed',
  'minutes_not_ready',
  'minutes_version_not_found',
  'role_due_before_start',
  'role_needs_due_or_frequency',
  'role_not_found',
  'role_already_live',
  'overdue_reason_required',
  'decision_case_not_on_agenda',
  'decision_not_found',
  'materials_not_returned',
  // the audit log viewer
  'audit_range_invalid',
  'audit_export_too_large',
  // support plans
  'plan_not_found',
  'plan_not_editable',
  'plan_step_refused',
  'plan_start_before_decision',
  'plan_evaluation_before_start',
  'plan_meeting_not_jusoteki',
  // documents leaving the vault
  'file_name_personal',
  // backups and restore
  'disk_full',
  'vault_write_failed',
  'backup_folder_not_set',
  'backup_folder_unreachable',
  'backup_folder_not_writable',
  'backup_disk_full',
  'backup_check_failed',
  'backup_not_found',
  'backup_not_a_backup',
  'backup_damaged',
  'restore_vault_unlocked',
  'restore_failed',
  'backup_in_progress',
  'backup_no_recovery_key',
  'backup_recovery_key_wrong',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorDetails = Record<string, string | number | boolean | null | readonly unknown[]>;

export interface KasaneErrorShape {
  code: ErrorCode;
  /** i18n key of the message: always `errors.<code>`. */
  messageKey: `errors.${ErrorCode}`;
  details: ErrorDetails;
}

/** A typed failure. Thrown inside the core, serialised as `KasaneErrorShape` across a transport. */
export class KasaneError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, details: ErrorDetails = {}) {
    super(code);
    this.name = 'KasaneError';
    this.code = code;
    this.details = details;
  }

  toShape(): KasaneErrorShape {
    return { code: this.code, messageKey: `errors.${this.code}`, details: this.details };
  }

  static fromShape(shape: KasaneErrorShape): KasaneError {
    return new KasaneError(shape.code, shape.details);
  }
}

export function isErrorShape(value: unknown): value is KasaneErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.details === 'object';
}

/** What every transport returns for a call: the method's output, or a typed error. */
export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: KasaneErrorShape };
