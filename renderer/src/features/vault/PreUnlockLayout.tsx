import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../../../shared/contract';
import { KasaneError, isErrorShape } from '../../../../shared/contract';
import { errorText } from '../../errors';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/** The frame of the screens shown before a vault is open: app name, language, content. */
export function PreUnlockLayout({ children, sample = false }: { children: ReactNode; sample?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="pre-unlock">
      <header className="pre-unlock-header">
        <div className="brand">
          <span className="brand-mark" lang="ja">
            重ね
          </span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <LanguageSwitch />
      </header>
      {sample && (
        <div className="sample-banner" role="note">
          <span className="sample-badge">{t('unlock.sampleBanner')}</span>
          <span>{t('unlock.sampleText')}</span>
        </div>
      )}
      <main id="main" className="pre-unlock-main">
        {children}
      </main>
    </div>
  );
}

/** A problem with the selected vault's files, from app.status: shown, never thrown. */
export function ProblemPanel({ problem }: { problem: NonNullable<AppStatus['problem']> }) {
  const { t } = useTranslation();
  const error = isErrorShape(problem) ? KasaneError.fromShape(problem) : new KasaneError('internal');
  return (
    <div className="panel panel-error" role="alert">
      <h2 className="panel-title">{t('unlock.problemHeading')}</h2>
      <p>{errorText(t, error)}</p>
    </div>
  );
}
