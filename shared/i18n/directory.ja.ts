/** UI strings of the directory feature (merged into ja.ts under `directory`). */
export const directoryJa = {
  heading: '関係機関・構成員',
};
