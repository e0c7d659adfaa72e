import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { test, expect, createVaultThroughUi, type KasaneApp } from './fixtures';
import { shot, todayInPage, call, fillRelease, type Org } from './support';
import { fiscalYearOf } from '../shared/domain/fiscal-year';
import { formatWareki } from '../shared/domain/wareki';

const PEOPLE = {
  annual: '年度 一子',
  roster: '名簿 二郎',
  nothing: '未誓 三太',
  walkIn: '遅参 四郎',
};

/**
 * Three members: one with an individual pledge for this 年度, one named on their organization's
 * roster pledge, one with nothing; a 支援会議 today with all three invited.
 */
async function setUp(app: KasaneApp, type: 'shien' | 'jusoteki' = 'shien') {
  const today = todayInPage();
  const fiscalYear = fiscalYearOf(today);
  const orgs = await call<Org[]>(app, 'organization.list', {});
  const org = (name: string) => orgs.find((o) => o.name === name)!;
  const houkatsu = org('地域包括支援センター');
  const shakyo = org('社会福祉協議会');
  const minsei = org('民生委員児童委員協議会');
  const soudan = org('市民相談センター');
  const member = (name: string, organizationId: string, title: string) => call<{ id: string }>(app, 'member.create', { name, organizationId, title, startOn: '2020-04-01' });
  const annual = await member(PEOPLE.annual, houkatsu.id, '社会福祉士');
  const roster = await member(PEOPLE.roster, shakyo.id, 'CSW');
  const nothing = await member(PEOPLE.nothing, minsei.id, '民生委員');
  await call(app, 'pledge.record', { kind: 'individual_annual', memberId: annual.id, fiscalYear, signedOn: today, addressee: 'みほん市長', originalReceived: true });
  await call(app, 'pledge.record', { kind: 'organization_roster', organizationId: shakyo.id, memberIds: [roster.id], fiscalYear, signedOn: today, addressee: 'みほん市長', originalReceived: true });
  const { meeting } = await call<{ meeting: { id: string; title: string } }>(app, 'meeting.create', {
    type,
    date: today,
    startTime: '10:00',
    endTime: '11:30',
    place: '市役所 第2会議室',
    inviteeMemberIds: [annual.id, roster.id, nothing.id],
  });
  return { today, meeting, houkatsu, shakyo, minsei, soudan, ids: { annual: annual.id, roster: roster.id, nothing: nothing.id } };
}

/** Saves what the preview shows (the same bytes) and returns the PDF's text. */
async function savedPdfText(page: Page, preview: ReturnType<Page['getByRole']>, file: string): Promise<{ text: string; layout: string; download: Download }> {
  await expect(preview.getByText(/全\d+ページ/)).toBeVisible({ timeout: 30_000 });
  const downloading = page.waitForEvent('download');
  await fillRelease(preview);
  await preview.getByRole('button', { name: '保存' }).click();
  const download = await downloading;
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  return {
    text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }),
    layout: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    download,
  };
}

