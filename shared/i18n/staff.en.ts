import type { DeepStringRecord } from './en';
import type { staffJa } from './staff.ja';

export const staffEn: DeepStringRecord<typeof staffJa> = {
  heading: 'Staff',
};
