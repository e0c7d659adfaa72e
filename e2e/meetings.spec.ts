import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, createVaultThroughUi, type KasaneApp } from './fixtures';
import { createHash } from 'node:crypto';
import { shot, todayInPage, call, fillRelease, type Org } from './support';
import { addDays } from '../shared/domain/calendar-date';
import { formatWareki } from '../shared/domain/wareki';

async function setUp(app: KasaneApp) {
  const orgs = await call<Org[]>(app, 'organization.list', {});
  const houkatsu = orgs.find((o) => o.name === '地域包括支援センター')!;
  const shakyo = orgs.find((o) => o.name.includes('社会福祉協議会')) ?? orgs.find((o) => o.id !== houkatsu.id)!;
  const member = (name: string, organizationId: string, title: string) =>
    call(app, 'member.create', { name, organizationId, title, startOn: '2020-04-01' });
  await member('相談 一郎', houkatsu.id, '主任介護支援専門員');
  await member('支援 二葉', houkatsu.id, '社会福祉士');
  await member('地域 三恵', shakyo.id, 'CSW');
  // A case without consent: a 重層的支援会議 must refuse it.
  const registered = await call<{ caseNumber: string }>(app, 'case.register', {
    initials: 'K.S',
    fullName: '佐藤 健一',
    fullNameKana: 'さとう けんいち',
    receivedOn: todayInPage(),
  });
  return { houkatsu, shakyo, caseNumber: registered.caseNumber };
}

