import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useInvoke } from '../../api';

/**
 * Said once on a vault from before roles existed (migration 0013 made every account an
 * administrator): what changed and where roles are set. 閉じる records that it was read.
 */
export function RolesNotice({ onOpenSettings }: { onOpenSettings?: (() => void) | undefined }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const dismiss = useMutation({
    mutationFn: () => invoke('home.dismissRolesNotice', {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['home.summary'] }),
  });
  return (
    <section className="panel roles-notice" aria-labelledby="roles-notice-heading" data-testid="roles-notice">
      <h2 id="roles-notice-heading" className="panel-title">
        {t('home.rolesNotice.heading')}
      </h2>
      <p>{t('home.rolesNotice.body')}</p>
      <div className="roles-notice-actions">
        {onOpenSettings && (
          <button type="button" className="button button-small" onClick={onOpenSettings}>
            {t('home.rolesNotice.open')}
          </button>
        )}
        <button type="button" className="button button-small" disabled={dismiss.isPending} onClick={() => dismiss.mutate()}>
          {t('home.rolesNotice.dismiss')}
        </button>
      </div>
    </section>
  );
}
