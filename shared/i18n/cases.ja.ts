/** UI strings of the cases feature (merged into ja.ts under `cases`). */
export const casesJa = {
  heading: 'ケース',
};
