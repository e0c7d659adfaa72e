import { errorsJa } from '../../../shared/i18n/errors.ja';
import { ja } from '../../../shared/i18n/ja';
import { KasaneError } from '../../../shared/contract';

/** A key of the Japanese strings (`administratorOnly.backup.restore`), as a message nests it with $t(…). */
function nested(key: string): string {
  const value = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), ja);
  return typeof value === 'string' ? value : key;
}

/** A typed error in the words the user reads in the app (documents and CLI speak Japanese). */
export function describeError(err: unknown): string {
  if (!(err instanceof KasaneError)) return errorsJa.internal.replace('{{ref}}', 'cli');
  const text = errorsJa[err.code].replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(err.details[key] ?? ''));
  return text.replace(/\$t\(([\w.]+)\)/g, (_, key: string) => nested(key));
}
