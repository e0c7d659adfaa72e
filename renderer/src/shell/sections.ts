export type Section = 'home' | 'meetings' | 'cases' | 'pledges' | 'roles' | 'settings' | 'directory' | 'desk';

/**
 * The left navigation, in order: Alt+1 … Alt+8. 関係機関 came after 設定 was already Alt+6, so it
 * takes Alt+7 rather than moving the shortcuts staff already know; 会議間の進捗 came later still (Alt+8).
 */
export const SECTIONS: readonly { id: Section }[] = [
  { id: 'home' },
  { id: 'meetings' },
  { id: 'cases' },
  { id: 'pledges' },
  { id: 'roles' },
  { id: 'settings' },
  { id: 'directory' },
  { id: 'desk' },
];
