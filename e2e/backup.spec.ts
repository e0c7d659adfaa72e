import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, createVaultThroughUi, STRONG_PASSPHRASE, VAULT, type KasaneApp } from './fixtures';
import { SHOTS, shot, todayInPage, call } from './support';
import { fiscalYearOf } from '../shared/domain/fiscal-year';
import type { Db } from '../electron/core/vault/database';

/** One part of a long page (the settings page is long: the バックアップ section alone). */
const shotOf = async (page: Page, locator: Locator, name: string) => {
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.mouse.move(0, 0);
  await locator.screenshot({ path: `${SHOTS}/${name}.png` });
};

const WRONG = 'まちがった あいことば 2026';

const db = (app: KasaneApp): Db => app.core.session.vault.db;
const lastAuditSeq = (app: KasaneApp) => db(app).prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;

/**
 * Everything the vault says, table by table, as one hash: every row of every table, except the
 * audit entries written after `auditSeq` (the backup's own entry, the unlocks after the restore)
 * and the `backups` table (the record of the backup is written after its snapshot was taken).
 * Full-text index tables are left out: VACUUM INTO may lay out their segments differently.
 */
function contentHash(app: KasaneApp, auditSeq: number): string {
  const hash = createHash('sha256');
  const d = db(app);
  const tables = d
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search%' AND name <> 'backups' ORDER BY name")
    .pluck()
    .all() as string[];
  expect(tables).toEqual(expect.arrayContaining(['audit_log', 'cases', 'meetings', 'minutes_versions', 'settings']));
  for (const table of tables) {
    const where = table === 'audit_log' ? `WHERE seq <= ${auditSeq}` : '';
    hash.update(table);
    hash.update(JSON.stringify(d.prepare(`SELECT * FROM "${table}" ${where} ORDER BY rowid`).raw().all(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
  }
  return hash.digest('hex');
}

/** A case, and a 支援会議 held today whose minutes are confirmed (so there is a minutes hash to compare). */
async function makeData(app: KasaneApp): Promise<{ meetingId: string; meetingTitle: string }> {
  const today = todayInPage();
  const orgs = await call<{ id: string; name: string }[]>(app, 'organization.list', {});
  const houkatsu = orgs.find((o) => o.name === '地域包括支援センター')!;
  const member = await call<{ id: string }>(app, 'member.create', { name: '相談 一郎', organizationId: houkatsu.id, title: '社会福祉士', startOn: '2020-04-01' });
  const fiscalYear = fiscalYearOf(today);
  await call(app, 'pledge.record', { kind: 'individual_annual', memberId: member.id, fiscalYear, signedOn: `${fiscalYear}-04-01`, addressee: 'みほん市長', originalReceived: true });
  const registered = await call<{ id: string }>(app, 'case.register', { initials: 'K.S', fullName: '佐藤 健一', receivedOn: today });
  const { meeting } = await call<{ meeting: { id: string; title: string } }>(app, 'meeting.create', {
    type: 'shien',
    date: today,
    startTime: '09:00',
    place: '市役所 第2会議室',
    inviteeMemberIds: [member.id],
  });
  await call(app, 'agenda.addCaseItem', { meetingId: meeting.id, caseId: registered.id, kind: 'new', minutes: 15 });
  await call(app, 'attendance.checkIn', { meetingId: meeting.id, memberId: member.id, present: true });
  await call(app, 'meeting.open', { meetingId: meeting.id });
  for (const c of await call<{ number: number }[]>(app, 'meeting.copies', { meetingId: meeting.id })) {
    await call(app, 'meeting.markCopyReturned', { meetingId: meeting.id, number: c.number, returned: true });
  }
  await call(app, 'meeting.close', { meetingId: meeting.id });
  await call(app, 'minutes.confirm', { meetingId: meeting.id });
  return { meetingId: meeting.id, meetingTitle: meeting.title };
}

const minutesHashes = async (app: KasaneApp, meetingId: string) =>
  (await call<{ versions: { sha256: string }[] }>(app, 'minutes.get', { meetingId })).versions.map((v) => v.sha256);

const homeWarning = (page: Page) => page.getByTestId('backup-warning');

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('backup → wipe → restore through the UI gives the same content, hash for hash', async ({ page, app, cspViolations }) => {
  test.setTimeout(120_000);
  await createVaultThroughUi(page);

  // Home: no folder, never backed up → a calm warning leading to the settings.
  const warning = homeWarning(page);
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('heading', { name: 'バックアップを確認してください' })).toBeVisible();
  await expect(warning).toContainText('バックアップの保存先が設定されていません。');
  await expect(warning).toContainText('まだ一度もバックアップを作成していません。');
  await shot(page, 'backup-01-home-warning');

  await warning.getByRole('button', { name: 'バックアップの設定を開く' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '設定' })).toBeVisible();
  const section = page.getByRole('region', { name: 'バックアップ', exact: true });
  await expect(section.getByRole('heading', { level: 2, name: 'バックアップ' })).toBeFocused();
  await expect(section.getByTestId('backup-folder-state')).toHaveText('設定されていません');
  await expect(section.getByTestId('backup-last-good')).toHaveText('まだ作成されていません');
  await expect(section.getByRole('button', { name: '今すぐバックアップ' })).toBeDisabled();
  await expect(section.getByText('保存先を設定すると、ここにバックアップの一覧が表示されます。')).toBeVisible();
  await shotOf(page, section, 'backup-02-settings-empty');

  // The folder (a path typed in: the browser host has no folder picker), keep 10, no daily backup.
  const folder = join(app.tmpDir, 'usb');
  mkdirSync(folder);
  await expect(section.getByText('USBメモリや共有フォルダのパス', { exact: false })).toBeVisible();
  await section.getByLabel('保存先のフォルダ').fill(folder);
  await section.getByLabel('残すバックアップの数').fill('2');
  await section.getByRole('button', { name: 'バックアップの設定を保存' }).click();
  await expect(section.getByText('3から365までの数を入力してください。')).toBeVisible();
  await expect(section.getByLabel('残すバックアップの数')).toBeFocused();
  await section.getByLabel('残すバックアップの数').fill('10');
  const daily = section.getByRole('switch', { name: '保管庫を開いている間、1日に1回バックアップする' });
  await expect(daily).toBeChecked();
  await daily.uncheck();
  await expect(section.getByRole('switch', { name: '施錠するとき・終了するときにバックアップする' })).toBeChecked();
  await section.getByRole('button', { name: 'バックアップの設定を保存' }).click();
  await expect(section.getByText('バックアップの設定を保存しました。')).toBeVisible();
  await expect(section.getByTestId('backup-folder-state')).toContainText(folder);
  await expect(section.getByTestId('backup-folder-state')).toContainText('接続されています');
  await expect(section.getByText('保存先にバックアップはまだありません。')).toBeVisible();
  expect((await call<{ settings: unknown }>(app, 'backup.status', {})).settings).toEqual({ folder, keep: 10, daily: false, onLock: true });

  // Data worth keeping: a case and a 支援会議 with confirmed minutes.
  const { meetingId, meetingTitle } = await makeData(app);
  const minutesBefore = await minutesHashes(app, meetingId);
  expect(minutesBefore).toHaveLength(1);

  // 今すぐバックアップ: busy while the call runs (held back a moment here so it can be seen), then the result.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/rpc/backup.now', async (route) => {
    await held;
    await route.continue();
  });
  const seqBefore = lastAuditSeq(app);
  await section.getByRole('button', { name: '今すぐバックアップ' }).click();
  const busyButton = section.getByRole('button', { name: '作成中…' });
  await expect(busyButton).toBeDisabled();
  await expect(section.getByRole('status').filter({ hasText: 'バックアップを作成しています。' })).toBeVisible();
  // Held before it reaches the core: no step to tell yet, a bar without a value.
  const starting = section.getByRole('progressbar', { name: 'バックアップを始めています' });
  await expect(starting).toBeVisible();
  await expect(starting).not.toHaveAttribute('aria-valuenow');
  await shotOf(page, section, 'backup-03-settings-busy');
  release();
  const result = section.getByTestId('backup-now-status');
  await expect(result).toContainText(/バックアップを作成しました：kasane-backup-\d{8}-\d{6}\.kasanebak（[\d.]+ (KB|MB)、所要時間 [\d.]+秒）/);
  await page.unroute('**/rpc/backup.now');
  const fileName = /kasane-backup-\d{8}-\d{6}\.kasanebak/.exec((await result.textContent())!)![0];
  const hashAtBackup = contentHash(app, seqBefore);
  await expect(section.getByTestId('backup-last-good')).toContainText(/令和\d+年\d+月\d+日 \d{2}:\d{2}/);
  await expect(section.getByTestId('backup-last-good')).toContainText(/大きさ [\d.]+ (KB|MB)・所要時間 [\d.]+秒/);
  const lastGoodAtBackup = (await section.getByTestId('backup-last-good').locator('time').textContent())!;
  const rows = section.getByRole('table', { name: '保存先にあるバックアップ（新しい順）' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(fileName);
  await expect(rows.first()).toContainText(/令和\d+年/);
  await shotOf(page, section, 'backup-04-settings-done');

  // Home: the warning is gone.
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await expect(page.getByRole('region', { name: '次の会議' })).toBeVisible();
  await expect(homeWarning(page)).toHaveCount(0);

  // Lock (which also backs up, as set), then the PC "loses" its vault: the folder is deleted.
  await page.getByRole('button', { name: /施錠/ }).click();
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  // The screen locks at once; the backup on lock finishes after it, and only then is the vault closed.
  await app.core.session.whenClosed();
  expect(readdirSync(folder).filter((n) => n.endsWith('.kasanebak'))).toHaveLength(2);
  const vaultDir = app.core.session.paths.main;
  expect(existsSync(join(vaultDir, 'kasane.db'))).toBe(true);
  rmSync(vaultDir, { recursive: true, force: true });

  // Reload: the first-run screen offers the restore.
  await page.reload();
  await expect(page.getByRole('heading', { name: '重ねへようこそ' })).toBeVisible();
  const entry = page.getByRole('region', { name: 'バックアップから復元' });
  await expect(entry).toBeVisible();
  await shot(page, 'backup-05-first-run-restore-entry');
  await entry.getByRole('button', { name: 'バックアップから復元' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'バックアップから復元' })).toBeFocused();
  await expect(page).toHaveTitle('バックアップから復元 — 重ね');
  await shot(page, 'backup-06-restore-empty');

  // Not found, not a backup: the translated message at the file field.
  const fileField = page.getByLabel('バックアップファイルのパス');
  const passField = page.getByLabel('バックアップを作成したときのパスフレーズ');
  const check = page.getByRole('button', { name: '中身を確認' });
  await fileField.fill(join(folder, 'kasane-backup-19990101-000000.kasanebak'));
  await passField.fill(STRONG_PASSPHRASE);
  await check.click();
  await expect(page.getByText('バックアップファイルが見つかりません。')).toBeVisible();
  writeFileSync(join(app.tmpDir, 'memo.kasanebak'), 'これはメモです');
  await fileField.fill(join(app.tmpDir, 'memo.kasanebak'));
  await check.click();
  await expect(page.getByText('このファイルは重ねのバックアップではありません。')).toBeVisible();

  // The backup made with the button, opened with the passphrase: what it holds, before anything is replaced.
  await fileField.fill(join(folder, fileName));
  await check.click();
  const contents = page.getByTestId('backup-contents');
  await expect(contents.getByRole('heading', { name: 'このバックアップの中身' })).toBeFocused();
  await expect(contents).toContainText(/作成日時令和\d+年\d+月\d+日 \d{2}:\d{2}/);
  await expect(contents).toContainText(`自治体${VAULT.municipalityName}`);
  await expect(contents).toContainText(`職員${VAULT.staffName}`);
  await expect(contents.getByTestId('backup-counts').getByRole('listitem')).toHaveText(['ケース 1件', '会議 1件', '構成員 1人', '確定した会議録 1件', /^監査ログ \d+件$/]);
  await expect(contents).toContainText(meetingTitle);
  await expect(contents.getByTestId('backup-verified')).toHaveText('問題ありません（データベースの整合性と監査ログのつながりを確認しました）');
  await expect(contents).toContainText('現在の保管庫は上書きせず、別名で残します。');
  expect(existsSync(vaultDir)).toBe(false); // inspecting replaced nothing
  await shot(page, 'backup-07-restore-contents');

  // The confirmation, then the restore.
  await contents.getByRole('button', { name: 'この中身で復元する…' }).click();
  const dialog = page.getByRole('dialog', { name: '復元の確認' });
  await expect(dialog).toContainText('現在の保管庫は上書きせず、別名で残します。');
  await expect(dialog.getByRole('button', { name: 'やめる' })).toBeFocused();
  await shot(page, 'backup-08-restore-confirm');
  await dialog.getByRole('button', { name: '復元する' }).click();

  // Back on the unlock screen, told what happened.
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  const done = page.getByTestId('restore-done');
  await expect(done).toContainText('復元しました');
  await expect(done).toContainText('以前の保管庫はありませんでした（新しいパソコンへの復元）。');
  await expect(page.getByText(VAULT.staffName)).toBeVisible();
  await shot(page, 'backup-09-restored-unlock');

  await page.getByLabel('パスフレーズ', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: '解錠', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();

  // Identical content, and the confirmed minutes hash unchanged.
  expect(contentHash(app, seqBefore)).toBe(hashAtBackup);
  expect(await minutesHashes(app, meetingId)).toEqual(minutesBefore);

  // The restore is in the audit log, and the backup it came from counts as the last good one:
  // no "no backup" warning on the home screen, its time and size in the settings.
  const restoredEntry = db(app).prepare("SELECT details FROM audit_log WHERE action = 'backup.restored'").pluck().get() as string;
  expect(JSON.parse(restoredEntry)).toMatchObject({ fileName, keptAside: null, withRecoveryKey: false });
  await page.waitForLoadState('networkidle');
  await expect(homeWarning(page)).toHaveCount(0);
  await page.getByRole('navigation').getByRole('link', { name: '設定' }).click();
  const restoredSection = page.getByRole('region', { name: 'バックアップ', exact: true });
  const lastGood = restoredSection.getByTestId('backup-last-good');
  await expect(lastGood.locator('time')).toHaveText(lastGoodAtBackup);
  await expect(lastGood).toContainText(/大きさ [\d.]+ (KB|MB)$/);
  await expect(restoredSection.getByText('まだ作成されていません')).toHaveCount(0);
  await shotOf(page, restoredSection, 'backup-09b-settings-after-restore');
  expect(cspViolations).toEqual([]);
});

test('a backup of a large vault shows its real progress, step by step, and the app answers meanwhile', async ({ page, app }) => {
  test.setTimeout(120_000);
  await createVaultThroughUi(page);
  const folder = join(app.tmpDir, 'usb');
  mkdirSync(folder);
  await call(app, 'backup.configure', { folder, daily: false, onLock: false });
  // Scanned materials attached to a meeting: 60 MB that does not compress.
  const { meeting } = await call<{ meeting: { id: string } }>(app, 'meeting.create', {
    type: 'jusoteki',
    date: todayInPage(),
    startTime: '14:00',
    place: '市役所 第1会議室',
    inviteeMemberIds: [],
  });
  const agenda = await call<{ items: { id: string; title: string }[] }>(app, 'agenda.get', { meetingId: meeting.id });
  const item = agenda.items.find((i) => i.title === '報告事項')!;
  for (let i = 0; i < 4; i++) {
    const dataBase64 = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(15 * 1024 * 1024)]).toString('base64');
    await call(app, 'agenda.addMaterial', { itemId: item.id, fileName: `資料${i + 1}.pdf`, mediaType: 'application/pdf', dataBase64 });
  }

  await page.getByRole('navigation').getByRole('link', { name: '設定' }).click();
  const section = page.getByRole('region', { name: 'バックアップ', exact: true });
  await section.getByRole('button', { name: '今すぐバックアップ' }).click();
  // A real bar: a value (percent of the step's bytes) and the step in words.
  const bar = section.getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/);
  await expect(section.getByTestId('backup-progress')).toContainText(/手順 [13]\/3：(保管庫の写しを作っています|バックアップファイルに書き出しています)[\d.]+ (KB|MB) \/ [\d.]+ MB/);
  // The core keeps answering while it runs (the backup is in a worker thread).
  expect((await app.core.dispatch('case.list', {})).ok).toBe(true);
  await shotOf(page, section.locator('.bk-state'), 'backup-15-progress');
  await expect(section.getByTestId('backup-now-status')).toContainText(/バックアップを作成しました：kasane-backup-\d{8}-\d{6}\.kasanebak（[\d.]+ MB、/, { timeout: 60_000 });
  await expect(bar).toHaveCount(0);
  await expect(section.getByRole('button', { name: '今すぐバックアップ' })).toBeEnabled();

  // Locking with a backup on lock: the unlock screen is there at once and says the backup is
  // still being written, until it is done.
  await call(app, 'backup.configure', { onLock: true });
  await page.getByRole('button', { name: /施錠/ }).click();
  const writing = page.getByRole('status').filter({ hasText: 'バックアップを作成しています。終わるまで、パソコンの電源を切らないでください。' });
  await expect(writing).toBeVisible();
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  await shot(page, 'backup-16-lock-backup-running');
  await expect(writing).toHaveCount(0, { timeout: 60_000 });
  expect(readdirSync(folder).filter((n) => n.endsWith('.kasanebak'))).toHaveLength(2);
});

