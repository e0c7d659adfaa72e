import type { Page } from '@playwright/test';
import { test, expect, createVaultThroughUi, type KasaneApp } from './fixtures';
import { shot, todayInPage, call, type Org } from './support';
import { addDays } from '../shared/domain/calendar-date';
import { fiscalYearOf } from '../shared/domain/fiscal-year';
import { formatWareki } from '../shared/domain/wareki';

const PEOPLE = {
  covered: '年度 一子',
  uncovered: '未誓 三太',
  regrets: '欠席 五郎',
};

interface AttendanceT {
  state: string;
  rows: Array<{ memberId: string; name: string; present: boolean | null; arrivedAt: string | null; leftAt: string | null }>;
}

/** Three members: one with a pledge for this 年度, two with none; a 支援会議 today with all three invited. */
async function setUp(app: KasaneApp) {
  const today = todayInPage();
  const orgs = await call<Org[]>(app, 'organization.list', {});
  const org = (name: string) => orgs.find((o) => o.name === name)!;
  const member = (name: string, organization: string, title: string) =>
    call<{ id: string }>(app, 'member.create', { name, organizationId: org(organization).id, title, startOn: '2020-04-01' });
  const covered = await member(PEOPLE.covered, '地域包括支援センター', '社会福祉士');
  const uncovered = await member(PEOPLE.uncovered, '民生委員児童委員協議会', '民生委員');
  const regrets = await member(PEOPLE.regrets, '校長会', '校長');
  await call(app, 'pledge.record', {
    kind: 'individual_annual',
    memberId: covered.id,
    fiscalYear: fiscalYearOf(today),
    signedOn: today,
    addressee: 'みほん市長',
    originalReceived: true,
  });
  const { meeting } = await call<{ meeting: { id: string; title: string } }>(app, 'meeting.create', {
    type: 'shien',
    date: today,
    startTime: '10:00',
    endTime: '11:30',
    place: '市役所 第2会議室',
    inviteeMemberIds: [covered.id, uncovered.id, regrets.id],
  });
  return { today, meeting, ids: { covered: covered.id, uncovered: uncovered.id, regrets: regrets.id } };
}

const attendanceOf = (app: KasaneApp, meetingId: string) => call<AttendanceT>(app, 'attendance.get', { meetingId });

/** The 受付 sheet's summary line says what the core holds (present / absent / not checked in). */
async function expectSheetMatchesCore(page: Page, app: KasaneApp, meetingId: string) {
  const core = await attendanceOf(app, meetingId);
  const present = core.rows.filter((r) => r.present === true).length;
  const absent = core.rows.filter((r) => r.present === false).length;
  const pending = core.rows.filter((r) => r.present === null).length;
  await expect(page.getByText(`出席 ${present}人 ／ 欠席 ${absent}人 ／ 未受付 ${pending}人`)).toBeVisible();
  return core;
}

