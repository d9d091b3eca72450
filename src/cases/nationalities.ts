// Nationalities for a case (SPEC §2.3): ISO 3166-1 alpha-2 codes, or `stateless` / `unknown`. The codes are
// stored; the names are for display only. The names in each language come from that language's names file
// (src/locations/names/<lang>.json `countries`, fetched with the language: CLDR, Tetum written for Pelita),
// passed in by the caller; the browser's Intl.DisplayNames only where that file is missing and a probe shows
// the browser knows the language (desktop Chromium has no Khmer, Lao or Myanmar names, and answers in
// English); the code itself last.
// No imports: the schema reads the codes from here, and backup import must not pull in the UI.
/** The 11 ASEAN Member States, shown first: most children a case worker meets are from the region. */
export const ASEAN_COUNTRIES = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'TL', 'VN'] as const;

/**
 * Every officially assigned ISO 3166-1 alpha-2 code. Only the codes: the names, English included, are in
 * each language's names file (src/locations/names/<lang>.json), fetched with the language, so no list of
 * 249 names sits in the app's JavaScript.
 */
export const COUNTRY_CODES: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT ' +
    'BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ' +
    'ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT ' +
    'HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS ' +
    'LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI ' +
    'NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG ' +
    'SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
    'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW '
  )
    .trim()
    .split(' '),
);

export const NO_COUNTRY = ['stateless', 'unknown'] as const;

/** Intl's names for `lang`, only when it really has them (a name differing from English for Cambodia). */
function intlNames(lang: string): Intl.DisplayNames | null {
  if (lang === 'en') return null;
  try {
    if (Intl.DisplayNames.supportedLocalesOf([lang]).length === 0) return null;
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    return names.of('KH') && names.of('KH') !== 'Cambodia' ? names : null;
  } catch {
    return null;
  }
}

/** A function that names a country in `lang`: from `names` (the language's file), else Intl, else its code. */
export function countryNamer(
  lang: string,
  names?: Readonly<Record<string, string>> | null,
): (code: string) => string {
  const intl = names ? null : intlNames(lang);
  return (code) => names?.[code] ?? intl?.of(code) ?? code;
}

/** The options of the nationality select: ASEAN first (in the list's order), then the rest by name. */
export function nationalityOptions(
  lang: string,
  names?: Readonly<Record<string, string>> | null,
): Array<{ code: string; name: string }> {
  const name = countryNamer(lang, names);
  const asean = new Set<string>(ASEAN_COUNTRIES);
  const collator = new Intl.Collator(lang === 'tet' ? 'pt' : lang, { sensitivity: 'base' });
  const others = [...COUNTRY_CODES]
    .filter((c) => !asean.has(c))
    .map((code) => ({ code, name: name(code) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return [...ASEAN_COUNTRIES.map((code) => ({ code, name: name(code) })), ...others];
}
