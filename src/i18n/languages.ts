// The ten languages of SPEC §10. `native` is how the language names itself in the language picker, so a
// person can find their own language whatever the screen is in now.
export const LANGUAGES = [
  { code: 'en', native: 'English' },
  { code: 'id', native: 'Bahasa Indonesia' },
  { code: 'ms', native: 'Bahasa Melayu' },
  { code: 'fil', native: 'Filipino' },
  { code: 'km', native: 'ខ្មែរ' },
  { code: 'lo', native: 'ລາວ' },
  { code: 'my', native: 'မြန်မာ' },
  { code: 'th', native: 'ไทย' },
  { code: 'tet', native: 'Tetun' },
  { code: 'vi', native: 'Tiếng Việt' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];
export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as Language[];

const ALIASES: Record<string, Language> = { tl: 'fil', tdt: 'tet', in: 'id', zsm: 'ms' };

export function isLanguage(code: unknown): code is Language {
  return typeof code === 'string' && (LANGUAGE_CODES as string[]).includes(code);
}

/** The first of the browser's languages that Pelita speaks, else English. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLanguage(primary)) return primary;
    const alias = ALIASES[primary];
    if (alias) return alias;
  }
  return 'en';
}
