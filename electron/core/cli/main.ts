import { formatWareki } from '../../../shared/domain/wareki';
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SAMPLE_PASSPHRASE } from '../../../shared/contract';
import { createCore } from '../app';
import { startHost } from '../host/server';
import { resolvePaths } from '../vault/paths';
import { createVault, unlockVault, vaultExists } from '../vault/vault';
import { verifyVault } from '../vault/verify';
import { createBackup, inspectBackup, restoreBackup } from '../backup/backup';
import { describeError } from './messages';
import { ask, passphraseFrom } from './prompt';
import { openAppWindow } from './open-browser';

const HELP: Record<string, string> = {
  main: `kasane — 重ね（重層的支援体制整備事業 事務局の会議・誓約・会議録）

使い方: kasane <コマンド> [オプション]

コマンド:
  init     保管庫を作成します
  demo     サンプルデータの保管庫を作成します（架空のデータ）
  serve    アプリをブラウザで開くためのローカルサーバーを起動します
  verify   保管庫の整合性と監査ログの連鎖を検査します
  backup   暗号化されたバックアップを作成します
  restore  バックアップから保管庫を復元します（現在の保管庫は別名で残します）

共通オプション:
  --vault DIR   保管庫のフォルダ（既定: KASANE_HOME/vault、または OS のアプリデータ）
  --help        このヘルプ
各コマンドの詳細: kasane <コマンド> --help`,
  init: `kasane init — 保管庫を作成します

オプション:
  --vault DIR            保管庫のフォルダ
  --municipality NAME    自治体名（省略時は質問します）
  --secretariat NAME     事務局名（省略時は質問します）
  --staff NAME           最初の職員の氏名（省略時は質問します）
パスフレーズは KASANE_PASSPHRASE 環境変数、なければ画面で入力します（12文字以上）。`,
  demo: `kasane demo — 架空のサンプルデータで保管庫を作成します

KASANE_HOME（または OS のアプリデータ）の sample-vault に作られ、本番の保管庫とは別です。
パスフレーズ: ${SAMPLE_PASSPHRASE}`,
  serve: `kasane serve — ローカル専用のサーバーを起動し、アプリを開きます

オプション:
  --port N     待ち受けるポート（既定: 空いているポートを自動で選びます）
  --no-open    ブラウザを開かず、URL を表示するだけにします
  --vault DIR  保管庫のフォルダ
127.0.0.1 にだけ接続を受け付け、起動ごとに新しい合言葉（トークン）を使います。`,
  verify: `kasane verify — 保管庫を検査します（PRAGMA integrity_check と監査ログの連鎖）

オプション:
  --vault DIR  保管庫のフォルダ
  --sample     サンプルの保管庫を検査します
パスフレーズは KASANE_PASSPHRASE 環境変数、なければ画面で入力します。
問題があれば終了コード 1 で終わります。`,
  backup: `kasane backup — 暗号化されたバックアップを1つのファイルとして作成します

オプション:
  --to DIR     保存先のフォルダ（省略時は設定画面で選んだフォルダ）
  --vault DIR  保管庫のフォルダ
作成したバックアップは開いて検査してから数えます。パスフレーズは KASANE_PASSPHRASE 環境変数、なければ画面で入力します。`,
  restore: `kasane restore — バックアップから保管庫を復元します

オプション:
  --from FILE       バックアップファイル（必須）
  --recovery-key    パスフレーズの代わりに回復キーで開きます（画面で入力、または KASANE_RECOVERY_KEY 環境変数）
  --yes             内容の確認を省略して復元します
  --vault DIR       保管庫のフォルダ
バックアップを開いて内容（作成日時、件数、最後の会議）を表示し、確認してから置き換えます。
パスフレーズは KASANE_PASSPHRASE 環境変数、なければ画面で入力します（入力した文字は表示されません）。
現在の保管庫は上書きせず、「フォルダ名.before-restore-日時」として残します。`,
};

