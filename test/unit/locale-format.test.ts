// The app's own locale data (locales/<lang>/translation.json `format`) and the one formatter every date and
// number goes through (src/lib/locale-format.ts): where Intl does not know a language (desktop Chromium has no
// km, lo, my; nothing has Tetum) the app's data must give the same text Intl gives where it does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGE_CODES } from '../../src/i18n/languages';
import { type LocaleData, localeFormat, parseLocaleData } from '../../src/lib/locale-format';

const dataOf = (lang: string): LocaleData => {
  const file = join(import.meta.dirname, '../../locales', lang, 'translation.json');
  const data = parseLocaleData(JSON.parse(readFileSync(file, 'utf8')).format);
  if (!data) throw new Error(`${lang}: no format block`);
  return data;
};

/** Chromium without locale data for `langs`: supportedLocalesOf leaves them out. */
function browserWithout(...langs: string[]) {
  const drop = (list: string[]) => list.filter((l) => !langs.includes(l.split('-')[0]!));
  const dtf = Intl.DateTimeFormat.supportedLocalesOf;
  const nf = Intl.NumberFormat.supportedLocalesOf;
  vi.spyOn(Intl.DateTimeFormat, 'supportedLocalesOf').mockImplementation((l, o) => drop(dtf(l, o)));
  vi.spyOn(Intl.NumberFormat, 'supportedLocalesOf').mockImplementation((l, o) => drop(nf(l, o)));
}

afterEach(() => vi.restoreAllMocks());

describe('locale data', () => {
  it('every language ships a well-formed format block that names its source', () => {
    for (const lang of LANGUAGE_CODES) {
      expect(dataOf(lang).months, lang).toHaveLength(12);
      const raw = JSON.parse(
        readFileSync(join(import.meta.dirname, '../../locales', lang, 'translation.json'), 'utf8'),
      );
      expect(raw.format.source.length, lang).toBeGreaterThan(10);
    }
  });

  // Node carries full ICU: the app's data must say exactly what CLDR says, wherever a browser has it.
  for (const lang of LANGUAGE_CODES.filter((l) => l !== 'tet')) {
    it(`${lang}: the app's own data gives the text Intl gives`, () => {
      const intl = localeFormat(lang, dataOf(lang));
      expect(intl.source).toEqual({ dates: 'intl', numbers: 'intl' });
      browserWithout(lang);
      const own = localeFormat(lang, dataOf(lang));
      expect(own.source).toEqual({ dates: 'own', numbers: 'own' });
      for (const day of ['2026-01-09', '2026-05-31', '2026-11-05', '2027-12-25']) {
        for (const dateStyle of ['short', 'medium', 'long'] as const) {
          expect(own.date(day, { dateStyle }), `${lang} ${day} ${dateStyle}`).toBe(
            intl.date(day, { dateStyle }),
          );
        }
        expect(own.month(day.slice(0, 7))).toBe(intl.month(day.slice(0, 7)));
      }
      for (const n of [0, 7, 42, 1234, -56789, 1234567.25]) {
        expect(own.number(n), `${lang} ${n}`).toBe(intl.number(n));
        expect(own.number(n, { signDisplay: 'exceptZero' })).toBe(
          intl.number(n, { signDisplay: 'exceptZero' }),
        );
      }
    });
  }
});

describe('localeFormat', () => {
  it('writes English dates day-month-year, never US-style', () => {
    const en = localeFormat('en', dataOf('en'));
    expect(en.date('2026-12-02', { dateStyle: 'short' })).toBe('02/12/2026');
    expect(en.date('2026-12-02')).toBe('2 Dec 2026');
    expect(en.month('2026-11')).toBe('November 2026');
  });

  it('names Tetum months in Tetum: no browser has Tetum, and Intl would answer in English', () => {
    const tet = localeFormat('tet', dataOf('tet'));
    expect(tet.source.dates).toBe('own');
    expect(tet.month('2026-11')).toBe('Novembru 2026');
    expect(tet.date('2026-12-05', { dateStyle: 'medium' })).toBe('5 Dez 2026');
    expect(tet.number(1234567.5)).toBe('1.234.567,5');
  });

  it('uses its own Khmer, Lao and Myanmar data where the browser has none (desktop Chromium)', () => {
    browserWithout('km', 'lo', 'my');
    expect(localeFormat('km', dataOf('km')).month('2026-11')).toBe('វិច្ឆិកា 2026');
    expect(localeFormat('lo', dataOf('lo')).date('2026-12-05', { dateStyle: 'long' })).toBe('5 ທັນວາ 2026');
    const my = localeFormat('my', dataOf('my'));
    expect(my.month('2026-11')).toBe('၂၀၂၆ နိုဝင်ဘာ');
    expect(my.number(1234)).toBe('၁,၂၃၄');
    expect(my.number(-3, { signDisplay: 'exceptZero' })).toBe('-၃');
    expect(my.date('2026-12-05T14:07:00', { dateStyle: 'long', timeStyle: 'short' })).toBe(
      '၂၀၂၆ ဒီဇင်ဘာ ၅ ၁၄:၀၇',
    );
  });

  it('does not trust a browser that lists a locale but answers in English', () => {
    // What a browser without Khmer data does when asked anyway: it answers in English.
    const english = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long' });
    const parts = english.formatToParts(new Date(2026, 1, 5));
    expect(parts.find((p) => p.type === 'month')?.value).toBe('February');
    vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts').mockReturnValue(parts);
    const km = localeFormat('km', dataOf('km'));
    expect(km.source.dates).toBe('own');
    expect(km.month('2026-11')).toBe('វិច្ឆិកា 2026');
  });

  it('keeps a calendar day on its day in any time zone, and shows a bad date as it is', () => {
    const en = localeFormat('en', dataOf('en'));
    expect(en.date('2026-01-01', { dateStyle: 'long' })).toBe('1 January 2026');
    expect(en.date('not a date')).toBe('not a date');
  });
});
