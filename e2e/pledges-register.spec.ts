import type { Page } from '@playwright/test';
import { test, expect, createVaultThroughUi, type KasaneApp } from './fixtures';
import { shot, todayInPage, call, scanPng, type Org } from './support';
import { fiscalYearOf, formatFiscalYear } from '../shared/domain/fiscal-year';
import { formatWareki } from '../shared/domain/wareki';


/** Two organizations, four people: 相談・支援 at 地域包括, 地域・未署 at 社協. */
async function setUp(app: KasaneApp) {
  const orgs = await call<Org[]>(app, 'organization.list', {});
  const houkatsu = orgs.find((o) => o.name === '地域包括支援センター')!;
  const shakyo = orgs.find((o) => o.name.includes('社会福祉協議会'))!;
  const member = (name: string, organizationId: string, title: string) => call<{ id: string }>(app, 'member.create', { name, organizationId, title, startOn: '2020-04-01' });
  await member('相談 一郎', houkatsu.id, '主任介護支援専門員');
  await member('支援 二葉', houkatsu.id, '社会福祉士');
  const chiiki = await member('地域 三恵', shakyo.id, 'CSW');
  await member('未署 四郎', shakyo.id, '生活支援コーディネーター');
  return { houkatsu, shakyo, chiiki };
}

