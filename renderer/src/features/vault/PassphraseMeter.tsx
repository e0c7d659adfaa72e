import { useTranslation } from 'react-i18next';
import type { PassphraseAssessment } from '../../../../shared/domain/passphrase-strength';

export type StrengthLevel = 'empty' | 'weak' | 'fair' | 'good' | 'strong';

/** Words for the score: an unacceptable passphrase is never called more than やや弱い. */
export function strengthLevel(passphrase: string, assessment: PassphraseAssessment): StrengthLevel {
  if (passphrase.length === 0) return 'empty';
  if (!assessment.acceptable) return assessment.score <= 1 ? 'weak' : 'fair';
  return assessment.score >= 4 ? 'strong' : 'good';
}

const FILLED: Record<StrengthLevel, number> = { empty: 0, weak: 1, fair: 2, good: 3, strong: 4 };

export function PassphraseMeter({ id, passphrase, assessment }: { id: string; passphrase: string; assessment: PassphraseAssessment }) {
  const { t } = useTranslation();
  const level = strengthLevel(passphrase, assessment);
  const filled = FILLED[level];
  return (
    <div id={id} className={`meter meter-${level}`}>
      <div className="meter-row">
        <span className="meter-label">{t('passphrase.strengthLabel')}:</span>
        <span className="meter-bars" aria-hidden="true">
          {[1, 2, 3, 4].map((n) => (
            <span key={n} className={`meter-bar${n <= filled ? ' meter-bar-on' : ''}`} />
          ))}
        </span>
        <strong className="meter-word">
          {t(`passphrase.strength.${level}`)}
        </strong>
      </div>
      {passphrase.length > 0 && assessment.problems.length > 0 && (
        <ul className="meter-problems">
          {assessment.problems.map((p) => (
            <li key={p}>{t(`passphrase.problems.${p}`, { length: [...passphrase].length })}</li>
          ))}
        </ul>
      )}
      {passphrase.length > 0 && assessment.acceptable && <p className="meter-ok">{t('passphrase.acceptable')}</p>}
    </div>
  );
}
