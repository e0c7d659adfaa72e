import type { DeepStringRecord } from './en';
import type { casesJa } from './cases.ja';

export const casesEn: DeepStringRecord<typeof casesJa> = {
  heading: 'Cases',
};
