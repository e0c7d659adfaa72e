import { test, expect, createVaultThroughUi } from './fixtures';
import { shot } from './support';

test('organizations and members: add, move, retire, reinstate', async ({ page }) => {
  await createVaultThroughUi(page);
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: '関係機関・構成員' })).toBeFocused();

  const orgTable = page.getByRole('table', { name: '関係機関の一覧' });
  // A new vault starts with the typical organizations.
  await expect(orgTable.getByRole('row', { name: /地域包括支援センター/ })).toBeVisible();
  await page.mouse.move(0, 0);
  await shot(page, '30-organizations');

  // Add: the name is required; the pledge exemption is not here but its own decision (誓約の適用除外, administrators).
  await page.getByRole('button', { name: '関係機関を追加' }).click();
  const dialog = page.getByRole('dialog', { name: '関係機関を追加' });
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('入力してください。')).toBeVisible();
  await dialog.getByLabel('名称').fill('NPO法人ひだまり');
  await dialog.getByLabel('種別').selectOption({ label: '関係機関' });
  await dialog.getByLabel('連絡先').fill('0123-45-6789');
  await expect(dialog).toContainText('適用除外は、一覧の「適用除外…」から変更します（管理者のみ）。');
  await shot(page, '31-organization-dialog');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '「NPO法人ひだまり」を保存しました。' })).toBeVisible();
  const npoRow = orgTable.getByRole('row', { name: /NPO法人ひだまり/ });
  await expect(npoRow).toContainText('0123-45-6789');
  await expect(npoRow).toContainText('有効');

  // The filter box narrows the table.
  await page.getByLabel('絞り込み').fill('ひだまり');
  await expect(orgTable.getByRole('row')).toHaveCount(2);
  await page.getByLabel('絞り込み').fill('');

  // Members: add one to the new organization.
  await page.getByRole('tab', { name: '構成員' }).click();
  await page.getByRole('button', { name: '構成員を追加' }).click();
  const add = page.getByRole('dialog', { name: '構成員を追加' });
  await add.getByRole('button', { name: '保存' }).click();
  await expect(add.getByText('所属機関を選んでください。')).toBeVisible();
  await add.getByLabel('氏名').fill('山田 花子');
  await add.getByLabel('ふりがな').fill('やまだ はなこ');
  await add.getByLabel('所属機関').selectOption({ label: 'NPO法人ひだまり' });
  await add.getByLabel('役職').fill('相談員');
  await add.getByLabel('所属開始日').fill('2026-04-01');
  await add.getByRole('button', { name: '保存' }).click();
  await expect(add).toBeHidden();
  const memberTable = page.getByRole('table', { name: '構成員の一覧' });
  const hanako = memberTable.getByRole('row', { name: /山田 花子/ });
  await expect(hanako).toContainText('NPO法人ひだまり');
  await expect(hanako).toContainText('令和8年4月1日');

  // Move her to 社会福祉協議会; the history keeps both periods.
  await hanako.getByRole('button', { name: '異動：山田 花子' }).click();
  const move = page.getByRole('dialog', { name: '山田 花子さんの異動' });
  await move.getByLabel('異動先の機関').selectOption({ label: '社会福祉協議会' });
  await move.getByLabel('異動日').fill('2026-10-01');
  await move.getByRole('button', { name: '異動を記録' }).click();
  await expect(move).toBeHidden();
  await expect(hanako).toContainText('社会福祉協議会');
  await page.getByLabel('検索').fill('やまだ');
  await expect(memberTable.getByRole('row')).toHaveCount(2);
  await hanako.getByRole('button', { name: '詳細：山田 花子' }).click();
  const details = page.getByRole('dialog', { name: '構成員：山田 花子' });
  await expect(details.getByRole('row', { name: /NPO法人ひだまり/ })).toContainText('令和8年4月1日〜令和8年9月30日');
  await expect(details.getByRole('row', { name: /社会福祉協議会/ })).toContainText('現在');
  await shot(page, '32-member-history');
  await details.getByRole('button', { name: '閉じる' }).click();
  await page.mouse.move(0, 0);
  await shot(page, '33-members');

  // Retire the organization (with a confirmation), then reinstate it.
  await page.getByRole('tab', { name: '関係機関' }).click();
  await npoRow.getByRole('button', { name: '廃止：NPO法人ひだまり' }).click();
  const confirm = page.getByRole('dialog', { name: '「NPO法人ひだまり」を廃止しますか' });
  await expect(confirm).toContainText('これまでの会議・誓約・ケースの記録には、そのまま残ります');
  await shot(page, '34-organization-retire');
  await confirm.getByRole('button', { name: '廃止する' }).click();
  await expect(confirm).toBeHidden();
  await expect(npoRow).toContainText('廃止');
  await npoRow.getByRole('button', { name: '再開：NPO法人ひだまり' }).click();
  await expect(npoRow).toContainText('有効');
  await expect(page.getByRole('status').filter({ hasText: '「NPO法人ひだまり」を再開しました。' })).toBeVisible();
});
