import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSPHRASE, tempHome } from '../testing/temp-vault';
import { unlockVault } from '../vault/vault';

let t: ReturnType<typeof tempHome>;
beforeAll(() => {
  t = tempHome();
});
afterAll(() => t.cleanup());

function kasane(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/kasane.mjs', ...args], {
    env: { ...process.env, KASANE_HOME: t.home, KASANE_PASSPHRASE: GOOD_PASSPHRASE, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

// Each call starts a Node process with tsx: slow on a busy 2-core machine, so the budget is generous.
describe('kasane CLI', { timeout: 120_000 }, () => {
  it('has --help for each command', () => {
    for (const cmd of ['init', 'demo', 'serve', 'verify', 'backup', 'restore']) {
      const r = kasane([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`kasane ${cmd}`);
    }
    expect(kasane(['frobnicate']).code).toBe(2);
  });

  it('init creates a vault, verify passes, a wrong passphrase and tampering fail with Japanese messages', async () => {
    const init = kasane(['init', '--municipality', 'みほん市', '--secretariat', '福祉課', '--staff', '試験 太郎']);
    expect(init.out).toContain('保管庫を作成しました');
    expect(init.code).toBe(0);
    expect(kasane(['init', '--municipality', 'x', '--secretariat', 'y', '--staff', 'z']).out).toContain('すでに保管庫があります');

    const ok = kasane(['verify']);
    expect(ok.out).toContain('結果: 正常');
    expect(ok.code).toBe(0);

    const wrong = kasane(['verify'], { KASANE_PASSPHRASE: 'this is not it at all' });
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('パスフレーズが正しくありません');

    await new Promise((r) => setTimeout(r, 1100)); // the one-second delay after a mistake
    const vault = await unlockVault(t.paths.main, { passphrase: GOOD_PASSPHRASE });
    vault.db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'vault.locked' WHERE seq = 1;");
    vault.close();
    const bad = kasane(['verify']);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('第 1 行で連鎖が切れています');
  });

  it('backup then restore from the command line: the contents are shown before anything is replaced; the earlier vault is kept aside', async () => {
    const dir = `${t.home}/cli-vault`;
    expect(kasane(['init', '--vault', dir, '--municipality', 'みほん市', '--secretariat', '福祉課', '--staff', '試験 太郎']).code).toBe(0);
    const backup = kasane(['backup', '--vault', dir, '--to', `${t.home}/usb`]);
    expect(backup.out).toContain('バックアップを作成しました');
    expect(backup.code).toBe(0);
    const file = /バックアップを作成しました: (\S+)/.exec(backup.out)![1]!;
    // --to is one-off: it does not become the folder of later backups (none is set in this vault).
    const again = kasane(['backup', '--vault', dir]);
    expect(again.code).toBe(1);
    expect(again.out).toContain('バックアップの保存先が設定されていません');
    const declined = kasane(['restore', '--vault', dir, '--from', file]);
    expect(declined.out).toContain('自治体: みほん市');
    expect(declined.out).toContain('復元を取りやめました');
    const restored = kasane(['restore', '--vault', dir, '--from', file, '--yes']);
    expect(restored.out).toContain('復元しました');
    expect(restored.out).toMatch(/以前の保管庫: .*cli-vault\.before-restore-/);
    expect(kasane(['verify', '--vault', dir]).out).toContain('結果: 正常');
  }, 120_000);

  it('weak passphrase on init is refused in Japanese', () => {
    const r = kasane(['init', '--vault', `${t.home}/other`, '--municipality', 'a', '--secretariat', 'b', '--staff', 'c'], { KASANE_PASSPHRASE: 'short' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('パスフレーズが弱すぎます');
  });

  it('demo creates the sample vault', () => {
    const r = kasane(['demo']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('sample-kasane-2026');
    expect(kasane(['verify', '--sample']).out).toContain('結果: 正常');
  });
});
