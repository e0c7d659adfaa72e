import { errorsJa } from '../../../shared/i18n/errors.ja';
import { KasaneError } from '../../../shared/contract';

/** A typed error in the words the user reads in the app (documents and CLI speak Japanese). */
export function describeError(err: unknown): string {
  if (!(err instanceof KasaneError)) return errorsJa.internal.replace('{{ref}}', 'cli');
  return errorsJa[err.code].replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(err.details[key] ?? ''));
}
