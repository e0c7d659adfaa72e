/** 持ち出しの記録: asked before a document is saved as a file or printed, kept in the audit log. */
export const releaseJa = {
  legend: '持ち出しの記録',
  intro: '保存・印刷する前に、渡す相手と目的を入力してください。ファイル名・ハッシュとともに監査ログに記録されます。',
  recipient: '宛先（渡す相手）',
  recipientHint: '例：福祉課、地域包括支援センター、出席者（机上配付）、事務局保管',
  purpose: '目的',
  purposeHint: '例：会議資料の事前送付、会議当日の配付、監査への提出',
  missing: '宛先と目的を入力してから、保存または印刷してください。',
  recording: '持ち出しを記録しています…',
  recorded: '監査ログに記録しました（宛先：{{recipient}}、目的：{{purpose}}）。',
  save: '保存',
  saved: '「{{fileName}}」を保存しました。',
};
