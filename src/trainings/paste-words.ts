// The words an attendance sheet may use for its column names and values, for paste.ts. Built from the
// translations (the labels the form shows, in English and in the person's language, plus each language's
// `trainings.paste.words.*`: the short forms trainers type, like "L/P" in Indonesian) and a few English
// spreadsheet conventions kept here, because English sheets circulate in every ASEAN country whatever
// language the app is in. Words are matched after `normalise`: case, accents and spacing do not matter.
import { type Agency, agencies, type Sex, sexes } from '../records/codes';

export type Column = 'name' | 'sex' | 'agency' | 'occupation' | 'completed' | 'location';
export const COLUMNS: readonly Column[] = ['name', 'sex', 'agency', 'occupation', 'completed', 'location'];

/** A translation for a key, or undefined when the language has none. */
export type Lookup = (key: string) => string | undefined;

export interface Vocabulary {
  headers: Map<string, Column>;
  sexes: Map<string, Sex>;
  agencies: Map<string, Agency>;
  completed: Map<string, boolean>;
}

/**
 * Lower case, no accents (Latin diacritics only: Thai, Khmer, Lao and Myanmar marks are letters), one space,
 * British spelling ("organization", "labor" match the labels). For a header, also without a note in
 * brackets or a trailing colon or star: "Sex (F/M):" is "sex".
 */
export function normalise(text: string, header = false): string {
  let s = text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/organiz/g, 'organis')
    .replace(/\blabor\b/g, 'labour')
    .replace(/[_\s]+/g, ' ')
    .trim();
  if (header)
    s = s
      .replace(/\s*[([].*?[)\]]\s*/g, ' ')
      .replace(/[\s:*.]+$/, '')
      .trim();
  return s;
}

// English spreadsheet conventions beyond the labels (which come from the English translation).
const HEADER_WORDS: Record<Column, string[]> = {
  name: [
    'name',
    'names',
    'full name',
    'fullname',
    'participant',
    'participants',
    'participant name',
    'name of participant',
  ],
  sex: ['sex', 'gender', 'sex/gender', 'gender/sex', 'm/f', 'f/m'],
  agency: ['agency', 'organisation', 'organisation/agency', 'agency/organisation', 'institution'],
  // "Title" on an attendance sheet is the person's job title (the session's title is not on its rows).
  occupation: [
    'occupation',
    'position',
    'job',
    'job title',
    'title',
    'position/title',
    'role',
    'designation',
  ],
  completed: ['completed', 'complete', 'completion', 'completed training'],
  location: ['location', 'location code', 'org unit', 'orgunit', 'province', 'district'],
};
// And the words for sex in every language of the region, whatever language the app is in: a sheet filled in
// Khmer ("ស្រី") is pasted on a device set to English. Unambiguous across the ten languages (mapOf drops any
// word two values claim); abbreviations only where a sheet uses them (L/P in Indonesian and Malay).
const SEX_WORDS: Record<Sex, string[]> = {
  female: [
    'f',
    'w',
    'woman',
    'women',
    'p',
    'perempuan',
    'wanita',
    'babae',
    'feto',
    'nu',
    'ស្រី',
    'នារី',
    'ຍິງ',
    'ແມ່ຍິງ',
    'หญิง',
    'ญ',
    'ผู้หญิง',
    'မ',
    'အမျိုးသမီး',
  ],
  male: [
    'm',
    'man',
    'men',
    'l',
    'laki-laki',
    'lelaki',
    'pria',
    'lalaki',
    'mane',
    'nam',
    'ប្រុស',
    'បុរស',
    'ຊາຍ',
    'ຜູ້ຊາຍ',
    'ชาย',
    'ช',
    'ผู้ชาย',
    'ကျား',
    'အမျိုးသား',
  ],
  other: ['o', 'x'],
  undisclosed: ['prefer not to say', 'not stated', 'undisclosed'],
};
const YES = ['yes', 'y', 'true', '1', 'x', '✓', '✔', 'done'];
const NO = ['no', 'n', 'false', '0', 'not completed'];

/** Comma-separated words of a translation (`trainings.paste.words.*`), normalised. */
function wordsOf(lookup: Lookup, key: string, header = false): string[] {
  return (lookup(key) ?? '')
    .split(',')
    .map((w) => normalise(w, header))
    .filter(Boolean);
}

/**
 * Adds each word for its value. A word two values claim (in some language "other" may read the same for two
 * codes) is dropped rather than guessed: the row is then shown as not understood, and the person fixes it.
 */
function mapOf<V>(entries: Iterable<[string, V]>): Map<string, V> {
  const out = new Map<string, V>();
  const clash = new Set<string>();
  for (const [word, value] of entries) {
    if (!word || clash.has(word)) continue;
    const had = out.get(word);
    if (had !== undefined && had !== value) {
      out.delete(word);
      clash.add(word);
    } else out.set(word, value);
  }
  return out;
}

/** The vocabulary of the given languages' translations (English first, then the person's language). */
export function buildVocabulary(lookups: Lookup[]): Vocabulary {
  function* headers(): Generator<[string, Column]> {
    for (const col of COLUMNS) for (const w of HEADER_WORDS[col]) yield [normalise(w, true), col];
    for (const lookup of lookups) {
      for (const col of COLUMNS) {
        const label = lookup(`trainings.participant.${col}`);
        if (label) yield [normalise(label, true), col];
        for (const w of wordsOf(lookup, `trainings.paste.words.${col}`, true)) yield [w, col];
      }
    }
  }
  function* sexWords(): Generator<[string, Sex]> {
    for (const s of sexes) {
      yield [normalise(s), s];
      for (const w of SEX_WORDS[s]) yield [normalise(w), s];
      for (const lookup of lookups) {
        const label = lookup(`codes.sexes.${s}`);
        if (label) yield [normalise(label), s];
        for (const w of wordsOf(lookup, `trainings.paste.words.${s}`)) yield [w, s];
      }
    }
  }
  function* agencyWords(): Generator<[string, Agency]> {
    for (const a of agencies) {
      yield [normalise(a), a];
      for (const lookup of lookups) {
        const label = lookup(`codes.agencies.${a}`);
        if (label) yield [normalise(label), a];
      }
    }
  }
  function* yesNo(): Generator<[string, boolean]> {
    for (const w of YES) yield [normalise(w), true];
    for (const w of NO) yield [normalise(w), false];
    for (const lookup of lookups) {
      for (const [key, v] of [
        ['common.yes', true],
        ['common.no', false],
      ] as const) {
        const label = lookup(key);
        if (label) yield [normalise(label), v];
      }
      for (const w of wordsOf(lookup, 'trainings.paste.words.yes')) yield [w, true];
      for (const w of wordsOf(lookup, 'trainings.paste.words.no')) yield [w, false];
    }
  }
  return {
    headers: mapOf(headers()),
    sexes: mapOf(sexWords()),
    agencies: mapOf(agencyWords()),
    completed: mapOf(yesNo()),
  };
}

/** A Lookup over a translation file's object (e.g. the English strings, loaded as a chunk). */
export function lookupIn(strings: Record<string, unknown>): Lookup {
  return (key) => {
    let v: unknown = strings;
    for (const part of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
    return typeof v === 'string' ? v : undefined;
  };
}
