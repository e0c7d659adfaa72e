export type Section = 'home' | 'meetings' | 'cases' | 'pledges' | 'roles' | 'settings';

/** The left navigation, in order: Alt+1 … Alt+6. */
export const SECTIONS: readonly { id: Section }[] = [
  { id: 'home' },
  { id: 'meetings' },
  { id: 'cases' },
  { id: 'pledges' },
  { id: 'roles' },
  { id: 'settings' },
];
