import type { Page } from '@playwright/test';
import { test, expect, createVaultThroughUi, type KasaneApp } from './fixtures';
import { shot, todayInPage } from './support';
import { caseFiscalYear, DEFAULT_CASE_NUMBER_FORMAT, formatCaseNumber } from '../shared/domain/case-number';
import { addDays } from '../shared/domain/calendar-date';
import { registerCase } from '../electron/core/cases/case-repository';

/** Scrolls the case list's own scroll box (the e2e tsconfig has no DOM types, hence the shape). */
type Scrollable = { scrollHeight: number; scrollTo: (options: { top: number }) => void };
const scrollList = (page: Page, to: 'start' | 'end') =>
  page.getByTestId('case-scroll').evaluate((el, end) => {
    const box = el as unknown as Scrollable;
    box.scrollTo({ top: end ? box.scrollHeight : 0 });
  }, to === 'end');

const revealCount = (app: KasaneApp) => app.core.session.vault.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'case.revealed'").pluck().get();

test('register a case, find it, reveal the name, record consent and move it on', async ({ page, app }) => {
  const today = todayInPage();
  const caseNumber = formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, caseFiscalYear(today), 1); // e.g. R8-001

  await createVaultThroughUi(page);
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { level: 1, name: 'ケース' })).toBeFocused();
  await expect(page.getByText('まだケースはありません。')).toBeVisible();
  await page.mouse.move(0, 0);
  await shot(page, '40-cases-empty');

  // 相談受付: initials are required.
  await page.getByRole('button', { name: '相談受付（ケースを登録）' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '相談受付（ケースの登録）' })).toBeVisible();
  await expect(page.getByLabel('相談受付日')).toHaveValue(today);
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByText('イニシャルを入力してください。')).toBeVisible();
  await page.getByLabel('イニシャル').fill('Y.H');
  await page.getByLabel('氏名', { exact: true }).fill('山田 花子');
  await page.getByLabel('ふりがな', { exact: true }).fill('やまだ はなこ');
  await page.getByLabel('生年月日').fill('1960-05-05');
  await page.getByLabel('相談経路').fill('電話相談');
  await page.getByLabel('主担当機関').selectOption({ label: '地域包括支援センター' });
  await page.getByLabel('受け付けた機関').selectOption({ label: '福祉課' });
  const firstCategory = page.getByRole('group', { name: '課題の分類' }).getByRole('checkbox').first();
  await firstCategory.check();
  await shot(page, '41-case-register');
  await page.getByRole('button', { name: '登録する' }).click();

  // The new case's page: number and initials, the name masked.
  await expect(page.getByRole('heading', { level: 1, name: `ケース ${caseNumber}（Y.H）` })).toBeVisible();
  const namePanel = page.getByRole('region', { name: '氏名・生年月日' });
  await expect(namePanel).toContainText('●●●●');
  await expect(page.getByText('山田 花子')).toHaveCount(0);

  // The list shows number and initials, never the name.
  await page.getByRole('button', { name: 'ケースの一覧に戻る' }).click();
  const list = page.getByRole('table', { name: 'ケースの一覧' });
  const row = list.getByRole('row', { name: new RegExp(caseNumber) });
  await expect(row).toContainText('Y.H');
  await expect(row).toContainText('受付');
  await expect(row).toContainText('地域包括支援センター');
  await expect(row).toContainText(/令和\d+年\d+月\d+日/);
  await expect(page.locator('main')).not.toContainText('山田');

  // Search by one and by two characters of the name (debounced, sent as case.list's query).
  const search = page.getByLabel('検索');
  await search.fill('花');
  await expect(row).toBeVisible();
  await search.fill('zz');
  await expect(page.getByText('条件に合うケースはありません。')).toBeVisible();
  await search.fill('山田');
  await expect(row).toBeVisible();
  await expect(page.locator('main')).not.toContainText('山田 花子');
  await page.mouse.move(0, 0);
  await shot(page, '42-case-list');

  // Open the case and reveal the name: shown, and recorded in the audit log.
  await row.getByRole('button', { name: `${caseNumber} を開く` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `ケース ${caseNumber}（Y.H）` })).toBeVisible();
  expect(revealCount(app)).toBe(0);
  await namePanel.getByRole('button', { name: '表示' }).click();
  await expect(namePanel).toContainText('山田 花子');
  await expect(namePanel).toContainText('やまだ はなこ');
  await expect(namePanel).toContainText('昭和35年5月5日');
  expect(revealCount(app)).toBe(1);

  // Only the allowed steps are offered: without consent, not 同意取得.
  const transitions = page.getByRole('region', { name: '状態の変更' });
  await expect(transitions.getByRole('button')).toHaveText(['「支援会議で検討中」にする', '「終結」にする']);

  // Consent dated in the future: the core refuses it, in Japanese.
  const consentPanel = page.getByRole('region', { name: '本人同意' });
  await expect(consentPanel).toContainText('今日の時点で有効な同意はありません。');
  await consentPanel.getByRole('button', { name: '同意を記録' }).click();
  const consentDialog = page.getByRole('dialog', { name: '本人同意を記録' });
  await consentDialog.getByLabel('同意日').fill(addDays(today, 2));
  await consentDialog.getByLabel('方法').selectOption({ label: '口頭' });
  await consentDialog.getByLabel('同意を得た人').fill('試験 太郎');
  await consentDialog.getByRole('checkbox', { name: '社会福祉協議会' }).check();
  await consentDialog.getByRole('button', { name: '同意を記録' }).click();
  await expect(consentDialog.getByRole('alert')).toHaveText('同意日が未来の日付になっています。同意を得た日を入力してください。');
  await shot(page, '44-consent-error');
  await consentDialog.getByLabel('同意日').fill(today);
  await consentDialog.getByRole('button', { name: '同意を記録' }).click();
  await expect(consentDialog).toBeHidden();
  await expect(consentPanel).toContainText('今日の時点で有効な同意があります。');
  const consentRow = consentPanel.getByRole('row', { name: /口頭/ });
  await expect(consentRow).toContainText('試験 太郎');
  await expect(consentRow).toContainText('社会福祉協議会');

  // 受付 → 同意取得 → アセスメント, each confirmed with an optional reason.
  await expect(transitions.getByRole('button', { name: '「同意取得」にする' })).toBeVisible();
  await transitions.getByRole('button', { name: '「同意取得」にする' }).click();
  const confirm = page.getByRole('dialog', { name: '状態を「同意取得」にしますか' });
  await confirm.getByLabel('理由（任意）').fill('本人が来所し、書面で説明した');
  await confirm.getByRole('button', { name: '「同意取得」にする' }).click();
  await expect(confirm).toBeHidden();
  await expect(transitions.getByRole('button')).toHaveText(['「アセスメント」にする', '「終結」にする', '「中断」にする']);
  await transitions.getByRole('button', { name: '「アセスメント」にする' }).click();
  await page.getByRole('dialog', { name: '状態を「アセスメント」にしますか' }).getByRole('button', { name: '「アセスメント」にする' }).click();
  await expect(transitions.getByRole('button', { name: '「プラン作成中」にする' })).toBeVisible();
  const history = page.getByRole('table', { name: '状態の履歴（古い順）' });
  await expect(history.getByRole('row')).toHaveCount(4);
  await expect(history.getByRole('row').nth(2)).toContainText('受付 → 同意取得');
  await expect(history.getByRole('row').nth(2)).toContainText('本人が来所し、書面で説明した');
  await expect(history.getByRole('row').nth(3)).toContainText('同意取得 → アセスメント');
  await expect(history.getByRole('row').nth(3)).toContainText('試験 太郎');
  await expect(page.locator('.case-title')).toContainText('アセスメント');
  await page.mouse.move(0, 0);
  await shot(page, '43-case-detail');

  // Leaving the page hides the name again.
  await page.getByRole('button', { name: 'ケースの一覧に戻る' }).click();
  await expect(row).toContainText('アセスメント');
  await expect(row).toContainText('有効');
  await row.getByRole('button', { name: `${caseNumber} を開く` }).click();
  await expect(namePanel).toContainText('●●●●');
  await expect(namePanel).not.toContainText('山田 花子');
  expect(revealCount(app)).toBe(1);

  // The same page in English.
  await page.keyboard.press('Alt+6');
  await page.getByRole('radio', { name: 'English' }).check();
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: `Open ${caseNumber}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Case ${caseNumber} (Y.H)` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Change the status' }).getByRole('button', { name: 'Move to “Planning”' })).toBeVisible();
  await page.mouse.move(0, 0);
  await shot(page, '46-case-detail-english');
});