test('a 支援会議 in 受付: an uncovered attendee cannot be removed, 開会 is refused with the way out, and after 欠席 it opens; the screens always show what the core holds', async ({
  page,
  app,
  cspViolations,
}) => {
  await createVaultThroughUi(page);
  const { meeting, ids } = await setUp(app);
  await page.reload();
  await page.getByRole('region', { name: '誓約が済んでいない支援会議' }).getByRole('button', { name: /2人が未誓約/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^支援会議/ })).toBeVisible();
  const facts = page.getByRole('region', { name: '会議の概要' });
  await expect(facts.getByText('予定', { exact: true })).toBeVisible();

  // 受付: the covered invitee and the one without a pledge arrive.
  await page.getByRole('button', { name: '受付を開く' }).click();
  const sheet = page.getByRole('table', { name: '受付の一覧' });
  const row = (name: string) => sheet.getByTestId('checkin-row').filter({ hasText: name });
  for (const name of [PEOPLE.covered, PEOPLE.uncovered]) {
    await row(name).getByRole('button', { name: `${name}さんを出席にする` }).click();
    await expect(row(name).getByRole('button', { name: `${name}さんの退席を記録` })).toBeVisible();
  }
  await expect(page.locator('.mt-title-row').getByText('受付中', { exact: true })).toBeVisible();
  expect((await expectSheetMatchesCore(page, app, meeting.id)).state).toBe('checking_in');

  // Meanwhile the third sends regrets and is marked absent elsewhere (the core, not this screen).
  await call(app, 'attendance.checkIn', { meetingId: meeting.id, memberId: ids.regrets, present: false });

  // 開会 is refused, naming the person and saying how to proceed; the screen reads the core again.
  const gate = page.getByRole('region', { name: '開会' });
  await gate.getByRole('button', { name: '開会' }).click();
  const refusal = gate.getByRole('alert');
  await expect(refusal).toContainText(`支援会議を開会できません（${PEOPLE.uncovered}）`);
  await expect(refusal).toContainText('誓約書に署名してもらうか、欠席として記録してください');
  const ways = gate.getByRole('group', { name: `${PEOPLE.uncovered}さんへの対応` });
  await expect(ways.getByRole('button', { name: '署名済みの誓約書を記録' })).toBeVisible();
  await expect(ways.getByRole('button', { name: '欠席にする' })).toBeVisible();
  await expect(row(PEOPLE.regrets)).toContainText('欠席');
  expect((await expectSheetMatchesCore(page, app, meeting.id)).state).toBe('checking_in');
  await shot(page, 'integrity-1-gate-refused');

  // Removing that person from the invitees is not offered: disabled, with the reason.
  await page.getByRole('button', { name: '会議の画面に戻る' }).click();
  await expect(facts.getByText('受付中', { exact: true })).toBeVisible();
  await facts.getByRole('button', { name: '日時・招待者を変更' }).click();
  const edit = page.getByRole('dialog', { name: '会議の日時と招待者を変更' });
  await expect(edit.getByLabel('開催日')).toBeDisabled();
  const person = edit.getByRole('checkbox', { name: new RegExp(PEOPLE.uncovered) });
  await expect(person).toBeChecked();
  await expect(person).toBeDisabled();
  await expect(edit.getByText('受付開始後は日付・種別・招集者の削除はできません。日付を変えるときは中止して改めて予定してください。', { exact: false })).toBeVisible();
  await expect(person).toHaveAccessibleDescription(/受付開始後は日付・種別・招集者の削除はできません/);
  await expect(edit.getByLabel('開催日')).toHaveAccessibleDescription(/受付開始後は日付・種別・招集者の削除はできません/);
  await expect(edit.getByLabel('場所')).toBeEnabled();
  await shot(page, 'integrity-2-edit-frozen');
  await edit.getByRole('button', { name: 'キャンセル' }).click();
  await expect(edit).toBeHidden();
  expect((await call<{ invitees: { memberId: string }[] }>(app, 'meeting.get', { id: meeting.id })).invitees.map((i) => i.memberId)).toContain(ids.uncovered);

  // Marked absent from the gate's ways out: the gate opens, and 開会 succeeds.
  await page.getByRole('button', { name: '受付を開く' }).click();
  await gate.getByRole('button', { name: '開会' }).click();
  await expect(gate.getByRole('alert')).toContainText('支援会議を開会できません');
  await gate.getByRole('group', { name: `${PEOPLE.uncovered}さんへの対応` }).getByRole('button', { name: '欠席にする' }).click();
  await expect(row(PEOPLE.uncovered)).toContainText('欠席');
  await expect(gate.getByRole('alert')).toHaveCount(0);
  await expect(gate.getByText('出席者全員の守秘義務の誓約を確認できました。開会できます。')).toBeVisible();
  await expectSheetMatchesCore(page, app, meeting.id);
  await gate.getByRole('button', { name: '開会' }).click();
  await expect(gate.getByText('開会中', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '開会しました。' })).toBeVisible();
  expect((await expectSheetMatchesCore(page, app, meeting.id)).state).toBe('open');

  // Once open, someone who arrived is never made absent (退席 instead); the absent may still arrive late.
  await expect(row(PEOPLE.covered).getByRole('button', { name: `${PEOPLE.covered}さんを欠席にする` })).toHaveCount(0);
  await expect(row(PEOPLE.covered).getByRole('button', { name: `${PEOPLE.covered}さんの退席を記録` })).toBeVisible();
  await expect(row(PEOPLE.uncovered).getByRole('button', { name: `${PEOPLE.uncovered}さんを出席にする` })).toBeVisible();
  await shot(page, 'integrity-3-open');

  // The meeting screen: in session, nothing that decides who must be covered can change.
  await page.getByRole('button', { name: '会議の画面に戻る' }).click();
  await expect(facts.getByText('開会中', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '会議を中止' })).toBeDisabled();
  await expect(page.getByText('開会した会議は中止できません。')).toBeVisible();
  await expect(page.getByText('開会中は次第と資料を変更できません。')).toBeVisible();
  await facts.getByRole('button', { name: '日時・招待者を変更' }).click();
  await expect(edit.getByText('開会中の会議には招集者を追加できません。', { exact: false })).toBeVisible();
  await expect(edit.getByRole('checkbox', { name: new RegExp(PEOPLE.covered) })).toBeDisabled();
  await edit.getByRole('button', { name: 'キャンセル' }).click();
  expect(cspViolations).toEqual([]);
});

