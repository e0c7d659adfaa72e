import { test, expect, createVaultThroughUi, STRONG_PASSPHRASE, VAULT } from './fixtures';
import { shot, todayInPage, call } from './support';

test('the audit log lists unlocks, a revealed name and an export by kind, filters them, verifies the chain and prints it', async ({ page, app }) => {
  test.setTimeout(120_000);
  await createVaultThroughUi(page);

  // What happened today: a case registered and its name revealed, a 次第 exported.
  const c = await call<{ id: string; caseNumber: string }>(app, 'case.register', { initials: 'Y・H', receivedOn: todayInPage(), fullName: '山田 花子' });
  await call(app, 'case.reveal', { id: c.id });
  const { meeting } = await call<{ meeting: { id: string } }>(app, 'meeting.create', { type: 'jusoteki', date: todayInPage(), startTime: '14:00', inviteeMemberIds: [] });
  await call(app, 'meeting.agendaPdf', { meetingId: meeting.id });

  // Lock, mistype once, unlock.
  await page.getByRole('button', { name: /施錠/ }).click();
  const unlockField = page.getByLabel('パスフレーズ', { exact: true });
  await unlockField.fill('まちがったパスフレーズです');
  await page.getByRole('button', { name: '解錠' }).click();
  await expect(page.getByRole('alert')).toContainText('パスフレーズが正しくありません。');
  await expect(page.getByRole('button', { name: '解錠', exact: true })).toBeEnabled({ timeout: 15_000 });
  await unlockField.fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: '解錠', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();

  // 設定 → 監査ログ.
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1, name: '設定' })).toBeFocused();
  const opener = page.getByRole('button', { name: '監査ログを開く' });
  await opener.click();
  await expect(page.getByRole('heading', { level: 1, name: '監査ログ' })).toBeFocused();
  await expect(page).toHaveTitle('監査ログ — 重ね');

  const table = page.getByRole('table', { name: '監査ログの記録（新しい順）' });
  const rowOf = (text: string | RegExp) => table.getByRole('row').filter({ hasText: text });
  await expect(rowOf('解錠の失敗（パスフレーズの誤り）')).toHaveCount(1);
  await expect(rowOf('解錠の失敗（パスフレーズの誤り）')).toContainText(VAULT.staffName);
  await expect(rowOf(/解錠解錠/)).toHaveCount(1);
  const reveal = rowOf('氏名の表示');
  await expect(reveal).toHaveCount(1);
  await expect(reveal).toContainText(`ケース：${c.caseNumber}`);
  const exported = rowOf('文書の書き出し');
  await expect(exported).toHaveCount(1);
  await expect(exported).toContainText('会議：重層的支援会議');
  await exported.getByText('詳細（1項目）').click();
  await expect(exported).toContainText('文書次第');
  // Dates in 和暦; the case's name nowhere.
  await expect(reveal).toContainText(/令和\d+年\d+月\d+日 \d{2}:\d{2}/);
  await expect(page.locator('main')).not.toContainText('山田');
  await expect(page.getByRole('status').filter({ hasText: '件目' })).toHaveText(/^全\d+件中 1〜\d+件目$/);
  await shot(page, 'audit-1-list');

  // Kinds: 氏名の表示 only, then also 解錠 and 解錠の失敗.
  const kinds = page.getByRole('group', { name: '種類' });
  await kinds.getByRole('checkbox', { name: '氏名の表示' }).check();
  await expect(table.getByRole('row')).toHaveCount(2); // the header and the one reveal
  await expect(page.getByText('全1件中 1〜1件目')).toBeVisible();
  await kinds.getByRole('checkbox', { name: '解錠', exact: true }).check();
  await kinds.getByRole('checkbox', { name: '解錠の失敗' }).check();
  await expect(page.getByText('全3件中 1〜3件目')).toBeVisible();
  await expect(rowOf('文書の書き出し')).toHaveCount(0);

  // The staff member: the only account, so the same rows.
  await page.getByLabel('職員', { exact: true }).selectOption({ label: VAULT.staffName });
  await expect(page.getByText('全3件中 1〜3件目')).toBeVisible();

  // The period: shown in 和暦; a day with nothing, then a reversed period.
  const from = page.getByLabel('期間（から）');
  await expect(page.locator('#audit-from-wareki')).toHaveText(/^令和\d+年\d+月\d+日$/);
  await from.fill('2020-04-01');
  await page.getByLabel('期間（まで）').fill('2020-04-30');
  await expect(page.locator('#audit-to-wareki')).toHaveText('令和2年4月30日');
  await expect(page.getByText('この条件に合う記録はありません。')).toBeVisible();
  await from.fill('2020-05-01');
  await expect(page.getByRole('alert')).toHaveText('「から」の日付が「まで」の日付より後になっています。');
  await page.getByRole('button', { name: '条件を元に戻す' }).click();
  await expect(kinds.getByRole('checkbox', { checked: true })).toHaveCount(0);
  await expect(rowOf('文書の書き出し')).toHaveCount(1);

  // Verification: every row intact.
  await page.getByRole('button', { name: 'チェーンを検証' }).click();
  await expect(page.getByText(/正常：\d+件の記録すべてで、内容と前後のつながりが保たれています。/)).toBeVisible();
  await shot(page, 'audit-2-filtered-verified');

  // The PDF for an inspection: recipient and purpose, then the preview.
  await page.getByRole('button', { name: 'PDFに書き出す' }).click();
  const dialog = page.getByRole('dialog', { name: '監査ログをPDFに書き出す' });
  await expect(dialog.getByLabel('提出先（任意）')).toBeFocused();
  await dialog.getByLabel('提出先（任意）').fill('監査委員事務局');
  await dialog.getByLabel('目的（任意）').fill('定期監査');
  await shot(page, 'audit-3-pdf-dialog');
  await dialog.getByRole('button', { name: 'PDFを作成' }).click();
  const preview = page.getByRole('dialog', { name: '監査ログ（PDF）' });
  await expect(preview.getByText(/全\d+ページ/)).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByTestId('pdf-pages').locator('.textLayer').first()).toContainText(c.caseNumber);
  await expect(preview.getByTestId('pdf-pages').locator('canvas').first()).toBeVisible();
  await shot(page, 'audit-4-pdf-preview');
  // Saving it is a release: the 提出先 given for the PDF is the recipient already; the purpose is asked.
  await expect(preview.getByLabel('宛先（渡す相手）', { exact: true })).toHaveValue('監査委員事務局');
  await preview.getByLabel('目的', { exact: true }).fill('定期監査への提出');
  const downloading = page.waitForEvent('download');
  await preview.getByRole('button', { name: '保存' }).click();
  const saved = await downloading;
  await preview.getByRole('button', { name: '閉じる' }).click();
  await expect(preview).toBeHidden();
  const release = rowOf('文書の持ち出し（保存・印刷）');
  await expect(release).toHaveCount(1);
  await release.getByText(/詳細（\d+項目）/).click();
  await expect(release).toContainText('宛先監査委員事務局');
  await expect(release).toContainText('目的定期監査への提出');
  await expect(release).toContainText('持ち出し方ファイルに保存');
  await expect(release).toContainText(`ファイル名${saved.suggestedFilename()}`);
  await shot(page, 'audit-4b-release-row');
  // The export is in the log, with its recipient.
  const auditExport = rowOf(/文書の作成.*詳細（\d項目）/).filter({ hasNotText: '会議：' });
  await expect(auditExport).toHaveCount(1);
  await auditExport.getByText(/詳細（\d項目）/).click();
  await expect(auditExport).toContainText('文書監査ログ');
  await expect(auditExport).toContainText('宛先監査委員事務局');

  // Tampering (someone with the key rewrites the reveal to hide it): the viewer finds it.
  const db = app.core.session.vault.db;
  const seq = db.prepare("SELECT seq FROM audit_log WHERE action = 'case.revealed'").pluck().get() as number;
  db.exec('DROP TRIGGER audit_log_no_update');
  db.prepare("UPDATE audit_log SET action = 'case.updated' WHERE seq = ?").run(seq);
  await page.getByRole('button', { name: 'チェーンを検証' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '改ざんの可能性' });
  await expect(alert).toContainText(`改ざんの可能性：最初に不整合がある記録 #${seq}`);
  await expect(alert).toContainText('書き換えられた可能性があります');
  await alert.getByRole('button', { name: `記録 #${seq} を表示` }).click();
  const broken = table.locator('tr.audit-row-broken');
  await expect(broken).toHaveCount(1);
  await expect(broken).toContainText(`${seq}不整合`);
  await shot(page, 'audit-5-tampered');

  // Back to 設定: the focus returns to the button that opened the viewer.
  await page.getByRole('button', { name: '設定に戻る' }).click();
  await expect(page.getByRole('button', { name: '監査ログを開く' })).toBeFocused();
  await expect(page).toHaveTitle('設定 — 重ね');
  await page.getByRole('region', { name: '監査ログ' }).screenshot({ path: '/tmp/shots/audit-0-settings-panel.png' });

  // The same viewer in English: Gregorian dates, the kinds and actions in words.
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('button', { name: 'Open the audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const tableEn = page.getByRole('table', { name: 'Audit log entries (newest first)' });
  await expect(tableEn.getByRole('row').filter({ hasText: 'Failed unlock (wrong passphrase)' })).toHaveCount(1);
  await expect(tableEn.getByRole('row').filter({ hasText: `Case: ${c.caseNumber}` }).first()).toBeVisible();
  // Dates are Gregorian in English (a document's file name is data and keeps its 和暦).
  const dates = await tableEn.locator('tbody tr > :nth-child(2)').allTextContents();
  expect(dates.length).toBeGreaterThan(5);
  for (const date of dates) expect(date).toMatch(/^\d+ \w+ 20\d\d \d{2}:\d{2}$/);
  await expect(page.locator('main')).not.toContainText('From令和');
  await shot(page, 'audit-6-english');
});
