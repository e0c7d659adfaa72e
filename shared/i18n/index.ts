import { ja } from './ja';
import { en } from './en';

export { ja } from './ja';
export { en, type DeepStringRecord } from './en';
export { errorsJa } from './errors.ja';
export { errorsEn } from './errors.en';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** i18next resources: Japanese first (the default), English complete. */
export const resources = {
  ja: { translation: ja },
  en: { translation: en },
} as const;
