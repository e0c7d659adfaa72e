import { KasaneError, type AuditFilter, type AuditRow, type AuditStaffOption, type AuditSubject, type AuditVerdict } from '../../../shared/contract';
import { AUDIT_GROUPS, KNOWN_AUDIT_ACTIONS, actionsOfGroups, auditGroupOf, isKnownAuditAction, type KnownAuditAction } from '../../../shared/domain/audit-kinds';
import { addDays, localIsoDate, parseIsoDate } from '../../../shared/domain/calendar-date';
import { formatWareki } from '../../../shared/domain/wareki';
import { RELEASE_SUBJECT_KINDS } from '../../../shared/domain/documents';
import { verifyMinutes } from '../vault/verify';
import type { Db } from '../vault/database';
import { verifyAuditChain } from './audit-log';

/**
 * Reading the audit log back for people: filters turned into SQL, rows with their subject and the
 * ids in their details turned into words (a meeting's title and date, a case's number — never a
 * case's name, which the log never holds and this file never reads), and the chain's verdict.
 */

type SubjectKind = AuditSubject['kind'];

/** What the `subject` column of each action names. Actions without one here have no subject. */
const SUBJECT_OF: Partial<Record<KnownAuditAction, SubjectKind>> = {
  'case.registered': 'case',
  'case.revealed': 'case',
  'case.transitioned': 'case',
  'case.updated': 'case',
  'consent.recorded': 'case',
  'consent.scan_attached': 'case',
  'consent.withdrawn': 'case',
  'minutes.case_transitioned': 'case',
  'category.changed': 'category',
  'attachment.viewed': 'attachment',
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
  'gate.refused': 'meeting',
  'gate.exemption_used': 'meeting',
  'gate.late_arrival_covered': 'meeting',
  'minutes.confirmed': 'meeting',
  'minutes.amendment_started': 'meeting',
  // A meeting's documents name the meeting; the 役割分担一覧 names its organization (see `resolveSubject`).
  'document.exported': 'meeting',
  'minutes.decision_changed': 'decision',
  'minutes.role_changed': 'role',
  'role.progress': 'role',
  'plan.changed': 'plan',
  'plan.decided': 'plan',
  'pledge.recorded': 'pledge',
  'pledge.superseded': 'pledge',
  'pledge.scan_attached': 'pledge',
  'pledge.revoked': 'pledge',
  'pledge.original_received': 'pledge',
  'organization.created': 'organization',
  'organization.updated': 'organization',
  'organization.exemption_changed': 'organization',
  'organization.retired': 'organization',
  'organization.reinstated': 'organization',
  'member.created': 'member',
  'member.updated': 'member',
  'member.moved': 'member',
  'member.left': 'member',
  'staff.added': 'staff',
  'staff.role_changed': 'staff',
  'access.refused': 'staff',
  'staff.removed': 'staff',
  'staff.passphrase_changed': 'staff',
  'vault.recovered': 'staff',
};

const RELEASE_SUBJECTS = new Set<SubjectKind>(RELEASE_SUBJECT_KINDS);

/** Keys of `details` whose values are ids of a kind we can name (strings or arrays of them, at any depth). */
const DETAIL_ID_KEYS: Record<string, 'member' | 'case' | 'organization' | 'meeting'> = {
  memberId: 'member',
  memberIds: 'member',
  recipients: 'member',
  caseId: 'case',
  organizationId: 'organization',
  meetingId: 'meeting',
};

/** The instant a local calendar day starts, as stored in `at` (ISO, UTC). */
function dayStart(iso: string): string {
  const d = parseIsoDate(iso);
  return new Date(d.year, d.month - 1, d.day).toISOString();
}

interface Where {
  sql: string;
  params: (string | number)[];
}

export function whereOf(filter: AuditFilter): Where {
  if (filter.from > filter.to) throw new KasaneError('audit_range_invalid', { from: filter.from, to: filter.to });
  const clauses = ['a.at >= ?', 'a.at < ?'];
  const params: (string | number)[] = [dayStart(filter.from), dayStart(addDays(filter.to, 1))];
  if (filter.staffId) {
    clauses.push('a.staff_id = ?');
    params.push(filter.staffId);
  }
  const groups = filter.groups ?? [];
  if (groups.length > 0 && new Set(groups).size < AUDIT_GROUPS.length) {
    const parts: string[] = [];
    const known = actionsOfGroups(groups);
    if (known.length > 0) {
      parts.push(`a.action IN (${known.map(() => '?').join(', ')})`);
      params.push(...known);
    }
    // `other` also holds every action this version does not know (a newer version's rows).
    if (groups.includes('other')) {
      parts.push(`a.action NOT IN (${KNOWN_AUDIT_ACTIONS.map(() => '?').join(', ')})`);
      params.push(...KNOWN_AUDIT_ACTIONS);
    }
    clauses.push(`(${parts.join(' OR ')})`);
  }
  return { sql: clauses.join(' AND '), params };
}

