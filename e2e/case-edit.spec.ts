import { test, expect, createVaultThroughUi, type KasaneApp } from './fixtures';
import { caseFiscalYear, formatCaseNumber } from '../shared/domain/case-number';
import { shot, todayInPage, scanPng, fillRelease } from './support';

const viewCount = (app: KasaneApp) => app.core.session.vault.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'attachment.viewed'").pluck().get();

test('case number format and categories in 設定, then register, edit, attach and view a consent scan', async ({ page, app }) => {
  const today = todayInPage();
  await createVaultThroughUi(page);

  // 設定 › ケース番号: live example, {seq} required.
  await page.keyboard.press('Alt+6');
  const numberPanel = page.getByRole('form', { name: 'ケース番号' });
  const format = numberPanel.getByLabel('ケース番号の形式');
  await expect(format).toHaveValue('{era}{eraYear}-{seq:3}');
  await expect(numberPanel).toContainText(`例：${formatCaseNumber('{era}{eraYear}-{seq:3}', caseFiscalYear(today), 1)}`);
  await format.fill('相談{fy}');
  await expect(numberPanel).toContainText('{seq} または {seq:3} のような連番を含めてください');
  await format.fill('K{fy}-{seq:4}');
  const expected = formatCaseNumber('K{fy}-{seq:4}', caseFiscalYear(today), 1);
  await expect(numberPanel).toContainText(`例：${expected}`);
  await numberPanel.getByRole('button', { name: 'ケース番号の形式を保存' }).click();
  await expect(numberPanel.getByRole('status')).toHaveText('ケース番号の形式を保存しました。');

  // 設定 › 相談の分類: add, rename (a taken name is refused), retire with a confirmation.
  const categories = page.getByRole('region', { name: '相談の分類' });
  await categories.getByLabel('新しい分類').fill('外国籍');
  await categories.getByRole('button', { name: '追加' }).click();
  await expect(categories.getByRole('status')).toHaveText('「外国籍」を追加しました。');
  await categories.getByRole('button', { name: '名前を変更：外国籍' }).click();
  const rename = page.getByRole('dialog', { name: '「外国籍」の名前を変更' });
  await rename.getByLabel('分類の名前').fill('ひきこもり');
  await rename.getByRole('button', { name: '変更する' }).click();
  await expect(rename).toContainText('同じ名前の分類がすでにあります。');
  await rename.getByLabel('分類の名前').fill('外国にルーツのある世帯');
  await rename.getByRole('button', { name: '変更する' }).click();
  await expect(rename).toBeHidden();
  await expect(categories.getByRole('row', { name: /外国にルーツのある世帯/ })).toBeVisible();
  await categories.getByLabel('新しい分類').fill('使わない分類');
  await categories.getByRole('button', { name: '追加' }).click();
  await categories.getByRole('button', { name: '廃止：使わない分類' }).click();
  const retire = page.getByRole('dialog', { name: '「使わない分類」を廃止しますか' });
  await expect(retire).toContainText('すでにこの分類が付いているケースには、そのまま残ります。');
  await retire.getByRole('button', { name: '廃止する' }).click();
  await expect(retire).toBeHidden();
  await expect(categories.getByRole('row', { name: /使わない分類/ })).toHaveCount(0);
  await page.mouse.move(0, 0);
  await shot(page, '60-settings-case-number-categories');

  // A case registered now gets the new format and may use the new category.
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: '相談受付（ケースを登録）' }).click();
  await page.getByLabel('イニシャル').fill('T.K');
  await page.getByLabel('氏名', { exact: true }).fill('田中 健');
  const registerCategories = page.getByRole('group', { name: '課題の分類' });
  await expect(registerCategories.getByRole('checkbox', { name: '使わない分類' })).toHaveCount(0);
  await registerCategories.getByRole('checkbox', { name: '外国にルーツのある世帯' }).check();
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `ケース ${expected}（T.K）` })).toBeVisible();
  const summary = page.getByRole('region', { name: '基本情報' });
  await expect(summary).toContainText('外国にルーツのある世帯');

  // 編集: prefilled, except the name which stays empty and untouched unless typed.
  await summary.getByRole('button', { name: '編集' }).click();
  const edit = page.getByRole('dialog', { name: 'ケースの編集' });
  await expect(edit.getByLabel('イニシャル')).toHaveValue('T.K');
  await expect(edit.getByLabel('氏名', { exact: true })).toHaveValue('');
  await expect(edit.getByLabel('生年月日')).toHaveValue('');
  await expect(edit).toContainText('入力した場合のみ上書きされます');
  await expect(edit.getByRole('checkbox', { name: '外国にルーツのある世帯' })).toBeChecked();
  await edit.getByLabel('世帯の状況（メモ）').fill('母と二人暮らし。母は日本語の読み書きが難しい。');
  await edit.getByRole('checkbox', { name: 'ヤングケアラー' }).check();
  await edit.getByLabel('主担当機関').selectOption({ label: '社会福祉協議会' });
  await shot(page, '60-case-edit');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'ケースを保存しました。' })).toBeVisible();
  await expect(summary).toContainText('母と二人暮らし。');
  await expect(summary).toContainText('ヤングケアラー');
  await expect(summary).toContainText('外国にルーツのある世帯');
  await expect(summary).toContainText('社会福祉協議会');
  // The stored name was not overwritten.
  const namePanel = page.getByRole('region', { name: '氏名・生年月日' });
  await namePanel.getByRole('button', { name: '表示' }).click();
  await expect(namePanel).toContainText('田中 健');
  await namePanel.getByRole('button', { name: '隠す' }).click();

  // Consent, then its scan: a type other than PDF/PNG/JPEG is refused here already.
  const consentPanel = page.getByRole('region', { name: '本人同意' });
  await consentPanel.getByRole('button', { name: '同意を記録' }).click();
  const consentDialog = page.getByRole('dialog', { name: '本人同意を記録' });
  await consentDialog.getByLabel('同意を得た人').fill('試験 太郎');
  await consentDialog.getByRole('button', { name: '同意を記録' }).click();
  await expect(consentDialog).toBeHidden();
  await consentPanel.getByRole('button', { name: /^スキャンを添付/ }).click();
  const attach = page.getByRole('dialog', { name: '同意書のスキャンを添付' });
  const file = attach.getByLabel('ファイル');
  await file.setInputFiles({ name: 'memo.txt', mimeType: 'text/plain', buffer: Buffer.from('not a scan') });
  await expect(attach.getByRole('alert')).toHaveText('このファイル形式は添付できません。PDF または画像（PNG・JPEG）を選んでください。');
  await file.setInputFiles({ name: '同意書.png', mimeType: 'image/png', buffer: scanPng() });
  await expect(attach.getByRole('alert')).toHaveCount(0);
  await attach.getByRole('button', { name: '添付する' }).click();
  await expect(attach).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'スキャンを添付しました。' })).toBeVisible();

  // View: an image from a blob: URL; the view is audited each time.
  expect(viewCount(app)).toBe(0);
  await consentPanel.getByRole('button', { name: /^スキャンを表示/ }).click();
  const viewer = page.getByRole('dialog', { name: '同意書のスキャン' });
  await expect(viewer).toContainText('監査記録に残ります');
  const image = viewer.getByRole('img', { name: '同意書のスキャン：同意書.png' });
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(240);
  expect(viewCount(app)).toBe(1);
  await page.mouse.move(0, 0);
  await shot(page, '60-consent-scan-view');
  await viewer.getByRole('button', { name: '閉じる' }).click();
  await expect(viewer).toBeHidden();
  await consentPanel.getByRole('button', { name: /^スキャンを表示/ }).click();
  await expect(viewer.getByRole('img')).toBeVisible();
  expect(viewCount(app)).toBe(2);
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await shot(page, '60-case-after-edit');
});

