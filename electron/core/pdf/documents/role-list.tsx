import type { RoleAssignment } from '../../../../shared/contract';
import { ROLE_STATUS_TITLES } from '../../../../shared/domain/minutes';
import { formatWareki } from '../../../../shared/domain/wareki';
import { renderDocument } from '../official-document';

export interface RoleListData {
  municipalityName: string;
  secretariatName: string;
  organizationName: string;
  asOf: string;
  assignments: RoleAssignment[];
}

/** 役割分担一覧 for one organization: only its own assignments, case numbers and initials only. */
export function roleList({ municipalityName, secretariatName, organizationName, asOf, assignments }: RoleListData): string {
  return renderDocument(
    { title: `役割分担一覧 ${organizationName}`, municipalityName, secretariatName },
    <>
      <h1>役割分担一覧</h1>
      <p className="meta">
        {organizationName}　{formatWareki(asOf)} 現在
      </p>
      {assignments.length === 0 ? (
        <p>現在、担当している役割分担はありません。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th style={{ width: '13%' }}>ケース</th>
              <th style={{ width: '22%' }}>課題・目標</th>
              <th style={{ width: '27%' }}>支援内容</th>
              <th style={{ width: '12%' }}>担当者</th>
              <th style={{ width: '16%' }}>期限・頻度</th>
              <th style={{ width: '10%' }}>状況</th>
            </tr>
          </thead>
          <tbody>
            {assignments.map((a) => (
              <tr key={a.id}>
                <td>
                  {a.caseNumber}
                  <br />（{a.initials}）
                </td>
                <td>{a.goal ?? ''}</td>
                <td>{a.action}</td>
                <td>{a.memberName ?? ''}</td>
                <td>
                  {a.dueOn ? `${formatWareki(a.dueOn)}まで` : ''}
                  {a.dueOn && a.frequency ? <br /> : null}
                  {a.frequency ?? ''}
                </td>
                <td>
                  {ROLE_STATUS_TITLES[a.status]}
                  {a.overdue ? '（期限超過）' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
  );
}
