import type { Locator, Page } from '@playwright/test';
import { test, expect, createVaultThroughUi, STRONG_PASSPHRASE, VAULT } from './fixtures';
import { call, shot, SHOTS, todayInPage, type Org } from './support';

// Roles (issue 17): 管理者 and 職員. The account that creates the vault is an administrator; the
// decisions that weaken a safeguard are an administrator's, shown to staff disabled with the reason.

const STAFF = { name: '職員 花子', passphrase: 'あおぞら 電車 1987 かもめ' };
const NPO = 'NPO法人ひだまり';
const MEMBER = '日向 みのり';
const REASON = '受託事業の契約で守秘義務を負うため';
const NEW_REASON = '市との委託契約第12条により守秘義務を負うため';

/** A screenshot of the page (`shot`) and one of the part under test, to look at closely. */
async function shots(page: Page, part: Locator, name: string) {
  await shot(page, name);
  await part.screenshot({ path: `${SHOTS}/${name}-part.png` });
}

async function lock(page: Page) {
  await page.getByRole('button', { name: /施錠/ }).click();
  await expect(page.getByRole('heading', { name: '保管庫の解錠' })).toBeVisible();
}

async function unlockAs(page: Page, name: string, passphrase: string) {
  await page.getByRole('radio', { name }).check();
  await page.getByLabel('パスフレーズ', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: '解錠', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ホーム' })).toBeVisible();
}

async function openSettings(page: Page) {
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 1, name: '設定' })).toBeFocused();
}

