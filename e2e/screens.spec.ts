import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, createVaultThroughUi } from './fixtures';
import { shot } from './support';

// Full-page screenshots of every screen, for a person to look at (/tmp/shots, see support.ts).
test('screens of a new vault', async ({ page, app }) => {
  await expect(page.getByRole('heading', { name: '重ねへようこそ' })).toBeVisible();
  await shot(page, '01-first-run');

  await page.getByLabel('自治体名').fill('みほん市');
  await page.getByLabel('最初の職員の氏名').fill('試験 太郎');
  await page.getByLabel('パスフレーズ', { exact: true }).fill('mihon2026');
  await page.getByLabel('パスフレーズ（確認）').fill('mihon2025');
  await shot(page, '02-first-run-weak');

  await page.getByLabel('事務局名').fill('福祉課');
  await createVaultThroughUi(page);
  await page.mouse.move(0, 0);
  await shot(page, '03-home-empty');

  for (const [key, name] of [
    ['Alt+2', '04-meetings'],
    ['Alt+3', '05-cases'],
    ['Alt+4', '06-pledges'],
    ['Alt+5', '07-roles'],
    ['Alt+6', '08-settings'],
  ] as const) {
    await page.keyboard.press(key);
    await expect(page.locator('h1:focus')).toBeVisible();
    await shot(page, name);
  }

  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog')).toBeVisible();
  await shot(page, '09-shortcuts');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+l');
  const field = page.getByLabel('パスフレーズ', { exact: true });
  await field.fill('まちがったパスフレーズです');
  await field.press('Enter');
  await expect(page.getByRole('alert')).toContainText('パスフレーズが正しくありません');
  await shot(page, '10-unlock-error');

  await expect(page.getByRole('button', { name: '解錠', exact: true })).toBeEnabled({ timeout: 15_000 });
  await field.fill('ひだまり 坂道 2026 みずうみ');
  await field.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await page.keyboard.press('Alt+6');
  await page.getByRole('radio', { name: 'English' }).check();
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await shot(page, '11-home-english');

  await page.keyboard.press('Alt+6');
  await page.getByRole('radio', { name: /Extra large/ }).check();
  await page.getByRole('radio', { name: '日本語' }).check();
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await shot(page, '12-home-x-large');
  await page.keyboard.press('Alt+6');
  await shot(page, '13-settings-x-large');

  await page.getByRole('radio', { name: /標準/ }).check();
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  writeFileSync(join(app.tmpDir, 'vault', 'kasane.keys'), 'damaged');
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: '保管庫を開けません' })).toBeVisible();
  await shot(page, '14-unlock-problem');
});

test('screens of the sample vault', async ({ page }) => {
  await expect(page.getByRole('heading', { name: '重ねへようこそ' })).toBeVisible();
  await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
  await expect(page.getByRole('region', { name: '次の会議' })).toContainText('支援会議');
  await page.mouse.move(0, 0);
  await shot(page, '20-home-sample');
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  await shot(page, '21-unlock-sample');
  await page.getByRole('button', { name: '本番の保管庫に切り替える' }).click();
  await expect(page.getByRole('heading', { name: '重ねへようこそ' })).toBeVisible();
  await page.setViewportSize({ width: 800, height: 900 });
  await shot(page, '22-first-run-narrow');
});