test('中止: a planned meeting cancelled with a reason shows 中止 and the reason, offers no change, and leaves home’s upcoming list', async ({ page, app }) => {
  await createVaultThroughUi(page);
  const today = todayInPage();
  const orgs = await call<Org[]>(app, 'organization.list', {});
  const member = await call<{ id: string }>(app, 'member.create', { name: '相談 一郎', organizationId: orgs[0]!.id, title: '相談員', startOn: '2020-04-01' });
  const { meeting } = await call<{ meeting: { id: string } }>(app, 'meeting.create', {
    type: 'jusoteki',
    date: addDays(today, 7),
    startTime: '14:00',
    endTime: '15:30',
    place: '市役所 第1会議室',
    inviteeMemberIds: [member.id],
  });
  await page.reload();
  const next = page.getByRole('region', { name: '次の会議' });
  await expect(next).toContainText(formatWareki(addDays(today, 7), { weekday: true }));
  await expect(next.getByText('予定', { exact: true })).toBeVisible();
  await next.getByRole('button', { name: 'この会議を開く' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^重層的支援会議/ })).toBeVisible();

  // The reason is required; then a confirmation says what 中止 means.
  await page.getByRole('button', { name: '会議を中止' }).click();
  let dialog = page.getByRole('dialog', { name: '会議を中止' });
  await expect(dialog.getByLabel('中止の理由')).toBeFocused();
  await dialog.getByRole('button', { name: '確認へ進む' }).click();
  await expect(dialog.getByText('中止の理由を入力してください。')).toBeVisible();
  await dialog.getByLabel('中止の理由').fill('台風接近のため');
  await dialog.getByRole('button', { name: '確認へ進む' }).click();
  dialog = page.getByRole('dialog', { name: '中止してよろしいですか' });
  await expect(dialog).toContainText('中止の理由：台風接近のため');
  await expect(dialog).toContainText('開催した会議には数えません');
  await expect(dialog.getByRole('button', { name: '戻る' })).toBeFocused();
  await shot(page, 'integrity-4-cancel-confirm');
  await dialog.getByRole('button', { name: '中止する' }).click();
  await expect(dialog).toBeHidden();

  // 中止, the reason and the day; nothing editable.
  const banner = page.getByTestId('cancelled-banner');
  await expect(banner).toBeFocused();
  await expect(banner).toContainText(`この会議は${formatWareki(today, { weekday: true })}に中止されました。`);
  await expect(banner).toContainText('中止の理由：台風接近のため');
  const facts = page.getByRole('region', { name: '会議の概要' });
  await expect(facts.getByText('中止', { exact: true })).toBeVisible();
  await expect(facts.getByRole('button', { name: '日時・招待者を変更' })).toBeDisabled();
  await expect(facts.getByRole('button', { name: '日時・招待者を変更' })).toHaveAccessibleDescription('中止した会議は変更できません。');
  await expect(page.getByRole('button', { name: '会議を中止' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^＋ / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '受付を開く' })).toBeDisabled();
  await expect(page.getByRole('region', { name: '次第に載せる候補' })).toHaveCount(0);
  await shot(page, 'integrity-5-cancelled');
  expect(await call<{ state: string; cancelReason: string }>(app, 'meeting.get', { id: meeting.id })).toMatchObject({ state: 'cancelled', cancelReason: '台風接近のため' });

  // The list shows it muted with its badge and reason, and can hide it.
  await page.getByRole('button', { name: '会議の一覧に戻る' }).click();
  await page.getByLabel('年度').selectOption({ label: 'すべての年度' });
  const card = page.getByTestId('meeting-card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('中止');
  await expect(card).toContainText('台風接近のため');
  await expect(card.getByRole('button', { name: /・中止）を開く$/ })).toBeVisible();
  await shot(page, 'integrity-6-list-cancelled');
  await page.getByLabel('中止した会議も表示').uncheck();
  await expect(card).toHaveCount(0);
  await page.getByLabel('中止した会議も表示').check();
  await page.getByRole('button', { name: 'カレンダー', exact: true }).click();
  const calendarButton = page.getByRole('grid').getByRole('button', { name: /重層的支援会議（重層的支援会議）を開く：中止/ });
  if (addDays(today, 7).slice(0, 7) === today.slice(0, 7)) {
    await expect(calendarButton).toBeVisible();
    await expect(calendarButton).toContainText('中止');
    await shot(page, 'integrity-7-calendar-cancelled');
  }

  // Home: no longer the next meeting, nor counted as upcoming.
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('region', { name: '次の会議' })).toContainText('予定されている会議はありません');
  const counts = await call<{ counts: { upcomingMeetings: number } }>(app, 'home.summary', { today });
  expect(counts.counts.upcomingMeetings).toBe(0);
});

