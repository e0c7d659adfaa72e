import type { MeetingRecord } from '../../minutes/meeting-record';
import { renderDocument } from '../official-document';

export interface MinutesDocumentData {
  municipalityName: string;
  secretariatName: string;
  record: MeetingRecord;
  /** Version, hash and who confirmed; null while a draft (printed as 下書き). */
  confirmation: { version: number; sha256: string; confirmedOn: string; reason: string | null } | null;
  /** A 支援会議 copy: recipient and copy number, printed across every page. */
  watermark?: string;
}

/**
 * 会議録 / 支援会議記録: header, attendees, then each 次第 item with its discussion, decisions
 * and role assignments. A 支援会議's record carries 秘 on every page and the recipient's
 * watermark; it holds only the items given to it (need-to-know filtering happens before).
 */
export function minutesDocument({ municipalityName, secretariatName, record, confirmation, watermark }: MinutesDocumentData): string {
  const shien = record.type === 'shien';
  const items = record.items.filter((i) => i.caseLine || i.notes.trim() || i.decisions.length || i.roles.length || i.progress.length);
  return renderDocument(
    { title: `${record.title} ${record.documentTitle}`, municipalityName, secretariatName, confidential: shien, ...(watermark ? { watermark } : {}) },
    <>
      <h1>{record.documentTitle}</h1>
      <table>
        <tbody>
          <tr>
            <th style={{ width: '18%' }}>会議名</th>
            <td>{record.title}</td>
          </tr>
          <tr>
            <th>日時</th>
            <td>
              {record.date}　{record.time}
            </td>
          </tr>
          {record.place ? (
            <tr>
              <th>場所</th>
              <td>{record.place}</td>
            </tr>
          ) : null}
          <tr>
            <th>出席者</th>
            <td>
              {record.attendees.map((a) => (
                <div key={a.memberId}>{a.line}</div>
              ))}
            </td>
          </tr>
          <tr>
            <th>記録の状態</th>
            <td>
              {confirmation
                ? `確定（第${confirmation.version}版　${confirmation.confirmedOn}）${confirmation.reason ? `　訂正理由：${confirmation.reason}` : ''}`
                : '下書き（未確定）'}
            </td>
          </tr>
        </tbody>
      </table>
      {items.map((item) => (
        <section key={item.number} style={{ breakInside: 'auto' }}>
          <h2>
            {item.number}．{item.heading}
          </h2>
          {item.caseLine ? <p>{item.caseLine}</p> : null}
          {item.participantsLine ? <p style={{ fontSize: '9.5pt' }}>{item.participantsLine}</p> : null}
          {item.notes.trim()
            ? item.notes
                .trimEnd()
                .split('\n')
                .map((line, i) => <p key={i}>{line || '\u00a0'}</p>)
            : null}
          {item.progress.length ? (
            <>
              <p>
                <strong>進捗確認</strong>
              </p>
              <ul>{item.progress.map((p, i) => <li key={i}>{p}</li>)}</ul>
            </>
          ) : null}
          {item.decisions.length ? (
            <>
              <p>
                <strong>決定事項</strong>
              </p>
              <ul>{item.decisions.map((d, i) => <li key={i}>{d}</li>)}</ul>
            </>
          ) : null}
          {item.roles.length ? (
            <>
              <p>
                <strong>役割分担</strong>
              </p>
              <ul>{item.roles.map((d, i) => <li key={i}>{d}</li>)}</ul>
            </>
          ) : null}
        </section>
      ))}
      {record.copiesLine ? <p style={{ marginTop: '6mm' }}>{record.copiesLine}</p> : null}
      {confirmation ? <p style={{ marginTop: '6mm', fontSize: '8pt', color: '#333', wordBreak: 'break-all' }}>内容の確認値（SHA-256）：{confirmation.sha256}</p> : null}
      {shien ? (
        <p style={{ marginTop: '4mm', fontSize: '9pt' }}>
          本記録は社会福祉法第106条の6に基づく支援会議の記録です。構成員には守秘義務があり、複写・持ち出しを禁じます。
        </p>
      ) : null}
    </>,
  );
}
