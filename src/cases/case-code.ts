// Case codes (SPEC §2.3): pseudonymous, made on the device, e.g. `KH-12-2026-0007` — the country and the
// first-level subdivision of the case's location, the year the child was identified, and a sequence that is
// unique on this device for that prefix. A code never carries a name; it is assigned once, on first save, and
// never changes (it is how a case worker finds the case again, on paper too).

/** Country (+ first-level subdivision) at the start of an ISO-style location code: `KH-12-03` → `KH`, `12`. */
const ISO_LIKE = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?(?=$|-)/;
const COUNTRY = /^[A-Z]{2}$/;

/**
 * The code's prefix, ending in `-`: `KH-12-2026-` for a province, `KH-2026-` for a country-only location.
 * A location list whose codes are not ISO-style (a national or DHIS2 list) gives the device's home country;
 * with none, `XX` (ISO's "user-assigned" code), so a case can always be saved.
 */
export function caseCodePrefix(orgUnit: string, identifiedOn: string, homeCountry?: string | null): string {
  const year = /^\d{4}/.exec(identifiedOn)?.[0] ?? String(new Date().getFullYear());
  const m = ISO_LIKE.exec(orgUnit.toUpperCase());
  if (m) return m[2] ? `${m[1]}-${m[2]}-${year}-` : `${m[1]}-${year}-`;
  const country = homeCountry?.toUpperCase();
  return `${country && COUNTRY.test(country) ? country : 'XX'}-${year}-`;
}

/** The sequence at the end of a code, or 0 when the code is not one of ours. */
export function sequenceOf(code: string, prefix: string): number {
  if (!code.startsWith(prefix)) return 0;
  const rest = code.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : 0;
}

/** The code for sequence `n`: zero-padded to four digits, longer when it must be. */
export const formatCaseCode = (prefix: string, n: number) => `${prefix}${String(n).padStart(4, '0')}`;

/**
 * The sequence after the highest of `codes` (all codes on the device with this prefix).
 */
export function nextSequence(codes: Iterable<string>, prefix: string): number {
  let max = 0;
  for (const c of codes) max = Math.max(max, sequenceOf(c, prefix));
  return max + 1;
}
