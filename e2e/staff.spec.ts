import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, createVaultThroughUi, STRONG_PASSPHRASE, VAULT } from './fixtures';
import { fillRelease, todayInPage } from './support';
import { formatWareki } from '../shared/domain/wareki';

const SECOND = { name: '二番 花子', passphrase: 'あおぞら 電車 1987 かもめ' };
const NEW_PASSPHRASE = 'ほしぞら 自転車 1603 すずらん';

const shot = async (page: Page, name: string) => {
  mkdirSync('test-results/screens', { recursive: true });
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
};

async function openSettings(page: Page) {
  await page.getByRole('link', { name: /設定/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: '職員' })).toBeVisible();
}

async function lock(page: Page) {
  await page.getByRole('button', { name: /施錠/ }).click();
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
}

async function unlockAs(page: Page, name: string | null, passphrase: string) {
  if (name) await page.getByRole('radio', { name }).check();
  await page.getByLabel('パスフレーズ', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: '解錠', exact: true }).click();
}

test('add a second staff account, unlock as them, remove them: neither their passphrase nor an old key file opens the vault', async ({
  page,
  app,
}) => {
  await createVaultThroughUi(page);
  await openSettings(page);
  const staff = page.getByRole('table', { name: '職員の一覧' });
  await expect(staff.getByRole('row')).toHaveCount(2); // header + me
  await expect(staff).toContainText(`${VAULT.staffName}サインイン中`);

  // Add: name, passphrase with the strength meter, confirmation.
  await page.getByRole('button', { name: '職員を追加…' }).click();
  await expect(page.getByLabel('氏名')).toBeFocused();
  await page.getByLabel('氏名').fill(SECOND.name);
  await page.getByLabel('本人のパスフレーズ', { exact: true }).fill('password');
  await expect(page.getByRole('button', { name: '追加する' })).toBeDisabled();
  await page.getByLabel('本人のパスフレーズ', { exact: true }).fill(SECOND.passphrase);
  await page.getByLabel('本人のパスフレーズ（確認）').fill(SECOND.passphrase);
  await page.getByRole('button', { name: '追加する' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${SECOND.name}さんを職員として追加しました。` })).toBeVisible();
  await expect(staff.getByRole('row')).toHaveCount(3);
  await page.mouse.move(0, 0);
  await shot(page, 'staff-panel');

  // Unlock as the new person, chosen on the unlock screen.
  await lock(page);
  await unlockAs(page, SECOND.name, SECOND.passphrase);
  await expect(page.getByRole('banner')).toContainText(`職員：${SECOND.name}`);
  await lock(page);

  // As the first person, remove the second: a confirmation that explains the key rotation.
  const keysBefore = join(app.tmpDir, 'keys-before-removal');
  copyFileSync(join(app.tmpDir, 'vault', 'kasane.keys'), keysBefore);
  await unlockAs(page, VAULT.staffName, STRONG_PASSPHRASE);
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await openSettings(page);
  await page.getByRole('button', { name: `${SECOND.name}さんを削除` }).click();
  const dialog = page.getByRole('dialog', { name: `${SECOND.name}さんを削除しますか` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('データ鍵を新しい鍵に取り替えます');
  await expect(dialog.getByRole('button', { name: 'やめる' })).toBeFocused();
  await dialog.screenshot({ path: 'test-results/screens/staff-remove-dialog.png' });
  await dialog.getByRole('button', { name: '削除して鍵を更新する' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(new RegExp(`${SECOND.name}さんを削除し、データ鍵を更新しました`))).toBeVisible();
  await expect(staff.getByRole('row')).toHaveCount(2);
  await expect(page.getByText('データ鍵の世代：1')).toBeVisible();

  // Their passphrase no longer unlocks (they are not offered either).
  await lock(page);
  await expect(page.getByRole('radio', { name: SECOND.name })).toHaveCount(0);
  await unlockAs(page, null, SECOND.passphrase);
  await expect(page.getByRole('alert')).toContainText('パスフレーズが正しくありません。');

  // A copy of the key file from before the removal does not open the rotated vault.
  const keys = join(app.tmpDir, 'vault', 'kasane.keys');
  const keysNow = join(app.tmpDir, 'keys-now');
  copyFileSync(keys, keysNow);
  copyFileSync(keysBefore, keys);
  await page.reload();
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  await expect(page.getByRole('button', { name: '解錠', exact: true })).toBeEnabled({ timeout: 15_000 });
  await unlockAs(page, VAULT.staffName, STRONG_PASSPHRASE);
  await expect(page.getByRole('alert')).toContainText('この鍵ファイルでは保管庫を開けません');
  copyFileSync(keysNow, keys);
  await page.reload();
  await unlockAs(page, null, STRONG_PASSPHRASE);
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
});

test('create a recovery key, lock, and recover with it setting a new passphrase', async ({ page }) => {
  await createVaultThroughUi(page);
  await openSettings(page);
  await expect(page.getByText('回復キーはまだ作成されていません。')).toBeVisible();
  await page.getByRole('button', { name: '回復キーを作成' }).click();
  const sheet = page.getByRole('region', { name: /この回復キーは一度だけ表示されます/ });
  await expect(sheet).toBeFocused();
  const recoveryKey = (await page.getByTestId('recovery-key').textContent())!.trim();
  expect(recoveryKey).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);
  // The A4 sheet printed in the core leaves under a Japanese name, after its 持ち出しの記録.
  const fileName = `回復キー_${formatWareki(todayInPage())}.pdf`;
  await sheet.getByRole('button', { name: 'A4の用紙を印刷・保存…' }).click();
  const preview = page.getByRole('dialog', { name: '回復キーの用紙（A4）' });
  await expect(preview.getByText(/全\d+ページ/)).toBeVisible({ timeout: 30_000 });
  await fillRelease(preview, '課長（金庫で保管）', '回復キーの保管');
  const [download] = await Promise.all([page.waitForEvent('download'), preview.getByRole('button', { name: '保存' }).click()]);
  await preview.getByRole('button', { name: '閉じる' }).click();
  expect(download.suggestedFilename()).toBe(fileName);
  const pdfPath = await download.path();
  expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  await page.mouse.move(0, 0);
  await shot(page, 'staff-recovery-key');
  await sheet.getByRole('button', { name: '保管しました（閉じる）' }).click();
  await expect(page.getByTestId('recovery-key')).toHaveCount(0);
  await expect(page.getByText(/回復キーは .* に作成されています。/)).toBeVisible();

  // Replacing it asks first: the printed key stops working.
  await page.getByRole('button', { name: '回復キーを作り直す…' }).click();
  const replace = page.getByRole('dialog', { name: '回復キーを作り直しますか' });
  await expect(replace).toContainText('作り直した時点で使えなくなります');
  await expect(replace.getByRole('button', { name: 'やめる' })).toBeFocused();
  await replace.getByRole('button', { name: 'やめる' }).click();
  await expect(replace).toBeHidden();
  await expect(page.getByTestId('recovery-key')).toHaveCount(0);

  await lock(page);
  await shot(page, 'staff-unlock-link');
  await page.getByRole('link', { name: '回復キーで解錠' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '回復キーで解錠' })).toBeFocused();
  await page.getByLabel('新しいパスフレーズ', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByLabel('新しいパスフレーズ（確認）').fill(NEW_PASSPHRASE);

  // A typo in the third group: said before any cryptography, naming the group.
  const groups = recoveryKey.split('-');
  groups[2] = (groups[2]![0] === 'A' ? 'B' : 'A') + groups[2]!.slice(1);
  await page.getByLabel('回復キー', { exact: true }).fill(groups.join('-'));
  await page.getByRole('button', { name: '解錠してパスフレーズを設定' }).click();
  const keyInput = page.getByLabel('回復キー', { exact: true });
  await expect(keyInput).toBeFocused();
  await expect(keyInput).toHaveAccessibleDescription(/3番目のグループに誤りがあります/);
  await expect(keyInput).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'staff-recover-form');

  await page.getByLabel('回復キー', { exact: true }).fill(recoveryKey.toLowerCase());
  await page.getByRole('button', { name: '解錠してパスフレーズを設定' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await lock(page);
  await unlockAs(page, null, NEW_PASSPHRASE);
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
});
