export type Section = 'home' | 'meetings' | 'cases' | 'pledges' | 'roles' | 'settings' | 'directory';

/**
 * The left navigation, in order: Alt+1 … Alt+7. 関係機関 came after 設定 was already Alt+6, so it
 * takes Alt+7 rather than moving the shortcuts staff already know.
 */
export const SECTIONS: readonly { id: Section }[] = [
  { id: 'home' },
  { id: 'meetings' },
  { id: 'cases' },
  { id: 'pledges' },
  { id: 'roles' },
  { id: 'settings' },
  { id: 'directory' },
];
