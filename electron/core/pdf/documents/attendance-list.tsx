import type { Attendance, Meeting } from '../../../../shared/contract';
import { formatWareki } from '../../../../shared/domain/wareki';
import { renderDocument } from '../official-document';

export const PLEDGE_BY_TITLES = { per_meeting: '当該会議の誓約書', individual_annual: '年度誓約書（個人）', organization_roster: '年度誓約書（機関）', exemption: '誓約免除' } as const;
const WHY_NOT = {
  revoked: '撤回済み',
  signed_after_meeting: '署名日が会議後',
  expired: '前年度の誓約のみ',
  roster_other_organization: '異動により対象外',
  pledge_for_other_meeting: '他の会議の誓約のみ',
  no_pledge: '誓約なし',
} as const;

/** The covering pledge as the file needs it: kind, signing date and wording version, or the exemption with its reason. */
function coveredBy(r: Attendance['rows'][number]): string {
  if (r.by === 'exemption') return `${PLEDGE_BY_TITLES.exemption}（${r.exemptionReason ?? ''}）`;
  const facts = r.pledgeSignedOn ? `（${formatWareki(r.pledgeSignedOn)}署名・文面第${r.pledgeWordingVersion ?? '—'}版）` : '';
  return `${PLEDGE_BY_TITLES[r.by!]}${facts}`;
}

export interface AttendanceListData {
  municipalityName: string;
  secretariatName: string;
  meeting: Meeting;
  attendance: Attendance;
}

/**
 * 出席者名簿 with each person's pledge status: how they are covered (or exempted, with the
 * reason, as DOMAIN.md asks) and their arrival and departure. A 支援会議's list is marked 秘.
 */
export function attendanceList({ municipalityName, secretariatName, meeting, attendance }: AttendanceListData): string {
  const shien = meeting.type === 'shien';
  const titleOf = new Map(meeting.invitees.map((i) => [i.memberId, i.title ?? '']));
  return renderDocument(
    { title: `${meeting.title} 出席者名簿`, municipalityName, secretariatName, confidential: shien },
    <>
      <h1>{meeting.title} 出席者名簿</h1>
      <p className="meta">
        {formatWareki(meeting.date, { weekday: true })} {meeting.startTime ?? ''}
        {meeting.place ? `　${meeting.place}` : ''}
      </p>
      <table>
        <thead>
          <tr>
            <th style={{ width: '24%' }}>所属機関</th>
            <th style={{ width: '14%' }}>職名</th>
            <th style={{ width: '16%' }}>氏名</th>
            <th style={{ width: '8%' }}>出欠</th>
            <th style={{ width: '15%', whiteSpace: 'nowrap' }}>到着・退出</th>
            {shien ? <th>守秘義務の誓約</th> : null}
          </tr>
        </thead>
        <tbody>
          {attendance.rows.map((r) => (
            <tr key={r.memberId}>
              <td>{r.organizationName}</td>
              <td>{titleOf.get(r.memberId)}</td>
              <td>
                {r.name}
                {r.walkIn ? '（当日）' : ''}
              </td>
              <td>{r.present === null ? '—' : r.present ? '出席' : '欠席'}</td>
              <td>{[r.arrivedAt, r.leftAt].filter(Boolean).join('〜')}</td>
              {shien ? <td>{r.covered ? coveredBy(r) : `未（${WHY_NOT[r.reason!]}）`}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ textAlign: 'right', marginTop: '3mm' }}>
        出席 {attendance.rows.filter((r) => r.present).length}名 ／ 招集 {attendance.rows.length}名
      </p>
    </>,
  );
}
