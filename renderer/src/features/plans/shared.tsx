import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { KasaneError } from '../../../../shared/contract';
import { PLAN_STATES, type PlanState } from '../../../../shared/domain/plan-approval';
import { plansJa } from '../../../../shared/i18n/plans.ja';
import { errorText } from '../../errors';
import { formErrorText, shortDate } from '../directory/ui';

export const planKeys = {
  list: (caseId: string) => ['plan.list', caseId] as const,
  desk: ['desk.get'] as const,
};

/** The state as a word in a shaped badge (the mark differs by state, so colour is never the only cue). */
export function PlanStateBadge({ state }: { state: PlanState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge pl-state pl-state-${state}`}>
      <span className="pl-state-mark" aria-hidden="true">
        {STATE_MARKS[state]}
      </span>
      {t(`plans.states.${state}`)}
    </span>
  );
}

const STATE_MARKS: Record<PlanState, string> = {
  draft: '✎',
  proposed: '◇',
  appropriate: '◆',
  revise: '↺',
  hold: '‖',
  decided: '●',
  active: '▶',
  under_evaluation: '◎',
  superseded: '—',
  ended: '■',
};

/** 事後報告: pending until the minutes of the meeting that carried it are confirmed. */
export function PostReportBadge({ reported }: { reported: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge pl-post-report${reported ? ' pl-post-report-done' : ''}`}>
      <span aria-hidden="true">{reported ? '✓ ' : '! '}</span>
      {t(reported ? 'plans.postReportDone' : 'plans.postReportPending')}
    </span>
  );
}

/** 期限超過 N日: a word with a mark, never colour alone. */
export function OverdueMark({ days }: { days: number }) {
  const { t } = useTranslation();
  return (
    <span className="badge pl-overdue">
      <span className="pl-overdue-mark" aria-hidden="true">
        !
      </span>
      {t('plans.desk.overdue', { count: days })}
    </span>
  );
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const STATE_BY_JA = new Map(PLAN_STATES.map((s) => [plansJa.states[s], s]));

/** A plan state sent by the core as a code or as its Japanese title (documents' words), or null. */
export function planStateOf(value: unknown): PlanState | null {
  const text = String(value ?? '');
  return (PLAN_STATES as readonly string[]).includes(text) ? (text as PlanState) : (STATE_BY_JA.get(text) ?? null);
}

function stateWords(t: TFunction, value: unknown): string {
  const code = planStateOf(value);
  return code ? t(`plans.states.${code}`) : String(value ?? '');
}

/**
 * The message of a failed plan step: the refusal's reason and states in this language, dates in
 * 和暦; everything else as the shared helpers say it (fields marked beside their inputs).
 */
export function planErrorText(t: TFunction, error: unknown, language: string): string {
  if (!(error instanceof KasaneError) || !error.code.startsWith('plan_')) return formErrorText(t, error);
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(error.details)) {
    details[key] = typeof value === 'string' && ISO.test(value) ? shortDate(value, language) : String(value ?? '');
  }
  if (error.code === 'plan_step_refused') {
    const code = String(error.details.reason ?? error.details.why ?? '');
    details.why = t(`plans.refusals.${code}`, { defaultValue: String(error.details.why ?? '') });
  }
  if ('state' in error.details) details.state = stateWords(t, error.details.state);
  return errorText(t, new KasaneError(error.code, details));
}

/** The dates of a plan in this language (和暦 in Japanese), or the words for "not set". */
export function dateOr(iso: string | null, language: string, none: string): string {
  return iso ? shortDate(iso, language) : none;
}
