import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import type { BackupStatus } from '../../../../shared/contract';
import { resources } from '../../../../shared/i18n';
import { attemptError, backupConcerns, formatBytes, formatDuration } from './logic';

const status = (over: Partial<BackupStatus> & { folder?: string | null }): BackupStatus => ({
  settings: { folder: over.folder === undefined ? 'E:\\backup' : over.folder, keep: 30, daily: true, onLock: true },
  lastGood: null,
  lastAttempt: null,
  folderReachable: true,
  stale: true,
  files: [],
  ...over,
});
const good = (at: string) => ({ at, folder: 'E:\\backup', fileName: 'kasane-backup-x.kasanebak', sizeBytes: 1, durationMs: 1, trigger: 'manual' as const, ok: true, errorCode: null });
const now = new Date('2026-11-23T10:00:00+09:00');

describe('the home warning', () => {
  it('says nothing when the folder is reachable and the last good backup is recent', () => {
    expect(backupConcerns(status({ stale: false, lastGood: good('2026-11-22T10:00:00+09:00') }), now)).toEqual([]);
  });

  it('names a missing folder and that there was never a backup', () => {
    expect(backupConcerns(status({ folder: null, folderReachable: false }), now).map((c) => c.kind)).toEqual(['notSet', 'never']);
  });

  it('names the unreachable folder even when the last backup is recent', () => {
    expect(backupConcerns(status({ folderReachable: false, stale: false, lastGood: good('2026-11-22T10:00:00+09:00') }), now)).toEqual([
      { kind: 'unreachable', folder: 'E:\\backup' },
    ]);
  });

  it('counts the whole days since an old backup', () => {
    expect(backupConcerns(status({ stale: true, lastGood: good('2026-11-10T09:00:00+09:00') }), now)).toEqual([
      { kind: 'old', at: '2026-11-10T09:00:00+09:00', days: 13 },
    ]);
  });
});

describe('sizes, durations and recorded failures in words', () => {
  const i18n = i18next.createInstance();
  void i18n.init({ resources, lng: 'ja', initAsync: false, interpolation: { escapeValue: false } });
  const ja = i18n.getFixedT('ja');
  const en = i18n.getFixedT('en');

  it('picks the unit a person reads', () => {
    expect(formatBytes(ja, 812, 'ja')).toBe('812 バイト');
    expect(formatBytes(ja, 48 * 1024 + 100, 'ja')).toBe('48 KB');
    expect(formatBytes(en, 3.44 * 1024 ** 2, 'en')).toBe('3.4 MB');
    expect(formatBytes(en, 1.25 * 1024 ** 3, 'en')).toBe('1.25 GB');
  });

  it('gives tenths under ten seconds, whole seconds under a minute, then minutes', () => {
    expect(formatDuration(ja, 420, 'ja')).toBe('0.4秒');
    expect(formatDuration(ja, 12_345, 'ja')).toBe('12秒');
    expect(formatDuration(ja, 125_000, 'ja')).toBe('2分05秒');
    expect(formatDuration(en, 125_000, 'en')).toBe('2 min 05 s');
  });

  it('turns a recorded error code into the translated message naming the folder', () => {
    const error = attemptError('backup_folder_unreachable', 'E:\\backup');
    expect(ja(`errors.${error.code}`, error.details)).toContain('E:\\backup');
    expect(attemptError('something_new', 'E:\\backup').code).toBe('internal');
  });
});
