import Encoding from 'encoding-japanese';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview, Member, Organization } from '../../../shared/contract';
import { VAULT_INPUT, tempHome, testCore } from '../testing/temp-vault';
import type { KasaneCore } from '../app';

let t: ReturnType<typeof tempHome>;
let core: KasaneCore;
beforeEach(async () => {
  t = tempHome();
  core = testCore(t.paths, () => new Date('2026-11-23T09:00:00+09:00'));
  expect((await core.dispatch('vault.create', VAULT_INPUT)).ok).toBe(true);
});
afterEach(async () => {
  await core.close();
  t.cleanup();
});

const utf8 = (text: string) => Buffer.from(`\uFEFF${text}`, 'utf8').toString('base64');
const sjis = (text: string) => Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' })).toString('base64');
const call = (method: string, input: unknown) => core.dispatch(method, input);
const organizations = async () => ((await call('organization.list', {})) as { value: Organization[] }).value;

const ORGS = '名称,種別,連絡先\r\nNPO法人 ひだまり,関係機関,0000-11-2222\r\n髙島屋町 地区社協,委託先,\r\n';

describe('CSV import of the directory', () => {
  it('previews a UTF-8 file from Excel (BOM, CRLF) without writing anything', async () => {
    const r = await call('directory.importPreview', { kind: 'organizations', dataBase64: utf8(ORGS) });
    expect(r).toMatchObject({ ok: true, value: { encoding: 'UTF-8', columns: ['名称', '種別', '連絡先'], validRows: 2, invalidRows: 0 } });
    expect((await organizations()).some((o) => o.name === 'NPO法人 ひだまり')).toBe(false);
  });

  it('reads Shift_JIS, as Excel on Japanese Windows saves CSV, and imports on confirmation', async () => {
    const preview = await call('directory.importPreview', { kind: 'organizations', dataBase64: sjis(ORGS) });
    expect(preview).toMatchObject({ ok: true, value: { encoding: 'Shift_JIS', validRows: 2 } });
    expect((preview as { value: ImportPreview }).value.rows[1]!.values['名称']).toBe('髙島屋町 地区社協');
    expect(await call('directory.importCommit', { kind: 'organizations', dataBase64: sjis(ORGS), skipInvalid: false })).toEqual({ ok: true, value: { imported: 2, skipped: 0 } });
    const orgs = await organizations();
    expect(orgs.find((o) => o.name === 'NPO法人 ひだまり')).toMatchObject({ kind: 'partner', contact: '0000-11-2222' });
    expect(orgs.find((o) => o.name === '髙島屋町 地区社協')).toMatchObject({ kind: 'contractor', contact: null });
  });

  it('reports per-row problems and writes nothing unless told to skip them', async () => {
    const csv = '名称,種別\n社会福祉協議会,委託先\n,関係機関\n新しい団体,会社\nNPO A,関係機関\nNPO A,関係機関\n';
    const r = (await call('directory.importPreview', { kind: 'organizations', dataBase64: utf8(csv) })) as { value: ImportPreview };
    expect(r.value.rows.map((row) => [row.line, row.problems.map((p) => `${p.column}:${p.code}`)])).toEqual([
      [2, ['名称:duplicate']],
      [3, ['名称:required']],
      [4, ['種別:unknown_kind']],
      [5, []],
      [6, ['名称:duplicate']],
    ]);
    const before = (await organizations()).length;
    expect(await call('directory.importCommit', { kind: 'organizations', dataBase64: utf8(csv), skipInvalid: false })).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect((await organizations()).length).toBe(before);
    expect(await call('directory.importCommit', { kind: 'organizations', dataBase64: utf8(csv), skipInvalid: true })).toEqual({ ok: true, value: { imported: 1, skipped: 4 } });
  });

  it('imports members into existing organizations, with dates as Excel writes them', async () => {
    const csv = '氏名,ふりがな,所属機関,職名,開始日\n見本 一郎,みほん いちろう,福祉課,主査,2026/4/1\n架空 花子,,どこにもない課,,\n例示 次郎,,健康課,,2026-13-01\n';
    const r = (await call('directory.importPreview', { kind: 'members', dataBase64: utf8(csv) })) as { value: ImportPreview };
    expect(r.value.rows.map((row) => row.problems.map((p) => p.code))).toEqual([[], ['unknown_organization'], ['bad_date']]);
    await call('directory.importCommit', { kind: 'members', dataBase64: utf8(csv), skipInvalid: true });
    const members = ((await call('member.list', {})) as { value: Member[] }).value;
    expect(members.map((m) => [m.name, m.current?.organizationName, m.current?.startOn])).toEqual([['見本 一郎', '福祉課', '2026-04-01']]);
  });

  it('wrong columns, an empty file and an unreadable encoding each give their own error', async () => {
    expect(await call('directory.importPreview', { kind: 'members', dataBase64: utf8(ORGS) })).toMatchObject({
      ok: false,
      error: { code: 'import_wrong_columns', details: { found: '名称、種別、連絡先' } },
    });
    expect(await call('directory.importPreview', { kind: 'organizations', dataBase64: utf8('名称,種別\n') })).toMatchObject({ ok: false, error: { code: 'import_empty' } });
    const utf16 = Buffer.from(`\uFEFF${ORGS}`, 'utf16le').toString('base64');
    expect(await call('directory.importPreview', { kind: 'organizations', dataBase64: utf16 })).toMatchObject({ ok: false, error: { code: 'import_bad_encoding' } });
    expect(await call('directory.importPreview', { kind: 'organizations', dataBase64: '###' })).toMatchObject({ ok: false, error: { code: 'import_bad_encoding' } });
  });
});
