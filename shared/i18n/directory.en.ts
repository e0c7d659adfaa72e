import type { DeepStringRecord } from './en';
import type { directoryJa } from './directory.ja';

export const directoryEn: DeepStringRecord<typeof directoryJa> = {
  heading: 'Organizations and members',
};
