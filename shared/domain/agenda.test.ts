import { describe, expect, it } from 'vitest';
import { agendaTiming, caseAllowedOnMeeting, defaultSections, meetingLength, SECTION_TITLES } from './agenda';

describe('default 次第', () => {
  it('支援会議: the full order of DOMAIN.md, with 守秘義務の確認 and 資料回収', () => {
    expect(defaultSections('shien').map((s) => SECTION_TITLES[s])).toEqual([
      '開会', '守秘義務の確認', '出席者確認', '前回決定事項・役割分担の進捗確認', '報告事項', '新規ケース', '継続ケースの評価',
      '終結・中断', '社会資源の状況と開発', 'その他', '次回日程', '資料回収', '閉会',
    ]);
  });
  it('重層的支援会議: the same without the 支援会議-only items', () => {
    const titles = defaultSections('jusoteki').map((s) => SECTION_TITLES[s]);
    expect(titles).not.toContain('守秘義務の確認');
    expect(titles).not.toContain('資料回収');
    expect(titles[0]).toBe('開会');
    expect(titles.at(-1)).toBe('閉会');
    expect(titles).toHaveLength(11);
  });
  it('other meetings start from a short frame', () => {
    expect(defaultSections('other').map((s) => SECTION_TITLES[s])).toEqual(['開会', '出席者確認', '報告事項', 'その他', '次回日程', '閉会']);
  });
});

describe('timing', () => {
  it('totals the minutes and reports an overrun as a number of minutes', () => {
    expect(agendaTiming([{ minutes: 30 }, { minutes: 40 }], 90)).toEqual({ total: 70, over: null });
    expect(agendaTiming([{ minutes: 60 }, { minutes: 40 }], 90)).toEqual({ total: 100, over: 10 });
    expect(agendaTiming([{ minutes: 60 }], null)).toEqual({ total: 60, over: null });
  });
  it('measures a meeting from its times', () => {
    expect(meetingLength('14:00', '15:30')).toBe(90);
    expect(meetingLength('14:00', null)).toBeNull();
  });
});

describe('consent rule', () => {
  it('重層的支援会議 needs valid consent that allows it; 支援会議 and other meetings do not', () => {
    expect(caseAllowedOnMeeting('jusoteki', { valid: true, allowsJusoteki: true })).toBe(true);
    expect(caseAllowedOnMeeting('jusoteki', { valid: true, allowsJusoteki: false })).toBe(false);
    expect(caseAllowedOnMeeting('jusoteki', { valid: false, allowsJusoteki: false })).toBe(false);
    expect(caseAllowedOnMeeting('shien', { valid: false, allowsJusoteki: false })).toBe(true);
    expect(caseAllowedOnMeeting('other', { valid: false, allowsJusoteki: false })).toBe(true);
  });
});
