import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ADMINISTRATOR_METHODS } from '../../shared/contract';
import { MEETING_CHANGES } from '../../shared/domain/meeting-lifecycle';
import { resources } from '../../shared/i18n';

// Messages that name what the core refused by a key nest its words ($t(meetings.changes.{{change}})):
// every key must have them in both languages, or the message would show the key.
describe('nested words in error messages', () => {
  it('names every change of the meeting state machine in ja and en', async () => {
    const i18n = createInstance();
    await i18n.init({ resources, lng: 'ja', interpolation: { escapeValue: false } });
    const en = i18n.getFixedT('en');
    for (const change of MEETING_CHANGES) {
      expect(i18n.exists(`meetings.changes.${change}`, { lng: 'ja' }), change).toBe(true);
      expect(i18n.exists(`meetings.changes.${change}`, { lng: 'en' }), change).toBe(true);
    }
    expect(i18n.t('errors.meeting_frozen_from_check_in', { change: 'uninvite' })).toContain('「招集者の削除」');
    expect(en('errors.meeting_record_closed', { change: 'place' })).toMatch(/^"Place" of a closed meeting/);
  });

  it('names every administrator-only method, and the other things only an administrator decides, in ja and en', async () => {
    const i18n = createInstance();
    await i18n.init({ resources, lng: 'ja', interpolation: { escapeValue: false } });
    for (const what of [...ADMINISTRATOR_METHODS, 'backup.restore', 'import.exemption', 'organization.exemptKind']) {
      expect(i18n.exists(`administratorOnly.${what}`, { lng: 'ja' }), what).toBe(true);
      expect(i18n.exists(`administratorOnly.${what}`, { lng: 'en' }), what).toBe(true);
    }
    expect(i18n.t('errors.administrator_only', { what: 'organization.setExemption' })).toContain('（誓約の適用除外）');
    expect(i18n.getFixedT('en')('errors.administrator_only', { what: 'backup.restore' })).toContain('(restoring a backup)');
  });
});
