import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, createVaultThroughUi, type KasaneApp } from './fixtures';
import { shot, todayInPage, call, fillRelease, type Org } from './support';
import { addDays, addMonths } from '../shared/domain/calendar-date';
import { formatWareki } from '../shared/domain/wareki';

const GOALS = '家計を立て直し、就労につなぐ';

/** A consented case brought to プラン作成中, and a member of 社協 to attend the 重層的支援会議. */
async function setUp(app: KasaneApp, today: string, initials: string) {
  const orgs = await call<Org[]>(app, 'organization.list', {});
  const shakyo = orgs.find((o) => o.name.includes('社会福祉協議会'))!;
  const houkatsu = orgs.find((o) => o.name === '地域包括支援センター')!;
  const member = await call<{ id: string }>(app, 'member.create', { name: '社協 二葉', organizationId: shakyo.id, title: 'CSW', startOn: '2020-04-01' });
  const c = await call<{ id: string; caseNumber: string }>(app, 'case.register', { initials, fullName: '青木 和子', receivedOn: addDays(today, -60) });
  await call(app, 'consent.record', { caseId: c.id, givenOn: addDays(today, -50), method: 'written', obtainedBy: '福祉課', organizationIds: [], allowsJusoteki: true });
  for (const to of ['consented', 'assessing', 'planning']) await call(app, 'case.transition', { id: c.id, to });
  return { shakyo, houkatsu, member, caseA: c };
}

async function openCase(page: Page, caseNumber: string) {
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { level: 1, name: 'ケース' })).toBeFocused();
  await page.getByRole('button', { name: `${caseNumber} を開く` }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`ケース ${caseNumber}`) })).toBeVisible();
}

async function openDesk(page: Page) {
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { level: 1, name: '会議間の進捗' })).toBeFocused();
}

const deskGroup = (page: Page, heading: string) => page.getByRole('region', { name: heading });

