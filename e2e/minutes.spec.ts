import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, createVaultThroughUi, type KasaneApp } from './fixtures';
import { SHOTS, shot, todayInPage, call, fillRelease, type Org } from './support';
import { addDays } from '../shared/domain/calendar-date';
import { fiscalYearOf } from '../shared/domain/fiscal-year';

/** A close-up of part of the page (legible where a full page would be shrunk). */
const shotOf = async (page: Page, locator: Locator, name: string, maxHeight = 1000) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate('document.fonts.ready.then(() => true)');
  await locator.scrollIntoViewIfNeeded();
  const box = (await locator.boundingBox())!;
  const scrollY = (await page.evaluate('window.scrollY')) as number;
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, clip: { x: box.x, y: box.y + scrollY, width: box.width, height: Math.min(box.height, maxHeight) } });
};

interface AgendaT {
  items: { id: string; caseId: string | null; section: string }[];
}

const PEOPLE = { ichiro: '相談 一郎', futaba: '支援 二葉', mie: '地域 三恵' };
const CASE_A = { initials: 'K.S', fullName: '佐藤 健一' };
const CASE_B = { initials: 'M.T', fullName: '田中 美咲' };
const EARLIER_ACTION = '自宅を訪問し生活状況を確認する';

/**
 * Three members covered for this 年度; an earlier 支援会議 today (confirmed) that gave 地域包括 an
 * assignment for case A already 10 days past due; and the 支援会議 under test, opened through the
 * contract (the gate passes: everyone present is covered): case A for evaluation, case B new with
 * only the two 地域包括 staff taking part (need-to-know).
 */
async function setUp(app: KasaneApp, today: string) {
  const orgs = await call<Org[]>(app, 'organization.list', {});
  const houkatsu = orgs.find((o) => o.name === '地域包括支援センター')!;
  const shakyo = orgs.find((o) => o.name.includes('社会福祉協議会'))!;
  const member = (name: string, organizationId: string, title: string) => call<{ id: string }>(app, 'member.create', { name, organizationId, title, startOn: '2020-04-01' });
  const ichiro = await member(PEOPLE.ichiro, houkatsu.id, '主任介護支援専門員');
  const futaba = await member(PEOPLE.futaba, houkatsu.id, '社会福祉士');
  const mie = await member(PEOPLE.mie, shakyo.id, 'CSW');
  const fiscalYear = fiscalYearOf(today);
  for (const m of [ichiro, futaba, mie]) {
    await call(app, 'pledge.record', { kind: 'individual_annual', memberId: m.id, fiscalYear, signedOn: `${fiscalYear}-04-01`, addressee: 'みほん市長', originalReceived: true });
  }
  const caseA = await call<{ id: string; caseNumber: string }>(app, 'case.register', { ...CASE_A, receivedOn: addDays(today, -60) });
  const caseB = await call<{ id: string; caseNumber: string }>(app, 'case.register', { ...CASE_B, receivedOn: addDays(today, -5) });
  const everyone = [ichiro.id, futaba.id, mie.id];

  // The earlier meeting: its assignment is live once its minutes are confirmed.
  const earlier = (await call<{ meeting: { id: string } }>(app, 'meeting.create', { type: 'shien', date: today, startTime: '09:00', inviteeMemberIds: everyone })).meeting;
  const earlierAgenda = await call<AgendaT>(app, 'agenda.addCaseItem', { meetingId: earlier.id, caseId: caseA.id, kind: 'new', minutes: 15 });
  for (const id of everyone) await call(app, 'attendance.checkIn', { meetingId: earlier.id, memberId: id, present: true });
  await call(app, 'meeting.open', { meetingId: earlier.id });
  await call(app, 'role.create', {
    itemId: earlierAgenda.items.find((i) => i.caseId === caseA.id)!.id,
    caseId: caseA.id,
    goal: '生活の安定',
    action: EARLIER_ACTION,
    organizationId: houkatsu.id,
    memberId: ichiro.id,
    startOn: addDays(today, -40),
    dueOn: addDays(today, -10),
  });
  for (const c of await call<{ number: number }[]>(app, 'meeting.copies', { meetingId: earlier.id })) {
    await call(app, 'meeting.markCopyReturned', { meetingId: earlier.id, number: c.number, returned: true });
  }
  await call(app, 'meeting.close', { meetingId: earlier.id });
  await call(app, 'minutes.confirm', { meetingId: earlier.id });

  // The meeting under test.
  const meeting = (
    await call<{ meeting: { id: string; title: string } }>(app, 'meeting.create', {
      type: 'shien',
      date: today,
      startTime: '14:00',
      endTime: '15:30',
      place: '市役所 第2会議室',
      inviteeMemberIds: everyone,
    })
  ).meeting;
  await call(app, 'agenda.addCaseItem', { meetingId: meeting.id, caseId: caseA.id, kind: 'evaluation', minutes: 10 });
  await call(app, 'agenda.addCaseItem', { meetingId: meeting.id, caseId: caseB.id, kind: 'new', minutes: 15, participantMemberIds: [ichiro.id, futaba.id] });
  for (const id of everyone) await call(app, 'attendance.checkIn', { meetingId: meeting.id, memberId: id, present: true });
  await call(app, 'meeting.open', { meetingId: meeting.id });
  return { houkatsu, shakyo, caseA, caseB, meeting, ids: { ichiro: ichiro.id, futaba: futaba.id, mie: mie.id } };
}