test('a PDF scan is shown in the preview and leaves the vault under a generated name, and a file whose bytes do not match its type is refused by the core', async ({ page, app }) => {
  await createVaultThroughUi(page);
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: '相談受付（ケースを登録）' }).click();
  await page.getByLabel('イニシャル').fill('P.D');
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /（P\.D）/ })).toBeVisible();
  const consentPanel = page.getByRole('region', { name: '本人同意' });
  await consentPanel.getByRole('button', { name: '同意を記録' }).click();
  const consentDialog = page.getByRole('dialog', { name: '本人同意を記録' });
  await consentDialog.getByLabel('同意を得た人').fill('試験 太郎');
  await consentDialog.getByRole('button', { name: '同意を記録' }).click();
  await expect(consentDialog).toBeHidden();

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
  await consentPanel.getByRole('button', { name: /^スキャンを添付/ }).click();
  const attach = page.getByRole('dialog', { name: '同意書のスキャンを添付' });
  // Named and typed as PNG, but a PDF inside: the core checks the first bytes.
  await attach.getByLabel('ファイル').setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: pdf });
  await attach.getByRole('button', { name: '添付する' }).click();
  await expect(attach.getByRole('alert')).toHaveText('このファイル形式は添付できません。PDF または画像（PNG・JPEG）を選んでください。');
  await attach.getByLabel('ファイル').setInputFiles({ name: '同意書.pdf', mimeType: 'application/pdf', buffer: pdf });
  await attach.getByRole('button', { name: '添付する' }).click();
  await expect(attach).toBeHidden();

  await consentPanel.getByRole('button', { name: /^スキャンを表示/ }).click();
  const viewer = page.getByRole('dialog', { name: '同意書のスキャン' });
  // This PDF has no page for pdf.js to draw: the preview says so, and 保存 still hands it over.
  await expect(viewer.getByText('プレビューを表示できませんでした。「保存」でファイルとして保存できます。')).toBeVisible({ timeout: 30_000 });
  await fillRelease(viewer, '本人', '同意書の控えの交付');
  const downloading = page.waitForEvent('download');
  await viewer.getByRole('button', { name: '保存' }).click();
  const download = await downloading;
  // Named by the case's number, never by the name it was uploaded with (which could be a person's).
  expect(download.suggestedFilename()).toBe(`同意書_${formatCaseNumber('{era}{eraYear}-{seq:3}', caseFiscalYear(todayInPage()), 1)}.pdf`);
  expect(viewCount(app)).toBe(1);
  await shot(page, '60-consent-scan-pdf');
  await viewer.getByRole('button', { name: '閉じる' }).click();
  await expect(viewer).toBeHidden();
});
