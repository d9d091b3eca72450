// Translation keys as types, checked against English (locales/en/translation.json): a key used in code but
// missing there fails `tsc`. Types only (and one identity function), so the server, the tally and the CSV
// writer can name keys without loading i18next. docs/translations.md says how strings are added.
import type en from '../../locales/en/translation.json';

/** Every dotted path to a string in a catalog: `{ a: { b: 'x' } }` → `'a.b'`. */
export type LeafKeys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : LeafKeys<T[K], `${P}${K}.`>;
}[keyof T & string];

/** i18next picks `x_one` / `x_other` by `count`; code asks for `x`. */
export type PluralBase<K extends string> =
  K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? B : K;

/** A key of the app's strings. Type whatever carries a key (a prop, a map, an error code) as `TKey`. */
export type TKey = PluralBase<LeafKeys<typeof en>>;

type Codes = (typeof en)['codes'];
/** A code list under `codes.` (`sexes`, `caseStatuses` …). */
export type CodeList = keyof Codes & string;
/** The codes English has a label for in list `L`. */
export type CodeOf<L extends CodeList> = keyof Codes[L] & string;

/**
 * A key that arrives as data rather than written in code: a zod issue's message (the schemas write
 * `errors.*`; test/unit/locales.test.ts checks each exists in English), a code in a stored or received tally,
 * a reason in a server's answer. tsc cannot check it; a missing key shows as itself, as i18next does.
 * Everywhere else a key is a `TKey`.
 */
export const keyFromData = (key: string): TKey => key as TKey;