async function openMeeting(page: Page, startTime: string) {
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: '会議' })).toBeVisible();
  // Two 支援会議 today: the one under test starts at 14:00.
  const card = page.getByRole('listitem').filter({ hasText: startTime }).filter({ hasText: '支援会議' }).first();
  await card.getByRole('button').first().click();
  await expect(page.getByRole('heading', { level: 2, name: '会議の進行' })).toBeVisible();
}

const rail = (page: Page) => page.getByRole('navigation', { name: '次第' });
const railItem = (page: Page, text: string | RegExp) => rail(page).getByTestId('rail-item').filter({ hasText: text });
const focusPane = (page: Page) => page.getByTestId('focus-pane');
const notes = (page: Page) => focusPane(page).getByLabel(/^議事メモ：/);

async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toContainText(/保存しました \d{2}:\d{2}:\d{2}/);
}

const all = (pages: string[]) => pages.join('\n');

/** Saves what the preview shows (the same bytes) and returns the PDF's text, page by page. */
async function savedPdfPages(page: Page, preview: Locator, file: string): Promise<string[]> {
  await expect(preview.getByText(/全\d+ページ/)).toBeVisible({ timeout: 60_000 });
  const downloading = page.waitForEvent('download');
  await fillRelease(preview, '出席者（会議後の送付）', '会議録の送付');
  await preview.getByRole('button', { name: '保存' }).click();
  const download = await downloading;
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim() !== '');
}

