/** UI strings of the staff feature (merged into ja.ts under `staff`). */
export const staffJa = {
  heading: '職員',
};