test('the gate of a 支援会議: refused naming the uncovered attendee, a pledge printed and signed at the door, a late walk-in blocked until covered, and the attendance list', async ({ page, app, cspViolations }, testInfo) => {
  await createVaultThroughUi(page);
  const { today, meeting, ids } = await setUp(app);
  // The home page read its summary before this setup: start afresh, as after a restart.
  await page.reload();

  // Home warns about the 支援会議 with one invitee without a pledge, and leads to it.
  const warnings = page.getByRole('region', { name: '誓約が済んでいない支援会議' });
  await expect(warnings).toBeVisible();
  await expect(warnings).toContainText(formatWareki(today, { weekday: true }));
  await expect(warnings).toContainText('1人が未誓約');
  await shot(page, 'pledges-gate-1-home-warning');
  await warnings.getByRole('button', { name: /^支援会議（.*）を開く：1人が未誓約$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^支援会議/ })).toBeVisible();

  // 誓約の確認: covered by what, or not and why, per invitee.
  const panel = page.getByRole('region', { name: '誓約の確認' });
  await expect(panel.getByText('招待者3人のうち、誓約済み2人・未誓約1人')).toBeVisible();
  const coverageRow = (name: string) => panel.getByTestId('coverage-row').filter({ hasText: name });
  await expect(coverageRow(PEOPLE.annual)).toContainText('誓約済み');
  await expect(coverageRow(PEOPLE.annual)).toContainText('年度の誓約書（個人）');
  await expect(coverageRow(PEOPLE.roster)).toContainText('年度の誓約書（機関の名簿）');
  await expect(coverageRow(PEOPLE.nothing)).toContainText('未誓約');
  await expect(coverageRow(PEOPLE.nothing)).toContainText('誓約書がありません');
  await expect(coverageRow(PEOPLE.annual).getByRole('button')).toHaveCount(0);
  await shot(page, 'pledges-gate-2-coverage-panel');

  // The batch of missing forms: one pre-filled page, for the third person only.
  await panel.getByRole('button', { name: '未誓約の方の誓約書をまとめて印刷（1人）' }).click();
  let preview = page.getByRole('dialog', { name: '誓約書のプレビュー' });
  await expect(preview).toBeVisible({ timeout: 30_000 });
  const form = await savedPdfText(page, preview, join(testInfo.outputDir, 'pledge-form.pdf'));
  expect(form.download.suggestedFilename()).toBe(`誓約書_${formatWareki(today)}_支援会議.pdf`);
  expect(form.text).toContain('誓約書');
  expect(form.text).toContain(PEOPLE.nothing);
  expect(form.text).toContain('民生委員児童委員協議会');
  expect(form.text).toContain(formatWareki(today, { weekday: true }));
  expect(form.text).not.toContain(PEOPLE.annual);
  expect(form.text).not.toContain(PEOPLE.roster);
  await shot(page, 'pledges-gate-3-form-preview');
  await preview.getByRole('button', { name: '閉じる' }).click();
  await expect(preview).toBeHidden();
  await expect(panel.getByRole('button', { name: /まとめて印刷/ })).toBeFocused();

  // 受付: all three arrive. The first by keyboard (P on the focused row), the others with the buttons.
  await page.getByRole('button', { name: '受付を開く' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /受付/ })).toBeFocused();
  const sheet = page.getByRole('table', { name: '受付の一覧' });
  const row = (name: string) => sheet.getByTestId('checkin-row').filter({ hasText: name });
  await expect(sheet.getByTestId('checkin-row')).toHaveCount(3);
  await expect(row(PEOPLE.annual)).toContainText('社会福祉士');
  await expect(row(PEOPLE.nothing)).toContainText('未誓約');
  const first = sheet.getByTestId('checkin-row').first();
  const firstName = (await first.getByRole('cell').nth(2).innerText()).trim();
  await first.focus();
  await page.keyboard.press('p');
  await expect(first).toContainText('出席');
  await expect(page.getByRole('status').filter({ hasText: `${firstName}さんを出席にしました` })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(sheet.getByTestId('checkin-row').nth(1)).toBeFocused();
  for (const name of [PEOPLE.annual, PEOPLE.roster, PEOPLE.nothing].filter((n) => n !== firstName)) {
    await row(name).getByLabel(`到着時刻（${name}）`).fill('09:55');
    await row(name).getByRole('button', { name: `${name}さんを出席にする` }).click();
    await expect(row(name).getByRole('button', { name: `${name}さんの退席を記録` })).toBeVisible();
  }
  await expect(row(PEOPLE.nothing)).toContainText('09:55');
  await expect(page.getByText('出席 3人 ／ 欠席 0人 ／ 未受付 0人')).toBeVisible();
  await shot(page, 'pledges-gate-4-check-in');

  // 開会 is refused, naming the third; the screen lists them with the three ways out.
  const gate = page.getByRole('region', { name: '開会' });
  await gate.getByRole('button', { name: '開会' }).click();
  await expect(gate.getByRole('alert')).toContainText(`支援会議を開会できません（${PEOPLE.nothing}）`);
  const blockers = gate.getByRole('region', { name: /開会できません/ });
  await expect(blockers.getByTestId('gate-blocker')).toHaveCount(1);
  const blocker = blockers.getByTestId('gate-blocker');
  await expect(blocker).toContainText(PEOPLE.nothing);
  await expect(blocker).toContainText('誓約書がありません');
  const ways = blocker.getByRole('group', { name: `${PEOPLE.nothing}さんへの対応` });
  await expect(ways.getByRole('button', { name: '署名済みの誓約書を記録' })).toBeVisible();
  await expect(ways.getByRole('button', { name: '欠席にする' })).toBeVisible();
  await expect(ways.getByRole('button', { name: '機関を誓約免除にする（管理者）' })).toBeVisible();
  await shot(page, 'pledges-gate-5-gate-blocked');
  // Nothing changed in the core but 受付 having started: still checking in, not open.
  expect((await call<{ state: string }>(app, 'attendance.get', { meetingId: meeting.id })).state).toBe('checking_in');

  // The signed form is recorded at the door: signed today, original received, the scan attached.
  await ways.getByRole('button', { name: '署名済みの誓約書を記録' }).click();
  let door = page.getByRole('dialog', { name: '署名済みの誓約書を記録' });
  await expect(door).toContainText(PEOPLE.nothing);
  await expect(door.getByLabel('署名日')).toHaveValue(today);
  await expect(door.getByLabel('署名された原本を受け取った')).toBeChecked();
  await expect(door.getByLabel('宛先')).toHaveValue('みほん市長');
  await door.getByLabel('スキャン（任意）').setInputFiles(join(testInfo.outputDir, 'pledge-form.pdf'));
  await shot(page, 'pledges-gate-6-door-pledge');
  await door.getByRole('button', { name: '誓約書を記録' }).click();
  await expect(door).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `${PEOPLE.nothing}さんの誓約を確認しました。` })).toBeVisible();
  await expect(gate.getByText('出席者全員の守秘義務の誓約を確認できました。開会できます。')).toBeVisible();
  await expect(row(PEOPLE.nothing)).toContainText('この会議の誓約書');
  const pledges = await call<Array<{ kind: string; memberId: string | null; meetingId: string | null; originalReceived: boolean; scanAttachmentId: string | null }>>(app, 'pledge.list', {});
  const doorPledge = pledges.find((p) => p.kind === 'per_meeting' && p.memberId === ids.nothing);
  expect(doorPledge).toMatchObject({ meetingId: meeting.id, originalReceived: true });
  expect(doorPledge?.scanAttachmentId).toBeTruthy();

  // Now it opens.
  await gate.getByRole('button', { name: '開会' }).click();
  await expect(gate.getByText('開会中', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '開会しました。' })).toBeVisible();
  await expect(gate.getByRole('button', { name: '開会' })).toHaveCount(0);
  expect((await call<{ state: string }>(app, 'attendance.get', { meetingId: meeting.id })).state).toBe('open');

  // A late walk-in, a new person: registered, but blocked until covered.
  await page.getByRole('button', { name: '当日参加を追加' }).click();
  const walkIn = page.getByRole('dialog', { name: '当日参加を追加' });
  await walkIn.getByLabel('新しい方').check();
  await walkIn.getByLabel('氏名').fill(PEOPLE.walkIn);
  await walkIn.getByLabel('所属機関').selectOption({ label: '市民相談センター' });
  await walkIn.getByLabel('職名（任意）').fill('相談員');
  await walkIn.getByLabel('到着時刻').fill('10:20');
  await walkIn.getByRole('button', { name: '受付する' }).click();
  await expect(walkIn).toBeHidden();
  const late = gate.getByRole('region', { name: '受付できない方（誓約が必要）' });
  await expect(late.getByTestId('late-blocked')).toHaveCount(1);
  await expect(late).toContainText(PEOPLE.walkIn);
  await expect(late).toContainText('受付できません — 誓約が必要');
  await expect(sheet.getByTestId('checkin-row')).toHaveCount(3);
  await shot(page, 'pledges-gate-7-late-blocked');

  await late.getByRole('button', { name: '署名済みの誓約書を記録' }).click();
  door = page.getByRole('dialog', { name: '署名済みの誓約書を記録' });
  await expect(door).toContainText(PEOPLE.walkIn);
  await door.getByRole('button', { name: '誓約書を記録' }).click();
  await expect(door).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `${PEOPLE.walkIn}さんの誓約を確認し、受付しました。` })).toBeVisible();
  await expect(late).toBeHidden();
  await expect(sheet.getByTestId('checkin-row')).toHaveCount(4);
  await expect(row(PEOPLE.walkIn)).toContainText('当日参加');
  await expect(row(PEOPLE.walkIn)).toContainText('10:20');
  await expect(row(PEOPLE.walkIn)).toContainText('相談員');
  await expect(row(PEOPLE.walkIn)).toContainText('この会議の誓約書');
  await expect(page.getByText('出席 4人 ／ 欠席 0人 ／ 未受付 0人')).toBeVisible();
  await shot(page, 'pledges-gate-8-open');

  // 出席者名簿: each person with the pledge that covers them.
  await page.getByRole('button', { name: '出席者名簿を出力' }).click();
  preview = page.getByRole('dialog', { name: '出席者名簿のプレビュー' });
  await expect(preview).toBeVisible({ timeout: 30_000 });
  const list = await savedPdfText(page, preview, join(testInfo.outputDir, 'attendance.pdf'));
  const lineOf = (name: string) => list.layout.split('\n').find((l) => l.includes(name)) ?? '';
  expect(lineOf(PEOPLE.annual)).toContain('年度誓約書（個人）');
  expect(lineOf(PEOPLE.roster)).toContain('年度誓約書（機関）');
  expect(lineOf(PEOPLE.nothing)).toContain('当該会議の誓約書');
  expect(lineOf(PEOPLE.walkIn)).toContain('当該会議の誓約書');
  expect(lineOf(PEOPLE.walkIn)).toContain('10:20');
  expect(list.text).toContain('出席者名簿');
  expect(list.text).not.toContain('未（');
  await preview.getByRole('button', { name: '閉じる' }).click();

  // Back on the meeting screen, the meeting is open and the coverage panel of a planned meeting is gone.
  await page.getByRole('button', { name: '会議の画面に戻る' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^支援会議/ })).toBeVisible();
  await expect(page.getByRole('region', { name: '誓約の確認' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: '受付・開会' })).toContainText('開会中です');

  expect(cspViolations).toEqual([]);
});

