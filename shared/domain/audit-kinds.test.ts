import { describe, expect, it } from 'vitest';
import { AUDIT_DETAIL_MAX_CHARS, AUDIT_GROUPS, KNOWN_AUDIT_ACTIONS, actionsOfGroups, auditDetailEntries, auditGroupOf, type AuditDetailWords } from './audit-kinds';

const WORDS: AuditDetailWords = {
  yes: 'はい',
  no: 'いいえ',
  separator: '、',
  keyLabel: (k) => ({ recipients: '配付先', document: '文書', changed: '変更した項目' })[k] ?? k,
  tableLabel: (table, v) => (table === 'documents' ? ({ agenda: '次第' } as Record<string, string>)[v] : table === 'fieldNames' ? ({ fullName: '氏名' } as Record<string, string>)[v] : undefined),
};

describe('audit kinds', () => {
  it('puts the kinds a person asks about in their own groups', () => {
    expect(auditGroupOf('vault.unlocked')).toBe('unlock');
    expect(auditGroupOf('vault.unlock_failed')).toBe('unlock_failed');
    expect(auditGroupOf('case.revealed')).toBe('reveal');
    expect(actionsOfGroups(['gate']).sort()).toEqual(['gate.exemption_used', 'gate.late_arrival_covered', 'gate.refused']);
    expect(actionsOfGroups(['export'])).toEqual(['document.exported', 'document.released']);
    expect(actionsOfGroups(['minutes']).sort()).toEqual(['minutes.amendment_started', 'minutes.confirmed']);
    expect(actionsOfGroups(['backup']).sort()).toEqual(['backup.configured', 'backup.created', 'backup.failed', 'backup.restored']);
  });

  it('sends an action it does not know to その他, and every group but その他 has actions', () => {
    expect(auditGroupOf('backup.something_new')).toBe('other');
    expect(auditGroupOf('')).toBe('other');
    expect(auditGroupOf('__proto__')).toBe('other');
    for (const g of AUDIT_GROUPS) expect(actionsOfGroups([g]).length, g).toBeGreaterThan(0);
    // Each known action is in exactly one group.
    const all = AUDIT_GROUPS.flatMap((g) => actionsOfGroups([g]));
    expect(all.sort()).toEqual([...KNOWN_AUDIT_ACTIONS].sort());
  });
});

describe('audit details as text', () => {
  it('names ids, puts coded values into words, and says yes/no', () => {
    const entries = auditDetailEntries(
      { document: 'agenda', recipients: ['m1', 'm2', 'gone'], preview: false, changed: ['fullName', 'place'] },
      { m1: '見本 一郎（福祉課）', m2: '架空 さくら（社会福祉協議会）' },
      WORDS,
    );
    expect(entries).toEqual([
      { key: 'document', label: '文書', text: '次第' },
      { key: 'recipients', label: '配付先', text: '見本 一郎（福祉課）、架空 さくら（社会福祉協議会）、gone' },
      { key: 'preview', label: 'preview', text: 'いいえ' },
      { key: 'changed', label: '変更した項目', text: '氏名、place' },
    ]);
  });

  it('shows nested objects as text and cuts anything too long', () => {
    const [nested] = auditDetailEntries({ coverage: [{ memberId: 'm1', by: 'exemption' }] }, { m1: '見本 一郎' }, WORDS);
    expect(nested!.text).toBe('（memberId: 見本 一郎、by: exemption）');
    const [long] = auditDetailEntries({ value: 'あ'.repeat(1000) }, {}, WORDS);
    expect(long!.text).toHaveLength(AUDIT_DETAIL_MAX_CHARS + 1);
    expect(long!.text.endsWith('…')).toBe(true);
  });
});
