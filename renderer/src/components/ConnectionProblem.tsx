import { useTranslation } from 'react-i18next';
import { useAppStatus } from '../api';
import { useDocumentTitle } from './useDocumentTitle';

/** The page cannot talk to the core: the token was refused, or the host is gone. */
export function ConnectionProblem({ kind, inline = false }: { kind: 'forbidden' | 'unreachable'; inline?: boolean }) {
  const { t } = useTranslation();
  const { refresh } = useAppStatus();
  const title = t(kind === 'forbidden' ? 'transport.forbiddenTitle' : 'transport.unreachableTitle');
  useDocumentTitle(inline ? undefined : title);
  if (inline) {
    return (
      <div className="connection-banner" role="alert">
        <strong>{title}</strong> {t(`transport.${kind}`)}
      </div>
    );
  }
  return (
    <main className="centered-page">
      <div className="panel panel-error" role="alert">
        <h1 className="panel-title">{title}</h1>
        <p>{t(`transport.${kind}`)}</p>
        {kind === 'unreachable' && (
          <button type="button" className="button" onClick={() => void refresh()}>
            {t('transport.retry')}
          </button>
        )}
      </div>
    </main>
  );
}