async function openRecordDialog(page: Page) {
  await page.getByRole('button', { name: '誓約書を登録' }).first().click();
  const dialog = page.getByRole('dialog', { name: '誓約書を登録' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function recordAnnual(page: Page, member: string) {
  const dialog = await openRecordDialog(page);
  await dialog.getByLabel('誓約の種類').selectOption({ label: '個人（年度）' });
  await dialog.getByLabel('署名した人').selectOption({ label: member });
  return dialog;
}

test('record annual and roster pledges, replace a duplicate, revoke one, attach and view scans, print a roster form, check a date', async ({ page, app }) => {
  const today = todayInPage();
  const year = formatFiscalYear(fiscalYearOf(today));
  await createVaultThroughUi(page);
  const { houkatsu } = await setUp(app);

  // 誓約書 (Alt+4): the register tab, empty for this 年度, says what to do.
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: '誓約書' })).toBeFocused();
  await expect(page.getByRole('tab', { name: '台帳' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('年度')).toHaveValue(String(fiscalYearOf(today)));
  await expect(page.getByText(`${year}の誓約書はまだ登録されていません。`)).toBeVisible();
  await shot(page, 'pledges-01-register-empty');

  // An annual individual pledge for 地域 三恵: addressee and date come pre-filled.
  let dialog = await recordAnnual(page, '地域 三恵（CSW）');
  await expect(dialog.getByLabel('あて先')).toHaveValue('みほん市長');
  await expect(dialog.getByLabel('署名日')).toHaveValue(today);
  await expect(dialog.getByText(formatWareki(today))).toBeVisible();
  await expect(dialog.getByText('いまの文面（第1版）に署名したものとして記録されます。')).toBeVisible();
  await shot(page, 'pledges-02-record-annual');
  await dialog.getByRole('button', { name: '登録する' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '地域 三恵の誓約書（個人（年度））を登録しました。' })).toBeVisible();
  const table = page.getByRole('table', { name: '誓約書の台帳' });
  const chiikiRow = table.getByRole('row').filter({ hasText: '地域 三恵' });
  await expect(chiikiRow).toHaveCount(1);
  await expect(chiikiRow).toContainText('個人（年度）');
  await expect(chiikiRow).toContainText(formatWareki(today));
  await expect(chiikiRow).toContainText(year);
  await expect(chiikiRow).toContainText('第1版');
  await expect(chiikiRow).toContainText('有効');
  await expect(chiikiRow.getByRole('checkbox', { name: '原本受領：地域 三恵' })).toBeChecked();

  // A roster pledge of 地域包括: both current members ticked, 支援 二葉 left off the roster.
  dialog = await openRecordDialog(page);
  await dialog.getByLabel('誓約の種類').selectOption({ label: '機関（名簿）' });
  await dialog.getByRole('button', { name: '登録する' }).click();
  await expect(dialog.getByText('機関を選んでください。', { exact: true })).toBeVisible();
  await dialog.getByLabel('機関', { exact: true }).selectOption({ label: houkatsu.name });
  await expect(dialog.getByText('機関を選んでください。', { exact: true })).toBeHidden();
  await expect(dialog.getByText('2人中2人を選択中')).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: /相談 一郎/ })).toBeChecked();
  await dialog.getByRole('checkbox', { name: /支援 二葉/ }).uncheck();
  await expect(dialog.getByText('2人中1人を選択中')).toBeVisible();
  await dialog.getByLabel('署名された原本を受け取った').uncheck();
  await shot(page, 'pledges-03-record-roster');
  await dialog.getByRole('button', { name: '登録する' }).click();
  await expect(dialog).toBeHidden();
  const rosterRow = table.getByRole('row').filter({ hasText: houkatsu.name });
  await expect(rosterRow).toContainText('機関（名簿）');
  const toggle = rosterRow.getByRole('button', { name: `${houkatsu.name}の名簿（1人）を表示` });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(rosterRow.getByText('相談 一郎')).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(rosterRow.getByRole('listitem')).toHaveText(['相談 一郎']);
  // 原本受領 is a toggle in the row.
  const original = rosterRow.getByRole('checkbox', { name: `原本受領：${houkatsu.name}` });
  await expect(original).not.toBeChecked();
  // The tick is saved by the core before the box shows it: click, then wait for the state.
  await original.click();
  await expect(page.getByRole('status').filter({ hasText: `${houkatsu.name}の誓約書の原本を受領済みにしました。` })).toBeVisible();
  await expect(original).toBeChecked();

  // The same annual pledge again: a duplicate warning, then 置き換える.
  dialog = await recordAnnual(page, '地域 三恵（CSW）');
  await dialog.getByRole('button', { name: '登録する' }).click();
  const warning = dialog.getByRole('alert');
  await expect(warning).toContainText(`同じ期間の誓約書がすでにあります（${formatWareki(today)} 署名）`);
  await expect(warning).toContainText('置き換える');
  await shot(page, 'pledges-04-duplicate');
  await warning.getByRole('button', { name: '置き換える' }).click();
  await expect(dialog).toBeHidden();
  await expect(chiikiRow).toHaveCount(1);
  await page.getByLabel('状態').selectOption({ label: '置換済み' });
  await expect(table.getByRole('row').filter({ hasText: '地域 三恵' })).toContainText('置換済み');
  await expect(table.getByRole('row').filter({ hasText: houkatsu.name })).toHaveCount(0);
  await page.getByLabel('状態').selectOption({ label: '有効' });

  // An annual pledge for 未署 四郎, then revoked: gone from 有効, shown under 撤回.
  dialog = await recordAnnual(page, '未署 四郎（生活支援コーディネーター）');
  await dialog.getByRole('button', { name: '登録する' }).click();
  await expect(dialog).toBeHidden();
  await table.getByRole('button', { name: '未署 四郎の誓約書を撤回' }).click();
  const revoke = page.getByRole('dialog', { name: '誓約書の撤回：未署 四郎' });
  await expect(revoke.getByLabel('撤回日')).toHaveValue(today);
  await revoke.getByRole('button', { name: '内容を確認する' }).click();
  await expect(revoke.getByText('撤回の理由を入力してください。')).toBeVisible();
  await revoke.getByLabel('撤回の理由').fill('異動のため');
  await revoke.getByRole('button', { name: '内容を確認する' }).click();
  await expect(revoke.getByText(/未署 四郎の誓約書を.+付けで撤回します。撤回した誓約書は元に戻せません。/)).toBeVisible();
  await shot(page, 'pledges-05-revoke-confirm');
  await revoke.getByRole('button', { name: '撤回する' }).click();
  await expect(revoke).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '未署 四郎の誓約書を撤回しました。' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: '未署 四郎' })).toHaveCount(0);
  await page.getByLabel('状態').selectOption({ label: '撤回' });
  const revokedRow = table.getByRole('row').filter({ hasText: '未署 四郎' });
  await expect(revokedRow).toContainText('撤回');
  await expect(revokedRow).toContainText('異動のため');
  await page.getByLabel('状態').selectOption({ label: '有効' });

  // A scan: a text file is refused here, a PNG is attached and viewed as an image.
  await table.getByRole('button', { name: '地域 三恵の誓約書のスキャンを添付' }).click();
  const attach = page.getByRole('dialog', { name: 'スキャンを添付：地域 三恵' });
  await attach.getByLabel('ファイル').setInputFiles({ name: 'memo.txt', mimeType: 'text/plain', buffer: Buffer.from('not a scan') });
  await expect(attach.getByText('このファイル形式は添付できません。PDF または画像（PNG・JPEG）を選んでください。')).toBeVisible();
  await attach.getByLabel('ファイル').setInputFiles({ name: '誓約書.png', mimeType: 'image/png', buffer: scanPng() });
  await attach.getByRole('button', { name: '添付する' }).click();
  await expect(attach).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '地域 三恵の誓約書にスキャンを添付しました。' })).toBeVisible();
  await table.getByRole('button', { name: '地域 三恵の誓約書のスキャンを表示' }).click();
  const viewer = page.getByRole('dialog', { name: '誓約書のスキャン：地域 三恵' });
  const image = viewer.getByRole('img', { name: '地域 三恵の誓約書のスキャン（誓約書.png）' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(240);
  await shot(page, 'pledges-06-scan-image');
  await viewer.getByRole('button', { name: '閉じる' }).click();
  await expect(viewer).toBeHidden();

  // A PDF scan of the roster is shown in the PDF preview.
  const pdf = await call<{ pdfBase64: string }>(app, 'pledge.formPdf', { kind: 'organization_roster', organizationId: houkatsu.id, fiscalYear: fiscalYearOf(today) });
  await table.getByRole('button', { name: `${houkatsu.name}の誓約書のスキャンを添付` }).click();
  const attachPdf = page.getByRole('dialog', { name: `スキャンを添付：${houkatsu.name}` });
  await attachPdf.getByLabel('ファイル').setInputFiles({ name: '名簿.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf.pdfBase64, 'base64') });
  await attachPdf.getByRole('button', { name: '添付する' }).click();
  await expect(attachPdf).toBeHidden();
  await table.getByRole('button', { name: `${houkatsu.name}の誓約書のスキャンを表示` }).click();
  const pdfViewer = page.getByRole('dialog', { name: `誓約書のスキャン：${houkatsu.name}` });
  await expect(pdfViewer.getByText('全1ページ')).toBeVisible();
  await expect(pdfViewer.getByTestId('pdf-pages')).toContainText('相談 一郎');
  await pdfViewer.getByRole('button', { name: '閉じる' }).click();
  await expect(pdfViewer).toBeHidden();
  await shot(page, 'pledges-07-register');

  // Print the roster form of 地域包括: the preview shows the organization and its staff.
  await page.getByRole('button', { name: '様式を印刷' }).click();
  const print = page.getByRole('dialog', { name: '誓約書の様式を印刷' });
  await print.getByRole('radio', { name: '機関用（職員名簿つき）' }).check();
  await print.getByLabel('機関', { exact: true }).selectOption({ label: houkatsu.name });
  await shot(page, 'pledges-08-print-form');
  await print.getByRole('button', { name: 'プレビューを表示' }).click();
  const preview = page.getByRole('dialog', { name: `誓約書（機関用）：${houkatsu.name}` });
  await expect(preview.getByText('全1ページ')).toBeVisible();
  const pages = preview.getByTestId('pdf-pages');
  await expect(pages).toContainText(houkatsu.name);
  await expect(pages).toContainText('支援 二葉');
  await expect(preview.getByRole('button', { name: '保存' })).toBeVisible();
  await expect(preview.getByRole('button', { name: '印刷' })).toBeEnabled();
  await shot(page, 'pledges-09-print-preview');
  await preview.getByRole('button', { name: '閉じる' }).click();
  await expect(preview).toBeHidden();

  // 日付で確認: today, who is covered and by what, who is not and why.
  await page.getByRole('tab', { name: '日付で確認' }).click();
  await expect(page.getByRole('tab', { name: '日付で確認' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('確認する日')).toHaveValue(today);
  const coverage = page.getByRole('table', { name: /の誓約の状況$/ });
  const row = (name: string) => coverage.getByRole('row').filter({ hasText: name });
  await expect(row('相談 一郎')).toContainText('機関の名簿による誓約');
  await expect(row('地域 三恵')).toContainText('個人の誓約（年度）');
  await expect(row('支援 二葉')).toContainText('対象外');
  await expect(row('未署 四郎')).toContainText('対象外');
  await expect(row('未署 四郎')).toContainText('誓約書が撤回されています');
  await expect(row('相談 一郎')).not.toContainText('対象外');
  await expect(page.getByText(/4人中2人が対象、2人が対象外/)).toBeVisible();
  await shot(page, 'pledges-10-coverage');
  await page.getByLabel('対象外の人だけ表示').check();
  await expect(coverage.getByRole('row')).toHaveCount(3);
  await page.getByLabel('機関', { exact: true }).selectOption({ label: houkatsu.name });
  await expect(coverage.getByRole('row')).toHaveCount(2);
  await expect(row('支援 二葉')).toBeVisible();

  // 新年度: the view opens and answers for the chosen 年度.
  await page.getByRole('tab', { name: '新年度' }).click();
  await expect(page.getByLabel('終わる年度')).toBeVisible();
  await expect(page.getByText(/末で誓約が終わり、4月以降の支援会議に招かれている人はいません。/)).toBeVisible();
  await shot(page, 'pledges-11-renewals-empty');

  // Tabs by keyboard: ←/→ move between them.
  await page.getByRole('tab', { name: '新年度' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: '日付で確認' })).toBeFocused();
  await expect(page.getByRole('tab', { name: '日付で確認' })).toHaveAttribute('aria-selected', 'true');
});

test('the new-年度 view lists annual pledges ending on 31 March for people invited from April, and prints the missing forms', async ({ page, app }) => {
  const today = todayInPage();
  const fy = fiscalYearOf(today);
  await createVaultThroughUi(page);
  const { houkatsu, chiiki } = await setUp(app);
  const members = await call<Array<{ id: string; name: string }>>(app, 'member.list', {});
  const id = (name: string) => members.find((m) => m.name === name)!.id;
  await call(app, 'pledge.record', { kind: 'individual_annual', memberId: chiiki.id, fiscalYear: fy, signedOn: today, addressee: 'みほん市長', originalReceived: true });
  await call(app, 'pledge.record', { kind: 'organization_roster', organizationId: houkatsu.id, memberIds: [id('相談 一郎')], fiscalYear: fy, signedOn: today, addressee: 'みほん市長', originalReceived: true });
  // 相談 一郎 is already renewed for the next 年度 (a pledge can be signed ahead of it).
  await call(app, 'pledge.record', { kind: 'individual_annual', memberId: id('相談 一郎'), fiscalYear: fy + 1, signedOn: today, addressee: 'みほん市長', originalReceived: true });
  await call(app, 'meeting.create', { type: 'shien', date: `${fy + 1}-04-20`, startTime: '10:00', inviteeMemberIds: [chiiki.id, id('相談 一郎')] });

  await page.keyboard.press('Alt+4');
  await page.getByRole('tab', { name: '新年度' }).click();
  await page.getByLabel('終わる年度').selectOption(String(fy));
  const table = page.getByRole('table', { name: /末で終わる誓約の更新状況$/ });
  const chiikiRow = table.getByRole('row').filter({ hasText: '地域 三恵' });
  await expect(chiikiRow).toContainText('個人（年度）');
  await expect(chiikiRow).toContainText('未更新');
  await expect(chiikiRow).toContainText(formatWareki(`${fy + 1}-04-20`));
  const soudanRow = table.getByRole('row').filter({ hasText: '相談 一郎' });
  await expect(soudanRow).toContainText('機関（名簿）');
  await expect(soudanRow).toContainText('更新済み');
  await expect(page.getByText('2人のうち1人がまだ更新されていません')).toBeVisible();
  await shot(page, 'pledges-12-renewals');

  await page.getByRole('button', { name: '未更新の人の誓約書を印刷（1人）' }).click();
  const forms = page.getByRole('dialog', { name: `${formatFiscalYear(fy + 1)}の誓約書（個人）` });
  await expect(forms.getByText('全1ページ')).toBeVisible();
  await expect(forms.getByTestId('pdf-pages')).toContainText('地域 三恵');
  await shot(page, 'pledges-13-renewal-forms');
  await forms.getByRole('button', { name: '閉じる' }).click();
  await expect(forms).toBeHidden();

  // A per-meeting pledge for that 支援会議: chosen among the planned ones, listed under the meeting's 年度.
  await page.getByRole('tab', { name: '台帳' }).click();
  const dialog = await openRecordDialog(page);
  await dialog.getByLabel('誓約の種類').selectOption({ label: '会議ごと' });
  await dialog.getByLabel('署名した人').selectOption({ label: '支援 二葉（社会福祉士）' });
  await dialog.getByLabel('対象の支援会議').selectOption({ label: `${formatWareki(`${fy + 1}-04-20`)} 支援会議` });
  await dialog.getByRole('button', { name: '登録する' }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel('年度').selectOption(String(fy + 1));
  const meetingRow = page.getByRole('table', { name: '誓約書の台帳' }).getByRole('row').filter({ hasText: '支援 二葉' });
  await expect(meetingRow).toContainText('会議ごと');
  await expect(meetingRow).toContainText(`支援会議${formatWareki(`${fy + 1}-04-20`)}`);
  await shot(page, 'pledges-14-per-meeting');
});

test('the pledge wording is edited in settings; saving, after a confirmation, makes a new version', async ({ page }) => {
  await createVaultThroughUi(page);
  await page.keyboard.press('Alt+6');
  const panel = page.locator('form', { has: page.getByRole('heading', { name: '誓約書の文面' }) });
  await expect(panel.getByText('現在の文面：第1版')).toBeVisible();
  const text = panel.getByLabel('文面');
  const before = await text.inputValue();
  expect(before.length).toBeGreaterThan(20);
  await expect(panel.getByRole('button', { name: '第2版として保存', exact: true })).toBeDisabled();
  await text.fill('短すぎる文面');
  await panel.getByRole('button', { name: '第2版として保存', exact: true }).click();
  await expect(panel.getByText('20文字以上入力してください。')).toBeVisible();
  await text.fill(`${before}\n7. 会議の場で知り得た情報を、SNS等に書き込みません。`);
  await panel.getByRole('button', { name: '第2版として保存', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: '文面を第2版として保存しますか' });
  await expect(confirm).toContainText('第1版に署名された誓約書は、第1版のまま記録に残ります。');
  await shot(page, 'pledges-15-wording-confirm', false);
  await confirm.getByRole('button', { name: 'キャンセル' }).click();
  await expect(panel.getByText('現在の文面：第1版')).toBeVisible();
  await panel.getByRole('button', { name: '第2版として保存', exact: true }).click();
  await confirm.getByRole('button', { name: '第2版として保存する' }).click();
  await expect(confirm).toBeHidden();
  await expect(panel.getByText('現在の文面：第2版')).toBeVisible();
  await expect(panel.getByRole('status').filter({ hasText: '文面を第2版として保存しました。' })).toBeVisible();
  await expect(text).toHaveValue(/SNS等に書き込みません/);
  await panel.scrollIntoViewIfNeeded();
  await shot(page, 'pledges-16-wording-saved', false);

  // A pledge recorded now carries version 2.
  await page.keyboard.press('Alt+4');
  const dialog = await openRecordDialog(page);
  await expect(dialog.getByText('いまの文面（第2版）に署名したものとして記録されます。')).toBeVisible();
  await dialog.getByRole('button', { name: 'キャンセル' }).click();

  // The same screen in English.
  await page.keyboard.press('Alt+6');
  await page.getByRole('radio', { name: 'English' }).check();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Pledges' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Register' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText(/No pledges recorded for .+ yet\./)).toBeVisible();
  await shot(page, 'pledges-17-register-en');
});
