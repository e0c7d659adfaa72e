import type { AuditGroup, AuditRow, AuditSubject, AuditVerdict } from '../../../../shared/contract';
import { auditDetailEntries, type AuditDetailWords } from '../../../../shared/domain/audit-kinds';
import { localIsoDate } from '../../../../shared/domain/calendar-date';
import { formatWareki } from '../../../../shared/domain/wareki';
import { auditJa } from '../../../../shared/i18n/audit.ja';
import { renderDocument } from '../official-document';

export interface AuditLogDocumentData {
  municipalityName: string;
  secretariatName: string;
  from: string;
  to: string;
  /** The staff filter's name, or null for every staff member. */
  staffName: string | null;
  /** The kinds chosen, or empty for every kind. */
  groups: AuditGroup[];
  verdict: AuditVerdict;
  rows: AuditRow[];
  issuedAt: Date;
  issuedBy: string;
  recipient: string | null;
  purpose: string | null;
}

const fill = (template: string, vars: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));

/** Any string path into the nested Japanese labels (`vault.unlocked` → actions.vault.unlocked). */
function labelAt(tree: unknown, path: string): string | undefined {
  let node: unknown = tree;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the PC's local date in 和暦 and time: 令和8年11月23日 09:05:12. */
export function warekiDateTime(instant: string | Date): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) return String(instant);
  return `${formatWareki(localIsoDate(d))} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function actionLabelJa(action: string): string {
  return labelAt(auditJa.actions, action) ?? action;
}

export function subjectTextJa(subject: AuditSubject | null): string {
  if (!subject) return '';
  const kind = auditJa.subjects[subject.kind];
  if (subject.label === null) return `${kind}${auditJa.subjectMissing}`;
  return `${kind}：${subject.label}${subject.date ? `（${formatWareki(subject.date)}）` : ''}`;
}

const DETAIL_WORDS: AuditDetailWords = {
  yes: auditJa.yes,
  no: auditJa.no,
  separator: '、',
  keyLabel: (key) => labelAt(auditJa.detailKeys, key) ?? key,
  tableLabel: (table, value) => labelAt(auditJa[table], value),
};

export function verdictTextJa(verdict: AuditVerdict): string {
  if (verdict.ok) return fill(auditJa.verify.ok, { rows: verdict.rows });
  return `${fill(auditJa.verify.broken, { seq: verdict.brokenAt })}　${auditJa.verify.reasons[verdict.reason]}`;
}

const LOG_CSS = `
.summary th { width: 22%; }
.log { font-size: 8.5pt; line-height: 1.5; }
.log th, .log td { padding: 1mm 1.5mm; }
.log th { width: auto; }
.log .seq { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.log dl { margin: 0; }
.log dl div { margin: 0; }
.log dt { display: inline; font-weight: 700; }
.log dt::after { content: "："; }
.log dd { display: inline; margin: 0; }
.broken { font-weight: 700; border: 0.6mm solid #000; padding: 2mm 3mm; }
.broken-row td { background: #e6e6e6; font-weight: 700; }
`;

/**
 * 監査ログ for an inspection: the period and filters, the hash chain's verdict over the whole log,
 * who printed it for whom, then every matching entry oldest first. Case numbers only, never a
 * case's name (the log holds none); marked 秘 since it shows who looked at which case.
 */
export function auditLogDocument(data: AuditLogDocumentData): string {
  const { verdict } = data;
  const period = `${formatWareki(data.from)} 〜 ${formatWareki(data.to)}`;
  const groups = data.groups.length === 0 ? 'すべて' : data.groups.map((g) => auditJa.groups[g]).join('、');
  const brokenAt = verdict.ok ? null : verdict.brokenAt;
  return renderDocument(
    { title: `監査ログ ${period}`, municipalityName: data.municipalityName, secretariatName: data.secretariatName, confidential: true },
    <>
      <style>{LOG_CSS}</style>
      <h1>監査ログ</h1>
      <p className="meta">
        {warekiDateTime(data.issuedAt)} 作成　{data.issuedBy}
      </p>
      <table className="summary">
        <tbody>
          <tr>
            <th>期間</th>
            <td>{period}</td>
          </tr>
          <tr>
            <th>職員</th>
            <td>{data.staffName ?? 'すべての職員'}</td>
          </tr>
          <tr>
            <th>種類</th>
            <td>{groups}</td>
          </tr>
          <tr>
            <th>件数</th>
            <td>{data.rows.length}件</td>
          </tr>
          <tr>
            <th>チェーンの検証</th>
            <td>{verdict.ok ? verdictTextJa(verdict) : <strong>{verdictTextJa(verdict)}</strong>}</td>
          </tr>
          {data.recipient ? (
            <tr>
              <th>提出先</th>
              <td>{data.recipient}</td>
            </tr>
          ) : null}
          {data.purpose ? (
            <tr>
              <th>目的</th>
              <td>{data.purpose}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <p style={{ marginTop: '3mm' }}>
        記録は追記のみで、各記録は前の記録のハッシュ（SHA-256）を含んでいます。
        {verdict.ok
          ? `検証は、出力の時点で保管庫にあるすべての記録（${verdict.rows}件）について行いました。`
          : `検証は、出力の時点で保管庫にある記録を先頭から順に確かめ、${verdict.rows}件目で不整合を見つけたところで止めました。`}
      </p>
      {brokenAt !== null ? <p className="broken">記録 #{brokenAt} 以降は改ざんされた可能性があります。保管庫の管理者とバックアップで確認してください。</p> : null}
      <h2>記録（古い順）</h2>
      {data.rows.length === 0 ? (
        <p>この条件に合う記録はありません。</p>
      ) : (
        <table className="log">
          <thead>
            <tr>
              <th style={{ width: '7%' }}>番号</th>
              <th style={{ width: '19%' }}>日時</th>
              <th style={{ width: '11%' }}>職員</th>
              <th style={{ width: '19%' }}>操作</th>
              <th style={{ width: '20%' }}>対象</th>
              <th>詳細</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.seq} className={r.seq === brokenAt ? 'broken-row' : undefined}>
                <td className="seq">{r.seq}</td>
                <td className="at">
                  {warekiDateTime(r.at)
                    .split(' ')
                    .map((part, i) => (i === 0 ? part : [<br key={i} />, part]))}
                </td>
                <td>{r.staffName ?? auditJa.noStaff}</td>
                <td>{actionLabelJa(r.action)}</td>
                <td>{subjectTextJa(r.subject)}</td>
                <td>
                  <dl>
                    {auditDetailEntries(r.details, r.names, DETAIL_WORDS).map((e) => (
                      <div key={e.key}>
                        <dt>{e.label}</dt>
                        <dd>{e.text}</dd>
                      </div>
                    ))}
                  </dl>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
  );
}