test('recorded afterwards: arrival and 閉会 times are required, and the record is corrected with a reason listed under the facts', async ({ page, app }) => {
  await createVaultThroughUi(page);
  const today = todayInPage();
  const yesterday = addDays(today, -1);
  const orgs = await call<Org[]>(app, 'organization.list', {});
  const member = await call<{ id: string }>(app, 'member.create', { name: '相談 一郎', organizationId: orgs[0]!.id, title: '相談員', startOn: '2020-04-01' });
  const { meeting } = await call<{ meeting: { id: string } }>(app, 'meeting.create', {
    type: 'jusoteki',
    date: yesterday,
    startTime: '10:00',
    endTime: '11:30',
    place: '市役所 第1会議室',
    inviteeMemberIds: [member.id],
  });
  await page.keyboard.press('Alt+2');
  await page.getByRole('region', { name: '過去の会議' }).getByRole('button', { name: /重層的支援会議/ }).click();
  await page.getByRole('button', { name: '受付を開く' }).click();

  // The arrival time is not guessed: it is required when the check-in is recorded after the day.
  await expect(page.getByText(`${formatWareki(yesterday, { weekday: true })}の会議の受付を、後から記録しています。`)).toBeVisible();
  const sheet = page.getByRole('table', { name: '受付の一覧' });
  const row = sheet.getByTestId('checkin-row').filter({ hasText: '相談 一郎' });
  await expect(row.getByLabel('到着時刻（相談 一郎）')).toHaveValue('');
  await row.getByRole('button', { name: '相談 一郎さんを出席にする' }).click();
  await expect(row.getByText('相談 一郎さんの到着時刻を入力してください。')).toBeVisible();
  await row.getByLabel('到着時刻（相談 一郎）').fill('09:58');
  await row.getByRole('button', { name: '相談 一郎さんを出席にする' }).click();
  await expect(row).toContainText('09:58');
  const gate = page.getByRole('region', { name: '開会' });
  await gate.getByRole('button', { name: '開会' }).click();
  await expect(gate.getByText('開会中', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: '会議の画面に戻る' }).click();

  // 閉会: the actual time, typed in (no "now" for a meeting of yesterday).
  await page.getByRole('button', { name: '閉会…' }).click();
  const close = page.getByRole('dialog', { name: '閉会' });
  await expect(close.getByLabel('閉会時刻')).toHaveValue('');
  await close.getByRole('button', { name: '閉会する' }).click();
  await expect(close.getByText('閉会時刻を入力してください。')).toBeVisible();
  await close.getByLabel('閉会時刻').fill('11:20');
  await shot(page, 'integrity-8-close-afterwards');
  await close.getByRole('button', { name: '閉会する' }).click();
  await expect(close).toBeHidden();
  const facts = page.getByRole('region', { name: '会議の概要' });
  await expect(facts.getByText('閉会', { exact: true })).toBeVisible();
  await expect(facts).toContainText('11:20');

  // 記録の訂正: a reason, the closing time and the arrival, kept under the facts.
  await expect(facts.getByRole('button', { name: '日時・招待者を変更' })).toBeDisabled();
  await facts.getByRole('button', { name: '記録を訂正' }).click();
  const correct = page.getByRole('dialog', { name: '記録を訂正' });
  await expect(correct.getByLabel('閉会時刻')).toHaveValue('11:20');
  await expect(correct.getByLabel('到着時刻（相談 一郎）')).toHaveValue('09:58');
  await correct.getByRole('button', { name: '訂正を記録' }).click();
  await expect(correct.getByText('訂正の理由を入力してください。')).toBeVisible();
  await correct.getByLabel('訂正の理由').fill('議事メモと照合し時刻を訂正');
  await correct.getByLabel('閉会時刻').fill('11:25');
  await correct.getByLabel('到着時刻（相談 一郎）').fill('10:02');
  await shot(page, 'integrity-9-correct');
  await correct.getByRole('button', { name: '訂正を記録' }).click();
  await expect(correct).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '記録を訂正しました。' })).toBeVisible();
  const corrections = facts.getByRole('region', { name: '記録の訂正（1件）' });
  await expect(corrections.getByTestId('correction-row')).toHaveCount(1);
  await expect(corrections).toContainText('議事メモと照合し時刻を訂正');
  await expect(corrections).toContainText('試験 太郎');
  await expect(corrections).toContainText('到着・退席時刻、閉会時刻');
  await expect(facts).toContainText('11:25');
  await shot(page, 'integrity-10-corrections');
  const att = await attendanceOf(app, meeting.id);
  expect(att.rows.find((r) => r.memberId === member.id)).toMatchObject({ present: true, arrivedAt: '10:02' });
});