test('the other ways out: an organization exempted after a confirmation, a person marked absent; a late invitee blocked, then let in', async ({ page, app }) => {
  await createVaultThroughUi(page);
  const { meeting } = await setUp(app);
  const orgs = await call<Org[]>(app, 'organization.list', {});
  const absentee = await call<{ id: string; name: string }>(app, 'member.create', { name: '欠席 五郎', organizationId: orgs.find((o) => o.name === '校長会')!.id, title: '校長', startOn: '2020-04-01' });
  const current = await call<{ invitees: { memberId: string }[] }>(app, 'meeting.get', { id: meeting.id });
  await call(app, 'meeting.update', { id: meeting.id, inviteeMemberIds: [...current.invitees.map((i) => i.memberId), absentee.id] });
  await page.reload();
  await page.getByRole('region', { name: '誓約が済んでいない支援会議' }).getByRole('button', { name: /2人が未誓約/ }).click();
  await page.getByRole('button', { name: '受付を開く' }).click();

  const sheet = page.getByRole('table', { name: '受付の一覧' });
  const row = (name: string) => sheet.getByTestId('checkin-row').filter({ hasText: name });
  for (const name of [PEOPLE.annual, PEOPLE.roster, PEOPLE.nothing, absentee.name]) {
    await row(name).getByRole('button', { name: `${name}さんを出席にする` }).click();
    await expect(row(name).getByRole('button', { name: `${name}さんの退席を記録` })).toBeVisible();
  }
  const gate = page.getByRole('region', { name: '開会' });
  const blockers = gate.getByRole('region', { name: /開会できません/ });
  await expect(blockers.getByTestId('gate-blocker')).toHaveCount(2);

  // (c) The exemption is the directory's dialog: for the whole organization, an administrator's, with a reason;
  // 民生委員児童委員協議会 is registered as a 関係機関, so the statutory warning must be confirmed.
  await blockers.getByRole('group', { name: `${PEOPLE.nothing}さんへの対応` }).getByRole('button', { name: '機関を誓約免除にする（管理者）' }).click();
  const exempt = page.getByRole('dialog', { name: '誓約の適用除外：民生委員児童委員協議会' });
  await expect(exempt).toContainText('適用除外にした機関の職員は、誓約書がなくても支援会議に出席できます。');
  await expect(exempt).toContainText('NPO法人や民間の会社などは、法令上の守秘義務を負いません。');
  await exempt.getByRole('button', { name: '適用除外にする' }).click();
  await expect(exempt.getByText('適用除外の理由を入力してください。')).toBeVisible();
  await expect(exempt.getByText('「関係機関」を適用除外にするには、上の確認にチェックを入れてください。')).toBeVisible();
  await exempt.getByLabel(/適用除外の理由/).fill('民生委員法第15条により守秘義務を負うため');
  await exempt.getByRole('checkbox', { name: /管理者として適用除外にします/ }).check();
  await shot(page, 'pledges-gate-9-exemption');
  await exempt.getByRole('button', { name: '適用除外にする' }).click();
  await expect(exempt).toBeHidden();
  await expect(row(PEOPLE.nothing)).toContainText('機関の誓約免除（民生委員法第15条により守秘義務を負うため）');
  const after = await call<Array<{ name: string; pledgeExemptionReason: string | null }>>(app, 'organization.list', {});
  expect(after.find((o) => o.name === '民生委員児童委員協議会')?.pledgeExemptionReason).toBe('民生委員法第15条により守秘義務を負うため');

  // (b) The other is marked absent, by keyboard: A on their row.
  await expect(blockers.getByTestId('gate-blocker')).toHaveCount(1);
  await row(absentee.name).focus();
  await page.keyboard.press('a');
  await expect(row(absentee.name)).toContainText('欠席');
  await expect(gate.getByText('出席者全員の守秘義務の誓約を確認できました。開会できます。')).toBeVisible();
  await gate.getByRole('button', { name: '開会' }).click();
  await expect(gate.getByText('開会中', { exact: true })).toBeVisible();

  // They arrive late after all: an invitee without a pledge is blocked at check-in, then let in after the door pledge.
  await row(absentee.name).getByRole('button', { name: `${absentee.name}さんを出席にする` }).click();
  await expect(row(absentee.name)).toContainText('受付できません — 誓約が必要');
  const late = gate.getByRole('region', { name: '受付できない方（誓約が必要）' });
  await expect(late).toContainText(absentee.name);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await late.getByRole('button', { name: '署名済みの誓約書を記録' }).click();
  await page.getByRole('dialog', { name: '署名済みの誓約書を記録' }).getByRole('button', { name: '誓約書を記録' }).click();
  await expect(late).toBeHidden();
  await expect(row(absentee.name).getByRole('button', { name: `${absentee.name}さんの退席を記録` })).toBeVisible();
  await expect(row(absentee.name)).not.toContainText('受付できません');
  const attendance = await call<{ rows: Array<{ name: string; present: boolean | null; covered: boolean }> }>(app, 'attendance.get', { meetingId: meeting.id });
  expect(attendance.rows.find((r) => r.name === absentee.name)).toMatchObject({ present: true, covered: true });

  // 退席 with its time (L on the row opens the same dialog).
  await row(absentee.name).focus();
  await page.keyboard.press('l');
  // Any time after the arrival (recorded as now): the core refuses a departure before it.
  const leave = page.getByRole('dialog', { name: '退席を記録' });
  await leave.getByLabel('退席時刻').fill('23:59');
  await leave.getByRole('button', { name: '退席を記録' }).click();
  await expect(leave).toBeHidden();
  await expect(row(absentee.name)).toContainText('退席済み');
  await expect(row(absentee.name)).toContainText('23:59');
});

test('a 重層的支援会議 has no pledge check: it opens once people are checked in', async ({ page, app }) => {
  await createVaultThroughUi(page);
  await setUp(app, 'jusoteki');
  await page.reload();
  await expect(page.getByRole('region', { name: '誓約が済んでいない支援会議' })).toHaveCount(0);
  await page.getByRole('button', { name: 'この会議を開く' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^重層的支援会議/ })).toBeVisible();
  await expect(page.getByRole('region', { name: '誓約の確認' })).toHaveCount(0);
  await page.getByRole('button', { name: '受付を開く' }).click();
  const sheet = page.getByRole('table', { name: '受付の一覧' });
  await expect(sheet.getByRole('columnheader', { name: '誓約' })).toHaveCount(0);
  const row = sheet.getByTestId('checkin-row').filter({ hasText: PEOPLE.nothing });
  await row.getByRole('button', { name: `${PEOPLE.nothing}さんを出席にする` }).click();
  const gate = page.getByRole('region', { name: '開会' });
  await expect(gate.getByText('この会議には誓約の確認はありません。')).toBeVisible();
  await gate.getByRole('button', { name: '開会' }).click();
  await expect(gate.getByText('開会中', { exact: true })).toBeVisible();
});
