import { useTranslation } from 'react-i18next';
import { clock, type AgendaItemT, type MinutesItemT } from './shared';

/**
 * The 次第 beside the item in focus: each item with its minutes allotted and the time spent on it
 * (running for the current item of an open meeting). Over-time is said in words and a calm colour.
 */
export function AgendaRail({
  items,
  minutesItems,
  currentId,
  live,
  elapsedOf,
  onSelect,
}: {
  items: AgendaItemT[];
  minutesItems: Map<string, MinutesItemT>;
  currentId: string | null;
  live: boolean;
  elapsedOf: (itemId: string) => number;
  onSelect: (itemId: string) => void;
}) {
  const { t } = useTranslation();
  let frameNumber = 0;
  return (
    <nav className="mn-rail" aria-labelledby="mn-rail-heading">
      <h3 id="mn-rail-heading" className="mn-rail-heading">
        {t('minutes.rail.heading')}
      </h3>
      <ol className="mn-rail-list">
        {items.map((item) => {
          if (!item.caseId) frameNumber += 1;
          const current = item.id === currentId;
          const elapsed = elapsedOf(item.id);
          const allotted = item.minutes * 60;
          const over = allotted > 0 && elapsed > allotted ? elapsed - allotted : 0;
          const m = minutesItems.get(item.id);
          const counts = m ? m.decisions.length + m.roleAssignments.length : 0;
          return (
            <li key={item.id} className={`mn-rail-item${item.caseId ? ' mn-rail-case' : ''}`}>
              <button
                type="button"
                className={`mn-rail-button${current ? ' mn-rail-current' : ''}${over > 0 ? ' mn-rail-over' : ''}`}
                aria-current={current ? 'step' : undefined}
                onClick={() => onSelect(item.id)}
                data-testid="rail-item"
              >
                <span className="mn-rail-title">
                  {!item.caseId && <span className="mn-rail-number">{frameNumber}.</span>}
                  {item.caseId && item.kind && <span className={`badge mn-kind mn-kind-${item.kind}`}>{t(`meetings.kinds.${item.kind}`)}</span>}
                  {item.caseNumber ? (
                    <span>
                      <span className="mn-case-number">{item.caseNumber}</span>（{item.initials}）
                    </span>
                  ) : (
                    <span>{item.title}</span>
                  )}
                </span>
                {(item.minutes > 0 || elapsed >= 1 || current) && (
                  <span className="mn-timer mn-rail-timer" aria-label={t('minutes.rail.timerLabel', { elapsed: clock(elapsed), minutes: item.minutes })}>
                    {live && current && <span className="mn-timer-dot" aria-hidden="true" />}
                    <span aria-hidden="true">
                      {clock(elapsed)}／{t('minutes.rail.allotted', { count: item.minutes })}
                    </span>
                  </span>
                )}
                {(over > 0 || counts > 0) && (
                  <span className="mn-rail-meta">
                    {over > 0 && <span className="mn-over">{t('minutes.rail.over', { time: clock(over) })}</span>}
                    {counts > 0 && <span className="mn-rail-count">{t('minutes.rail.recorded', { count: counts })}</span>}
                  </span>
                )}
                {current && <span className="visually-hidden">{t('minutes.rail.currentSuffix')}</span>}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
