// Place and country names in the chosen language (SPEC §10). The default list (./asean.json) is English;
// each language's names are a separate JSON file (./names/<lang>.json: `places` by location code, only where
// the name differs from the English one, and `countries` by ISO 3166-1 code for nationalities), fetched when
// the language is chosen, so the first screen carries none of them and the JavaScript carries none at all.
// Each file says where its names come from (`source`): CLDR for country names, Debian's iso-codes for Thai
// and Vietnamese subdivisions, the ISO 3166-2 local spellings for Indonesian, Malay and Tetum, and names
// written for Pelita for Khmer, Lao, Myanmar and Tetum. A name a file lacks stays English (Latin script).
import { effect, signal } from '@preact/signals';
import { language } from '../i18n/i18n';

export interface PlaceNames {
  places: Readonly<Record<string, string>>;
  countries: Readonly<Record<string, string>>;
}

/** The chosen language's names, once fetched; null before (and for a language without a file). */
export const placeNames = signal<{ lang: string; names: PlaceNames } | null>(null);

const FILE = (lang: string) => `./names/${lang}.json`;
// In the built app each file is an asset with a hashed name (precached); tests and `vite dev` import it.
const urls = import.meta.glob<string>('./names/*.json', { query: '?url', import: 'default', eager: true });
const modules = import.meta.glob<unknown>('./names/*.json', { import: 'default' });

const strings = (v: unknown): Record<string, string> => {
  if (!v || typeof v !== 'object') return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
};

/** A names file, checked: anything but string values is dropped, so a damaged file cannot break a screen. */
export function parsePlaceNames(raw: unknown): PlaceNames {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return { places: strings(r.places), countries: strings(r.countries) };
}

export async function loadPlaceNames(lang: string): Promise<PlaceNames | null> {
  if (import.meta.env.PROD) {
    const url = urls[FILE(lang)];
    if (!url) return null;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Place names for ${lang}: HTTP ${res.status}`);
    return parsePlaceNames(await res.json());
  }
  const load = modules[FILE(lang)];
  return load ? parsePlaceNames(await load()) : null;
}

let following = false;

/** Keeps `placeNames` on the chosen language from now on (called once by ./repo.ts). */
export function followLanguage(): void {
  if (following) return;
  following = true;
  effect(() => {
    const lang = language.value;
    loadPlaceNames(lang).then(
      (names) => {
        if (language.value === lang) placeNames.value = names ? { lang, names } : null;
      },
      // Offline before the first full visit: names stay English until the file can be fetched.
      () => undefined,
    );
  });
}