async function openExemption(page: Page) {
  const heading = page.getByRole('heading', { level: 1, name: '関係機関・構成員' });
  if (!(await heading.isVisible())) {
    await page.keyboard.press('Alt+7');
    await expect(heading).toBeFocused();
  }
  await page.getByRole('button', { name: `誓約の適用除外：${NPO}` }).click();
  const dialog = page.getByRole('dialog', { name: `誓約の適用除外：${NPO}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

/**
 * The contract called straight from the page, as any script in it could: the browser host's
 * POST /rpc/:method with the page's own token (the page runs this text; e2e code has no DOM types).
 */
async function rpcFromPage(page: Page, method: string, input: unknown): Promise<{ ok: boolean; error?: { code: string; details: Record<string, unknown> } }> {
  const script = `fetch('rpc/${method}', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + sessionStorage.getItem('kasane.token'), 'Content-Type': 'application/json' },
    body: ${JSON.stringify(JSON.stringify(input))},
  }).then((response) => response.json())`;
  return (await page.evaluate(script)) as { ok: boolean; error?: { code: string; details: Record<string, unknown> } };
}

test('an administrator adds a staff account; as staff the exemption is disabled with the reason and refused by the contract; the administrator exempts an NPO past the statutory warning, the gate admits its member, the audit log names the administrator', async ({
  page,
  app,
}) => {
  await createVaultThroughUi(page);
  // The header says the role of whoever is signed in.
  await expect(page.getByRole('banner')).toContainText(`職員：${VAULT.staffName}管理者`);

  // The vault's creator is an administrator; their own role cannot be changed (disabled, with the reason).
  await openSettings(page);
  const staffTable = page.getByRole('table', { name: '職員の一覧' });
  const me = staffTable.getByRole('row', { name: new RegExp(VAULT.staffName) });
  await expect(me).toContainText('管理者');
  const ownRole = me.getByRole('button', { name: `${VAULT.staffName}さんの役割を変更` });
  await expect(ownRole).toBeDisabled();
  await expect(ownRole).toHaveAccessibleDescription('自分の役割は変更できません');
  await expect(me).toContainText('自分の役割は変更できません');

  // Add a staff account: the role is chosen, 職員 by default.
  await page.getByRole('button', { name: '職員を追加…' }).click();
  await page.getByLabel('氏名').fill(STAFF.name);
  const roles = page.getByRole('group', { name: '役割' });
  await expect(roles.getByRole('radio', { name: /^職員/ })).toBeChecked();
  await expect(roles.getByRole('radio', { name: /^管理者/ })).not.toBeChecked();
  await page.getByLabel('本人のパスフレーズ', { exact: true }).fill(STAFF.passphrase);
  await page.getByLabel('本人のパスフレーズ（確認）').fill(STAFF.passphrase);
  await page.getByRole('button', { name: '追加する' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${STAFF.name}さんを職員として追加しました。` })).toBeVisible();
  const added = staffTable.getByRole('row', { name: new RegExp(STAFF.name) });
  await expect(added).toContainText('職員');
  await expect(added.getByRole('button', { name: `${STAFF.name}さんの役割を変更` })).toBeEnabled();
  await shots(page, page.getByRole('region', { name: '職員' }), 'roles-1-staff-panel-administrator');

  // An NPO and one of its staff, invited to a 支援会議 today (setup through the core, for speed).
  const today = todayInPage();
  const npo = await call<Org & { kind: string }>(app, 'organization.create', { name: NPO, kind: 'partner', contact: '0123-45-6789' });
  const member = await call<{ id: string }>(app, 'member.create', { name: MEMBER, organizationId: npo.id, title: '相談支援員', startOn: '2020-04-01' });
  await call(app, 'meeting.create', { type: 'shien', date: today, startTime: '10:00', endTime: '11:30', place: '市役所 第2会議室', inviteeMemberIds: [member.id] });

  // ── Signed in as the staff member ──
  await lock(page);
  await unlockAs(page, STAFF.name, STAFF.passphrase);
  await expect(page.getByRole('banner')).toContainText(`職員：${STAFF.name}職員`);

  // The exemption dialog shows the state, with its controls disabled and the reason beside them.
  let dialog = await openExemption(page);
  await expect(dialog.getByText('管理者のみ変更できます')).toBeVisible();
  await expect(dialog).toContainText(`管理者：${VAULT.staffName}`);
  await expect(dialog.getByTestId('exemption-state')).toContainText('適用除外ではありません');
  await expect(dialog.getByLabel('適用除外の理由')).toBeDisabled();
  await expect(dialog.getByRole('checkbox')).toBeDisabled();
  const grant = dialog.getByRole('button', { name: '適用除外にする' });
  await expect(grant).toBeDisabled();
  await expect(grant).toHaveAccessibleDescription(/管理者のみ変更できます/);
  await expect(dialog.getByRole('group')).toHaveAccessibleDescription(/管理者のみ変更できます/);
  await shots(page, dialog, 'roles-2-exemption-dialog-staff');
  await dialog.getByRole('button', { name: '閉じる' }).click();
  await expect(dialog).toBeHidden();

  // The contract itself refuses it, whatever the page does; nothing changes.
  const refused = await rpcFromPage(page, 'organization.setExemption', { id: npo.id, reason: REASON, confirmNotStatutory: true });
  expect(refused).toMatchObject({ ok: false, error: { code: 'administrator_only', details: { what: 'organization.setExemption' } } });
  expect((await call<Array<Org & { pledgeExemptionReason: string | null }>>(app, 'organization.list', {})).find((o) => o.id === npo.id)?.pledgeExemptionReason).toBeNull();

  // The settings that change what documents say are disabled too, each with the reason; 今すぐバックアップ is not.
  await openSettings(page);
  const vaultSettings = page.getByRole('form', { name: '保管庫の設定' });
  await expect(vaultSettings.getByText('管理者のみ変更できます')).toBeVisible();
  await expect(vaultSettings.getByLabel('自治体名')).toBeDisabled();
  await expect(vaultSettings.getByLabel('自治体名')).toHaveValue(VAULT.municipalityName);
  await expect(vaultSettings.getByRole('button', { name: '保管庫の設定を保存' })).toBeDisabled();
  await expect(page.getByRole('form', { name: 'ケース番号' }).getByLabel('ケース番号の形式')).toBeDisabled();
  await expect(page.getByRole('form', { name: '誓約書の文面' }).getByLabel('文面')).toBeDisabled();
  await expect(page.getByLabel('保存先のフォルダ')).toBeDisabled();
  await expect(page.getByRole('button', { name: '職員を追加…' })).toBeDisabled();
  await expect(page.getByRole('button', { name: '職員を追加…' })).toHaveAccessibleDescription('管理者のみ変更できます');
  await expect(page.getByRole('button', { name: `${VAULT.staffName}さんの役割を変更` })).toBeDisabled();
  await expect(page.getByRole('button', { name: `${VAULT.staffName}さんを削除` })).toBeDisabled();
  await expect(page.getByRole('button', { name: '回復キーを作成' })).toBeDisabled();
  // Their own passphrase stays theirs to change.
  await expect(page.getByLabel('現在のパスフレーズ')).toBeEnabled();
  await page.mouse.move(0, 0);
  await shots(page, vaultSettings, 'roles-3-settings-staff');
  await page.getByRole('region', { name: '職員' }).screenshot({ path: `${SHOTS}/roles-3-settings-staff-panel.png` });
  await page.getByRole('form', { name: '誓約書の文面' }).screenshot({ path: `${SHOTS}/roles-3-settings-staff-wording.png` });
  await page.getByRole('region', { name: 'バックアップ' }).screenshot({ path: `${SHOTS}/roles-3-settings-staff-backup.png` });
  await lock(page);

  // ── Signed in as the administrator ──
  await unlockAs(page, VAULT.staffName, STRONG_PASSPHRASE);
  dialog = await openExemption(page);
  await expect(dialog.getByText('管理者のみ変更できます')).toHaveCount(0);
  // An NPO is not bound by statute: a warning, and a confirmation that must be ticked.
  await expect(dialog.getByRole('note')).toContainText('注意：この機関の種別は「関係機関」です');
  await expect(dialog.getByRole('note')).toContainText('NPO法人や民間の会社などは、法令上の守秘義務を負いません');
  await dialog.getByRole('button', { name: '適用除外にする' }).click();
  await expect(dialog.getByText('適用除外の理由を入力してください。')).toBeVisible();
  await expect(dialog.getByLabel('適用除外の理由')).toBeFocused();
  await dialog.getByLabel('適用除外の理由').fill(REASON);
  await dialog.getByRole('button', { name: '適用除外にする' }).click();
  const confirm = dialog.getByRole('checkbox', { name: /管理者として適用除外にします/ });
  await expect(dialog.getByText('「関係機関」を適用除外にするには、上の確認にチェックを入れてください。')).toBeVisible();
  await expect(confirm).toBeFocused();
  await confirm.check();
  await shots(page, dialog, 'roles-4-exemption-dialog-administrator');
  await dialog.getByRole('button', { name: '適用除外にする' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `「${NPO}」を誓約の適用除外にしました。` })).toBeVisible();
  await expect(page.getByRole('table', { name: '関係機関の一覧' }).getByRole('row', { name: new RegExp(NPO) })).toContainText(REASON);

  // 受付 of the 支援会議: the NPO's member is covered by the exemption, without a pledge, and the meeting opens.
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: /^支援会議（.*）を開く/ }).first().click();
  await page.getByRole('button', { name: '受付を開く' }).click();
  const sheet = page.getByRole('table', { name: '受付の一覧' });
  const row = sheet.getByTestId('checkin-row').filter({ hasText: MEMBER });
  await expect(row).toContainText(`機関の誓約免除（${REASON}）`);
  await row.getByLabel(`到着時刻（${MEMBER}）`).fill('09:55');
  await row.getByRole('button', { name: `${MEMBER}さんを出席にする` }).click();
  await expect(row.getByRole('button', { name: `${MEMBER}さんの退席を記録` })).toBeVisible();
  const gate = page.getByRole('region', { name: '開会' });
  await gate.getByRole('button', { name: '開会' }).click();
  await expect(gate.getByText('開会中', { exact: true })).toBeVisible();
  expect(await call<unknown[]>(app, 'pledge.list', {})).toEqual([]);

  // Back at the exemption: a new reason (the confirmation again), then a withdrawal the core refuses on
  // the day the exemption covered someone at a 支援会議, in its own words.
  dialog = await openExemption(page);
  await expect(dialog.getByTestId('exemption-state')).toContainText(`適用除外 ${REASON}`);
  await dialog.getByLabel(/適用除外の理由/).fill(NEW_REASON);
  await dialog.getByRole('checkbox', { name: /管理者として適用除外にします/ }).check();
  await dialog.getByRole('button', { name: '理由を変更する' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `「${NPO}」の適用除外の理由を変更しました。` })).toBeVisible();
  dialog = await openExemption(page);
  await dialog.getByRole('button', { name: '適用除外を取り消す…' }).click();
  const withdraw = page.getByRole('dialog', { name: `「${NPO}」の適用除外を取り消しますか` });
  await expect(withdraw).toContainText('これまでの会議の記録（適用除外による出席）はそのまま残ります');
  await expect(withdraw.getByRole('button', { name: '戻る' })).toBeFocused();
  await withdraw.getByRole('button', { name: '適用除外を取り消す' }).click();
  await expect(withdraw.getByRole('alert')).toContainText(`${MEMBER} さんが`);
  await expect(withdraw.getByRole('alert')).toContainText('その会議の日に免除を取り消すことはできません');
  await shots(page, withdraw, 'roles-4b-exemption-withdrawal-refused');
  await withdraw.getByRole('button', { name: '戻る' }).click();
  await expect(dialog.getByTestId('exemption-state')).toContainText(NEW_REASON);
  await dialog.getByRole('button', { name: 'キャンセル' }).click();

  // The audit log: the exemption by the administrator's name, and the staff member's refused call by theirs.
  await openSettings(page);
  await page.getByRole('button', { name: '監査ログを開く' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '監査ログ' })).toBeVisible();
  const log = page.getByRole('table', { name: '監査ログの記録（新しい順）' });
  const exemptionRows = log.getByRole('row').filter({ hasText: '誓約の適用除外の変更' });
  await expect(exemptionRows).toHaveCount(2);
  for (const r of await exemptionRows.all()) {
    await expect(r).toContainText(VAULT.staffName);
    await expect(r).toContainText(NPO);
  }
  const exemptionRow = exemptionRows.last();
  const refusedRow = log.getByRole('row').filter({ hasText: '管理者のみの操作を止めた' });
  await expect(refusedRow).toHaveCount(1);
  await expect(refusedRow).toContainText(STAFF.name);
  await exemptionRow.getByText(/^詳細（\d+項目）$/).click();
  await expect(exemptionRow).toContainText(REASON);
  await shots(page, exemptionRow, 'roles-5-audit-log');
});

