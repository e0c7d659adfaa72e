import type { Meeting } from '../../../../shared/contract';
import { formatWareki } from '../../../../shared/domain/wareki';
import { renderDocument } from '../official-document';

export interface MeetingNoticeData {
  municipalityName: string;
  secretariatName: string;
  meeting: Meeting;
  /** The day the notice is issued. */
  issuedOn: string;
}

/**
 * 開催通知: the notice sent to the invitees, in the form of a municipal notice (date of issue,
 * addressee, sender, 記 and the particulars). It names no case: the agenda's cases travel only
 * on the 次第 handed out at the meeting.
 */
export function meetingNotice({ municipalityName, secretariatName, meeting, issuedOn }: MeetingNoticeData): string {
  const shien = meeting.type === 'shien';
  const time = [meeting.startTime, meeting.endTime].filter(Boolean).join('〜');
  const organizations = [...new Set(meeting.invitees.map((i) => i.organizationName))];
  return renderDocument(
    { title: `${meeting.title} 開催通知`, municipalityName, secretariatName },
    <>
      <p className="meta">{formatWareki(issuedOn)}</p>
      <p>{meeting.title} 構成員 各位</p>
      <p className="meta">
        {municipalityName} {secretariatName}
        <br />
        （重層的支援体制整備事業 事務局）
      </p>
      <h1>{meeting.title}の開催について（通知）</h1>
      <p>日頃より、重層的支援体制整備事業の推進にご協力いただき、ありがとうございます。下記のとおり{meeting.title}を開催しますので、ご出席くださいますようお願いいたします。</p>
      <p style={{ textAlign: 'center', margin: '6mm 0 4mm' }}>記</p>
      <table>
        <tbody>
          <tr>
            <th>日時</th>
            <td>
              {formatWareki(meeting.date, { weekday: true })} {time}
            </td>
          </tr>
          <tr>
            <th>場所</th>
            <td>{meeting.place ?? '追ってお知らせします'}</td>
          </tr>
          <tr>
            <th>出席を依頼する機関</th>
            <td>{organizations.length ? organizations.join('、') : '—'}</td>
          </tr>
          {meeting.notes ? (
            <tr>
              <th>備考</th>
              <td>{meeting.notes}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {shien ? (
        <>
          <h2>支援会議へのご出席にあたって</h2>
          <ol>
            <li>本会議は、社会福祉法第106条の6に基づく支援会議です。構成員には守秘義務があり、違反には罰則があります。</li>
            <li>今年度の守秘義務誓約書を提出されていない方は、当日受付で誓約書にご署名ください。署名がない場合はご出席いただけません。</li>
            <li>当日配布する資料は、会議終了時にすべて回収します。</li>
          </ol>
        </>
      ) : null}
      <p style={{ marginTop: '8mm' }}>
        【問い合わせ先】{municipalityName} {secretariatName}
      </p>
    </>,
  );
}
