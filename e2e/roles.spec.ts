import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, createVaultThroughUi, type KasaneApp } from './fixtures';
import { shot, todayInPage, call, type Org } from './support';
import { addDays } from '../shared/domain/calendar-date';
import { fiscalYearOf, formatFiscalYear } from '../shared/domain/fiscal-year';
import { formatWareki } from '../shared/domain/wareki';

interface Assignment {
  id: string;
  action: string;
  status: string;
  lastUpdate: { note: string | null; overdueReason: string | null } | null;
}

// Short enough for one line of the document's 支援内容 column (text extraction reads a wrapped cell in pieces).
const VISIT = '自宅を訪問する';
const BUDGET = '家計相談につなぐ';
const WATCH = '見守り訪問を続ける';

/**
 * A 支援会議 held today that decided three role assignments, then closed and confirmed, so they
 * are live: one of 地域包括 overdue by 10 days, one of 社協 due in 20 days, one of 社協 monthly.
 */
async function setUp(app: KasaneApp, today: string) {
  const orgs = await call<Org[]>(app, 'organization.list', {});
  const houkatsu = orgs.find((o) => o.name === '地域包括支援センター')!;
  const shakyo = orgs.find((o) => o.name.includes('社会福祉協議会'))!;
  const ichiro = await call<{ id: string }>(app, 'member.create', { name: '包括 一郎', organizationId: houkatsu.id, title: '社会福祉士', startOn: '2020-04-01' });
  const futaba = await call<{ id: string }>(app, 'member.create', { name: '社協 二葉', organizationId: shakyo.id, title: 'CSW', startOn: '2020-04-01' });
  const fiscalYear = fiscalYearOf(today);
  for (const m of [ichiro, futaba]) {
    await call(app, 'pledge.record', { kind: 'individual_annual', memberId: m.id, fiscalYear, signedOn: `${fiscalYear}-04-01`, addressee: 'みほん市長', originalReceived: true });
  }
  const caseA = await call<{ id: string; caseNumber: string }>(app, 'case.register', { initials: 'A.K', fullName: '青木 和子', receivedOn: addDays(today, -60) });
  const caseB = await call<{ id: string; caseNumber: string }>(app, 'case.register', { initials: 'B.S', fullName: '坂本 茂', receivedOn: addDays(today, -60) });
  const { meeting } = await call<{ meeting: { id: string } }>(app, 'meeting.create', {
    type: 'shien',
    date: today,
    startTime: '10:00',
    inviteeMemberIds: [ichiro.id, futaba.id],
  });
  let agenda = await call<{ items: { id: string; caseId: string | null }[] }>(app, 'agenda.addCaseItem', { meetingId: meeting.id, caseId: caseA.id, kind: 'new', minutes: 15 });
  agenda = await call(app, 'agenda.addCaseItem', { meetingId: meeting.id, caseId: caseB.id, kind: 'new', minutes: 15 });
  const itemOf = (caseId: string) => agenda.items.find((i) => i.caseId === caseId)!.id;
  for (const m of [ichiro, futaba]) await call(app, 'attendance.checkIn', { meetingId: meeting.id, memberId: m.id, present: true });
  await call(app, 'meeting.open', { meetingId: meeting.id });
  // Decided at this meeting, but about work that started earlier: the first one is already 10 days past due.
  await call(app, 'role.create', {
    itemId: itemOf(caseA.id),
    caseId: caseA.id,
    goal: '生活の安定',
    action: VISIT,
    organizationId: houkatsu.id,
    memberId: ichiro.id,
    startOn: addDays(today, -40),
    dueOn: addDays(today, -10),
  });
  await call(app, 'role.create', { itemId: itemOf(caseA.id), caseId: caseA.id, action: BUDGET, organizationId: shakyo.id, memberId: futaba.id, startOn: today, dueOn: addDays(today, 20) });
  await call(app, 'role.create', { itemId: itemOf(caseB.id), caseId: caseB.id, goal: '孤立の防止', action: WATCH, organizationId: shakyo.id, startOn: today, frequency: '月1回' });
  for (const c of await call<{ number: number }[]>(app, 'meeting.copies', { meetingId: meeting.id })) {
    await call(app, 'meeting.markCopyReturned', { meetingId: meeting.id, number: c.number, returned: true });
  }
  await call(app, 'meeting.close', { meetingId: meeting.id });
  await call(app, 'minutes.confirm', { meetingId: meeting.id });
  return { houkatsu, shakyo, caseA, caseB };
}