/** Saves what the preview shows (the same bytes) and returns the PDF's text without white space. */
async function savedPdfText(page: Page, preview: Locator, file: string): Promise<string> {
  await expect(preview.getByText(/全\d+ページ/)).toBeVisible({ timeout: 60_000 });
  const downloading = page.waitForEvent('download');
  await fillRelease(preview);
  await preview.getByRole('button', { name: '保存' }).click();
  await (await downloading).saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

test('a plan is drafted, placed on a 重層的支援会議, judged 適当 in confirmed minutes, decided, followed on the desk, printed and versioned', async ({ page, app }, testInfo) => {
  test.setTimeout(180_000);
  const today = todayInPage();
  await createVaultThroughUi(page);
  const { shakyo, member, caseA } = await setUp(app, today, 'A.K');
  const { meeting } = await call<{ meeting: { id: string } }>(app, 'meeting.create', { type: 'jusoteki', date: today, startTime: '14:00', inviteeMemberIds: [member.id] });

  // The case's page: no plan yet.
  await openCase(page, caseA.caseNumber);
  const plans = page.getByRole('region', { name: '支援プラン' });
  await expect(plans).toContainText('このケースの支援プランはまだありません。');
  await shot(page, 'plans-1-case-empty');

  // Draft: choosing the start date fills モニタリング (+3 months) and 評価 (+6 months).
  await plans.getByRole('button', { name: '支援プランを作成' }).click();
  const form = page.getByRole('dialog', { name: '支援プランの作成' });
  await form.getByLabel('目標').fill(GOALS);
  await form.getByLabel('アセスメントの要約').fill('多重債務があり、収入が不安定');
  await form.getByLabel('参加支援').check();
  await form.getByLabel('主担当機関').selectOption({ label: shakyo.name });
  await form.getByLabel('開始日').fill(today);
  await expect(form.getByLabel('モニタリング日')).toHaveValue(addMonths(today, 3));
  await expect(form.getByLabel('評価日')).toHaveValue(addMonths(today, 6));
  await shot(page, 'plans-2-form');
  // An evaluation before the start is refused with the dates in 和暦, beside the field; nothing is created.
  await form.getByLabel('評価日').fill(addDays(today, -1));
  await form.getByRole('button', { name: '作成する' }).click();
  const before = `評価の日（${formatWareki(addDays(today, -1))}）が支援の開始日（${formatWareki(today)}）より前です。`;
  await expect(form.getByRole('alert')).toHaveText(before);
  await expect(form.locator('.field-error')).toHaveText(before);
  expect(await call<unknown[]>(app, 'plan.list', { caseId: caseA.id })).toHaveLength(0);
  await form.getByLabel('評価日').fill(addMonths(today, 6));
  // Monitoring soon, by hand: the desk lists it within 30 days.
  await form.getByLabel('モニタリング日').fill(addDays(today, 20));
  await form.getByRole('button', { name: '作成する' }).click();
  await expect(form).toBeHidden();
  await expect(plans.getByRole('status').first()).toHaveText('第1版の支援プランを作成しました。');
  const version = plans.getByRole('heading', { name: '第1版の内容' });
  await expect(version).toBeVisible();
  await expect(plans.getByRole('table', { name: '支援プランの版（新しい順）' }).getByRole('row')).toHaveCount(2);
  await expect(plans).toContainText('下書き');
  await expect(plans).toContainText(GOALS);
  await expect(plans).toContainText(formatWareki(addDays(today, 20)));
  await expect(plans).toContainText(formatWareki(addMonths(today, 6)));
  const actions = plans.getByRole('group', { name: '支援プランの操作' });
  await expect(actions.getByRole('button')).toHaveText(['編集', '重層的支援会議に載せる', '支援決定を記録']);
  await shot(page, 'plans-3-draft');

  // The desk: waiting for a meeting; its link comes back to the plan.
  await openDesk(page);
  await expect(deskGroup(page, 'プラン：会議待ち')).toContainText(`${caseA.caseNumber}（A.K）`);
  await expect(deskGroup(page, 'プラン：会議待ち')).toContainText(shakyo.name);
  await shot(page, 'plans-4-desk-waiting');
  await deskGroup(page, 'プラン：会議待ち').getByRole('button', { name: `${caseA.caseNumber}（A.K）の支援プランを開く` }).click();
  await expect(page.getByRole('heading', { level: 2, name: '支援プラン' })).toBeFocused();

  // 重層的支援会議に載せる: only planned 重層的支援会議 are offered.
  await actions.getByRole('button', { name: '重層的支援会議に載せる' }).click();
  const propose = page.getByRole('dialog', { name: '重層的支援会議に載せる' });
  await propose.getByRole('button', { name: '次第に載せる' }).click();
  await expect(propose.getByText('会議を選んでください。')).toBeVisible();
  await propose.getByLabel('会議').selectOption({ label: `${formatWareki(today)} 重層的支援会議 14:00` });
  await propose.getByRole('button', { name: '次第に載せる' }).click();
  await expect(propose).toBeHidden();
  await expect(plans).toContainText('協議予定');
  await expect(plans).toContainText(`${formatWareki(today)}の重層的支援会議`);
  // The meeting judges it: no 支援決定 is offered meanwhile.
  await expect(actions.getByRole('button')).toHaveText(['取り下げ']);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(caseA.caseNumber);
  await expect(page.locator('.case-title')).toContainText('重層的支援会議で協議');

  // The meeting (through the contract: meeting mode is its own screen): 適当, minutes confirmed.
  await call(app, 'attendance.checkIn', { meetingId: meeting.id, memberId: member.id, present: true });
  await call(app, 'meeting.open', { meetingId: meeting.id });
  const agenda = await call<{ items: { id: string; caseId: string | null }[] }>(app, 'agenda.get', { meetingId: meeting.id });
  const item = agenda.items.find((i) => i.caseId === caseA.id)!;
  await call(app, 'minutes.addDecision', { itemId: item.id, kind: 'plan_appropriate', text: 'プランは適当' });
  await call(app, 'meeting.close', { meetingId: meeting.id });
  await call(app, 'minutes.confirm', { meetingId: meeting.id });

  // The desk now waits for the decision, counting the days since the meeting.
  await openDesk(page);
  const waitingDecision = deskGroup(page, '適当・支援決定待ち（待機日数）');
  await expect(waitingDecision).toContainText(`${caseA.caseNumber}（A.K）`);
  await expect(waitingDecision).toContainText('0日経過');
  await expect(deskGroup(page, 'プラン：会議待ち')).toContainText('該当するものはありません。');
  await waitingDecision.getByRole('button', { name: /の支援プランを開く$/ }).click();
  await expect(plans).toContainText('適当');

  // 支援決定: no urgent path for a plan judged 適当.
  await actions.getByRole('button', { name: '支援決定を記録' }).click();
  const decide = page.getByRole('dialog', { name: '支援決定を記録' });
  await expect(decide.getByLabel('緊急（事後報告）')).toHaveCount(0);
  await decide.getByRole('button', { name: '支援決定を記録する' }).click();
  await expect(decide.locator('.field-error')).toHaveCount(3);
  await decide.getByLabel('決定番号').fill('福第101号');
  await decide.getByLabel('決裁者の職名').fill('福祉課長');
  await decide.getByLabel('決裁者の氏名').fill('決裁 一郎');
  await shot(page, 'plans-5-decide');
  await decide.getByRole('button', { name: '支援決定を記録する' }).click();
  await expect(decide).toBeHidden();
  await expect(plans.getByRole('status').first()).toHaveText('支援決定を記録しました。');
  await expect(page.locator('.case-title')).toContainText('支援中');
  const decisionFacts = plans.locator('.pl-decision');
  await expect(decisionFacts).toContainText('福第101号');
  await expect(decisionFacts).toContainText(formatWareki(today));
  await expect(decisionFacts).toContainText('福祉課長 決裁 一郎');
  await expect(actions.getByRole('button')).toHaveText(['モニタリングを記録', '評価を記録', '新しい版を作成']);
  await shot(page, 'plans-6-decided');

  // The plan PDF: the saved bytes carry the plan, the flags and the decision; never the name.
  await plans.getByRole('button', { name: '支援プラン（PDF）' }).click();
  const preview = page.getByRole('dialog', { name: '支援プランのプレビュー' });
  const text = await savedPdfText(page, preview, join(testInfo.outputDir, 'plan.pdf'));
  for (const expected of ['支援プラン', caseA.caseNumber, GOALS, '☑参加支援', '福第101号', '福祉課長', shakyo.name]) expect(text).toContain(expected);
  expect(text).not.toContain('青木');
  await shot(page, 'plans-7-pdf');
  await preview.getByRole('button', { name: '閉じる' }).click();
  await expect(plans.getByRole('button', { name: '支援プラン（PDF）' })).toBeFocused();

  // The desk: monitoring due in 20 days; the evaluation is not due within 30 days yet.
  await openDesk(page);
  const monitoring = deskGroup(page, 'モニタリング（30日以内・期限超過）');
  const monitoringRow = monitoring.getByRole('row', { name: new RegExp(caseA.caseNumber) });
  await expect(monitoringRow).toContainText(shakyo.name);
  await expect(monitoringRow).toContainText(formatWareki(addDays(today, 20)));
  await expect(monitoringRow).toContainText('あと20日');
  await expect(monitoringRow).not.toContainText('期限超過');
  await expect(deskGroup(page, '評価（30日以内・期限超過）')).toContainText('該当するものはありません。');
  await shot(page, 'plans-8-desk-monitoring');
  // The home screen counts it.
  await page.keyboard.press('Alt+1');
  const homeLine = page.getByRole('region', { name: '会議間の進捗' });
  await expect(homeLine).toContainText('1件');
  await expect(homeLine).not.toContainText('期限超過');

  // Fast-forward 190 days, the core's injectable clock and the page's (desk.get takes "today" from the client): both dates overdue.
  const later = addDays(today, 190);
  app.setClock(new Date(`${later}T10:00:00+09:00`));
  await page.clock.setSystemTime(new Date(`${later}T10:00:00+09:00`));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await expect(homeLine).toContainText('2件（うち期限超過 2件）');
  await shot(page, 'plans-9-home-overdue');
  await homeLine.getByRole('button', { name: '会議間の進捗を開く' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '会議間の進捗' })).toBeFocused();
  await expect(page.getByText('2件（うち期限超過 2件）')).toBeVisible();
  await expect(monitoringRow).toContainText('期限超過 170日');
  const evaluation = deskGroup(page, '評価（30日以内・期限超過）');
  const evaluationRow = evaluation.getByRole('row', { name: new RegExp(caseA.caseNumber) });
  await expect(evaluationRow).toContainText(formatWareki(addMonths(today, 6)));
  await expect(evaluationRow).toContainText(/期限超過 \d+日/);
  await shot(page, 'plans-10-desk-overdue');

  // The monitoring is recorded on the day (a date after today would be refused).
  await monitoring.getByRole('button', { name: /の支援プランを開く$/ }).click();
  await actions.getByRole('button', { name: 'モニタリングを記録' }).click();
  const monitor = page.getByRole('dialog', { name: 'モニタリングを記録' });
  await expect(monitor.getByLabel('実施日')).toHaveValue(later);
  await monitor.getByLabel('実施者').fill('社協 二葉');
  await monitor.getByLabel('概要').fill('返済計画どおりに進んでいる');
  await monitor.getByLabel('次の対応').fill('就労支援の窓口へ同行する');
  await monitor.getByRole('button', { name: '記録する' }).click();
  await expect(monitor).toBeHidden();
  const monitorings = plans.getByRole('table', { name: 'モニタリングの記録' });
  await expect(monitorings).toContainText(formatWareki(later));
  await expect(monitorings).toContainText('社協 二葉');
  await expect(monitorings).toContainText('就労支援の窓口へ同行する');
  await expect(plans.locator('.pl-version-head')).toContainText('支援中');

  // A decided plan changes only by a new version, which starts from it; the versions compare.
  await actions.getByRole('button', { name: '新しい版を作成' }).click();
  const v2 = page.getByRole('dialog', { name: '新しい版の作成（第2版）' });
  await expect(v2.getByLabel('目標')).toHaveValue(GOALS);
  await expect(v2.getByLabel('参加支援')).toBeChecked();
  await v2.getByLabel('目標').fill(`${GOALS}。家族の休息も確保する`);
  await v2.getByLabel('アウトリーチ').check();
  await v2.getByRole('button', { name: '作成する' }).click();
  await expect(v2).toBeHidden();
  await expect(plans.getByRole('heading', { name: '第2版の内容' })).toBeVisible();
  const versions = plans.getByRole('table', { name: '支援プランの版（新しい順）' });
  await expect(versions.getByRole('row').nth(1)).toContainText('第2版');
  await expect(versions.getByRole('row').nth(1)).toContainText('下書き');
  await expect(versions.getByRole('row').nth(2)).toContainText('第1版');
  await expect(versions.getByRole('row').nth(2)).toContainText('支援中');
  await actions.getByRole('button', { name: '版を比較' }).click();
  const compare = page.getByRole('dialog', { name: '版を比較' });
  const diff = compare.getByRole('table', { name: '第1版と第2版の違い' });
  await expect(diff.getByRole('row', { name: /^目標/ })).toContainText(`${GOALS}。家族の休息も確保する`);
  await expect(diff.getByRole('row', { name: /^アウトリーチ/ })).toContainText('なしあり');
  await expect(diff.getByRole('row', { name: /^状態/ })).toContainText('支援中下書き');
  await shot(page, 'plans-11-compare');
  await compare.getByRole('button', { name: '閉じる' }).click();
  // The older version is still readable, without actions.
  await versions.getByRole('button', { name: '第1版を表示' }).click();
  await expect(plans.getByText('古い版を表示しています。操作できるのは最新の版だけです。')).toBeVisible();
  await expect(actions).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('青木');
});

