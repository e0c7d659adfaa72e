import { z } from 'zod';
import { KasaneError, type ImportKind, type ImportPreview } from '../../../shared/contract';
import { parseIsoDate, toIsoDate } from '../../../shared/domain/calendar-date';
import type { Db } from '../vault/database';
import { createOrganization, setExemption } from '../directory/organization-repository';
import { createMember } from '../directory/member-repository';
import { decodeCsv, parseCsv } from './csv-file';

type Problem = ImportPreview['rows'][number]['problems'][number];

/** The columns of each template: the header row must name these (Japanese, as in Excel). */
const COLUMNS: Record<ImportKind, { required: string[]; optional: string[] }> = {
  organizations: { required: ['名称', '種別'], optional: ['連絡先', '誓約免除の理由'] },
  members: { required: ['氏名', '所属機関'], optional: ['ふりがな', '職名', '連絡先', '開始日'] },
};

const KINDS: Record<string, 'city_department' | 'contractor' | 'partner'> = { 市の部署: 'city_department', 委託先: 'contractor', 関係機関: 'partner' };
const MAX_LENGTH: Record<string, number> = { 名称: 80, 氏名: 60, ふりがな: 60, 職名: 60, 連絡先: 200, 誓約免除の理由: 200 };

/** 2026-04-01, 2026/4/1 or 2026.4.1, as Excel may write a date. */
function readDate(value: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
  if (!m) return null;
  try {
    return toIsoDate(parseIsoDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`));
  } catch {
    return null;
  }
}

export function previewImport(db: Db, kind: ImportKind, bytes: Buffer): ImportPreview {
  const { text, encoding } = decodeCsv(bytes);
  const { header, rows } = parseCsv(text);
  const spec = COLUMNS[kind];
  const allowed = [...spec.required, ...spec.optional];
  if (spec.required.some((c) => !header.includes(c)) || header.some((h) => !allowed.includes(h)) || new Set(header).size !== header.length) {
    throw new KasaneError('import_wrong_columns', { expected: allowed.join('、'), found: header.join('、') });
  }

  const activeOrgs = new Map(
    (db.prepare('SELECT name, id FROM organizations WHERE retired_at IS NULL').all() as { name: string; id: string }[]).map((o) => [o.name, o.id]),
  );
  const seen = new Set<string>();
  const checked = rows.map(({ line, cells }) => {
    const values = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    const problems: Problem[] = [];
    for (const c of spec.required) if (!values[c]) problems.push({ column: c, code: 'required' });
    for (const [c, max] of Object.entries(MAX_LENGTH)) if ((values[c] ?? '').length > max) problems.push({ column: c, code: 'too_long' });
    if (kind === 'organizations') {
      if (values['種別'] && !KINDS[values['種別']]) problems.push({ column: '種別', code: 'unknown_kind' });
      const name = values['名称'] ?? '';
      if (name && (activeOrgs.has(name) || seen.has(name))) problems.push({ column: '名称', code: 'duplicate' });
      seen.add(name);
    } else {
      if (values['所属機関'] && !activeOrgs.has(values['所属機関'])) problems.push({ column: '所属機関', code: 'unknown_organization' });
      if (values['開始日'] && !readDate(values['開始日'])) problems.push({ column: '開始日', code: 'bad_date' });
    }
    return { line, values, problems };
  });
  const invalidRows = checked.filter((r) => r.problems.length > 0).length;
  return { kind, encoding, columns: header, rows: checked, validRows: checked.length - invalidRows, invalidRows };
}

/** Writes the valid rows (all or nothing unless `skipInvalid`); returns counts. */
export function commitImport(
  db: Db,
  kind: ImportKind,
  bytes: Buffer,
  skipInvalid: boolean,
  now: Date,
  today: string,
  administrator: boolean,
): { imported: number; skipped: number } {
  const preview = previewImport(db, kind, bytes);
  if (preview.invalidRows > 0 && !skipInvalid) {
    const issues = preview.rows.flatMap((r) => r.problems.map((p) => ({ path: `${r.line}:${p.column}`, code: p.code })));
    throw new KasaneError('validation_failed', { fields: issues.map((i) => i.path).join(', '), issues });
  }
  const orgIds = new Map((db.prepare('SELECT name, id FROM organizations WHERE retired_at IS NULL').all() as { name: string; id: string }[]).map((o) => [o.name, o.id]));
  let imported = 0;
  for (const row of preview.rows) {
    if (row.problems.length) continue;
    const v = row.values;
    const opt = (c: string) => v[c] || null;
    if (kind === 'organizations') {
      const id = createOrganization(db, { name: v['名称']!, kind: KINDS[v['種別']!]!, contact: opt('連絡先') }, now);
      // An exemption is an administrator's decision, in a file as on screen; a 関係機関 (not bound
      // by statute) is not exempted from a file at all: that needs its own confirmation.
      const exemption = opt('誓約免除の理由');
      if (exemption) {
        if (!administrator) throw new KasaneError('administrator_only', { what: 'import.exemption' });
        setExemption(db, { id, reason: exemption }, now);
      }
    } else {
      createMember(
        db,
        { name: v['氏名']!, nameKana: opt('ふりがな'), contact: opt('連絡先'), organizationId: orgIds.get(v['所属機関']!)!, title: opt('職名'), startOn: v['開始日'] ? readDate(v['開始日'])! : today },
        now,
      );
    }
    imported++;
  }
  return { imported, skipped: preview.invalidRows };
}

export const decodeBase64 = (data: string): Buffer => {
  if (!z.base64().safeParse(data).success) throw new KasaneError('import_bad_encoding');
  return Buffer.from(data, 'base64');
};
