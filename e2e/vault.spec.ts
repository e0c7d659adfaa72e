import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, createVaultThroughUi, STRONG_PASSPHRASE, VAULT } from './fixtures';

test('create the vault, lock and unlock it, and change the language', async ({ page, cspViolations }) => {
  // First run: the welcome and the form.
  await expect(page.getByRole('heading', { name: '重ねへようこそ' })).toBeVisible();
  await expect(page).toHaveTitle(/重ね/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  // The token left the address bar at once.
  expect(new URL(page.url()).hash).toBe('');

  await page.getByLabel('自治体名').fill(VAULT.municipalityName);
  await page.getByLabel('事務局名').fill(VAULT.secretariatName);
  await page.getByLabel('最初の職員の氏名').fill(VAULT.staffName);

  const create = page.getByRole('button', { name: '保管庫を作成' });
  const passphrase = page.getByLabel('パスフレーズ', { exact: true });
  const confirm = page.getByLabel('パスフレーズ（確認）');

  // A weak passphrase: judged as 弱い with the reasons, and the vault cannot be created.
  await passphrase.fill('password123');
  await confirm.fill('password123');
  await expect(page.getByText('弱い', { exact: true })).toBeVisible();
  await expect(page.getByText('12文字以上にしてください（いま11文字）。')).toBeVisible();
  await expect(page.getByText('よく使われる言葉です。推測されやすいため使えません。')).toBeVisible();
  await expect(create).toBeDisabled();

  // A strong one, mistyped in the confirmation: still disabled, with the reason.
  await passphrase.fill(STRONG_PASSPHRASE);
  await expect(page.getByText('このパスフレーズは使えます。')).toBeVisible();
  await confirm.fill(`${STRONG_PASSPHRASE}x`);
  await expect(page.getByText('確認のパスフレーズが一致しません。')).toBeVisible();
  await expect(create).toBeDisabled();

  await confirm.fill(STRONG_PASSPHRASE);
  await expect(page.getByText('確認のパスフレーズが一致しています。')).toBeVisible();
  await expect(create).toBeEnabled();
  await create.click();

  // ホーム: the header names the municipality and the staff member; everything is still empty.
  const home = page.getByRole('heading', { level: 1, name: 'ホーム' });
  await expect(home).toBeVisible();
  await expect(home).toBeFocused();
  const header = page.getByRole('banner');
  await expect(header).toContainText(VAULT.municipalityName);
  await expect(header).toContainText(VAULT.secretariatName);
  await expect(header).toContainText(`職員：${VAULT.staffName}`);
  await expect(header).toContainText(/令和\d+年\d+月\d+日（[日月火水木金土]）/);
  await expect(page.getByText('予定されている会議はありません。')).toBeVisible();
  await expect(page.getByText(/^まだ会議はありません。/)).toBeVisible();
  await expect(page.getByText(/^まだケースはありません。/)).toBeVisible();
  // A new vault starts with the 12 typical organizations (関係機関), so that tile is not empty.
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '関係機関' }) })).toContainText('12');
  await expect(page.getByText('サンプルの保管庫を使用中です', { exact: false })).toHaveCount(0);
  await expect(page).toHaveTitle('ホーム — 重ね');

  // Lock with the button: the unlock screen, the passphrase field ready for typing.
  await page.getByRole('button', { name: /施錠/ }).click();
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  await expect(page.getByText(VAULT.municipalityName)).toHaveCount(0);
  const unlockField = page.getByLabel('パスフレーズ', { exact: true });
  await expect(unlockField).toBeFocused();

  // A wrong passphrase: a Japanese message, and the button waits out the delay.
  await unlockField.fill('まちがったパスフレーズです');
  await page.getByRole('button', { name: '解錠' }).click();
  await expect(page.getByRole('alert')).toContainText('パスフレーズが正しくありません。');
  const waiting = page.getByRole('button', { name: /秒お待ちください/ });
  await expect(waiting).toBeDisabled();
  await expect(page.getByRole('button', { name: '解錠', exact: true })).toBeEnabled({ timeout: 15_000 });

  // The right one.
  await unlockField.fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: '解錠', exact: true }).click();
  await expect(home).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Lock with Ctrl+L, unlock with Enter.
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  await unlockField.fill(STRONG_PASSPHRASE);
  await unlockField.press('Enter');
  await expect(home).toBeVisible();

  // 設定: switch the language to English and back.
  await page.getByRole('navigation').getByRole('link', { name: '設定' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '設定' })).toBeFocused();
  await page.getByRole('radio', { name: 'English' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Display settings saved.' })).toBeVisible();
  await expect(page).toHaveTitle('Settings — Kasane');

  await page.getByRole('radio', { name: '日本語' }).check();
  await expect(page.getByRole('heading', { level: 1, name: '設定' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  expect(cspViolations).toEqual([]);
});

test('settings keep the idle-lock time and the names, and survive a reload', async ({ page }) => {
  await createVaultThroughUi(page);
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1, name: '設定' })).toBeFocused();

  const minutes = page.getByLabel('自動施錠までの時間');
  await expect(minutes).toHaveValue('10');

  // Out of range: the message sits next to the field, nothing is saved.
  await minutes.fill('0');
  await page.getByRole('button', { name: '保管庫の設定を保存' }).click();
  await expect(page.getByText('1から120までの数を入力してください。')).toBeVisible();
  await expect(minutes).toBeFocused();

  await minutes.fill('5');
  await page.getByLabel('事務局名').fill('福祉あんしん課');
  await page.getByRole('button', { name: '保管庫の設定を保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '保存しました。' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('福祉あんしん課');

  // A reload keeps the session (the token stays in this tab) and the saved values.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: '設定' }).click();
  await expect(page.getByLabel('自動施錠までの時間')).toHaveValue('5');
  await expect(page.getByLabel('事務局名')).toHaveValue('福祉あんしん課');
});

test('larger text and the keyboard shortcuts', async ({ page }) => {
  await createVaultThroughUi(page);
  // (a string: e2e code is typechecked without the DOM library)
  const fontSize = () => page.evaluate<string>('getComputedStyle(document.documentElement).fontSize');
  expect(await fontSize()).toBe('16px');

  await page.keyboard.press('Alt+6');
  await page.getByRole('radio', { name: /とても大きい/ }).check();
  await expect.poll(fontSize).toBe('20px');
  await page.getByRole('radio', { name: /^大きい/ }).check();
  await expect.poll(fontSize).toBe('18px');

  // Alt+2 … Alt+7: each section opens with its heading focused; every section is built now.
  for (const [key, name] of [
    ['Alt+2', '会議'],
    ['Alt+3', 'ケース'],
    ['Alt+4', '誓約書'],
    ['Alt+5', '役割分担'],
    ['Alt+7', '関係機関・構成員'],
  ] as const) {
    await page.keyboard.press(key);
    await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
    await expect(page.getByText('この機能は今後のバージョンで追加されます。')).toHaveCount(0);
  }

  // ? opens the list of shortcuts; Esc closes it.
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'キーボード操作' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Ctrl+L');
  await expect(dialog).toContainText('Alt+1');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.keyboard.press('F1');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '閉じる' }).click();
  await expect(dialog).toBeHidden();

  // The size is a preference of this PC: it stays after locking.
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  expect(await fontSize()).toBe('18px');
});

test('a page without the launch token is refused with a clear message', async ({ app, browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL(app.url).origin + '/');
  await expect(page.getByRole('alert')).toContainText('kasane コマンドを実行したときに表示されたURLから、重ねを開き直してください。');
  await context.close();
});

test('a damaged key file is reported on the unlock screen, and nothing crashes', async ({ page, app }) => {
  await createVaultThroughUi(page);
  await page.getByRole('button', { name: /施錠/ }).click();
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();

  writeFileSync(join(app.tmpDir, 'vault', 'kasane.keys'), '{"not": "a key file"');
  await page.reload();

  const problem = page.getByRole('alert').filter({ hasText: '保管庫を開けません' });
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('鍵ファイル（kasane.keys）');
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
});
