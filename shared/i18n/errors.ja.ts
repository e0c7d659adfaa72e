import type { ErrorCode } from '../contract/errors';

/** Japanese messages for every error code (interpolation: i18next `{{name}}`). */
export const errorsJa: Record<ErrorCode, string> = {
  validation_failed: '入力内容に誤りがあります。{{fields}} を確認してください。',
  unknown_method: 'この操作はこのバージョンの重ねでは使えません。',
  internal: '予期しないエラーが発生しました（記録番号 {{ref}}）。データは変更されていません。',
  vault_not_found: '保管庫がまだ作成されていません。最初に保管庫を作成してください。',
  vault_exists: 'この場所にはすでに保管庫があります。上書きはしません。',
  vault_locked: '保管庫は施錠されています。パスフレーズで解錠してください。',
  vault_already_unlocked: '保管庫はすでに解錠されています。',
  passphrase_empty: 'パスフレーズを入力してください。',
  passphrase_weak: 'パスフレーズが弱すぎます。12文字以上で、推測されにくい言葉の組み合わせにしてください。',
  wrong_passphrase: 'パスフレーズが正しくありません。{{seconds}}秒後にもう一度お試しください。',
  too_many_attempts: '失敗が続いたため、{{seconds}}秒間は解錠できません。',
  keys_file_missing: '鍵ファイル（kasane.keys）が見つかりません。バックアップから復元するか、管理者に連絡してください。',
  keys_file_corrupt: '鍵ファイル（kasane.keys）が壊れているため開けません。ファイルは変更していません。バックアップから復元してください。',
  keys_file_newer: '鍵ファイルは新しいバージョンの重ねで作られています。重ねを更新してください。',
  db_file_missing: 'データファイル（kasane.db）が見つかりません。バックアップから復元するか、管理者に連絡してください。',
  db_file_corrupt: 'データファイル（kasane.db）が壊れているため開けません。ファイルは変更していません。バックアップから復元してください。',
  db_newer_version: 'この保管庫は新しいバージョンの重ね（形式 {{found}}）で作られています。このバージョン（形式 {{supported}}）では開けません。重ねを更新してください。',
  vault_in_use: '保管庫は別の画面で使用中です（{{by}}、{{since}}から）。そちらを閉じてから開いてください。',
  sample_vault_only: 'この操作はサンプルの保管庫でのみ行えます。',
};
