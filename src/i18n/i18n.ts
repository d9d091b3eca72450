// i18next set-up. Each language's strings are a separate JSON file (precached by the service worker),
// fetched when chosen, so the first screen carries one language, not ten, and strings are data, not
// JavaScript to parse. `t()` reads the `language` signal, so any component that translates re-renders when
// the language changes, without losing what a form holds.
import { signal } from '@preact/signals';
import i18next, { type TOptions } from 'i18next';
import { isLanguage, type Language } from './languages';

type Strings = Record<string, unknown>;
const FILE = (lang: string) => `../../locales/${lang}/translation.json`;
// In the built app each file is an asset with a hashed name; tests and `vite dev` import the JSON as a module.
const urls = import.meta.glob<string>('../../locales/*/translation.json', {
  query: '?url',
  import: 'default',
  eager: true,
});
const modules = import.meta.glob<Strings>('../../locales/*/translation.json', { import: 'default' });

export const language = signal<Language>('en');

export async function loadLanguage(lang: Language): Promise<Strings> {
  if (import.meta.env.PROD) {
    const url = urls[FILE(lang)];
    if (!url) throw new Error(`No strings for ${lang}`);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Strings for ${lang}: HTTP ${res.status}`);
    return (await res.json()) as Strings;
  }
  const load = modules[FILE(lang)];
  if (!load) throw new Error(`No strings for ${lang}`);
  const strings = await load();
  // Development only: `?pseudo` shows English as a pseudo-locale (pseudo.ts says why).
  if (
    import.meta.env.DEV &&
    lang === 'en' &&
    typeof location !== 'undefined' &&
    /[?&]pseudo\b/.test(location.search)
  )
    return (await import('./pseudo')).pseudoLocale(strings as never);
  return strings;
}

/** Switches the whole app to `lang`; `<html lang>` follows. */
export async function setLanguage(lang: Language): Promise<void> {
  if (!isLanguage(lang)) return;
  const strings =
    i18next.isInitialized && i18next.hasResourceBundle(lang, 'translation') ? null : await loadLanguage(lang);
  // i18next only has its resource methods (hasResourceBundle, addResourceBundle) after init().
  if (!i18next.isInitialized) {
    await i18next.init({
      lng: lang,
      fallbackLng: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
  }
  if (strings) i18next.addResourceBundle(lang, 'translation', strings, true, true);
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
