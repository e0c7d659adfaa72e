/**
 * The documents that can leave the vault as a file or on paper. Each release (保存 or 印刷) is
 * recorded in the audit log with its recipient and purpose; these codes name the document there.
 */
export const DOCUMENT_KINDS = [
  'agenda',
  'notice',
  'attendance',
  'minutes',
  'role_list',
  'pledge_form',
  'audit_log',
  'support_plan',
  'evaluation_sheet',
  'material',
  'consent_scan',
  'pledge_scan',
  'recovery_key',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What a released document is about; the audit viewer names it (never by a person's name for a case). */
export const RELEASE_SUBJECT_KINDS = ['meeting', 'case', 'plan', 'organization', 'member', 'attachment'] as const;
export type ReleaseSubjectKind = (typeof RELEASE_SUBJECT_KINDS)[number];

/** The extension a released file gets for its media type (the name itself is generated, see `attachmentExportName`). */
export const EXTENSION_OF: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
};
