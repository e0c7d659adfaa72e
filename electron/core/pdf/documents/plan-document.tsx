import type { Plan } from '../../../../shared/contract';
import { ROLE_STATUS_TITLES } from '../../../../shared/domain/minutes';
import { formatWareki } from '../../../../shared/domain/wareki';
import { renderDocument } from '../official-document';

export interface PlanDocumentData {
  municipalityName: string;
  secretariatName: string;
  plan: Plan;
  stateTitle: string;
}

const wareki = (d: string | null) => (d ? formatWareki(d) : '');
const box = (on: boolean) => (on ? '☑' : '☐');

/** 支援プラン: the plan, its 役割分担 table, the 参加支援/アウトリーチ checkboxes and the 支援決定 block. Case number and initials only. */
export function planDocument({ municipalityName, secretariatName, plan, stateTitle }: PlanDocumentData): string {
  return renderDocument(
    { title: `支援プラン ${plan.caseNumber}`, municipalityName, secretariatName },
    <>
      <h1>支援プラン</h1>
      <p className="meta">
        ケース {plan.caseNumber}（{plan.initials}）　第{plan.version}版　{stateTitle}
        {plan.postReport ? '　事後報告' : ''}
      </p>
      <table>
        <tbody>
          <tr>
            <th style={{ width: '22%' }}>主担当機関</th>
            <td>{plan.leadOrganizationName ?? ''}</td>
          </tr>
          <tr>
            <th>支援の目標</th>
            <td style={{ whiteSpace: 'pre-wrap' }}>{plan.goals}</td>
          </tr>
          <tr>
            <th>アセスメントの要約</th>
            <td style={{ whiteSpace: 'pre-wrap' }}>{plan.assessmentSummary}</td>
          </tr>
          <tr>
            <th>支援の種類</th>
            <td>
              {box(plan.participationSupport)} 参加支援　　{box(plan.outreach)} アウトリーチ等を通じた継続的支援
            </td>
          </tr>
          <tr>
            <th>期間</th>
            <td>
              {/* A date never breaks across lines. */}
              <span style={{ whiteSpace: 'nowrap' }}>開始 {wareki(plan.startOn)}</span>　<span style={{ whiteSpace: 'nowrap' }}>モニタリング {wareki(plan.monitoringOn)}</span>　
              <span style={{ whiteSpace: 'nowrap' }}>評価 {wareki(plan.evaluationOn)}</span>
            </td>
          </tr>
        </tbody>
      </table>
      <h2>役割分担</h2>
      {plan.roleAssignments.length === 0 ? (
        <p>役割分担はまだありません（会議で決定されると載ります）。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th style={{ width: '24%' }}>課題・目標</th>
              <th style={{ width: '30%' }}>支援内容</th>
              <th style={{ width: '20%' }}>担当</th>
              <th style={{ width: '16%' }}>期限・頻度</th>
              <th style={{ width: '10%' }}>状況</th>
            </tr>
          </thead>
          <tbody>
            {plan.roleAssignments.map((r) => (
              <tr key={r.id}>
                <td>{r.goal ?? ''}</td>
                <td>{r.action}</td>
                <td>{[r.organizationName, r.memberName].filter(Boolean).join(' ')}</td>
                <td>{[r.dueOn ? `${wareki(r.dueOn)}まで` : '', r.frequency ?? ''].filter(Boolean).join('　')}</td>
                <td>{ROLE_STATUS_TITLES[r.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>支援決定</h2>
      <table>
        <tbody>
          <tr>
            <th style={{ width: '22%' }}>決定番号</th>
            <td>{plan.decision?.number ?? ''}</td>
            <th style={{ width: '16%' }}>決定日</th>
            <td>{wareki(plan.decision?.decidedOn ?? null)}</td>
          </tr>
          <tr>
            <th>決裁者</th>
            <td colSpan={3}>{plan.decision ? `${plan.decision.approverTitle}　${plan.decision.approverName}` : ''}</td>
          </tr>
        </tbody>
      </table>
    </>,
  );
}

const OUTCOME = { continue: 'プランを見直して支援を継続', close: '終結（主担当機関へ引継ぎ）', suspend: '中断' } as const;

/** 評価・終結シート: monitorings and evaluations of one plan version, with the outcome and handover. */
export function evaluationSheet({ municipalityName, secretariatName, plan }: Omit<PlanDocumentData, 'stateTitle'>): string {
  return renderDocument(
    { title: `評価・終結シート ${plan.caseNumber}`, municipalityName, secretariatName },
    <>
      <h1>評価・終結シート</h1>
      <p className="meta">
        ケース {plan.caseNumber}（{plan.initials}）　支援プラン第{plan.version}版　開始 {wareki(plan.startOn)}
      </p>
      <h2>支援の目標</h2>
      <p style={{ whiteSpace: 'pre-wrap' }}>{plan.goals}</p>
      <h2>モニタリング</h2>
      {plan.monitorings.length === 0 ? (
        <p>記録はありません。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th style={{ width: '18%' }}>実施日</th>
              <th style={{ width: '16%' }}>実施者</th>
              <th>状況</th>
              <th style={{ width: '24%' }}>次の対応</th>
            </tr>
          </thead>
          <tbody>
            {plan.monitorings.map((m) => (
              <tr key={m.id}>
                <td>{wareki(m.onDate)}</td>
                <td>{m.byName}</td>
                <td>{m.summary}</td>
                <td>{m.nextStep ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>評価</h2>
      {plan.evaluations.length === 0 ? (
        <p>評価はまだ行われていません（評価予定日 {wareki(plan.evaluationOn)}）。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th style={{ width: '18%' }}>評価日</th>
              <th style={{ width: '32%' }}>結果</th>
              <th>理由・引継ぎ</th>
            </tr>
          </thead>
          <tbody>
            {plan.evaluations.map((e) => (
              <tr key={e.id}>
                <td>{wareki(e.onDate)}</td>
                <td>{OUTCOME[e.outcome]}</td>
                <td>{[e.reason, e.handoverOrganizationName ? `引継ぎ先：${e.handoverOrganizationName}` : null].filter(Boolean).join('　')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>,
  );
}
