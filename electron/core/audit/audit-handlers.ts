import { printCopies } from '../pdf/print-copies';
import { AUDIT_PDF_MAX_ROWS, KasaneError } from '../../../shared/contract';
import { AUDIT_ACTION_GROUPS, type AuditGroup, type KnownAuditAction } from '../../../shared/domain/audit-kinds';
import { formatWareki } from '../../../shared/domain/wareki';
import type { Handler } from '../rpc/handlers';
import { read, write } from '../rpc/work';
import { readSettings } from '../settings/settings-repository';
import { auditLogDocument } from '../pdf/documents/audit-log-document';
import type { AuditAction } from './audit-log';
import { allRows, countRows, listRows, staffOptions, verifyLog } from './audit-view';

// Every action the core can write has a group in the viewer (a new action without one is a
// compile error here), and the table names no action the core does not write.
const _everyActionHasAGroup: Record<AuditAction, AuditGroup> = AUDIT_ACTION_GROUPS;
type StrayActions = Exclude<KnownAuditAction, AuditAction>;
const _noStrayAction: [StrayActions] extends [never] ? true : StrayActions = true;

type AuditMethod = 'audit.list' | 'audit.staff' | 'audit.verify' | 'audit.pdf';

export const auditHandlers: { [M in AuditMethod]: Handler<M> } = {
  'audit.list': (ctx, input) => read(ctx, (w) => listRows(w.db, input)),
  'audit.staff': (ctx) => read(ctx, (w) => staffOptions(w.db)),
  'audit.verify': (ctx) => read(ctx, (w) => verifyLog(w.db)),
  'audit.pdf': async (ctx, input) => {
    const { html, fileName, rows, verdict } = write(ctx, (w) => {
      const rows = allRows(w.db, input, AUDIT_PDF_MAX_ROWS);
      if (rows.length > AUDIT_PDF_MAX_ROWS) throw new KasaneError('audit_export_too_large', { count: countRows(w.db, input), max: AUDIT_PDF_MAX_ROWS });
      // The verdict covers the whole log as it is before this export is recorded.
      const verdict = verifyLog(w.db);
      const { municipalityName, secretariatName } = readSettings(w.db);
      const nameOf = (id: string) => (w.db.prepare('SELECT name FROM staff WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
      const staffName = input.staffId ? nameOf(input.staffId) : null;
      const groups = [...new Set(input.groups ?? [])];
      const recipient = input.recipient || null;
      const purpose = input.purpose || null;
      w.audit({
        action: 'document.exported',
        details: {
          document: 'audit_log',
          period: `${input.from}/${input.to}`,
          ...(staffName ? { staff: staffName } : {}),
          ...(groups.length ? { groups } : {}),
          rows: rows.length,
          ...(recipient ? { recipient } : {}),
          ...(purpose ? { purpose } : {}),
        },
      });
      const html = auditLogDocument({
        municipalityName,
        secretariatName,
        from: input.from,
        to: input.to,
        staffName,
        groups,
        verdict,
        rows,
        issuedAt: w.now,
        issuedBy: nameOf(w.staffId) ?? '',
        recipient,
        purpose,
      });
      return { html, rows: rows.length, verdict, fileName: `監査ログ_${formatWareki(input.from)}-${formatWareki(input.to)}.pdf` };
    });
    const { pdf, pages } = await printCopies(ctx.printer(), [html]);
    return { fileName, pdfBase64: pdf.toString('base64'), pages, rows, verdict };
  },
};