test('10,000 cases: the list renders only the visible rows and stays searchable', async ({ page, app }) => {
  test.setTimeout(120_000); // registering 10,000 cases takes ~10 s, more on a busy machine
  await createVaultThroughUi(page);
  const today = todayInPage();
  // 10,000 cases through the core's own registration, in one transaction (10,000 separate calls
  // would take minutes on a busy test machine).
  const { db, staff } = app.core.session.vault;
  db.transaction(() => {
    for (let i = 0; i < 10_000; i++) {
      const initials = `${String.fromCharCode(65 + (i % 26))}.${String.fromCharCode(65 + ((i * 7) % 26))}`;
      // Numbered here (as when transcribing an existing register): the next-number query scans the year.
      const caseNumber = formatCaseNumber(DEFAULT_CASE_NUMBER_FORMAT, caseFiscalYear(today), i + 1);
      registerCase(db, { initials, receivedOn: today, categoryIds: [], caseNumber }, staff.id, new Date());
    }
  })();

  await page.keyboard.press('Alt+3');
  await expect(page.getByText('10000件')).toBeVisible({ timeout: 20_000 });
  const rows = page.locator('.case-tbody tr');
  expect(await rows.count()).toBeLessThan(60);
  await page.mouse.move(0, 0);
  await shot(page, '45-cases-10000');

  // Scroll to the end: still only a window of rows in the DOM, the last ones now.
  await scrollList(page, 'end');
  await expect(rows.last()).toHaveAttribute('aria-rowindex', '10001');
  expect(await rows.count()).toBeLessThan(60);

  // Sorting 10,000 rows by the case number is quick, and a search narrows them down.
  await page.getByRole('columnheader', { name: 'ケース番号' }).getByRole('button').click();
  await scrollList(page, 'start');
  await expect(rows.first()).toContainText('-001');
  await page.getByLabel('検索', { exact: true }).fill('-9999');
  await expect(page.getByText('1件', { exact: true })).toBeVisible();
});
