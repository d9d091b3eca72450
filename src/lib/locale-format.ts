// Dates and numbers for every language the app speaks (SPEC §10), in one place. Browsers do not all carry
// locale data: desktop Chromium has none for Khmer, Lao and Myanmar, and no browser has Tetum; asked anyway,
// Intl answers in English without a word. So each language's translation file carries the app's own month
// names, digits, separators and date patterns (`format.*`, generated from CLDR through ICU for nine languages,
// written for Pelita for Tetum; `format.source` says which), and this module uses Intl only where a probe
// shows that Intl really knows the language: it must list the locale as supported AND give the same month name
// and digits as the app's data. Otherwise the app's own data formats the value. Both paths give the same text
// for the same language, so a table never mixes Myanmar and Latin digits.
//
// English is day-month-year (en-GB), as in ASEAN; "12/2/26" would read as 12 February in Malaysia.
// A leaf module: no imports, so the app, its exports and tests can all use it.

export interface LocaleData {
  months: readonly string[];
  monthsShort: readonly string[];
  /** The ten digits, 0 to 9, in the script the language writes numbers in. */
  digits: string;
  group: string;
  decimal: string;
  /** Date patterns: `{d}` `{dd}` `{M}` `{MM}` `{MMM}` `{MMMM}` `{y}` `{yy}` (`{yBE}` Buddhist era), `{HH}` `{mm}`. */
  short: string;
  medium: string;
  long: string;
  monthYear: string;
  monthShortYear: string;
  time: string;
  /** `{date}` and `{time}`. */
  dateTime: string;
}

const PATTERNS = ['short', 'medium', 'long', 'monthYear', 'monthShortYear', 'time', 'dateTime'] as const;

/** The `format` block of a translation file, checked; null when it is missing or malformed. */
export function parseLocaleData(raw: unknown): LocaleData | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : null);
  const months = str('months')?.split('|');
  const monthsShort = str('monthsShort')?.split('|');
  const digits = str('digits');
  if (months?.length !== 12 || monthsShort?.length !== 12 || !digits || [...digits].length !== 10)
    return null;
  const out: Record<string, unknown> = { months, monthsShort, digits: digits };
  for (const k of ['group', 'decimal', ...PATTERNS]) {
    const v = str(k);
    if (v === null) return null;
    out[k] = v;
  }
  return out as unknown as LocaleData;
}

/** The BCP 47 tag Intl is asked for; null where no browser has data (Tetum). */
export function intlTag(lang: string): string | null {
  if (lang === 'tet') return null;
  return lang === 'en' ? 'en-GB' : lang;
}

export type DateInput = string | Date;
export interface DateOptions {
  dateStyle?: 'short' | 'medium' | 'long' | 'full';
  timeStyle?: 'short';
}
export interface NumberOptions {
  signDisplay?: 'auto' | 'exceptZero';
  maximumFractionDigits?: number;
  minimumFractionDigits?: number;
  /** Only megabytes are shown as a unit in the app (storage use). */
  style?: 'decimal' | 'unit';
  unit?: 'megabyte';
}

export interface LocaleFormat {
  lang: string;
  number(n: number, options?: NumberOptions): string;
  date(value: DateInput, options?: DateOptions): string;
  /** `2026-11` → "November 2026", "វិច្ឆិកា 2026", "၂၀၂၆ နိုဝင်ဘာ". */
  month(period: string): string;
  /** `2026-11` → "Nov 26": chart axes. */
  monthShort(period: string): string;
  /** Which path each kind of value takes: `intl` when the browser passed the probe, else `own`. */
  source: { dates: 'intl' | 'own'; numbers: 'intl' | 'own' };
}

