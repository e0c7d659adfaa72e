import { describe, expect, it } from 'vitest';
import { KasaneError } from '../../../shared/contract';
import { describeError } from './messages';

describe('CLI messages', () => {
  it('words a refusal as the app does, nested words included (kasane restore with a staff passphrase)', () => {
    expect(describeError(new KasaneError('administrator_only', { what: 'backup.restore' }))).toBe(
      'この操作は管理者のみ行えます（バックアップからの復元）。管理者（係長・課長など）に依頼してください。',
    );
    expect(describeError(new KasaneError('meeting_not_found'))).toBe('指定された会議が見つかりません。');
  });
});
