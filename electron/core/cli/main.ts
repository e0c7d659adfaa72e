import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { SAMPLE_PASSPHRASE } from '../../../shared/contract';
import { createCore } from '../app';
import { startHost } from '../host/server';
import { resolvePaths } from '../vault/paths';
import { createVault, unlockVault, vaultExists } from '../vault/vault';
import { verifyVault } from '../vault/verify';
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
};

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
          console.log(report.ok ? '結果: 正常' : '結果: 異常があります');
          return report.ok ? 0 : 1;
        } finally {
          vault.close();
        }
      }
    }
  } catch (err) {
    console.error(describeError(err));
    return 1;
  }
  return 2;
}
