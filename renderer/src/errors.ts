import type { TFunction } from 'i18next';
import { KasaneError } from '../../shared/contract';
import { TransportError } from './transport';

interface Issue {
  path?: unknown;
  code?: unknown;
}

function issuesOf(error: KasaneError): Issue[] {
  const issues = error.details.issues;
  return Array.isArray(issues) ? (issues as Issue[]) : [];
}

function fieldOf(issue: Issue): string {
  if (Array.isArray(issue.path)) return issue.path.map(String).join('.');
  return typeof issue.path === 'string' ? issue.path : '';
}

/** The words for any failure: never a stack trace, never raw error text from the core. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof TransportError) return t(`transport.${error.kind}`);
  if (error instanceof KasaneError) {
    const details: Record<string, unknown> = { ...error.details };
    if (error.code === 'validation_failed') {
      const fields = [...new Set(issuesOf(error).map(fieldOf).filter(Boolean))];
      const labels = fields.map((f) => t(`fields.${f}`, { defaultValue: f }));
      details.fields = labels.length > 0 ? labels.join(t('common.listSeparator')) : String(details.fields ?? '');
    }
    if (error.code === 'internal' && details.ref === undefined) details.ref = '—';
    if (error.code === 'transition_not_allowed') {
      // The core sends status ids and a refusal code; the words are this language's.
      details.from = t(`cases.statuses.${String(details.from)}`);
      details.to = t(`cases.statuses.${String(details.to)}`);
      details.reason = t(`cases.transitionRefusals.${String(details.refusal)}`, { defaultValue: '' });
    }
    return t(`errors.${error.code}`, details);
  }
  return t('errors.internal', { ref: '—' });
}

/** Per-field messages of a `validation_failed` error, keyed by the input's field name. */
export function fieldErrors(t: TFunction, error: unknown): Record<string, string> {
  if (!(error instanceof KasaneError) || error.code !== 'validation_failed') return {};
  const out: Record<string, string> = {};
  for (const issue of issuesOf(error)) {
    const field = fieldOf(issue);
    if (!field || out[field]) continue;
    const code = issue.code === 'too_small' || issue.code === 'too_big' ? issue.code : 'invalid';
    out[field] = t(`validation.${code}`);
  }
  return out;
}

export function isKasaneError(error: unknown, ...codes: string[]): error is KasaneError {
  return error instanceof KasaneError && (codes.length === 0 || codes.includes(error.code));
}