async function planMeeting(page: Page, options: { type: string; date: string; start: string; end: string; place: string; orgs: string[] }) {
  await page.getByRole('button', { name: '会議を計画する' }).click();
  const dialog = page.getByRole('dialog', { name: '会議を計画する' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('会議の種類').selectOption({ label: options.type });
  await dialog.getByLabel('開催日').fill(options.date);
  await expect(dialog.getByText(formatWareki(options.date, { weekday: true }))).toBeVisible();
  await dialog.getByLabel('開始時刻').fill(options.start);
  await dialog.getByLabel('終了時刻').fill(options.end);
  await dialog.getByLabel('場所').fill(options.place);
  for (const org of options.orgs) await dialog.getByLabel(`${org}の全員`).check();
  return dialog;
}

test('plan meetings, send a case without consent to the 支援会議, reorder by keyboard and export the 次第', async ({ page, app, cspViolations }, testInfo) => {
  const today = todayInPage();
  const jusotekiDate = addDays(today, 7);
  const shienDate = addDays(today, 14);
  await createVaultThroughUi(page);
  const { houkatsu, shakyo, caseNumber } = await setUp(app);

  // 会議 (Alt+2): empty at first.
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: '会議' })).toBeFocused();
  await expect(page.getByText('まだ会議はありません。')).toBeVisible();
  await expect(page.getByLabel('年度')).toContainText(/令和\d+年度/);
  await shot(page, '50-meetings-empty');

  // A 支援会議 two weeks ahead, with the 地域包括 staff invited.
  let dialog = await planMeeting(page, { type: '支援会議', date: shienDate, start: '10:00', end: '11:00', place: '市役所 第2会議室', orgs: [houkatsu.name] });
  await expect(dialog.getByText('2人を選択中')).toBeVisible();
  await shot(page, '51-meeting-plan');
  await dialog.getByRole('button', { name: '計画する' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /支援会議/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /支援会議（秘）/ })).toBeVisible();
  await expect(page.getByRole('list', { name: '次第' }).getByTestId('agenda-item').nth(1)).toContainText('守秘義務の確認');

  // A 重層的支援会議 next week, with everyone invited; end before start is refused first.
  await page.getByRole('button', { name: '会議の一覧に戻る' }).click();
  dialog = await planMeeting(page, { type: '重層的支援会議', date: jusotekiDate, start: '14:00', end: '13:00', place: '市役所 第1会議室', orgs: [houkatsu.name, shakyo.name] });
  await dialog.getByRole('button', { name: '計画する' }).click();
  await expect(dialog.getByRole('alert')).toContainText('終了時刻（13:00）が開始時刻（14:00）より前');
  await dialog.getByLabel('終了時刻').fill('15:30');
  await dialog.getByRole('button', { name: '計画する' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /重層的支援会議/ })).toBeVisible();
  await expect(page.getByText('招待者（3人）')).toBeVisible();

  // The case has no consent: refused, and offered to the next 支援会議.
  await page.getByRole('button', { name: 'ケースを追加' }).click();
  const addCase = page.getByRole('dialog', { name: 'ケースを次第に追加' });
  await addCase.getByLabel('ケースを検索').fill('K.S');
  await addCase.getByRole('radio', { name: new RegExp(caseNumber) }).check();
  await expect(addCase).not.toContainText('佐藤');
  await addCase.getByRole('button', { name: '次第に追加' }).click();
  await expect(addCase.getByRole('alert')).toContainText(`ケース ${caseNumber} には、重層的支援会議で検討することへの有効な本人同意がありません`);
  await shot(page, '52-meeting-consent-refusal');
  await addCase.getByRole('button', { name: '次の支援会議に追加' }).click();
  await expect(addCase).toBeHidden();
  await expect(page.getByText(`ケース ${caseNumber} を次の支援会議`)).toBeVisible();
  await expect(page.getByRole('list', { name: '次第' })).not.toContainText(caseNumber);
  await page.getByRole('button', { name: 'その支援会議を開く' }).click();

  // The 支援会議's agenda now has the case, indented under 新規ケース.
  await expect(page.getByRole('heading', { level: 1, name: /支援会議/ })).toBeVisible();
  const agenda = page.getByRole('list', { name: '次第' });
  const caseItem = agenda.getByTestId('agenda-item').filter({ hasText: caseNumber });
  await expect(caseItem).toContainText('K.S');
  await expect(caseItem).toContainText('新規');
  await expect(caseItem).toContainText('参加：全員');
  await expect(page.locator('main')).not.toContainText('佐藤');
  await expect(page.getByText(/合計 \d+分／会議時間 60分/)).toBeVisible();

  // Keyboard reorder: pick up 出席者確認 with Space, one place down, drop.
  const titles = () => agenda.getByTestId('agenda-item').allInnerTexts();
  const before = await titles();
  const attendanceIndex = before.findIndex((text) => text.includes('出席者確認'));
  const handle = agenda.getByRole('button', { name: '「出席者確認」を並べ替え' });
  await handle.focus();
  // dnd-kit's keyboard sensor starts listening for arrows a moment after the pick-up (as a person pauses);
  // its Japanese announcements in the live region tell where the item is.
  await page.keyboard.press('Space');
  await expect(handle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText(`「出席者確認」は${attendanceIndex + 1}番目の位置にあります。`)).toBeAttached();
  await page.waitForTimeout(150);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByText(`「出席者確認」は${attendanceIndex + 2}番目の位置にあります。`)).toBeAttached();
  await page.keyboard.press('Space');
  await expect(page.getByText(`「出席者確認」を${attendanceIndex + 2}番目に移動しました。`)).toBeVisible();
  await expect.poll(async () => (await titles()).findIndex((text) => text.includes('出席者確認'))).toBe(attendanceIndex + 1);
  // … and back up with the explicit button.
  await agenda.getByRole('button', { name: '「出席者確認」を上へ' }).click();
  await expect.poll(async () => (await titles()).findIndex((text) => text.includes('出席者確認'))).toBe(attendanceIndex);
  await shot(page, '53-meeting-agenda');

  // 次第を出力 → preview with pages → 保存 downloads the same PDF, once its recipient and purpose are recorded.
  await page.getByRole('button', { name: '次第を出力' }).click();
  const preview = page.getByRole('dialog', { name: '次第のプレビュー' });
  await expect(preview).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByText(/全\d+ページ/)).toBeVisible({ timeout: 30_000 });
  await expect(preview.getByTestId('pdf-pages').locator('canvas').first()).toBeVisible();
  await expect(preview.getByTestId('pdf-pages').locator('.textLayer').first()).toContainText(caseNumber);
  await page.waitForTimeout(300);
  await shot(page, '54-agenda-preview');
  // Nothing leaves the vault without 宛先 and 目的: the click asks for them and no file comes.
  let downloads = 0;
  page.on('download', () => downloads++);
  await preview.getByRole('button', { name: '保存' }).click();
  await expect(preview.getByText('宛先と目的を入力してから、保存または印刷してください。')).toBeVisible();
  await expect(preview.getByLabel('宛先（渡す相手）', { exact: true })).toBeFocused();
  await shot(page, '54b-release-missing');
  await fillRelease(preview, '地域包括支援センター', '会議資料の事前送付');
  const downloading = page.waitForEvent('download');
  await preview.getByRole('button', { name: '保存' }).click();
  const download = await downloading;
  expect(downloads).toBe(1);
  await expect(preview.getByText('監査ログに記録しました（宛先：地域包括支援センター、目的：会議資料の事前送付）。')).toBeVisible();
  expect(download.suggestedFilename()).toBe(`次第_${formatWareki(shienDate)}_支援会議.pdf`);
  const file = join(testInfo.outputDir, 'agenda.pdf');
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  expect(text).toContain('支援会議');
  expect(text).toContain(formatWareki(shienDate));
  expect(text).toContain(caseNumber);
  expect(text).not.toContain('佐藤');
  expect(text).not.toContain('健一');
  // The audit log holds the release, with the hash of exactly the bytes that were saved.
  type Released = { rows: { action: string; details: Record<string, unknown> }[] };
  const released = async () =>
    (await call<Released>(app, 'audit.list', { from: addDays(todayInPage(), -1), to: addDays(todayInPage(), 1), groups: ['export'] })).rows.filter((r) => r.action === 'document.released');
  const [saved] = await released();
  expect(saved!.details).toMatchObject({
    document: 'agenda',
    action: 'save',
    recipient: '地域包括支援センター',
    purpose: '会議資料の事前送付',
    fileName: download.suggestedFilename(),
    sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
  });
  // 印刷 prints the rendered pages (the CSP forbids frames): the page images are put in place and window.print() is called.
  // (window.print is replaced by a counter of the page images in place when it is called.)
  await page.evaluate(`window.printed = 0; window.print = () => { window.printed += document.querySelectorAll('body.mt-printing .mt-print-root img').length; window.dispatchEvent(new Event('afterprint')); };`);
  await preview.getByRole('button', { name: '印刷' }).click();
  await expect.poll(() => page.evaluate('window.printed')).toBeGreaterThan(0);
  expect((await released())[0]!.details).toMatchObject({ document: 'agenda', action: 'print', recipient: '地域包括支援センター' });
  await expect(page.locator('.mt-print-root')).toHaveCount(0);
  await expect(page.locator('body.mt-printing')).toHaveCount(0);
  await preview.getByRole('button', { name: '閉じる' }).click();
  await expect(preview).toBeHidden();
  await expect(page.getByRole('button', { name: '次第を出力' })).toBeFocused();

  expect(cspViolations).toEqual([]);
});