interface RawRow {
  seq: number;
  at: string;
  staff_id: string | null;
  staff_name: string | null;
  action: string;
  subject: string | null;
  details: string;
}

const SELECT_ROWS = `SELECT a.seq, a.at, a.staff_id, s.name AS staff_name, a.action, a.subject, a.details
  FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id`;

export function countRows(db: Db, filter: AuditFilter): number {
  const w = whereOf(filter);
  return db.prepare(`SELECT count(*) FROM audit_log a WHERE ${w.sql}`).pluck().get(...w.params) as number;
}

/** One page, newest first; with `atSeq`, the page holding that row. */
export function listRows(
  db: Db,
  filter: AuditFilter & { limit: number; offset: number; atSeq?: number | undefined },
): { rows: AuditRow[]; total: number; offset: number; limit: number } {
  const w = whereOf(filter);
  const total = db.prepare(`SELECT count(*) FROM audit_log a WHERE ${w.sql}`).pluck().get(...w.params) as number;
  let offset = filter.offset;
  if (filter.atSeq !== undefined) {
    const newer = db.prepare(`SELECT count(*) FROM audit_log a WHERE ${w.sql} AND a.seq > ?`).pluck().get(...w.params, filter.atSeq) as number;
    offset = Math.floor(newer / filter.limit) * filter.limit;
  }
  const raw = db.prepare(`${SELECT_ROWS} WHERE ${w.sql} ORDER BY a.seq DESC LIMIT ? OFFSET ?`).all(...w.params, filter.limit, offset) as RawRow[];
  const resolver = new Resolver(db);
  return { rows: raw.map((r) => resolver.row(r)), total, offset, limit: filter.limit };
}

/** Every matching row, oldest first (the order of a printed log), at most `max` + 1 so the caller can refuse. */
export function allRows(db: Db, filter: AuditFilter, max: number): AuditRow[] {
  const w = whereOf(filter);
  const raw = db.prepare(`${SELECT_ROWS} WHERE ${w.sql} ORDER BY a.seq LIMIT ?`).all(...w.params, max + 1) as RawRow[];
  const resolver = new Resolver(db);
  return raw.map((r) => resolver.row(r));
}

export function staffOptions(db: Db): AuditStaffOption[] {
  return (db.prepare('SELECT id, name, removed_at FROM staff ORDER BY created_at, name').all() as { id: string; name: string; removed_at: string | null }[]).map(
    (s) => ({ id: s.id, name: s.name, removed: s.removed_at !== null }),
  );
}

const REASONS: Record<string, Extract<AuditVerdict, { ok: false }>['reason']> = {
  'missing row': 'missing_row',
  'link to previous row broken': 'link_broken',
  'row content changed': 'content_changed',
};

export function verifyLog(db: Db): AuditVerdict {
  const v = verifyAuditChain(db);
  // The confirmed minutes are checked with the chain: their hashes live in it.
  const changedMinutes = verifyMinutes(db).changed.map((c) => {
    const m = db.prepare('SELECT title, date FROM meetings WHERE id = ?').get(c.meetingId) as { title: string; date: string } | undefined;
    return { ...c, title: m?.title ?? '', date: m?.date ?? '1970-01-01' };
  });
  if (v.ok) return { ok: true, rows: v.rows, changedMinutes };
  const at = db.prepare('SELECT at FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT 1').pluck().get(v.brokenAt) as string | undefined;
  const instant = at === undefined ? null : new Date(at);
  const brokenOn = instant && !Number.isNaN(instant.getTime()) ? localIsoDate(instant) : null;
  return { ok: false, rows: v.rows, changedMinutes, brokenAt: v.brokenAt, reason: REASONS[v.reason] ?? 'content_changed', brokenOn };
}

/** The row's details as an object; a rewritten row may hold anything, which is kept as text. */
function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    return { value };
  } catch {
    return { value: text };
  }
}

/**
 * Looks up the names of things a row points to, once per id per call. It reads case numbers
 * only: the columns holding a case person's name are never selected here.
 */
class Resolver {
  private cache = new Map<string, { label: string | null; date: string | null }>();

  constructor(private readonly db: Db) {}

  row(r: RawRow): AuditRow {
    const details = parseDetails(r.details);
    return {
      seq: r.seq,
      at: r.at,
      staffId: r.staff_id,
      staffName: r.staff_name,
      action: r.action,
      group: auditGroupOf(r.action),
      subject: r.subject === null ? null : this.subject(r.action, r.subject, details),
      details,
      names: this.names(details),
    };
  }

  private subject(action: string, id: string, details: Record<string, unknown>): AuditSubject | null {
    // A released document says what it is about (a meeting, a case, an organization …).
    const released = action === 'document.released' && RELEASE_SUBJECTS.has(details.subjectKind as SubjectKind) ? (details.subjectKind as SubjectKind) : undefined;
    const kind: SubjectKind = released ?? (isKnownAuditAction(action) ? SUBJECT_OF[action] : undefined) ?? 'unknown';
    // An id of a kind this version cannot name (a newer version's row) says nothing to a reader.
    if (kind === 'unknown') return null;
    const found = this.lookup(kind, id);
    if (action === 'document.exported' && found.label === null) {
      const org = this.lookup('organization', id);
      if (org.label !== null) return { kind: 'organization', ...org };
    }
    return { kind, ...found };
  }