test('an administrator makes a staff member an administrator after a confirmation; the new administrator can then change settings', async ({ page }) => {
  await createVaultThroughUi(page);
  await openSettings(page);
  await page.getByRole('button', { name: '職員を追加…' }).click();
  await page.getByLabel('氏名').fill(STAFF.name);
  await page.getByLabel('本人のパスフレーズ', { exact: true }).fill(STAFF.passphrase);
  await page.getByLabel('本人のパスフレーズ（確認）').fill(STAFF.passphrase);
  await page.getByRole('button', { name: '追加する' }).click();
  const staffTable = page.getByRole('table', { name: '職員の一覧' });
  const row = staffTable.getByRole('row', { name: new RegExp(STAFF.name) });
  await expect(row).toContainText('職員');

  await row.getByRole('button', { name: `${STAFF.name}さんの役割を変更` }).click();
  const dialog = page.getByRole('dialog', { name: `${STAFF.name}さんを管理者にしますか` });
  await expect(dialog).toContainText('誓約の適用除外');
  await expect(dialog).toContainText('あなたの名前で監査ログに記録されます');
  await expect(dialog.getByRole('button', { name: 'やめる' })).toBeFocused();
  await shots(page, dialog, 'roles-6-role-dialog');
  await dialog.getByRole('button', { name: '管理者にする' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `${STAFF.name}さんを管理者にしました。` })).toBeVisible();
  await expect(row).toContainText('管理者');
  await expect(row.getByRole('button', { name: `${STAFF.name}さんの役割を変更` })).toBeFocused();

  await lock(page);
  await unlockAs(page, STAFF.name, STAFF.passphrase);
  await openSettings(page);
  const vaultSettings = page.getByRole('form', { name: '保管庫の設定' });
  await expect(vaultSettings.getByText('管理者のみ変更できます')).toHaveCount(0);
  await vaultSettings.getByLabel('事務局名').fill('福祉あんしん課');
  await vaultSettings.getByRole('button', { name: '保管庫の設定を保存' }).click();
  await expect(vaultSettings.getByRole('status')).toHaveText('保存しました。');
  // The first administrator is now the one whose role they may change, not their own.
  await expect(page.getByRole('button', { name: `${VAULT.staffName}さんの役割を変更` })).toBeEnabled();
  await expect(page.getByRole('button', { name: `${STAFF.name}さんの役割を変更` })).toBeDisabled();
});