test('the list shows upcoming meetings first, filters by type, and the home card opens the next meeting', async ({ page, app }) => {
  const today = todayInPage();
  await createVaultThroughUi(page);
  const { houkatsu } = await setUp(app);
  const members = await call<{ id: string; current: { organizationId: string } | null }[]>(app, 'member.list', {});
  const invitees = members.filter((m) => m.current?.organizationId === houkatsu.id).map((m) => m.id);
  await call(app, 'meeting.create', { type: 'jusoteki', date: addDays(today, 3), startTime: '14:00', endTime: '15:00', place: '第1会議室', inviteeMemberIds: invitees });
  await call(app, 'meeting.create', { type: 'shien', date: addDays(today, 10), startTime: '10:00', endTime: '11:00', place: '第2会議室', inviteeMemberIds: invitees });
  // Same room, same time: a warning, not a refusal.
  await call(app, 'meeting.create', { type: 'other', title: '連絡会議', date: addDays(today, 3), startTime: '14:30', place: '第1会議室', inviteeMemberIds: [] });
  // The home page read its summary before this setup: start afresh, as after a restart.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();

  await page.keyboard.press('Alt+2');
  const upcoming = page.getByRole('region', { name: 'これからの会議' });
  await expect(upcoming.getByRole('listitem')).toHaveCount(3);
  await expect(upcoming.getByRole('listitem').first()).toContainText('重層的支援会議');
  await expect(upcoming.getByRole('listitem').first()).toContainText('招待者 2人');
  await shot(page, '55-meetings-list');
  await page.getByLabel('種類').selectOption({ label: '支援会議' });
  await expect(upcoming.getByRole('listitem')).toHaveCount(1);
  await expect(upcoming).toContainText('秘');

  await upcoming.getByRole('button', { name: /支援会議/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /支援会議/ })).toBeVisible();
  await page.getByRole('button', { name: '会議の一覧に戻る' }).click();
  await expect(page.getByLabel('種類')).toHaveValue('shien');

  // The 重層的支援会議 shares its room with the 連絡会議: a calm notice on its page.
  await page.keyboard.press('Alt+1');
  await page.getByRole('button', { name: 'この会議を開く' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /重層的支援会議/ })).toBeVisible();
  await expect(page.getByText('同じ日に同じ場所で「連絡会議」（14:30〜）が予定されています。')).toBeVisible();
});