/** The recovery key for `restore --recovery-key`: KASANE_RECOVERY_KEY for scripts, otherwise a hidden prompt like the passphrase's. */
async function recoveryKeyFrom(env: NodeJS.ProcessEnv): Promise<string> {
  if (env.KASANE_RECOVERY_KEY !== undefined) return env.KASANE_RECOVERY_KEY;
  if (!process.stdin.isTTY) throw new Error('no terminal: set KASANE_RECOVERY_KEY');
  return ask('回復キー（印刷した用紙の8つのグループ）: ', true);
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP.main);
    return command ? 0 : 2;
  }
  if (!(command in HELP) || command === 'main') {
    console.error(`不明なコマンドです: ${command}\n\n${HELP.main}`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      vault: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
      municipality: { type: 'string' },
      secretariat: { type: 'string' },
      staff: { type: 'string' },
      sample: { type: 'boolean' },
      to: { type: 'string' },
      from: { type: 'string' },
      yes: { type: 'boolean' },
      'recovery-key': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP[command]);
    return 0;
  }
  const paths = resolvePaths({ ...(values.vault ? { vault: resolve(values.vault) } : {}), env });

  try {
    switch (command) {
      case 'init': {
        if (vaultExists(paths.main)) {
          console.error(`${describeError(new (await import('../../../shared/contract')).KasaneError('vault_exists'))}\n${paths.main}`);
          return 1;
        }
        const municipalityName = values.municipality ?? (await ask('自治体名: '));
        const secretariatName = values.secretariat ?? (await ask('事務局名: '));
        const staffName = values.staff ?? (await ask('職員の氏名: '));
        const passphrase = await passphraseFrom(env, 'パスフレーズ（12文字以上）: ');
        if (env.KASANE_PASSPHRASE === undefined && (await ask('もう一度: ', true)) !== passphrase) {
          console.error('パスフレーズが一致しません。');
          return 1;
        }
        const vault = await createVault(paths.main, { municipalityName, secretariatName, staffName, passphrase });
        vault.close();
        console.log(`保管庫を作成しました: ${paths.main}`);
        return 0;
      }
      case 'demo': {
        const core = createCore({ paths });
        try {
          const result = await core.dispatch('vault.openSample', {});
          if (!result.ok) throw (await import('../../../shared/contract')).KasaneError.fromShape(result.error);
        } finally {
          await core.close();
        }
        console.log(`サンプルの保管庫: ${paths.sample}\nパスフレーズ: ${SAMPLE_PASSPHRASE}`);
        return 0;
      }
      case 'serve': {
        const port = values.port === undefined ? 0 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          console.error(`ポート番号が正しくありません: ${values.port}`);
          return 2;
        }
        const core = createCore({ paths });
        const rendererDir = resolve(import.meta.dirname, '../../../dist/renderer');
        const host = await startHost({ core, port, rendererDir });
        console.log(`重ね（ブラウザ版）: ${host.url}`);
        console.log(`保管庫: ${paths.main}`);
        if (!values['no-open']) {
          const opened = openAppWindow(host.url, env);
          if (!opened.opened) console.log(`${opened.reason}。上の URL をブラウザで開いてください。`);
        }
        const stop = async () => {
          await host.close();
          await core.close();
          process.exit(0);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        return await new Promise<number>(() => {});
      }
      case 'verify': {
        const dir = values.sample ? paths.sample : paths.main;
        const passphrase = values.sample ? SAMPLE_PASSPHRASE : await passphraseFrom(env);
        const vault = await unlockVault(dir, { passphrase });
        try {
          const report = verifyVault(vault.db);
          console.log(`整合性検査 (integrity_check): ${report.integrity.join(', ')}`);
          console.log(
            report.auditChain.ok
              ? `監査ログ: ${report.auditChain.rows} 件、連鎖は正常です`
              : `監査ログ: 第 ${report.auditChain.brokenAt} 行で連鎖が切れています（${report.auditChain.reason}）`,
          );
          console.log(
            report.minutes.ok
              ? `確定した会議録: ${report.minutes.versions} 版、内容は確定時のままです`
              : `確定した会議録: ${report.minutes.changed.length} 版の内容が確定時と一致しません（${report.minutes.changed.map((c) => `会議 ${c.meetingId} 第${c.version}版`).join('、')}）`,
          );
          console.log(
            report.meetings.ok
              ? '会議の記録: 出席者は全員誓約で守られ、出欠の記録に矛盾はありません'
              : `会議の記録: ${report.meetings.violations.length} 件の矛盾があります（${report.meetings.violations.map((v) => `${formatWareki(v.date)}の会議 ${v.meetingId}: ${v.code}`).join('、')}）`,
          );
          console.log(report.ok ? '結果: 正常' : '結果: 異常があります');
          return report.ok ? 0 : 1;
        } finally {
          vault.close();
        }
      }
      case 'backup': {
        const passphrase = await passphraseFrom(env);
        const vault = await unlockVault(paths.main, { passphrase });
        try {
          // --to is this backup's destination only: the folder set in the app stays as it is.
          if (values.to) mkdirSync(resolve(values.to), { recursive: true });
          const done = await createBackup(vault, 'manual', new Date(), values.to ? { to: resolve(values.to) } : {});
          console.log(`バックアップを作成しました: ${join(done.folder, done.fileName!)}\n大きさ ${(done.sizeBytes! / 1024 / 1024).toFixed(1)} MB、所要 ${done.durationMs} ms`);
          return 0;
        } finally {
          vault.close();
        }
      }
      case 'restore': {
        if (!values.from) {
          console.error(`--from でバックアップファイルを指定してください。\n\n${HELP.restore}`);
          return 2;
        }
        const file = resolve(values.from);
        const secret = values['recovery-key'] ? { recoveryKey: await recoveryKeyFrom(env) } : { passphrase: await passphraseFrom(env) };
        const contents = await inspectBackup(file, secret, paths.main, new Date());
        console.log(
          [
            `バックアップ: ${file}`,
            `作成日時: ${new Date(contents.createdAt).toLocaleString('ja-JP')}`,
            `自治体: ${contents.municipalityName}`,
            `ケース ${contents.counts.cases} 件、会議 ${contents.counts.meetings} 件、確定した会議録 ${contents.counts.confirmedMinutes} 件、構成員 ${contents.counts.members} 名`,
            `最後の会議: ${contents.lastMeeting ? `${contents.lastMeeting.date} ${contents.lastMeeting.title}` : 'なし'}`,
            `検査: ${contents.verified ? '正常' : '異常があります'}`,
          ].join('\n'),
        );
        if (!values.yes && (await ask('この内容で現在の保管庫を置き換えますか？ (yes/no): ')) !== 'yes') {
          console.log('復元を取りやめました。何も変更していません。');
          return 1;
        }
        const restored = await restoreBackup(file, secret, paths.main, new Date());
        console.log(`復元しました: ${paths.main}${restored.keptAside ? `\n以前の保管庫: ${restored.keptAside}` : ''}`);
        return 0;
      }
    }
  } catch (err) {
    console.error(describeError(err));
    return 1;
  }
  return 2;
}
