import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, type Language } from '../../shared/i18n';

const LOCALE_HINT = 'kasane.locale';

/** The language to show before the core's preferences arrive (avoids a flash of the wrong one). */
function bootLanguage(): Language {
  try {
    return window.localStorage.getItem(LOCALE_HINT) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: bootLanguage(),
  fallbackLng: 'ja',
  supportedLngs: ['ja', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  // Resources are bundled: nothing to wait for, and a suspended tree would remount the page.
  react: { useSuspense: false },
});

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(LOCALE_HINT, lng);
  } catch {
    // storage may be unavailable; the core's prefs still hold the language
  }
}

applyLanguage(i18n.language);
i18n.on('languageChanged', applyLanguage);
