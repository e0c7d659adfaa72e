import { useTranslation } from 'react-i18next';
import { Locale } from '../../../shared/contract';
import { useSetPrefs } from './prefs';

/** A compact language choice for the screens before unlocking (settings has the full one). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const setPrefs = useSetPrefs();
  return (
    <div className="language-switch" role="group" aria-label={t('settings.languageLegend')}>
      {Locale.options.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          className="language-option"
          aria-pressed={i18n.language === locale}
          onClick={() => setPrefs.mutate({ locale })}
        >
          {t(`settings.languages.${locale}`)}
        </button>
      ))}
    </div>
  );
}