test('meeting mode, progress review, closing, confirming, amending and the watermarked 支援会議記録', async ({ page, app, cspViolations }, testInfo) => {
  test.setTimeout(240_000);
  const today = todayInPage();
  await createVaultThroughUi(page);
  const { caseA, caseB, meeting, houkatsu, ids } = await setUp(app, today);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await openMeeting(page, '14:00');

  // Meeting mode: the 次第 on the left, 開会 in focus with its timer running.
  await expect(railItem(page, '開会').first()).toHaveAttribute('aria-current', 'step');
  await expect(focusPane(page).getByRole('heading', { level: 3 })).toHaveText('開会');
  await expect(focusPane(page)).toContainText(/経過 \d+:\d{2} ／ 予定 2分/);
  await expect(page.locator('main')).not.toContainText(CASE_A.fullName);

  // Alt+↓ moves to the next item; the core keeps where the meeting is.
  await page.keyboard.press('Alt+ArrowDown');
  await expect(railItem(page, '守秘義務の確認')).toHaveAttribute('aria-current', 'step');
  await expect.poll(async () => (await call<{ currentItemId: string }>(app, 'minutes.get', { meetingId: meeting.id })).currentItemId).toBeTruthy();

  // ? lists this screen's keys.
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: '会議の進行のショートカット' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Alt+D');
  await expect(help).toContainText('決定事項を追加');
  await shot(page, 'minutes-help');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // 前回決定事項・役割分担の進捗確認: the earlier meeting's assignment, overdue; the reason is asked for.
  await railItem(page, '前回決定事項').click();
  const progress = focusPane(page).getByTestId('progress-row').filter({ hasText: EARLIER_ACTION });
  await expect(progress).toContainText(caseA.caseNumber);
  await expect(progress).toContainText('地域包括支援センター');
  await expect(progress).toContainText('期限超過');
  await progress.getByRole('button', { name: /進捗を記録/ }).click();
  await progress.getByLabel('状態').selectOption({ label: '実施中' });
  await progress.getByLabel('メモ').fill('訪問は来週に延期。本人の体調不良のため');
  await progress.getByRole('button', { name: '進捗を保存' }).click();
  await expect(progress.getByText('理由の区分を選んでください。')).toBeVisible();
  await progress.getByLabel('期限までに完了しなかった理由').selectOption({ label: '機関が対応できなかった' });
  await shotOf(page, page.getByTestId('minutes-panel'), 'minutes-progress');
  await progress.getByRole('button', { name: '進捗を保存' }).click();
  await expect(page.getByText(`${caseA.caseNumber}の進捗を「実施中」として記録しました。`)).toBeVisible();
  await expect(progress).toContainText('この会議で確認済み');
  await expect(progress).toContainText('機関が対応できなかった');
  const [earlierRole] = await call<{ lastUpdate: { status: string; overdueReason: string; meetingId: string; onDate: string } }[]>(app, 'role.list', { today, caseId: caseA.id });
  expect(earlierRole!.lastUpdate).toMatchObject({ status: 'in_progress', overdueReason: 'organization_unable', meetingId: meeting.id, onDate: today });

  // Case A: notes with a 「・」 list (Enter continues it), saved while typing.
  await railItem(page, caseA.caseNumber).click();
  await expect(focusPane(page).getByRole('heading', { level: 3 })).toContainText(caseA.caseNumber);
  await notes(page).click();
  await page.keyboard.type('・本人と面談した');
  await page.keyboard.press('Enter');
  await page.keyboard.type('家族の協力が得られる');
  await expect(notes(page)).toHaveValue('・本人と面談した\n・家族の協力が得られる');
  await waitSaved(page);

  // A decision (Alt+D, from inside the notes): the step is chosen among the allowed ones and applied at 確定.
  await page.keyboard.press('Alt+D');
  let dialog = page.getByRole('dialog', { name: /決定事項を追加/ });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('決定の種類').selectOption({ label: '継続してモニタリング' });
  await dialog.getByLabel('内容').fill('見守りを続け、次回の支援会議で改めて検討する');
  await expect(dialog.getByLabel('ケースの状態の変更')).toHaveValue('');
  await dialog.getByLabel('ケースの状態の変更').selectOption({ label: '支援会議で検討中' });
  await expect(dialog.getByLabel('確定時に適用')).toBeChecked();
  await dialog.getByRole('button', { name: '決定事項を追加' }).click();
  await expect(dialog).toBeHidden();
  const decision = focusPane(page).getByTestId('decision');
  await expect(decision).toContainText('継続してモニタリング');
  await expect(decision).toContainText('ケースの状態 →「支援会議で検討中」');
  await expect(decision.getByLabel('確定時に適用')).toBeChecked();

  // Two role assignments: one by a due date (Alt+R), one by frequency.
  await page.keyboard.press('Alt+R');
  dialog = page.getByRole('dialog', { name: /役割分担を追加/ });
  await dialog.getByLabel('課題・目標').fill('家計の立て直し');
  await dialog.getByLabel('支援内容').fill('家計相談の窓口につなぐ');
  await dialog.getByLabel('担当機関').selectOption({ label: '地域包括支援センター' });
  await dialog.getByLabel('担当者').selectOption({ label: `${PEOPLE.futaba}（社会福祉士）` });
  await expect(dialog.getByLabel('開始日')).toHaveValue(today);
  await dialog.getByLabel('期限', { exact: true }).fill(addDays(today, -1));
  await dialog.getByRole('button', { name: '役割分担を追加' }).click();
  await expect(dialog.getByText('期限が開始日より前です。')).toBeVisible();
  await dialog.getByLabel('期限', { exact: true }).fill(addDays(today, 30));
  await dialog.getByRole('button', { name: '役割分担を追加' }).click();
  await expect(dialog).toBeHidden();
  await focusPane(page).getByRole('button', { name: /役割分担を追加/ }).click();
  dialog = page.getByRole('dialog', { name: /役割分担を追加/ });
  await dialog.getByLabel('支援内容').fill('月に一度、見守り訪問を行う');
  await dialog.getByLabel('担当機関').selectOption({ label: '社会福祉協議会' });
  await dialog.getByLabel('頻度で決める（継続する支援）').check();
  await dialog.getByLabel('頻度', { exact: true }).fill('月1回');
  await dialog.getByRole('button', { name: '役割分担を追加' }).click();
  await expect(dialog).toBeHidden();
  const roles = focusPane(page).getByTestId('role-assignment');
  await expect(roles).toHaveCount(2);
  await expect(roles.first()).toContainText('家計相談の窓口につなぐ');
  await expect(roles.first()).toContainText(PEOPLE.futaba);
  await expect(roles.nth(1)).toContainText('月1回');
  await expect(roles.first()).toContainText('確定後に有効');
  await shot(page, 'minutes-meeting-mode');
  await shotOf(page, page.getByTestId('minutes-panel'), 'minutes-meeting-mode-panel');

  // Case B (new cases come before the 継続ケースの評価 frame): notes; the projected view hides it
  // while someone who does not take part is present.
  await page.keyboard.press('Alt+ArrowUp');
  await expect(focusPane(page).getByRole('heading', { level: 3 })).toHaveText('継続ケースの評価');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(focusPane(page).getByRole('heading', { level: 3 })).toContainText(caseB.caseNumber);
  await page.keyboard.press('Alt+N');
  await expect(notes(page)).toBeFocused();
  await page.keyboard.type('初回の情報共有。学校からの相談');
  await waitSaved(page);
  await page.keyboard.press('Alt+P');
  const guard = focusPane(page).getByTestId('need-to-know-guard');
  await expect(guard).toContainText('この議題に参加しない出席者が在室しています');
  await expect(guard).toContainText(PEOPLE.mie);
  await expect(notes(page)).toHaveCount(0);
  await shot(page, 'minutes-projected');
  await page.keyboard.press('Alt+P');
  await expect(notes(page)).toHaveValue('初回の情報共有。学校からの相談');

  // Nothing is lost: after a reload the meeting opens on case B with both notes as typed.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await openMeeting(page, '14:00');
  await expect(focusPane(page).getByRole('heading', { level: 3 })).toContainText(caseB.caseNumber);
  await expect(notes(page)).toHaveValue('初回の情報共有。学校からの相談');
  await railItem(page, caseA.caseNumber).click();
  await expect(notes(page)).toHaveValue('・本人と面談した\n・家族の協力が得られる');

  // 閉会: the numbered copies come back one by one; a missing one needs a reason.
  await page.getByRole('button', { name: '閉会…' }).click();
  dialog = page.getByRole('dialog', { name: '閉会' });
  const copies = dialog.getByRole('checkbox', { name: /配付番号/ });
  await expect(copies).toHaveCount(3);
  // The tick goes to the core first (a refused one is undone): click, then wait for the state.
  await copies.nth(0).click();
  await expect(copies.nth(0)).toBeChecked();
  await copies.nth(1).click();
  await expect(copies.nth(1)).toBeChecked();
  await expect(dialog.getByText('未回収の資料が1部あります（配付番号 3）。')).toBeVisible();
  await dialog.getByRole('button', { name: '閉会する' }).click();
  await expect(dialog.getByText('回収できなかった理由を入力してください。')).toBeVisible();
  await copies.nth(2).click();
  await expect(copies.nth(2)).toBeChecked();
  await expect(dialog.getByText('配付した3部すべてを回収しました。')).toBeVisible();
  await expect(dialog.getByLabel('回収できなかった理由')).toHaveCount(0);
  await dialog.getByLabel('次回の開催日').fill(addDays(today, 28));
  await dialog.getByLabel('開始時刻').fill('14:00');
  // The actual 閉会 time: now on the meeting's day (editable; never before 開会 or anyone's arrival).
  await expect(dialog.getByLabel('閉会時刻')).toHaveValue(/^([01]\d|2[0-3]):[0-5]\d$/);
  await shot(page, 'minutes-closing');
  await dialog.getByRole('button', { name: '閉会する' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('閉会しました。', { exact: true })).toBeVisible();
  await expect(page.getByText(/会議録は下書きです。内容を見直してから「確定」してください/)).toBeVisible();
  await expect(page.getByText('次回の会議を予定しました。')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: '支援会議記録' })).toBeVisible();
  await expect(page.getByTestId('minutes-panel')).toContainText('下書き');

  // 確定: the dialog says what it will do; then the hash, who and when.
  await page.getByRole('button', { name: '確定…' }).click();
  dialog = page.getByRole('dialog', { name: '会議録を確定' });
  await expect(dialog).toContainText('ケースの状態の変更 1件を適用します。');
  await expect(dialog).toContainText('役割分担 2件を有効にします。');
  await dialog.getByRole('button', { name: '確定する' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('minutes-panel')).toContainText('確定 第1版');
  const minutes1 = await call<{ versions: { sha256: string }[] }>(app, 'minutes.get', { meetingId: meeting.id });
  const hash = page.getByTestId('minutes-hash');
  await expect(hash).toContainText(`${minutes1.versions[0]!.sha256.slice(0, 16)}…`);
  await expect(hash).toContainText('試験 太郎');
  await expect(hash.locator('code')).toHaveAttribute('title', minutes1.versions[0]!.sha256);
  expect((await call<{ status: string }>(app, 'case.get', { id: caseA.id })).status).toBe('reviewed_without_consent');
  await expect(notes(page)).not.toBeEditable();
  await shot(page, 'minutes-confirmed');
  await shotOf(page, page.getByTestId('minutes-panel'), 'minutes-confirmed-head', 700);

  // 訂正: a reason first; the correction becomes version 2.
  await page.getByRole('button', { name: '訂正…' }).click();
  dialog = page.getByRole('dialog', { name: '会議録を訂正' });
  await dialog.getByRole('button', { name: '訂正を始める' }).click();
  await expect(dialog.getByText('訂正の理由を入力してください。')).toBeVisible();
  await dialog.getByLabel('訂正の理由').fill('面談の内容の記載漏れを補う');
  await dialog.getByRole('button', { name: '訂正を始める' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('minutes-panel')).toContainText('訂正中（第2版）');
  await notes(page).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('兄が同居を始めた');
  await expect(notes(page)).toHaveValue('・本人と面談した\n・家族の協力が得られる\n・兄が同居を始めた');
  await waitSaved(page);
  await page.getByRole('button', { name: '確定…' }).click();
  dialog = page.getByRole('dialog', { name: '訂正した会議録を確定' });
  await expect(dialog).toContainText('面談の内容の記載漏れを補う');
  await dialog.getByRole('button', { name: '確定する' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('minutes-panel')).toContainText('確定 第2版');
  await expect(page.getByTestId('minutes-version')).toHaveCount(2);
  await expect(page.getByTestId('minutes-version').nth(1)).toContainText('面談の内容の記載漏れを補う');

  // Diff between the versions: the added line underlined with a +.
  await page.getByRole('button', { name: '比較する' }).click();
  const diff = page.getByTestId('minutes-diff');
  await expect(diff.locator('ins')).toContainText('・兄が同居を始めた');
  await expect(diff.locator('ins .mn-diff-mark').first()).toHaveText('+');
  await expect(page.getByText(/第1版 → 第2版：追加 \d+か所、削除 \d+か所/)).toBeVisible();
  await expect(diff).toContainText(/変更のない\d+行/);
  await shotOf(page, page.locator('.mn-diff-panel'), 'minutes-diff');

  // An earlier version stays readable as it was confirmed.
  await page.getByRole('button', { name: '第1版を表示' }).click();
  dialog = page.getByRole('dialog', { name: /会議録 第1版/ });
  await expect(dialog).toContainText('家族の協力が得られる');
  await expect(dialog).not.toContainText('兄が同居を始めた');
  await dialog.getByRole('button', { name: '閉じる' }).click();

  // 支援会議記録 for two recipients: one file, a watermarked copy each, no full name of a case.
  const recipients = page.getByRole('group', { name: /受け取る出席者/ });
  await recipients.getByLabel(new RegExp(PEOPLE.mie)).uncheck();
  await expect(recipients).toContainText('受け取る出席者（2人）');
  await page.getByRole('button', { name: '支援会議記録を出力' }).click();
  const preview = page.getByRole('dialog', { name: '支援会議記録のプレビュー' });
  await expect(preview).toBeVisible({ timeout: 60_000 });
  await expect(preview).toContainText('2部の写しを1つのPDFにまとめました。');
  const pages = await savedPdfPages(page, preview, join(testInfo.outputDir, 'shien-record.pdf'));
  const marks = pages.map((p) => [...p.matchAll(/配付番号\s*(\d)\s*\/\s*2/g)].map((m) => Number(m[1])));
  // Every page carries exactly one copy's mark; copy 1's pages come first, then copy 2's.
  for (const m of marks) expect(new Set(m).size).toBe(1);
  const order = marks.map((m) => m[0]);
  expect(order[0]).toBe(1);
  expect(order.at(-1)).toBe(2);
  expect([...order].sort()).toEqual(order);
  // Each copy names its own recipient, and only theirs; the third attendee received nothing.
  const copyText = (n: number) => pages.filter((_, i) => order[i] === n).join('\n');
  const recipientOf = (n: number) => [PEOPLE.ichiro, PEOPLE.futaba].filter((name) => copyText(n).includes(`${name}様`));
  expect(recipientOf(1)).toHaveLength(1);
  expect(recipientOf(2)).toHaveLength(1);
  expect(new Set([...recipientOf(1), ...recipientOf(2)])).toEqual(new Set([PEOPLE.ichiro, PEOPLE.futaba]));
  expect(copyText(1)).toMatch(new RegExp(`配付番号\\s*1\\s*/\\s*2\\s*地域包括支援センター\\s*${recipientOf(1)[0]}様`));
  expect(all(pages)).not.toContain(`${PEOPLE.mie}様`);
  expect(all(pages)).toContain(caseA.caseNumber);
  expect(all(pages)).toContain('兄が同居を始めた');
  for (const name of [CASE_A.fullName, CASE_B.fullName, '佐藤', '健一', '田中', '美咲']) expect(all(pages)).not.toContain(name);
  await preview.getByRole('button', { name: '閉じる' }).click();
  await expect(preview).toBeHidden();

  // The distribution log: who received which copy.
  const log = page.getByTestId('distribution');
  await expect(log).toHaveCount(2);
  await expect(log.nth(0)).toContainText('1／2');
  await expect(log.nth(0)).toContainText(recipientOf(1)[0]!);
  await expect(log.nth(1)).toContainText('2／2');
  await expect(log.nth(1)).toContainText(recipientOf(2)[0]!);

  // 役割分担一覧 of one organization.
  await page.getByLabel('機関', { exact: true }).selectOption({ label: houkatsu.name });
  await page.getByRole('button', { name: '役割分担一覧を出力' }).click();
  const roleList = page.getByRole('dialog', { name: '役割分担一覧のプレビュー' });
  await expect(roleList.getByText(/全\d+ページ/)).toBeVisible({ timeout: 60_000 });
  await expect(roleList).toContainText(`${houkatsu.name}の役割分担だけを載せています。`);
  await roleList.getByRole('button', { name: '閉じる' }).click();

  // The assignments decided here are live now.
  const live = await call<{ action: string; live: boolean }[]>(app, 'role.list', { today, caseId: caseA.id });
  expect(live.map((a) => a.action).sort()).toEqual([EARLIER_ACTION, '家計相談の窓口につなぐ', '月に一度、見守り訪問を行う'].sort());
  expect(ids.mie).toBeTruthy();
  expect(cspViolations).toEqual([]);
});
