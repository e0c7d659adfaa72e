import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStatus } from './api';
import { FirstRun } from './features/vault/FirstRun';
import { Unlock } from './features/vault/Unlock';
import { Shell } from './shell/Shell';
import { ConnectionProblem } from './components/ConnectionProblem';
import { useDocumentTitle } from './components/useDocumentTitle';
import { applyTextSize } from './components/prefs';

export function App() {
  const { status, transportError } = useAppStatus();
  const { t, i18n } = useTranslation();

  const locale = status?.prefs.locale;
  const textSize = status?.prefs.textSize;
  // The stored preference wins when it changes (at boot, or from another window); a change made
  // here is applied at once by the settings screen and then stored.
  useEffect(() => {
    if (locale && i18n.language !== locale) void i18n.changeLanguage(locale);
    // Only when the stored preference changes: `i18n` changes identity with the language.
  }, [locale]);
  useEffect(() => {
    if (textSize) applyTextSize(textSize);
  }, [textSize]);

  if (transportError?.kind === 'forbidden') return <ConnectionProblem kind="forbidden" />;
  if (transportError && !status) return <ConnectionProblem kind="unreachable" />;
  if (!status) return <Loading label={t('app.loading')} />;

  return (
    <>
      {transportError && <ConnectionProblem kind="unreachable" inline />}
      {status.state === 'unlocked' && status.session ? (
        <Shell status={status} session={status.session} />
      ) : status.state === 'locked' ? (
        <Unlock status={status} />
      ) : (
        <FirstRun status={status} />
      )}
    </>
  );
}

function Loading({ label }: { label: string }) {
  useDocumentTitle(null);
  return (
    <div className="loading" role="status">
      {label}
    </div>
  );
}
