// i18next set-up. Each language's strings are a separate chunk (precached by the service worker), loaded
// when chosen, so the first screen carries one language, not ten. `t()` reads the `language` signal, so any
// component that translates re-renders when the language changes, without losing what a form holds.
import { signal } from '@preact/signals';
import i18next, { type TOptions } from 'i18next';
import { isLanguage, type Language } from './languages';

type Bundle = { default: Record<string, unknown> };
const loaders = import.meta.glob<Bundle>('../../locales/*/translation.json');

export const language = signal<Language>('en');

export async function loadLanguage(lang: Language): Promise<Record<string, unknown>> {
  const load = loaders[`../../locales/${lang}/translation.json`];
  if (!load) throw new Error(`No strings for ${lang}`);
  return (await load()).default;
}

/** Switches the whole app to `lang`; `<html lang>` follows. */
export async function setLanguage(lang: Language): Promise<void> {
  if (!isLanguage(lang)) return;
  if (!i18next.hasResourceBundle(lang, 'translation')) {
    i18next.addResourceBundle(lang, 'translation', await loadLanguage(lang), true, true);
  }
  if (!i18next.isInitialized) {
    await i18next.init({
      lng: lang,
      fallbackLng: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  }
  await i18next.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  language.value = lang;
}

/** Translates `key`. Reading `language.value` subscribes the calling component to language changes. */
export function t(key: string, options?: TOptions): string {
  void language.value;
  return i18next.t(key, options) as string;
}

/** Dates and numbers follow the chosen language (SPEC §10). */
export function formatDate(iso: string | Date, opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }) {
  const d = typeof iso === 'string' ? new Date(iso.length === 10 ? `${iso}T00:00:00` : iso) : iso;
  return new Intl.DateTimeFormat(intlLocale(language.value), opts).format(d);
}

export function formatNumber(n: number, opts?: Intl.NumberFormatOptions) {
  return new Intl.NumberFormat(intlLocale(language.value), opts).format(n);
}

export function formatMonth(period: string) {
  return formatDate(`${period}-01`, { year: 'numeric', month: 'long' });
}

/** Intl knows Tetum poorly; Portuguese (Timor-Leste) gives it the right month names and separators. */
function intlLocale(lang: Language): string {
  if (lang === 'tet') return 'pt-TL';
  return lang;
}
