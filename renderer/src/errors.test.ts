import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { KasaneError } from '../../shared/contract';
import { resources } from '../../shared/i18n';
import { errorText, fieldErrors } from './errors';
import { TransportError } from './transport';

const i18n = i18next.createInstance();
await i18n.init({ resources, lng: 'ja', interpolation: { escapeValue: false }, initAsync: false });
const t = i18n.t.bind(i18n);

describe('errorText', () => {
  it('words a refused status change in the UI language', async () => {
    const error = new KasaneError('transition_not_allowed', { from: 'received', to: 'consented', refusal: 'consent_required' });
    expect(errorText(t, error)).toBe('ケースを「受付」から「同意取得」に進めることはできません。有効な本人同意が必要です。');
    const en = i18next.createInstance();
    await en.init({ resources, lng: 'en', interpolation: { escapeValue: false }, initAsync: false });
    expect(errorText(en.t.bind(en), error)).not.toMatch(/[ぁ-んァ-ン]/);
  });

  it('names the invalid fields by their labels, not their paths', () => {
    const error = new KasaneError('validation_failed', {
      fields: 'staffName, municipalityName',
      issues: [
        { path: 'staffName', code: 'too_small' },
        { path: 'municipalityName', code: 'too_big' },
      ],
    });
    expect(errorText(t, error)).toBe('入力内容に誤りがあります。最初の職員の氏名、自治体名 を確認してください。');
    expect(fieldErrors(t, error)).toEqual({ staffName: '入力してください。', municipalityName: '長すぎます。短くしてください。' });
  });

  it('interpolates details and never shows raw error text', () => {
    expect(errorText(t, new KasaneError('wrong_passphrase', { seconds: 4, retryAfterMs: 4000 }))).toBe(
      'パスフレーズが正しくありません。4秒後にもう一度お試しください。',
    );
    expect(errorText(t, new Error('SQLITE_CORRUPT at /home/x/kasane.db'))).toContain('予期しないエラーが発生しました');
    expect(errorText(t, new Error('boom'))).not.toContain('boom');
    expect(errorText(t, new TransportError('forbidden'))).toContain('kasane コマンド');
  });
});
