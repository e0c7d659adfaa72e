import type { AdministratorMethod } from '../../../shared/contract';

/**
 * What each administrator-only method decides, as the refusal names it (「この操作は管理者のみ
 * 行えます（誓約の適用除外）」). Typed over the contract: a method declared `administrator` without
 * words here does not compile. Why each is an administrator's:
 */
export const ADMINISTRATOR_METHOD_JA: Record<AdministratorMethod, string> = {
  // weakens the pledge gate: who may attend a 支援会議 without a pledge (DOMAIN.md)
  'organization.setExemption': '誓約の適用除外',
  // who holds a key to the vault, and with what rights
  'staff.add': '職員の追加',
  'staff.setRole': '職員の役割の変更',
  'staff.remove': '職員の削除',
  // a second way into the vault, printed and kept by the 課長
  'staff.createRecoveryKey': '回復キーの作り直し',
  // what documents say (municipality, secretariat, case numbers), the idle lock, the size of materials
  'settings.update': '設定の変更',
  // where copies of the whole vault go
  'backup.configure': 'バックアップの設定',
  // the categories every case and the annual report are counted by
  'category.create': '課題の分類の追加',
  'category.rename': '課題の分類の名前の変更',
  'category.retire': '課題の分類の廃止',
  // the duties every pledge states
  'pledge.updateWording': '誓約書の文面の変更',
  // the whole log of who did what leaves the vault
  'audit.pdf': '監査ログの書き出し',
};
