// i18next set-up. Each language's strings are a separate JSON file (precached by the service worker),
// fetched when chosen, so the first screen carries one language, not ten, and strings are data, not
// JavaScript to parse. `t()` reads the `language` signal, so any component that translates re-renders when
// the language changes, without losing what a form holds.
import { signal } from '@preact/signals';
import i18next, { type TOptions } from 'i18next';
import {
  type DateInput,
  type DateOptions,
  type LocaleFormat,
  localeFormat,
  type NumberOptions,
  parseLocaleData,
} from '../lib/locale-format';
import type { CodeList, CodeOf, TKey } from './keys';
import { isLanguage, type Language } from './languages';

type Strings = Record<string, unknown>;

export { type CodeList, type CodeOf, keyFromData, type TKey } from './keys';

const FILE = (lang: string) => `../../locales/${lang}/translation.json`;
// In the built app each file is an asset with a hashed name; tests and `vite dev` import the JSON as a module.
const urls = import.meta.glob<string>('../../locales/*/translation.json', {
  query: '?url',
  import: 'default',
  eager: true,
});
const modules = import.meta.glob<Strings>('../../locales/*/translation.json', { import: 'default' });

export const language = signal<Language>('en');

/** Each loaded language's formatter (src/lib/locale-format.ts), built from its strings' `format` block. */
const formats = new Map<string, LocaleFormat>();
const formatOf = (lang: string): LocaleFormat => {
  let f = formats.get(lang);
  if (!f) {
    const bundle = i18next.isInitialized ? i18next.getResourceBundle(lang, 'translation') : null;
    f = localeFormat(lang, parseLocaleData(bundle?.format));
    // Cache only once the strings are there: before that the formatter has no data of its own.
    if (bundle) formats.set(lang, f);
  }
  return f;
};

/**
 * Every number interpolated into a string goes through the app's formatter, so "{{count}} waiting" reads
 * "၃ ခု" in Myanmar like every other number on the screen. Plural rules still see the raw count.
 */
const numberFormatter = {
  type: 'formatter' as const,
  init() {},
  format: (value: unknown, _format: string | undefined, lng: string | undefined) =>
    typeof value === 'number' ? formatOf(lng ?? language.value).number(value) : value,
  add() {},
  addCached() {},
};

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
    await i18next.use(numberFormatter).init({
      lng: lang,
      fallbackLng: false,
      interpolation: { escapeValue: false, alwaysFormat: true },
      returnNull: false,
      initAsync: false,
    });
  }
  if (strings) {
    i18next.addResourceBundle(lang, 'translation', strings, true, true);
    formats.delete(lang);
  }
  await i18next.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  language.value = lang;
}

/** Translates `key`. Reading `language.value` subscribes the calling component to language changes. */
export function t(key: TKey, options?: TOptions): string {
  void language.value;
  return i18next.t(key, options) as string;
}

/**
 * The label of `code` in code list `list` (`codes.<list>.<code>`). Both parts are checked against English;
 * tsc cannot join a generic template into the key union itself, hence the one cast.
 */
export function codeLabel<L extends CodeList>(list: L, code: CodeOf<L>): string {
  return t(`codes.${list}.${code}` as TKey);
}

/** Dates and numbers follow the chosen language (SPEC §10), through src/lib/locale-format.ts. */
export function formatDate(value: DateInput, opts: DateOptions = { dateStyle: 'medium' }) {
  return formatOf(language.value).date(value, opts);
}

export function formatNumber(n: number, opts?: NumberOptions) {
  return formatOf(language.value).number(n, opts);
}

/** `2026-11` → the month and year in the chosen language. */
export function formatMonth(period: string) {
  return formatOf(language.value).month(period);
}

/** `2026-11` → a short month and year, for chart axes. */
export function formatMonthShort(period: string) {
  return formatOf(language.value).monthShort(period);
}

/** Which path the chosen language's dates and numbers take (`intl` or the app's `own` data): for About. */
export function formatSource() {
  return formatOf(language.value).source;
}
