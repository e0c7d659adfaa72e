import type { releaseJa } from './release.ja';
import type { DeepStringRecord } from './en';

export const releaseEn: DeepStringRecord<typeof releaseJa> = {
  legend: 'Record of release',
  intro: 'Before saving or printing, enter who receives it and why. Both are kept in the audit log with the file name and its hash.',
  recipient: 'Recipient',
  recipientHint: 'e.g. Welfare Division, community support center, attendees (handed out), kept by the secretariat',
  purpose: 'Purpose',
  purposeHint: 'e.g. sent ahead of the meeting, handed out at the meeting, submitted for an audit',
  missing: 'Enter the recipient and the purpose before saving or printing.',
  recording: 'Recording the release…',
  recorded: 'Recorded in the audit log (recipient: {{recipient}}, purpose: {{purpose}}).',
  save: 'Save',
  saved: 'Saved “{{fileName}}”.',
};