  private names(details: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    const visit = (value: unknown, kind: (typeof DETAIL_ID_KEYS)[string] | undefined, depth: number) => {
      if (depth > 4) return;
      if (typeof value === 'string' && kind) {
        const { label, date } = this.lookup(kind, value);
        if (label !== null) out[value] = date ? `${label}（${formatWareki(date)}）` : label;
      } else if (Array.isArray(value)) {
        for (const v of value.slice(0, 500)) visit(v, kind, depth + 1);
      } else if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(v, DETAIL_ID_KEYS[k], depth + 1);
      }
    };
    visit(details, undefined, 0);
    return out;
  }

  private lookup(kind: SubjectKind, id: string): { label: string | null; date: string | null } {
    const key = `${kind}:${id}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    let found: { label: string | null; date: string | null } | undefined;
    try {
      found = this.find(kind, id);
    } catch {
      // A table this vault does not have (yet): the subject stays unnamed rather than failing the page.
      found = undefined;
    }
    found ??= { label: null, date: null };
    this.cache.set(key, found);
    return found;
  }

  private find(kind: SubjectKind, id: string): { label: string | null; date: string | null } | undefined {
    const db = this.db;
    const one = <T>(sql: string) => db.prepare(sql).get(id) as T | undefined;
    switch (kind) {
      case 'case': {
        const c = one<{ case_number: string }>('SELECT case_number FROM cases WHERE id = ?');
        return c && { label: c.case_number, date: null };
      }
      case 'meeting': {
        const m = one<{ title: string; date: string }>('SELECT title, date FROM meetings WHERE id = ?');
        return m && { label: m.title, date: m.date };
      }
      case 'organization': {
        const o = one<{ name: string }>('SELECT name FROM organizations WHERE id = ?');
        return o && { label: o.name, date: null };
      }
      case 'member': {
        const m = one<{ name: string; org: string | null }>(
          `SELECT m.name, (SELECT o.name FROM member_affiliations a JOIN organizations o ON o.id = a.organization_id
             WHERE a.member_id = m.id ORDER BY a.start_on DESC LIMIT 1) AS org
           FROM members m WHERE m.id = ?`,
        );
        return m && { label: m.org ? `${m.name}（${m.org}）` : m.name, date: null };
      }
      case 'staff': {
        const s = one<{ name: string }>('SELECT name FROM staff WHERE id = ?');
        return s && { label: s.name, date: null };
      }
      case 'category': {
        const c = one<{ label: string }>('SELECT label FROM need_categories WHERE id = ?');
        return c && { label: c.label, date: null };
      }
      case 'pledge': {
        const p = one<{ member: string | null; org: string | null }>(
          `SELECT m.name AS member, o.name AS org FROM pledges p
             LEFT JOIN members m ON m.id = p.member_id LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?`,
        );
        return p && { label: p.member ?? p.org, date: null };
      }
      case 'decision': {
        const d = one<{ title: string; date: string }>(
          `SELECT m.title, m.date FROM decisions d JOIN agenda_items i ON i.id = d.item_id JOIN meetings m ON m.id = i.meeting_id WHERE d.id = ?`,
        );
        return d && { label: d.title, date: d.date };
      }
      case 'role': {
        const r = one<{ case_number: string }>('SELECT c.case_number FROM role_assignments r JOIN cases c ON c.id = r.case_id WHERE r.id = ?');
        return r && { label: r.case_number, date: null };
      }
      case 'plan': {
        const p = one<{ case_number: string }>('SELECT c.case_number FROM plans p JOIN cases c ON c.id = p.case_id WHERE p.id = ?');
        return p && { label: p.case_number, date: null };
      }
      case 'attachment': {
        // Named by what it belongs to (a file's own name could be a person's name: never shown).
        const c = one<{ case_number: string }>('SELECT c.case_number FROM consents s JOIN cases c ON c.id = s.case_id WHERE s.scan_attachment_id = ?');
        if (c) return { label: c.case_number, date: null };
        const p = one<{ label: string | null }>(
          `SELECT coalesce(m.name, o.name) AS label FROM pledges p
             LEFT JOIN members m ON m.id = p.member_id LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.scan_attachment_id = ?`,
        );
        if (p) return { label: p.label, date: null };
        const m = one<{ title: string; date: string }>(
          `SELECT mt.title, mt.date FROM agenda_materials am JOIN agenda_items i ON i.id = am.item_id JOIN meetings mt ON mt.id = i.meeting_id WHERE am.attachment_id = ?`,
        );
        return m && { label: m.title, date: m.date };
      }
      default:
        return undefined;
    }
  }
}
