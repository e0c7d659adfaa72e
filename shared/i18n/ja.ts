import { errorsJa } from './errors.ja';
import { staffJa } from './staff.ja';
import { directoryJa } from './directory.ja';
import { casesJa } from './cases.ja';
import { meetingsJa } from './meetings.ja';
import { pledgesJa } from './pledges.ja';
import { rolesJa } from './roles.ja';
import { attendanceJa } from './attendance.ja';
import { minutesJa } from './minutes.ja';
import { auditJa } from './audit.ja';
import { backupJa } from './backup.ja';
import { plansJa } from './plans.ja';
import { releaseJa } from './release.ja';

/**
 * Japanese UI strings (the default language). `en.ts` must have exactly the same keys; both the
 * type of `en` and `i18n.test.ts` check it. Interpolation: i18next `{{name}}`.
 */
export const ja = {
  app: {
    name: '重ね',
    tagline: '重層的支援体制整備事業 事務局のための会議・誓約・支援管理',
    documentTitle: '{{page}} — 重ね',
    loading: '読み込んでいます…',
  },
  common: {
    saving: '保存しています…',
    saved: '保存しました。',
    close: '閉じる',
    required: '必須',
    show: '表示',
    hide: '隠す',
    minutes: '分',
    listSeparator: '、',
  },
  transport: {
    forbiddenTitle: 'この画面は使えなくなりました',
    forbidden:
      'この画面の接続は受け付けられませんでした。kasane コマンドを実行したときに表示されたURLから、重ねを開き直してください。',
    unreachableTitle: '重ねに接続できません',
    unreachable:
      '重ねの本体に接続できません。kasane コマンドが終了した可能性があります。コマンドを起動し直し、表示されたURLから開き直してください。',
    retry: 'もう一度接続する',
  },
  fields: {
    municipalityName: '自治体名',
    secretariatName: '事務局名',
    staffName: '最初の職員の氏名',
    staffId: '職員',
    passphrase: 'パスフレーズ',
    passphraseConfirm: 'パスフレーズ（確認）',
    idleLockMinutes: '自動施錠までの時間',
  },
  validation: {
    too_small: '入力してください。',
    too_big: '長すぎます。短くしてください。',
    invalid: '入力内容を確認してください。',
    required: '入力してください。',
    outOfRange: '{{min}}から{{max}}までの数を入力してください。',
  },
  passphrase: {
    showLabel: 'パスフレーズを表示',
    hideLabel: 'パスフレーズを隠す',
    strengthLabel: '強さ',
    strength: {
      empty: '未入力',
      weak: '弱い',
      fair: 'やや弱い',
      good: '普通',
      strong: '強い',
    },
    problems: {
      too_short: '12文字以上にしてください（いま{{length}}文字）。',
      one_kind: '文字の種類が1種類だけです。数字・記号・かな漢字などを混ぜるか、20文字以上にしてください。',
      repetitive: '同じ文字の繰り返しや、123・abc のような連続した並びが多すぎます。',
      common: 'よく使われる言葉です。推測されやすいため使えません。',
      contains_name: '自治体名や氏名が大部分を占めています。ほかの言葉を足してください。',
    },
    acceptable: 'このパスフレーズは使えます。',
    mismatch: '確認のパスフレーズが一致しません。',
    match: '確認のパスフレーズが一致しています。',
    hint: '思い出しやすく、他人には推測されにくい言葉を組み合わせた、12文字以上の文にしてください（例：窓辺の青い椅子で2回お茶を飲む）。',
  },
  firstRun: {
    heading: '重ねへようこそ',
    intro1: '重ねは、重層的支援会議・支援会議の準備、守秘義務誓約、会議録、役割分担と支援プランの進み具合を、事務局のパソコンの中だけで管理するソフトです。',
    intro2: 'データはすべて暗号化された「保管庫」に保存され、インターネットには送られません。最初に保管庫を作成してください。',
    formHeading: '保管庫を作成',
    organizationLegend: '自治体と事務局',
    staffLegend: '最初の職員',
    passphraseLegend: 'パスフレーズ',
    municipalityExample: '例：○○市',
    secretariatExample: '例：福祉課',
    staffExample: '例：山田 花子',
    forgetWarning: 'パスフレーズを忘れると保管庫は開けません。職員ごとに別のパスフレーズを設定できます。',
    submit: '保管庫を作成',
    submitting: '作成しています…',
    submitDisabledHint: 'パスフレーズが十分に強く、確認と一致すると作成できます。',
    sampleHeading: 'まず試してみる',
    sampleText:
      '架空の自治体の、架空のデータが入ったサンプルの保管庫で操作を試せます。本番の保管庫とは別のファイルで、本番のデータには影響しません。',
    sampleButton: 'サンプルデータで試す',
    sampleOpening: 'サンプルを開いています…',
    sampleMissingHeading: 'サンプルの保管庫はまだありません',
    sampleMissingText: 'サンプルの保管庫を作成して開くか、本番の保管庫に戻ってください。',
  },
  unlock: {
    heading: '保管庫の解錠',
    intro: '保管庫は施錠されています。職員を選び、パスフレーズを入力してください。',
    introSingle: '保管庫は施錠されています。パスフレーズを入力してください。',
    backupRunning: 'バックアップを作成しています。終わるまで、パソコンの電源を切らないでください。',
    staffLegend: '職員',
    submit: '解錠',
    submitting: '確認しています…',
    waiting: 'あと{{seconds}}秒お待ちください',
    problemHeading: '保管庫を開けません',
    sampleBanner: 'サンプル',
    sampleTitle: 'サンプルの保管庫です',
    sampleText: '架空のデータだけが入っています。実在の方の情報は入力しないでください。',
    sampleHint: 'サンプルのパスフレーズ：',
    switchToMain: '本番の保管庫に切り替える',
    trySample: 'サンプルデータで試す',
    trySampleText: '架空のデータで操作を試せます（本番の保管庫とは別です）。',
    switching: '切り替えています…',
  },
  shell: {
    skipToMain: '本文へ移動',
    signedInAs: '職員：{{name}}',
    today: '今日',
    lock: '施錠',
    locking: '施錠しています…',
    lockShortcut: 'Ctrl+L',
    lockShortcutMac: '⌘L',
    navLabel: '機能',
    sampleBanner: 'サンプル',
    sampleText: 'サンプルの保管庫を使用中です。すべて架空のデータです。実在の方の情報は入力しないでください。',
    leaveSample: '本番の保管庫に戻る',
    help: 'キーボード操作',
  },
  nav: {
    home: 'ホーム',
    meetings: '会議',
    cases: 'ケース',
    pledges: '誓約書',
    roles: '役割分担',
    settings: '設定',
    directory: '関係機関',
    desk: '会議間の進捗',
  },
  shortcuts: {
    heading: 'キーボード操作',
    intro: 'どの画面でも次のキーが使えます。',
    keyColumn: 'キー',
    actionColumn: '操作',
    section: '「{{name}}」を開く',
    lock: '保管庫を施錠する',
    help: 'この一覧を開く',
    close: 'この一覧を閉じる',
  },
  /** What an administrator-only refusal names (errors.administrator_only: the method, or what else needed an administrator). */
  administratorOnly: {
    organization: { setExemption: '誓約の適用除外', exemptKind: '誓約免除のある機関の種別の変更' },
    staff: { add: '職員の追加', setRole: '職員の役割の変更', remove: '職員の削除', createRecoveryKey: '回復キーの作り直し' },
    settings: { update: '設定の変更' },
    backup: { configure: 'バックアップの設定', restore: 'バックアップからの復元' },
    category: { create: '課題の分類の追加', rename: '課題の分類の名前の変更', retire: '課題の分類の廃止' },
    pledge: { updateWording: '誓約書の文面の変更' },
    audit: { pdf: '監査ログの書き出し' },
    import: { exemption: 'CSVでの誓約免除の登録' },
  },
  home: {
    heading: 'ホーム',
    nextMeetingHeading: '次の会議',
    rolesNotice: {
      heading: '職員の役割（管理者・職員）を設定できるようになりました',
      body: '誓約の適用除外、職員の追加・削除、回復キー、設定の変更などは「管理者」だけが行えます。これまでのアカウントはすべて管理者になっています。係長・課長など決定する人以外は「職員」に変更してください。',
      open: '設定で役割を確認する',
      dismiss: '閉じる',
    },
    noNextMeeting: '予定されている会議はありません。',
    noNextMeetingDetail: '会議の画面（Alt+2）で会議を計画すると、いちばん近い会議の日時と場所がここに表示されます。',
    date: '日付',
    time: '時刻',
    place: '場所',
    notSet: '未定',
    countsHeading: '登録状況',
    meetingTypes: {
      jusoteki: '重層的支援会議',
      shien: '支援会議',
      other: 'その他の会議',
    },
    tiles: {
      meetings: '会議',
      upcoming: '今後の予定',
      past: '開催済み',
      cases: 'ケース',
      openCases: '支援中・検討中',
      pledges: '誓約書',
      pledgesCount: '登録済み',
      roles: '役割分担',
      openRoles: '未完了',
      overdueRoles: '期限超過',
      organizations: '関係機関',
      organizationsCount: '登録済み',
    },
    empty: {
      meetings: 'まだ会議はありません。重層的支援会議・支援会議を登録すると、今後の予定と開催済みの件数が表示されます。',
      cases: 'まだケースはありません。相談を受け付けたケースを登録すると、支援中・検討中の件数が表示されます。',
      pledges: 'まだ誓約書はありません。支援会議の出席者の守秘義務誓約書を登録すると、件数が表示されます。',
      roles: 'まだ役割分担はありません。会議で決めた「誰が・何を・いつまでに」を登録すると、未完了の件数が表示されます。',
      organizations: 'まだ関係機関はありません。会議に参加する機関を登録すると、件数が表示されます。',
    },
    notBuilt: {
      meetings: '会議の管理は今後のバージョンで追加されます。',
      cases: 'ケースの管理は今後のバージョンで追加されます。',
      pledges: '誓約書の管理は今後のバージョンで追加されます。登録すると、ここに件数が表示されます。',
      roles: '役割分担の管理は今後のバージョンで追加されます。登録すると、ここに未完了の件数が表示されます。',
      organizations: '関係機関の管理は今後のバージョンで追加されます。',
    },
    laterVersion: '一覧画面は今後のバージョンで追加されます。',
  },
  sections: {
    meetings: {
      heading: '会議',
      description:
        '重層的支援会議と支援会議の日程、次第、出席者、配布資料の回収、会議録を管理します。支援会議では、出席者全員の守秘義務誓約を確認してから開会できます。',
    },
    cases: {
      heading: 'ケース',
      description:
        '相談を受け付けたケースを、受付から本人同意、アセスメント、支援プラン、支援決定、評価、終結まで記録します。会議資料にはケース番号とイニシャルだけを載せます。',
    },
    pledges: {
      heading: '誓約書',
      description:
        '支援会議の出席者の守秘義務誓約を管理します。会議ごと・年度ごとの誓約や機関単位の名簿による誓約を登録し、会議の日に有効な誓約がない出席者を知らせます。',
    },
    roles: {
      heading: '役割分担',
      description:
        '会議で決めた役割分担（誰が・何を・いつまでに）を記録し、未完了や期限切れのものを機関ごとに一覧にして、次の会議で進み具合を確認できるようにします。',
    },
    notYet: 'この機能は今後のバージョンで追加されます。',
  },
  settings: {
    heading: '設定',
    displayHeading: '表示',
    displayNote: '表示言語と文字の大きさは、このパソコンに保存されます。',
    languageLegend: '表示言語',
    languages: {
      ja: '日本語',
      en: 'English',
    },
    textSizeLegend: '文字の大きさ',
    textSizes: {
      standard: '標準（16px）',
      large: '大きい（18px）',
      'x-large': 'とても大きい（20px）',
    },
    displaySaved: '表示の設定を保存しました。',
    vaultHeading: '保管庫の設定',
    idleLockHelp: '操作しない時間がこの分数を過ぎると、保管庫は自動的に施錠されます（{{min}}〜{{max}}分）。',
    saveVault: '保管庫の設定を保存',
  },
  staff: staffJa,
  directory: directoryJa,
  cases: casesJa,
  meetings: meetingsJa,
  pledges: pledgesJa,
  attendance: attendanceJa,
  roles: rolesJa,
  minutes: minutesJa,
  audit: auditJa,
  backup: backupJa,
  plans: plansJa,
  release: releaseJa,
  errors: errorsJa,
};
