import { formatWareki } from '../../../../shared/domain/wareki';
import { renderDocument } from '../official-document';

export interface RecoveryKeySheetData {
  municipalityName: string;
  secretariatName: string;
  createdOn: string; // YYYY-MM-DD
  createdBy: string;
  /** The recovery key as shown to the user, in groups. */
  recoveryKey: string;
}

/**
 * 回復キー: printed once when it is created, kept in a locked cabinet away from the PC. It opens
 * the vault when every staff passphrase is lost, so the sheet says plainly how to keep it.
 */
export function recoveryKeySheet(data: RecoveryKeySheetData): string {
  const groups = data.recoveryKey.split(/[\s-]+/).filter(Boolean);
  return renderDocument(
    { title: '重ね 保管庫の回復キー', municipalityName: data.municipalityName, secretariatName: data.secretariatName, confidential: true },
    <>
      <p className="meta">
        作成日 {formatWareki(data.createdOn)}
        <br />
        作成者 {data.createdBy}
      </p>
      <h1>保管庫の回復キー</h1>
      <p>
        この用紙は、{data.municipalityName} {data.secretariatName}の「重ね」の保管庫を開くための回復キーです。職員全員のパスフレーズが分からなくなったときに、この回復キーで保管庫を開き、新しいパスフレーズを設定できます。
      </p>
      <h2>回復キー</h2>
      <table>
        <tbody>
          <tr>
            <td style={{ fontSize: '15pt', letterSpacing: '0.12em', textAlign: 'center', padding: '4mm 2mm', lineHeight: 2.1 }}>
              {/* Four groups to a line, each group unbroken, so the key reads the same as on screen. */}
              {Array.from({ length: Math.ceil(groups.length / 4) }, (_, line) => (
                <div key={line}>
                  {groups.slice(line * 4, line * 4 + 4).map((g, i) => (
                    <span key={g + i} style={{ whiteSpace: 'nowrap', margin: '0 3mm' }}>
                      {g}
                    </span>
                  ))}
                </div>
              ))}
            </td>
          </tr>
        </tbody>
      </table>
      <p style={{ fontSize: '9pt', marginTop: '2mm' }}>英字は大文字・小文字を区別しません。数字の 0 と英字の O、数字の 1 と英字の I・L は同じものとして扱われます。</p>
      <h2>保管の方法</h2>
      <ol>
        <li>この用紙は、施錠できる金庫などに、パソコンとは別の場所で保管してください。</li>
        <li>写真に撮ったり、コピーしたり、パソコンやメールに保存したりしないでください。</li>
        <li>この回復キーを知っている人は、保管庫のすべての情報（支援会議の記録を含む）を見ることができます。取り扱いは個人情報と同じく厳重に行ってください。</li>
        <li>紛失したとき、または他人に見られたおそれがあるときは、重ねの「設定」→「職員」で新しい回復キーを作成してください。古い回復キーは使えなくなります。</li>
      </ol>
      <h2>使い方</h2>
      <ol>
        <li>重ねの解錠画面で「回復キーで解錠」を選びます。</li>
        <li>パスフレーズを設定し直す職員を選び、この回復キーを入力します。</li>
        <li>新しいパスフレーズを二回入力すると、保管庫が開きます。回復キーでの解錠は監査ログに記録されます。</li>
      </ol>
    </>,
  );
}