/** `YYYY-MM-DD` is a calendar day (local midnight, never shifted by the time zone); anything else a moment. */
export function toDate(value: DateInput): Date {
  if (value instanceof Date) return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00`);
  if (/^\d{4}-\d{2}$/.test(value)) return new Date(`${value}-01T00:00:00`);
  return new Date(value);
}

const PROBE = new Date(2026, 1, 5, 9, 7);

function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

/** Does Intl know `tag` for dates: listed as supported, and naming February as the app's data does? */
function intlDates(tag: string | null, data: LocaleData | null): boolean {
  if (!tag) return false;
  return (
    safe(() => {
      if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length === 0) return false;
      if (!data) return true;
      // With the day, so the month is in its format form ("tháng 2"), as in a date, not the stand-alone one.
      const parts = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long' }).formatToParts(PROBE);
      const month = parts.find((p) => p.type === 'month')?.value;
      const year = new Intl.DateTimeFormat(tag, { year: 'numeric' }).format(PROBE);
      return month === data.months[1] && year.includes(data.digits[2]!);
    }) ?? false
  );
}

/** Does Intl know `tag` for numbers: listed as supported, and writing 1234567.5 as the app's data does? */
function intlNumbers(tag: string | null, data: LocaleData | null): boolean {
  if (!tag) return false;
  return (
    safe(() => {
      if (Intl.NumberFormat.supportedLocalesOf([tag]).length === 0) return false;
      if (!data) return true;
      return new Intl.NumberFormat(tag).format(1234567.5) === ownNumber(data, 1234567.5, {});
    }) ?? false
  );
}

const toDigits = (data: LocaleData, text: string) =>
  data.digits === '0123456789' ? text : text.replace(/[0-9]/g, (d) => data.digits[Number(d)]!);

function ownNumber(data: LocaleData, n: number, o: NumberOptions): string {
  if (!Number.isFinite(n)) return String(n);
  const max = o.maximumFractionDigits ?? Math.max(3, o.minimumFractionDigits ?? 0);
  const fixed = Math.abs(n).toFixed(max);
  let [int = '0', frac = ''] = fixed.split('.');
  frac = frac.replace(/0+$/, '');
  while (frac.length < (o.minimumFractionDigits ?? 0)) frac += '0';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u0000');
  let text = grouped.split('\u0000').join(data.group) + (frac ? data.decimal + frac : '');
  const zero = Number(fixed) === 0;
  if (n < 0 && !zero) text = `-${text}`;
  else if (o.signDisplay === 'exceptZero' && !zero) text = `+${text}`;
  if (o.style === 'unit' && o.unit === 'megabyte') text = `${text} MB`;
  return toDigits(data, text);
}

function ownDate(data: LocaleData, d: Date, pattern: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const y = d.getFullYear();
  const tokens: Record<string, string> = {
    d: String(d.getDate()),
    dd: pad(d.getDate()),
    M: String(d.getMonth() + 1),
    MM: pad(d.getMonth() + 1),
    MMM: data.monthsShort[d.getMonth()]!,
    MMMM: data.months[d.getMonth()]!,
    y: String(y),
    yy: pad(y % 100),
    yBE: String(y + 543),
    yyBE: pad((y + 543) % 100),
    HH: pad(d.getHours()),
    mm: pad(d.getMinutes()),
  };
  // Digits first, names after: a month name may itself hold digits ("tháng 11") that are already right.
  return pattern.replace(/\{(\w+)\}/g, (whole, k: string) => {
    const v = tokens[k];
    if (v === undefined) return whole;
    return k.startsWith('MMM') ? v : toDigits(data, v);
  });
}

/** One language's formatter. `data` is that language's `format` block (null only before strings load). */
export function localeFormat(lang: string, data: LocaleData | null): LocaleFormat {
  const tag = intlTag(lang);
  const dates = intlDates(tag, data) || !data;
  const numbers = intlNumbers(tag, data) || !data;
  // Without data and without Intl (never in the app: every language ships its block) fall back to en-GB.
  const intl = tag ?? 'en-GB';
  const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
  const cached = <T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T => {
    let f = cache.get(key) as T | undefined;
    if (!f) {
      f = make();
      cache.set(key, f);
    }
    return f;
  };

  const number = (n: number, o: NumberOptions = {}) => {
    if (!numbers) return ownNumber(data!, n, o);
    return cached(`n${JSON.stringify(o)}`, () => new Intl.NumberFormat(intl, o)).format(n);
  };
  const date = (value: DateInput, o: DateOptions = { dateStyle: 'medium' }) => {
    const d = toDate(value);
    if (Number.isNaN(d.getTime())) return typeof value === 'string' ? value : '';
    if (dates) {
      return cached(`d${o.dateStyle}${o.timeStyle}`, () => new Intl.DateTimeFormat(intl, o)).format(d);
    }
    const style = o.dateStyle === 'full' ? 'long' : o.dateStyle;
    const day = style ? ownDate(data!, d, data![style]) : '';
    if (!o.timeStyle) return day;
    const time = ownDate(data!, d, data!.time);
    return day ? data!.dateTime.replace('{date}', day).replace('{time}', time) : time;
  };
  const monthOf = (period: string, own: keyof LocaleData, o: Intl.DateTimeFormatOptions) => {
    const d = toDate(period.slice(0, 7));
    if (Number.isNaN(d.getTime())) return period;
    if (dates) return cached(`m${own}`, () => new Intl.DateTimeFormat(intl, o)).format(d);
    return ownDate(data!, d, data![own] as string);
  };
  return {
    lang,
    number,
    date,
    month: (p) => monthOf(p, 'monthYear', { year: 'numeric', month: 'long' }),
    monthShort: (p) => monthOf(p, 'monthShortYear', { year: '2-digit', month: 'short' }),
    source: { dates: dates ? 'intl' : 'own', numbers: numbers ? 'intl' : 'own' },
  };
}
