import { readFileSync } from 'node:fs';
import Encoding from 'encoding-japanese';
import { test, expect, createVaultThroughUi } from './fixtures';
import { shot } from './support';

/** A CSV as Excel on a Japanese Windows saves it: Shift_JIS, CRLF. */
const shiftJis = (text: string) => Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
/** A CSV as 「CSV UTF-8」 saves it: with a BOM. */
const utf8 = (text: string) => Buffer.from(`\uFEFF${text}`, 'utf8');

const csvFile = (name: string, buffer: Buffer) => ({ name, mimeType: 'text/csv', buffer });

test('import organizations (Shift_JIS) and members (UTF-8) from CSV, with a preview and problem rows', async ({ page }) => {
  await createVaultThroughUi(page);
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: '関係機関・構成員' })).toBeFocused();
  const orgTable = page.getByRole('table', { name: '関係機関の一覧' });
  await expect(orgTable.getByRole('row', { name: /地域包括支援センター/ })).toBeVisible();

  // The dialog explains the columns and offers the template (UTF-8 with BOM, header only).
  await page.getByRole('button', { name: 'CSVから取り込む' }).click();
  const dialog = page.getByRole('dialog', { name: '関係機関をCSVから取り込む' });
  await expect(dialog).toContainText('名称、種別、連絡先、誓約免除の理由');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'ひな形をダウンロード' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('関係機関_ひな形.csv');
  const template = readFileSync(await download.path());
  expect(template.toString('utf8')).toBe('\uFEFF名称,種別,連絡先,誓約免除の理由\r\n');

  // Wrong columns: refused, translated, nothing previewed.
  const file = dialog.getByLabel('CSV ファイル');
  await file.setInputFiles(csvFile('wrong.csv', utf8('名前,種類\r\nNPO法人ひだまり,関係機関\r\n')));
  await expect(dialog.getByRole('alert')).toContainText('CSV の列が違います。');
  await expect(dialog.getByRole('alert')).toContainText('見つかった列: 名前、種類');
  await expect(dialog.getByRole('button', { name: '取り込む' })).toBeDisabled();
  await shot(page, '60-import-wrong-columns');

  // Shift_JIS: detected, previewed row by row; two rows have problems.
  const orgCsv = [
    '名称,種別,連絡先,誓約免除の理由',
    'NPO法人ひだまり,関係機関,0123-45-6789,',
    '子ども食堂みらい,委託先,,',
    '謎の団体,不明な種別,,',
    '福祉課,市の部署,,',
  ].join('\r\n');
  await file.setInputFiles(csvFile('関係機関.csv', shiftJis(`${orgCsv}\r\n`)));
  await expect(dialog.getByText('文字コード：Shift_JIS')).toBeVisible();
  await expect(dialog.getByText('2行を取り込めます。問題のある行：2行。')).toBeVisible();
  const rows = dialog.getByRole('table', { name: 'CSV の行（問題のある行は赤く表示）' });
  await expect(rows.getByRole('row', { name: /謎の団体/ })).toContainText('種別：種別が違います');
  await expect(rows.getByRole('row', { name: /福祉課/ })).toContainText('名称：同じ名称の関係機関がすでにあります');
  await expect(rows.getByRole('row', { name: /NPO法人ひだまり/ })).toContainText('なし');
  // Nothing is written before the confirmation, and not without「問題のある行を除いて取り込む」.
  await expect(orgTable.getByRole('row', { name: /NPO法人ひだまり/ })).toHaveCount(0);
  const commit = dialog.getByRole('button', { name: '取り込む' });
  await expect(commit).toBeDisabled();
  await dialog.getByLabel('問題のある行を除いて取り込む').check();
  await shot(page, '60-import-organizations-preview');
  await commit.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '2件を取り込みました（除いた行：2行）。' })).toBeVisible();
  await expect(orgTable.getByRole('row', { name: /NPO法人ひだまり/ })).toContainText('0123-45-6789');
  await expect(orgTable.getByRole('row', { name: /子ども食堂みらい/ })).toContainText('委託先');
  await expect(orgTable.getByRole('row', { name: /謎の団体/ })).toHaveCount(0);

  // Members, UTF-8: the organization must exist (the one just imported does).
  await page.getByRole('tab', { name: '構成員' }).click();
  await page.getByRole('button', { name: 'CSVから取り込む' }).click();
  const members = page.getByRole('dialog', { name: '構成員をCSVから取り込む' });
  const memberCsv = [
    '氏名,ふりがな,所属機関,職名,連絡先,開始日',
    '相談 一郎,そうだん いちろう,NPO法人ひだまり,相談員,,2026/4/1',
    '支援 花子,しえん はなこ,地域包括支援センター,主任相談支援員,,',
    '不明 太郎,,存在しない機関,,,',
    '日付 誤り,,福祉課,,,2026/13/40',
  ].join('\r\n');
  await members.getByLabel('CSV ファイル').setInputFiles(csvFile('構成員.csv', utf8(`${memberCsv}\r\n`)));
  await expect(members.getByText('文字コード：UTF-8')).toBeVisible();
  await expect(members.getByText('2行を取り込めます。問題のある行：2行。')).toBeVisible();
  const memberRows = members.getByRole('table');
  await expect(memberRows.getByRole('row', { name: /不明 太郎/ })).toContainText('所属機関：この名称の関係機関は登録されていません');
  await expect(memberRows.getByRole('row', { name: /日付 誤り/ })).toContainText('開始日：日付として読めません');
  await members.getByLabel('問題のある行を除いて取り込む').check();
  await shot(page, '60-import-members-preview');
  await members.getByRole('button', { name: '取り込む' }).click();
  await expect(members).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '2件を取り込みました（除いた行：2行）。' })).toBeVisible();
  const memberTable = page.getByRole('table', { name: '構成員の一覧' });
  await expect(memberTable.getByRole('row', { name: /相談 一郎/ })).toContainText('NPO法人ひだまり');
  await expect(memberTable.getByRole('row', { name: /相談 一郎/ })).toContainText('相談員');
  await expect(memberTable.getByRole('row', { name: /支援 花子/ })).toContainText('地域包括支援センター');
  await expect(memberTable.getByRole('row', { name: /不明 太郎/ })).toHaveCount(0);
  await page.mouse.move(0, 0);
  await shot(page, '60-import-members-done');
});

test('an empty CSV and a file that is not text are refused with a translated message', async ({ page }) => {
  await createVaultThroughUi(page);
  await page.keyboard.press('Alt+7');
  await page.getByRole('button', { name: 'CSVから取り込む' }).click();
  const dialog = page.getByRole('dialog', { name: '関係機関をCSVから取り込む' });
  const file = dialog.getByLabel('CSV ファイル');
  await file.setInputFiles(csvFile('empty.csv', utf8('名称,種別\r\n')));
  await expect(dialog.getByRole('alert')).toHaveText('CSV にデータの行がありません。');
  await file.setInputFiles(csvFile('binary.csv', Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x00, 0xfd, 0xfe, 0xff, 0x80, 0x80])));
  await expect(dialog.getByRole('alert')).toContainText('文字コードを判別できません');
  await dialog.getByRole('button', { name: 'キャンセル' }).click();
  await expect(dialog).toBeHidden();
});
