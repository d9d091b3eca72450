// A pseudo-locale for development (`npm run dev`, then open the app with `?pseudo`): every English string with
// accented letters, a third longer and in brackets, so a screen shows at a glance which text is not translated
// (plain English), which is cut off (no closing bracket) and which layout breaks when a language runs long
// (Khmer and Myanmar often run 30–50 % longer than English). Never part of a production build.
const ACCENTED: Record<string, string> = {
  a: 'á',
  e: 'é',
  i: 'í',
  o: 'ö',
  u: 'ü',
  c: 'ç',
  n: 'ñ',
  y: 'ý',
  A: 'Å',
  E: 'É',
  I: 'Î',
  O: 'Ø',
  U: 'Ü',
  C: 'Ç',
  N: 'Ñ',
  Y: 'Ý',
};

/** One string: placeholders (`{{n}}`, `$t(…)`) and HTML-like tags are kept as they are. */
export function pseudoString(s: string): string {
  const parts = s.split(/(\{\{[^}]*\}\}|\$t\([^)]*\)|<[^>]*>)/);
  const body = parts
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[a-zA-Z]/g, (ch) => ACCENTED[ch] ?? ch)))
    .join('');
  const pad = '·'.repeat(Math.ceil(s.length / 3));
  return `[${body}${pad}]`;
}

type Strings = { [key: string]: string | Strings };

/** A whole translation file, deeply. */
export function pseudoLocale(strings: Strings): Strings {
  return Object.fromEntries(
    Object.entries(strings).map(([k, v]) => [k, typeof v === 'string' ? pseudoString(v) : pseudoLocale(v)]),
  );
}
