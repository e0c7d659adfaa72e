import { test, expect } from './fixtures';

test('サンプルデータで試す opens the separate sample vault with its data', async ({ page }) => {
  await page.getByRole('button', { name: 'サンプルデータで試す' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  const banner = page.getByRole('note');
  await expect(banner).toContainText('サンプル');
  await expect(banner).toContainText('すべて架空のデータです');
  await expect(page.getByRole('banner')).toContainText('みほん市');

  // The next meeting: type, title, 和暦 date with weekday, time and place.
  const next = page.getByRole('region', { name: '次の会議' });
  await expect(next).toContainText('支援会議');
  await expect(next).toContainText(/令和\d+年\d+月\d+日（[日月火水木金土]）/);
  await expect(next).toContainText('10:00');
  await expect(next).toContainText('市役所 3階 第2会議室');

  // Counts are not zero.
  const overview = page.getByRole('region', { name: '登録状況' });
  await expect(overview.getByRole('listitem').filter({ hasText: '会議' }).first()).toContainText('今後の予定2');
  await expect(overview.getByRole('listitem').filter({ hasText: '関係機関' })).toContainText('12');
  await expect(overview.getByText(/^まだ会議はありません/)).toHaveCount(0);

  // Locked, the sample vault shows its public passphrase; unlocking with it works.
  await page.getByRole('button', { name: /施錠/ }).click();
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  await expect(page.getByText('サンプルの保管庫です')).toBeVisible();
  await expect(page.getByText('sample-kasane-2026')).toBeVisible();
  await page.getByLabel('パスフレーズ', { exact: true }).fill('sample-kasane-2026');
  await page.getByRole('button', { name: '解錠', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();

  // Back to the real vault, which does not exist yet: the first-run screen.
  await page.getByRole('button', { name: '本番の保管庫に戻る' }).click();
  await expect(page.getByRole('heading', { name: '重ねへようこそ' })).toBeVisible();
  await expect(page.getByRole('note')).toHaveCount(0);
});