test('restore over an existing vault from the unlock screen: a wrong passphrase is refused in words, the current vault is kept aside', async ({ page, app }) => {
  test.setTimeout(90_000);
  await createVaultThroughUi(page);
  const folder = join(app.tmpDir, 'share');
  mkdirSync(folder);
  await call(app, 'backup.configure', { folder, daily: false, onLock: false });
  await call(app, 'case.register', { initials: 'A.K', receivedOn: todayInPage() });
  const backup = await call<{ fileName: string }>(app, 'backup.now', {});
  await call(app, 'case.register', { initials: 'B.S', receivedOn: todayInPage() }); // after the backup
  expect(await call<unknown[]>(app, 'case.list', {})).toHaveLength(2);

  await page.getByRole('button', { name: /施錠/ }).click();
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  await page.getByRole('button', { name: 'バックアップから復元' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'バックアップから復元' })).toBeVisible();
  await page.getByLabel('バックアップファイルのパス').fill(join(folder, backup.fileName));
  const passField = page.getByLabel('バックアップを作成したときのパスフレーズ');
  await passField.fill(WRONG);
  await page.getByRole('button', { name: '中身を確認' }).click();
  await expect(page.getByText(/^パスフレーズが正しくありません。\d+秒後にもう一度お試しください。$/)).toBeVisible();
  await expect(passField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('backup-contents')).toHaveCount(0);
  await shot(page, 'backup-10-restore-wrong-passphrase');
  // The same screen and message in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Restore from a backup' })).toBeVisible();
  await expect(page.getByText(/^The passphrase is not correct\. Please try again in \d+ s\.$/)).toBeVisible();
  await shot(page, 'backup-10b-restore-wrong-passphrase-en');
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'バックアップから復元' })).toBeVisible();
  // The core slows the next try on this backup (one second after one mistake); the button counts it down.
  await expect(page.getByRole('button', { name: '中身を確認' })).toBeEnabled();

  // Going back changes nothing; the way in again, and the right passphrase.
  await page.getByRole('button', { name: '解錠の画面に戻る' }).click();
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  await expect(page).toHaveTitle('保管庫の解錠 — 重ね');
  await page.getByRole('button', { name: 'バックアップから復元' }).click();
  await page.getByLabel('バックアップファイルのパス').fill(join(folder, backup.fileName));
  await page.getByLabel('バックアップを作成したときのパスフレーズ').fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: '中身を確認' }).click();
  await expect(page.getByTestId('backup-contents')).toContainText('ケース 1件');
  await expect(page.getByTestId('backup-contents')).toContainText('最後に開いた会議ありません');

  // やめる closes the confirmation without replacing anything.
  await page.getByRole('button', { name: 'この中身で復元する…' }).click();
  await page.getByRole('dialog', { name: '復元の確認' }).getByRole('button', { name: 'やめる' }).click();
  await expect(page.getByRole('dialog', { name: '復元の確認' })).toBeHidden();
  await page.getByRole('button', { name: 'この中身で復元する…' }).click();
  await page.getByRole('dialog', { name: '復元の確認' }).getByRole('button', { name: '復元する' }).click();

  const done = page.getByTestId('restore-done');
  await expect(done).toContainText('以前の保管庫は、次のフォルダに別名で残してあります。');
  const keptAside = (await done.locator('code').textContent())!;
  expect(keptAside).toMatch(/vault\.before-restore-\d{8}-\d{6}$/);
  expect(existsSync(join(keptAside, 'kasane.db'))).toBe(true);
  await shot(page, 'backup-11-restored-kept-aside');

  await page.getByLabel('パスフレーズ', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: '解錠', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  expect(await call<unknown[]>(app, 'case.list', {})).toHaveLength(1);
});

