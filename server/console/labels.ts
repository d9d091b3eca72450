// The app's own strings (locales/<lang>/translation.json) read on the server, for the words of a CSV the
// console exports: the same labels the app's export uses, from the same files.
import { readFileSync } from 'node:fs';
import { isLanguage, type Language } from '../../src/i18n/languages';

const LOCALES = new URL('../../locales/', import.meta.url);
const cache = new Map<Language, Record<string, unknown>>();

function bundle(lang: Language): Record<string, unknown> {
  let b = cache.get(lang);
  if (!b) {
    b = JSON.parse(readFileSync(new URL(`${lang}/translation.json`, LOCALES), 'utf8')) as Record<
      string,
      unknown
    >;
    cache.set(lang, b);
  }
  return b;
}

/** `label(key)` in `lang` (English when the language is not one of the ten); a missing key reads as itself. */
export function labeller(lang: string | undefined): (key: string) => string {
  const strings = bundle(isLanguage(lang) ? lang : 'en');
  return (key) => {
    let v: unknown = strings;
    for (const part of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
    return typeof v === 'string' ? v : key;
  };
}