test('role assignments between meetings: filters, overdue progress with a reason, the analysis and the list of one organization', async ({ page, app, cspViolations }, testInfo) => {
  const today = todayInPage();
  await createVaultThroughUi(page);
  const { houkatsu, shakyo, caseA, caseB } = await setUp(app, today);
  // The home page read its summary before this setup: start afresh, as after a restart.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();

  // The home tile counts the open and overdue assignments and leads to the section.
  const tile = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '役割分担' }) });
  await expect(tile).toContainText('未完了3');
  await expect(tile).toContainText('期限超過1');
  await shot(page, 'roles-home-tile');
  await tile.getByRole('button', { name: '役割分担の一覧を開く' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '役割分担' })).toBeFocused();

  // The list: all three live assignments, soonest due first; the overdue one says by how much.
  const table = page.getByRole('table', { name: '役割分担の一覧' });
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(page.getByText('3件の役割分担（うち期限超過 1件）')).toBeVisible();
  const visitRow = rows.filter({ hasText: VISIT });
  await expect(visitRow).toContainText(`${caseA.caseNumber}`);
  await expect(visitRow).toContainText('A.K');
  await expect(visitRow).toContainText('生活の安定');
  await expect(visitRow).toContainText('地域包括支援センター');
  await expect(visitRow).toContainText('包括 一郎');
  await expect(visitRow).toContainText(formatWareki(addDays(today, -10)));
  await expect(visitRow).toContainText('未着手');
  await expect(visitRow).toContainText('期限超過 10日');
  await expect(visitRow).toContainText('まだ記録なし');
  await expect(visitRow).toContainText(`${formatWareki(today)}の会議で決定`);
  await expect(rows.first()).toContainText(VISIT);
  await expect(rows.filter({ hasText: WATCH })).toContainText('頻度月1回');
  await expect(rows.filter({ hasText: WATCH })).not.toContainText('期限超過');
  await expect(page.locator('main')).not.toContainText('青木');
  await shot(page, 'roles-list');

  // Filters: by organization, then overdue work only, then by case number.
  await page.getByLabel('担当機関').selectOption({ label: shakyo.name });
  await expect(rows).toHaveCount(2);
  await expect(table).not.toContainText(VISIT);
  await expect(page.getByLabel('担当者')).toContainText('社協 二葉');
  await expect(page.getByLabel('担当者')).not.toContainText('包括 一郎');
  await page.getByLabel('担当機関').selectOption({ label: 'すべての機関' });
  await expect(rows).toHaveCount(3);
  await page.getByLabel('期限超過のみ').check();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(VISIT);
  await page.getByLabel('期限超過のみ').uncheck();
  await page.getByLabel('ケース番号').fill(caseB.caseNumber);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(WATCH);
  await page.getByRole('button', { name: '条件をクリア' }).click();
  await expect(rows).toHaveCount(3);

  // The overdue one cannot be recorded as in progress without a reason: refused in the dialog, nothing written.
  await visitRow.getByRole('button', { name: '進捗を記録' }).click();
  const dialog = page.getByRole('dialog', { name: '進捗を記録' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: '実施中' })).toBeChecked();
  await expect(dialog.getByLabel('記録する日')).toHaveValue(today);
  await expect(dialog.getByText('期限を10日過ぎています')).toBeVisible();
  await dialog.getByLabel('メモ').fill('担当者が不在のため訪問できず、来週に再訪問する');
  await dialog.getByRole('button', { name: '記録する' }).click();
  const reason = dialog.getByLabel('期限を過ぎた理由');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('期限を過ぎて完了していないため、理由の区分を選んでください。')).toBeVisible();
  await expect(reason).toBeFocused();
  await shot(page, 'roles-progress-reason-required');
  const stored = async () => (await call<Assignment[]>(app, 'role.list', { today, organizationId: houkatsu.id })).find((a) => a.action === VISIT)!;
  expect((await stored()).lastUpdate).toBeNull();
  // Recording it as 完了 needs no reason: the field goes away, and comes back for 実施中.
  await dialog.getByRole('radio', { name: '完了' }).check();
  await expect(reason).toBeHidden();
  await dialog.getByRole('radio', { name: '実施中' }).check();
  await reason.selectOption({ label: '機関が対応できなかった' });
  await dialog.getByRole('button', { name: '記録する' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${caseA.caseNumber}の役割分担に「実施中」を記録しました。`)).toBeVisible();
  await expect(visitRow).toContainText('実施中');
  await expect(visitRow).toContainText('担当者が不在のため訪問できず');
  await expect(visitRow).toContainText('理由：機関が対応できなかった');
  await expect(visitRow).toContainText('期限超過 10日');
  expect(await stored()).toMatchObject({ status: 'in_progress', lastUpdate: { overdueReason: 'organization_unable' } });
  await shot(page, 'roles-list-after-progress');

  // 中止 is confirmed first; a dropped assignment leaves the default list.
  await rows.filter({ hasText: BUDGET }).getByRole('button', { name: '進捗を記録' }).click();
  await dialog.getByRole('radio', { name: '中止' }).check();
  await expect(dialog.getByLabel('期限を過ぎた理由')).toHaveCount(0); // not yet due
  await dialog.getByRole('button', { name: '記録する' }).click();
  const confirm = page.getByRole('dialog', { name: '役割分担を中止しますか' });
  await expect(confirm).toContainText(BUDGET);
  await shot(page, 'roles-drop-confirm');
  await confirm.getByRole('button', { name: '中止として記録する' }).click();
  await expect(confirm).toBeHidden();
  await expect(rows).toHaveCount(2);
  await expect(table).not.toContainText(BUDGET);
  await page.getByRole('checkbox', { name: '中止' }).check();
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: BUDGET })).toContainText('中止');
  await page.getByRole('button', { name: '条件をクリア' }).click();

  // The analysis of this 年度 counts the reason for 地域包括.
  await page.getByRole('tab', { name: '期限超過の分析' }).click();
  await expect(page.getByLabel('期間')).toHaveValue(String(fiscalYearOf(today)));
  const stats = page.getByRole('table', { name: /期限超過の理由（担当機関別）/ });
  await expect(stats).toContainText(formatFiscalYear(fiscalYearOf(today)));
  const houkatsuRow = stats.getByRole('row', { name: new RegExp(houkatsu.name) });
  await expect(houkatsuRow.getByRole('cell')).toHaveText(['0件', '1件', '0件', '0件', '1件']);
  await expect(stats.getByRole('row', { name: /^合計/ }).getByRole('cell')).toHaveText(['0件', '1件', '0件', '0件', '1件']);
  await expect(stats).not.toContainText(shakyo.name);
  await shot(page, 'roles-analysis');
  // Last 年度 had none.
  await page.getByLabel('期間').selectOption(String(fiscalYearOf(today) - 1));
  await expect(page.getByText('この期間には、期限を過ぎた役割分担の理由は記録されていません。')).toBeVisible();

  // 役割分担一覧 of 社協: only its own (open) assignments, in the preview and in the saved bytes.
  await page.getByRole('tab', { name: '一覧' }).click();
  await page.getByRole('button', { name: '機関別の一覧を出力' }).click();
  const pick = page.getByRole('dialog', { name: '役割分担一覧（機関別）を出力' });
  await pick.getByRole('button', { name: '出力する' }).click();
  await expect(pick.getByText('機関を選んでください。')).toBeVisible();
  await pick.getByLabel('機関').selectOption({ label: shakyo.name });
  await pick.getByRole('button', { name: '出力する' }).click();
  const preview = page.getByRole('dialog', { name: `役割分担一覧（${shakyo.name}）のプレビュー` });
  await expect(preview.getByText(/全\d+ページ/)).toBeVisible({ timeout: 30_000 });
  const textLayer = preview.getByTestId('pdf-pages').locator('.textLayer').first();
  await expect(textLayer).toContainText(WATCH);
  await expect(textLayer).not.toContainText(VISIT);
  await page.waitForTimeout(300);
  await shot(page, 'roles-pdf-preview');
  // The list names its organization: the recipient is filled in, the purpose is asked.
  await expect(preview.getByLabel('宛先（渡す相手）', { exact: true })).toHaveValue(shakyo.name);
  await preview.getByLabel('目的', { exact: true }).fill('役割分担の確認');
  const downloading = page.waitForEvent('download');
  await preview.getByRole('button', { name: '保存' }).click();
  const file = join(testInfo.outputDir, 'roles-shakyo.pdf');
  await (await downloading).saveAs(file);
  const shakyoText = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(shakyoText).toContain('役割分担一覧');
  expect(shakyoText).toContain(shakyo.name);
  expect(shakyoText).toContain(WATCH);
  expect(shakyoText).toContain(caseB.caseNumber);
  expect(shakyoText).not.toContain(VISIT);
  expect(shakyoText).not.toContain(BUDGET); // dropped
  expect(shakyoText).not.toContain('坂本');
  await preview.getByRole('button', { name: '閉じる' }).click();
  await expect(page.getByRole('button', { name: '機関別の一覧を出力' })).toBeFocused();

  // The same for 地域包括, through the contract: its own assignment only.
  const houkatsuPdf = await call<{ pdfBase64: string }>(app, 'role.listPdf', { organizationId: houkatsu.id, today });
  const houkatsuFile = join(testInfo.outputDir, 'roles-houkatsu.pdf');
  writeFileSync(houkatsuFile, Buffer.from(houkatsuPdf.pdfBase64, 'base64'));
  const houkatsuText = execFileSync('pdftotext', [houkatsuFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(houkatsuText).toContain(VISIT);
  expect(houkatsuText).toContain(caseA.caseNumber);
  expect(houkatsuText).not.toContain(WATCH);
  expect(houkatsuText).not.toContain('青木');

  expect(cspViolations).toEqual([]);
});

test('the list explains itself when there is nothing to follow up, in Japanese and English', async ({ page }) => {
  await createVaultThroughUi(page);
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { level: 1, name: '役割分担' })).toBeFocused();
  await expect(page.getByText('未着手・実施中の役割分担はありません。')).toBeVisible();
  await page.getByRole('checkbox', { name: '未着手' }).uncheck();
  await page.getByRole('checkbox', { name: '実施中' }).uncheck();
  await expect(page.getByText('状況を1つ以上選ぶと、一覧が表示されます。')).toBeVisible();
  await page.getByRole('tab', { name: '期限超過の分析' }).click();
  await expect(page.getByText('この期間には、期限を過ぎた役割分担の理由は記録されていません。')).toBeVisible();
  await shot(page, 'roles-empty-analysis');
  await page.getByLabel('期間').selectOption({ label: '期間を指定' });
  await page.getByLabel('開始日').fill('2026-06-01');
  await page.getByLabel('終了日').fill('2026-05-01');
  await expect(page.getByText('終了日は開始日以降にしてください。')).toBeVisible();
  await shot(page, 'roles-analysis-custom-period');

  // English: every string of the screen is translated.
  await page.keyboard.press('Alt+6');
  await page.getByRole('radio', { name: 'English' }).check();
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { level: 1, name: 'Role assignments' })).toBeVisible();
  await expect(page.getByText('No assignments are open or in progress.')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overdue analysis' })).toBeVisible();
  await shot(page, 'roles-empty-en');
});