test('an urgent plan decided between meetings is reported at the next 重層的支援会議, then evaluated and closed with handover', async ({ page, app }, testInfo) => {
  test.setTimeout(180_000);
  const today = todayInPage();
  await createVaultThroughUi(page);
  const { shakyo, houkatsu, caseA } = await setUp(app, today, 'C.T');
  await call(app, 'plan.create', { caseId: caseA.id, goals: '緊急の住まいの確保', leadOrganizationId: shakyo.id, startOn: today });

  await openCase(page, caseA.caseNumber);
  const plans = page.getByRole('region', { name: '支援プラン' });
  const actions = plans.getByRole('group', { name: '支援プランの操作' });
  await actions.getByRole('button', { name: '支援決定を記録' }).click();
  const decide = page.getByRole('dialog', { name: '支援決定を記録' });
  await expect(decide).toContainText('会議を待てない緊急の場合に限り');
  await decide.getByLabel('決定番号').fill('福第103号');
  await decide.getByLabel('決裁者の職名').fill('福祉課長');
  await decide.getByLabel('決裁者の氏名').fill('決裁 一郎');
  // Without the urgent flag a draft cannot be decided: the refusal is said in words, nothing changes.
  await decide.getByRole('button', { name: '支援決定を記録する' }).click();
  await expect(decide.getByRole('alert')).toHaveText('支援プランをこの段階に進められません（重層的支援会議で「適当」とされていません）。');
  expect((await call<{ state: string }[]>(app, 'plan.list', { caseId: caseA.id }))[0]!.state).toBe('draft');
  await decide.getByLabel('緊急（事後報告）').check();
  await shot(page, 'plans-12-urgent');
  await decide.getByRole('button', { name: '支援決定を記録する' }).click();
  await expect(decide).toBeHidden();
  await expect(plans.getByRole('status').first()).toHaveText('支援決定を記録しました。次の重層的支援会議で事後報告します。');
  await expect(plans.locator('.pl-version-head')).toContainText('事後報告（未報告）');
  await expect(plans).toContainText('次の重層的支援会議で事後報告します。');

  // On the desk until reported.
  await openDesk(page);
  const pending = page.getByRole('region', { name: '事後報告の未報告' });
  await expect(pending).toContainText(`${caseA.caseNumber}（C.T）`);
  await expect(pending).toContainText(formatWareki(today));

  // The next 重層的支援会議 carries it as a report item (報告事項) on its 次第.
  const next = await call<{ meeting: { id: string } }>(app, 'meeting.create', { type: 'jusoteki', date: addDays(today, 7), startTime: '14:00', inviteeMemberIds: [] });
  const agenda = await call<{ items: { caseId: string | null; kind: string | null }[] }>(app, 'agenda.get', { meetingId: next.meeting.id });
  expect(agenda.items.find((i) => i.caseId === caseA.id)?.kind).toBe('report');
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: '会議' })).toBeFocused();
  await page.getByRole('button', { name: /重層的支援会議.*を開く/ }).first().click();
  const agendaList = page.getByRole('list', { name: /次第/ });
  const items = agendaList.getByRole('listitem');
  const reports = items.filter({ hasText: '報告事項' }).first();
  await expect(reports).toBeVisible();
  const reportItem = items.filter({ hasText: caseA.caseNumber });
  await expect(reportItem).toContainText('C.T');
  await expect(reportItem).toContainText('報告');
  await shot(page, 'plans-13-next-agenda');

  // 評価: 終結 with handover, confirmed first; the case closes and the plan ends.
  await openCase(page, caseA.caseNumber);
  await actions.getByRole('button', { name: '評価を記録' }).click();
  const evaluate = page.getByRole('dialog', { name: '評価を記録' });
  await evaluate.getByLabel('終結：主担当機関へ引き継ぐ').check();
  await evaluate.getByLabel('引継ぎ先の機関').selectOption({ label: houkatsu.name });
  await evaluate.getByLabel('理由').fill('住まいが確保でき、目標を達成');
  await evaluate.getByRole('button', { name: '評価を記録する' }).click();
  await expect(evaluate.getByRole('alert')).toContainText(`このケースは「終結」になり、支援プランは終了します。引継ぎ先：${houkatsu.name}。`);
  await shot(page, 'plans-14-confirm-close');
  // 戻る leaves everything as it was.
  await evaluate.getByRole('button', { name: '戻る' }).click();
  await expect(evaluate.getByLabel('引継ぎ先の機関')).toBeVisible();
  expect((await call<{ evaluations: unknown[] }[]>(app, 'plan.list', { caseId: caseA.id }))[0]!.evaluations).toHaveLength(0);
  await evaluate.getByRole('button', { name: '評価を記録する' }).click();
  await evaluate.getByRole('button', { name: '終結を記録する' }).click();
  await expect(evaluate).toBeHidden();
  await expect(plans.getByRole('status').first()).toHaveText('評価を記録しました。ケースは終結しました。');
  await expect(page.locator('.case-title')).toContainText('終結');
  await expect(plans.locator('.pl-version-head')).toContainText('終了');
  const evaluations = plans.getByRole('table', { name: '評価の記録' });
  await expect(evaluations).toContainText('終結');
  await expect(evaluations).toContainText(`引継ぎ先：${houkatsu.name}`);
  await expect(plans.getByRole('group', { name: '支援プランの操作' })).toHaveCount(0);
  await shot(page, 'plans-15-closed');

  // 評価・終結シート.
  await plans.getByRole('button', { name: '評価・終結シート（PDF）' }).click();
  const preview = page.getByRole('dialog', { name: '評価・終結シートのプレビュー' });
  const text = await savedPdfText(page, preview, join(testInfo.outputDir, 'evaluation.pdf'));
  for (const expected of ['評価・終結シート', caseA.caseNumber, `引継ぎ先：${houkatsu.name}`]) expect(text).toContain(expected.replace(/\s+/g, ''));
  expect(text).not.toContain('青木');
  await preview.getByRole('button', { name: '閉じる' }).click();

  // Closed cases wait for nothing on the desk.
  await openDesk(page);
  await expect(page.getByRole('region', { name: '事後報告の未報告' })).toHaveCount(0);
  await expect(page.getByText('会議間で対応を待っているものはありません。')).toBeVisible();
  await shot(page, 'plans-16-desk-empty');
});
