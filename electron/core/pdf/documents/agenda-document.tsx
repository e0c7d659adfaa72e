import type { Agenda, Meeting } from '../../../../shared/contract';
import { formatWareki } from '../../../../shared/domain/wareki';
import { renderDocument } from '../official-document';

const KIND_LABELS = { new: '新規', evaluation: '継続評価', closure: '終結・中断', report: '報告' } as const;

/** 資料1・資料2 … by number only: file names may name people. */
function materialsOf(item: Agenda['items'][number]) {
  return item.materials.length ? <div className="who">{item.materials.map((m) => `資料${m.number}`).join('・')}</div> : null;
}

export interface AgendaDocumentData {
  municipalityName: string;
  secretariatName: string;
  meeting: Meeting;
  agenda: Agenda;
}

/**
 * 次第. Frame items are numbered 1, 2, 3 …; case items sit under the heading before them as
 * (1), (2) … with the case number and initials only — never a name, in either meeting type. In a
 * 支援会議 each case item says which organizations stay for it (need-to-know), and every page
 * carries 秘.
 */
export function agendaDocument({ municipalityName, secretariatName, meeting, agenda }: AgendaDocumentData): string {
  const shien = meeting.type === 'shien';
  const orgOf = new Map(meeting.invitees.map((i) => [i.memberId, i.organizationName]));
  let heading = 0;
  let sub = 0;
  const rows = agenda.items.map((item) => {
    if (!item.caseId) {
      heading++;
      sub = 0;
      return (
        <tr key={item.id} className="frame">
          <td className="no">{heading}</td>
          <td colSpan={2}>
            {item.title}
            {materialsOf(item)}
          </td>
          <td className="min">{item.minutes ? `${item.minutes}分` : ''}</td>
        </tr>
      );
    }
    sub++;
    const orgs = [...new Set(item.participantMemberIds.map((id) => orgOf.get(id)).filter(Boolean))];
    return (
      <tr key={item.id} className="case">
        <td className="no" />
        <td>
          （{sub}）{item.caseNumber}{'\u3000'}{item.initials}
          {item.kind ? `（${KIND_LABELS[item.kind]}）` : ''}
          {materialsOf(item)}
        </td>
        <td>
          {item.presenterOrganizationName ? `説明：${item.presenterOrganizationName}` : ''}
          {shien ? <div className="who">出席：{orgs.length ? orgs.join('、') : '構成員全員'}</div> : null}
        </td>
        <td className="min">{item.minutes ? `${item.minutes}分` : ''}</td>
      </tr>
    );
  });
  const time = [meeting.startTime, meeting.endTime].filter(Boolean).join('〜');
  return renderDocument(
    { title: `${meeting.title} 次第`, municipalityName, secretariatName, confidential: shien },
    <>
      <style>{`
        .frame td { font-weight: 700; }
        .no { width: 12mm; text-align: right; white-space: nowrap; padding-right: 3mm; }
        .min { width: 16mm; text-align: right; white-space: nowrap; }
        .case td { font-weight: 400; }
        .who { font-size: 9pt; color: #222; }
        td { border-left: none; border-right: none; }
        .summary th { width: 22%; }
      `}</style>
      <h1>{meeting.title} 次第</h1>
      <table className="summary">
        <tbody>
          <tr>
            <th>日時</th>
            <td>
              {formatWareki(meeting.date, { weekday: true })} {time}
            </td>
          </tr>
          <tr>
            <th>場所</th>
            <td>{meeting.place ?? '—'}</td>
          </tr>
        </tbody>
      </table>
      <h2>次第</h2>
      <table>
        <tbody>{rows}</tbody>
      </table>
      <p style={{ textAlign: 'right', marginTop: '3mm' }}>
        予定時間 計{agenda.totalMinutes}分{agenda.meetingMinutes ? `（会議時間 ${agenda.meetingMinutes}分）` : ''}
      </p>
      {shien ? (
        <p style={{ marginTop: '6mm', fontSize: '9.5pt' }}>
          本会議は社会福祉法第106条の6に基づく支援会議です。構成員は、会議で知り得た秘密を正当な理由なく漏らしてはなりません（違反には罰則があります）。配布資料は会議終了時に回収します。
        </p>
      ) : null}
    </>,
  );
}