test('restore with the recovery key: a typo is named by its group, then the restored vault opens with the key and a new passphrase', async ({ page, app }) => {
  test.setTimeout(90_000);
  await createVaultThroughUi(page);
  const folder = join(app.tmpDir, 'usb');
  mkdirSync(folder);
  await call(app, 'backup.configure', { folder, daily: false, onLock: false });
  const { recoveryKey } = await call<{ recoveryKey: string }>(app, 'staff.createRecoveryKey', {});
  await call(app, 'case.register', { initials: 'A.K', receivedOn: todayInPage() });
  const backup = await call<{ fileName: string }>(app, 'backup.now', {});
  await call(app, 'case.register', { initials: 'B.S', receivedOn: todayInPage() }); // after the backup

  await page.getByRole('button', { name: /施錠/ }).click();
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
  await page.getByRole('button', { name: 'バックアップから復元' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'バックアップから復元' })).toBeFocused();
  await page.getByLabel('バックアップファイルのパス').fill(join(folder, backup.fileName));

  // The choice: a passphrase (the default) or the recovery key, as a labelled radio group.
  const choice = page.getByRole('group', { name: 'バックアップの開き方' });
  await expect(choice.getByRole('radio', { name: 'パスフレーズで開く' })).toBeChecked();
  await choice.getByRole('radio', { name: '回復キーで開く' }).check();
  await expect(page.getByLabel('バックアップを作成したときのパスフレーズ')).toHaveCount(0);
  const keyField = page.getByLabel('回復キー', { exact: true });
  await expect(keyField).toHaveAttribute('placeholder', 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX');

  // A typo in the fifth group: said before any cryptography, naming the group, as on the unlock screen.
  const groups = recoveryKey.split('-');
  groups[4] = (groups[4]![0] === 'A' ? 'B' : 'A') + groups[4]!.slice(1);
  await keyField.fill(groups.join('-'));
  await page.getByRole('button', { name: '中身を確認' }).click();
  await expect(keyField).toHaveAccessibleDescription(/回復キーの形式が正しくありません（5番目のグループに誤りがあります）/);
  await expect(keyField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('backup-contents')).toHaveCount(0);
  await shot(page, 'backup-12-restore-recovery-typo');

  // Typed in lower case with spaces, as people do: accepted.
  await keyField.fill(recoveryKey.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: '中身を確認' }).click();
  const contents = page.getByTestId('backup-contents');
  await expect(contents.getByRole('heading', { name: 'このバックアップの中身' })).toBeFocused();
  await expect(contents).toContainText('ケース 1件');
  await shot(page, 'backup-13-restore-recovery-contents');
  await contents.getByRole('button', { name: 'この中身で復元する…' }).click();
  await page.getByRole('dialog', { name: '復元の確認' }).getByRole('button', { name: '復元する' }).click();

  // The unlock screen says how to get in without a passphrase.
  const done = page.getByTestId('restore-done');
  await expect(done).toContainText('下の「回復キーで解錠」から回復キーで開き、新しいパスフレーズを設定してください。');
  await expect(done).toContainText('以前の保管庫は、次のフォルダに別名で残してあります。');
  await shot(page, 'backup-14-restored-with-recovery-key');

  const NEW_PASSPHRASE = 'ゆうなぎ 灯台 2042 つばくらめ';
  await page.getByRole('link', { name: '回復キーで解錠' }).click();
  await page.getByLabel('回復キー', { exact: true }).fill(recoveryKey);
  await page.getByLabel('新しいパスフレーズ', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByLabel('新しいパスフレーズ（確認）').fill(NEW_PASSPHRASE);
  await page.getByRole('button', { name: '解錠してパスフレーズを設定' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  expect(await call<unknown[]>(app, 'case.list', {})).toHaveLength(1);
});

test('the sample vault never shows the backup warning', async ({ page }) => {
  await page.getByRole('button', { name: 'サンプルデータで試す' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
  await expect(page.getByRole('region', { name: '次の会議' })).toContainText('支援会議');
  // Absence is only meaningful once every call of the page has answered.
  await page.waitForLoadState('networkidle');
  await expect(homeWarning(page)).toHaveCount(0);
});
