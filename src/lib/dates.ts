// Months (`YYYY-MM`) a record's counts touch. Stored on each record as `periods` and indexed (multi-entry),
// so one month's records are found without reading the rest.

/** `2026-03-14` → `2026-03`; anything that is not a date gives undefined. */
export function monthOf(date: string | null | undefined): string | undefined {
  if (!date) return undefined;
  const m = /^(\d{4}-\d{2})-\d{2}/.exec(date);
  return m ? m[1] : undefined;
}

/** The distinct months of the given dates, sorted. */
export function monthsOf(dates: Iterable<string | null | undefined>): string[] {
  const out = new Set<string>();
  for (const d of dates) {
    const m = monthOf(d);
    if (m) out.add(m);
  }
  return [...out].sort();
}

/** The month before `period`, for "change against the previous month". */
export function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Today's month in local time. */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** Today as `YYYY-MM-DD` in local time (what a date input shows). */
export function today(now = new Date()): string {
  return `${currentMonth(now)}-${String(now.getDate()).padStart(2, '0')}`;
}
