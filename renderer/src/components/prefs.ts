import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Locale, TextSize } from '../../../shared/contract';
import { useAppStatus, useInvoke } from '../api';

export function applyTextSize(size: TextSize): void {
  document.documentElement.dataset.textSize = size;
}

/** Changes this PC's display preferences: applied at once, then stored by the core. */
export function useSetPrefs() {
  const invoke = useInvoke();
  const { i18n } = useTranslation();
  const { refresh } = useAppStatus();
  return useMutation({
    mutationFn: async (prefs: { locale?: Locale; textSize?: TextSize }) => {
      if (prefs.locale) await i18n.changeLanguage(prefs.locale);
      if (prefs.textSize) applyTextSize(prefs.textSize);
      return invoke('app.setPrefs', prefs);
    },
    onSettled: () => void refresh(),
  });
}
