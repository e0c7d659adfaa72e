/**
 * The audit log's actions grouped into the kinds a person looks for in the viewer (解錠, 解錠の失敗,
 * 氏名の表示, 誓約の確認で止めた記録, 文書の書き出し, 会議録の確定 …). Every action the core writes
 * is mapped here; the core checks at compile time that none is missing (audit-handlers.ts), and
 * an action this version does not know (a newer version's row) falls into `other`.
 */
export const AUDIT_GROUPS = [
  'unlock',
  'unlock_failed',
  'reveal',
  'gate',
  'export',
  'minutes',
  'pledge',
  'case',
  'meeting',
  'directory',
  'staff',
  'settings',
  'backup',
  'other',
] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

/** Every action of the audit log and its group. Keys are exactly the core's `AuditAction` union. */
export const AUDIT_ACTION_GROUPS = {
  'vault.unlocked': 'unlock',
  'vault.recovered': 'unlock',
  'vault.unlock_failed': 'unlock_failed',
  'case.revealed': 'reveal',
  'gate.refused': 'gate',
  'gate.exemption_used': 'gate',
  'gate.late_arrival_covered': 'gate',
  'document.exported': 'export',
  'document.released': 'export',
  'minutes.confirmed': 'minutes',
  'minutes.amendment_started': 'minutes',
  'pledge.recorded': 'pledge',
  'pledge.superseded': 'pledge',
  'pledge.scan_attached': 'pledge',
  'pledge.revoked': 'pledge',
  'pledge.original_received': 'pledge',
  'pledge.wording_updated': 'pledge',
  'case.registered': 'case',
  'case.transitioned': 'case',
  'case.updated': 'case',
  'category.changed': 'case',
  'consent.recorded': 'case',
  'consent.scan_attached': 'case',
  'consent.withdrawn': 'case',
  'attachment.viewed': 'case',
  'minutes.case_transitioned': 'case',
  'meeting.planned': 'meeting',
  'meeting.updated': 'meeting',
  'meeting.cancelled': 'meeting',
  'meeting.corrected': 'meeting',
  'agenda.changed': 'meeting',
  'attendance.checked_in': 'meeting',
  'attendance.left': 'meeting',
  'attendance.walk_in': 'meeting',
  'meeting.opened': 'meeting',
  'meeting.copy_returned': 'meeting',
  'meeting.closed': 'meeting',
  'minutes.decision_changed': 'meeting',
  'minutes.role_changed': 'meeting',
  'role.progress': 'meeting',
  'organization.created': 'directory',
  'organization.updated': 'directory',
  'organization.exemption_changed': 'pledge',
  'organization.retired': 'directory',
  'organization.reinstated': 'directory',
  'member.created': 'directory',
  'member.updated': 'directory',
  'member.moved': 'directory',
  'member.left': 'directory',
  'directory.imported': 'directory',
  'staff.added': 'staff',
  'staff.role_changed': 'staff',
  'access.refused': 'staff',
  'staff.removed': 'staff',
  'staff.passphrase_changed': 'staff',
  'recovery_key.created': 'staff',
  'vault.key_rotated': 'staff',
  'settings.updated': 'settings',
  'backup.configured': 'backup',
  'backup.created': 'backup',
  'backup.failed': 'backup',
  'backup.restored': 'backup',
  'plan.changed': 'case',
  'plan.decided': 'case',
  'vault.created': 'other',
  'vault.locked': 'other',
  'sample.seeded': 'other',
} as const satisfies Record<string, AuditGroup>;

export type KnownAuditAction = keyof typeof AUDIT_ACTION_GROUPS;

export const KNOWN_AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_GROUPS) as KnownAuditAction[];

export function isKnownAuditAction(action: string): action is KnownAuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_ACTION_GROUPS, action);
}

/** The group of any action string found in the log; one this version does not know is `other`. */
export function auditGroupOf(action: string): AuditGroup {
  return isKnownAuditAction(action) ? AUDIT_ACTION_GROUPS[action] : 'other';
}

/** The known actions of the given groups (`other` also matches every unknown action: see `auditGroupOf`). */
export function actionsOfGroups(groups: readonly AuditGroup[]): KnownAuditAction[] {
  const wanted = new Set(groups);
  return KNOWN_AUDIT_ACTIONS.filter((a) => wanted.has(AUDIT_ACTION_GROUPS[a]));
}

/** The words `auditDetailEntries` needs, in the reader's language (the PDF is always Japanese). */
export interface AuditDetailWords {
  yes: string;
  no: string;
  separator: string;
  /** The label of a details key; the key itself when there is none. */
  keyLabel: (key: string) => string;
  /** A coded value's words in one of the audit strings' tables (`documents`, `agenda` → 次第); undefined when it has none. */
  tableLabel: (table: AuditValueTable, value: string) => string | undefined;
}

/**
 * Details keys whose values are codes, and the table of the audit strings (audit.ja/en) that
 * names them: `document: 'agenda'` → 次第, `changed: ['fullName']` → 氏名. The viewer and the
 * audit PDF both read values through this one map.
 */
const VALUE_TABLES = {
  document: 'documents',
  fields: 'fieldNames',
  changed: 'fieldNames',
  action: 'releaseActions',
  subjectKind: 'subjects',
  role: 'staffRoles',
  previousRole: 'staffRoles',
} as const satisfies Record<string, string>;
export type AuditValueTable = (typeof VALUE_TABLES)[keyof typeof VALUE_TABLES];

function valueLabel(key: string, value: string, words: AuditDetailWords): string | undefined {
  const table = Object.prototype.hasOwnProperty.call(VALUE_TABLES, key) ? VALUE_TABLES[key as keyof typeof VALUE_TABLES] : undefined;
  return table ? words.tableLabel(table, value) : undefined;
}

/** A details value longer than this is cut (a rewritten row could hold anything). */
export const AUDIT_DETAIL_MAX_CHARS = 400;

function detailText(key: string, value: unknown, names: Readonly<Record<string, string>>, words: AuditDetailWords, depth: number): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return names[value] ?? valueLabel(key, value, words) ?? value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (depth > 4) return '…';
  if (Array.isArray(value)) return value.map((v) => detailText(key, v, names, words, depth + 1)).join(words.separator);
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${words.keyLabel(k)}: ${detailText(k, v, names, words, depth + 1)}`);
    return `（${inner.join(words.separator)}）`;
  }
  return String(value);
}

/**
 * A row's details as label/text pairs to show as plain text: ids that have a readable name
 * (members, cases, organizations, meetings) are replaced by it, coded values are put into words,
 * and every text is cut at AUDIT_DETAIL_MAX_CHARS.
 */
export function auditDetailEntries(
  details: Readonly<Record<string, unknown>>,
  names: Readonly<Record<string, string>>,
  words: AuditDetailWords,
): { key: string; label: string; text: string }[] {
  return Object.entries(details).map(([key, value]) => {
    const raw = detailText(key, value, names, words, 0);
    const text = raw.length > AUDIT_DETAIL_MAX_CHARS ? `${raw.slice(0, AUDIT_DETAIL_MAX_CHARS)}…` : raw;
    return { key, label: words.keyLabel(key), text };
  });
}
