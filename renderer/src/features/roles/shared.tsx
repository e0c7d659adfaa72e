import { useTranslation } from 'react-i18next';
import type { RoleStatus } from '../../../../shared/contract/minutes';

export const roleKeys = {
  /** Every `role.list` query (invalidated after progress is recorded). */
  list: ['role.list'] as const,
  stats: ['role.overdueStats'] as const,
};

/** 未着手 / 実施中 / 完了 / 中止: a word in a shaped badge, never colour alone. */
export function RoleStatusBadge({ status }: { status: RoleStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge role-status role-status-${status}`}>
      <span className="role-status-mark" aria-hidden="true">
        {STATUS_MARKS[status]}
      </span>
      {t(`roles.statuses.${status}`)}
    </span>
  );
}

/** A mark before the word, so the statuses differ in shape too (printed in black and white, or for colour-blind eyes). */
const STATUS_MARKS: Record<RoleStatus, string> = { open: '○', in_progress: '◐', done: '●', dropped: '×' };

/** 期限超過 N日 (the word says it; the colour only adds to it). */
export function OverdueBadge({ days }: { days: number }) {
  const { t } = useTranslation();
  return (
    <span className="badge role-overdue" title={t('roles.overdueBadgeLabel', { count: days })}>
      <span className="role-overdue-mark" aria-hidden="true">
        !
      </span>
      {t('roles.overdueBadge', { count: days })}
    </span>
  );
}
