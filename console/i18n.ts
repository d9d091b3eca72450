// The console's languages: the app's strings (indicator names, breakdowns, report words: one definition)
// plus the console's own, kept in locales/<lang>/console.json so the phones' precached strings do not grow.
// Both are merged into i18next's one namespace, the console's under `console.`.
import i18next, { type TOptions } from 'i18next';
import type enConsole from '../locales/en/console.json';
import { t as appT, loadLanguage, setLanguage } from '../src/i18n/i18n';
import type { LeafKeys, PluralBase, TKey } from '../src/i18n/keys';
import { isLanguage, type Language, pickLanguage } from '../src/i18n/languages';

type Strings = Record<string, unknown>;
const FILE = (lang: string) => `../locales/${lang}/console.json`;
const urls = import.meta.glob<string>('../locales/*/console.json', {
  query: '?url',
  import: 'default',
  eager: true,
});
const modules = import.meta.glob<Strings>('../locales/*/console.json', { import: 'default' });
const STORAGE_KEY = 'pelita.console.language';

/** A key the console may translate: the app's (TKey) or its own, checked against locales/en/console.json. */
export type ConsoleKey = TKey | `console.${PluralBase<LeafKeys<typeof enConsole>>}`;

/**
 * The app's `t` with the console's keys too. They sit in the same i18next namespace under `console.`
 * (switchLanguage below), so the one cast to the app's key type is where that merge is.
 */
export function t(key: ConsoleKey, options?: TOptions): string {
  return appT(key as TKey, options);
}

async function consoleStrings(lang: Language): Promise<Strings> {
  if (import.meta.env.PROD) {
    const url = urls[FILE(lang)];
    if (!url) throw new Error(`No console strings for ${lang}`);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Console strings for ${lang}: HTTP ${res.status}`);
    return (await res.json()) as Strings;
  }
  const load = modules[FILE(lang)];
  if (!load) throw new Error(`No console strings for ${lang}`);
  return load();
}

/** The language chosen before on this browser, else the browser's own when Pelita speaks it. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return isLanguage(saved) ? saved : pickLanguage(navigator.languages ?? [navigator.language]);
}

export async function switchLanguage(lang: Language): Promise<void> {
  const own = await consoleStrings(lang);
  if (!i18next.isInitialized) {
    await setLanguage(lang);
    i18next.addResourceBundle(lang, 'translation', { console: own }, true, true);
  } else {
    i18next.addResourceBundle(lang, 'translation', await loadLanguage(lang), true, true);
    i18next.addResourceBundle(lang, 'translation', { console: own }, true, true);
    await setLanguage(lang);
  }
  localStorage.setItem(STORAGE_KEY, lang);
}
