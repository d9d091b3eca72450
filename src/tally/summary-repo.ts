// What the home dashboard reads (SPEC §4, §11): open cases, overdue follow-ups, and the main indicators'
// totals for the last 12 months from the stored tallies (`tallies` rows, kept up to date by every save). It
// reads the rows straight from the database, without the counting engine, so the first screen stays within
// its budget; only a month that has records but was never counted (no `tallyMonths` row yet) makes it load
// tally/repo.ts, once, to count that month from its records.
import { db } from '../db/db';
import { RECORD_TABLES } from '../records/registry';
import type { IndicatorCode } from './indicators';

/** The indicators the dashboard follows month by month. */
export const MAIN_INDICATORS = [
  'CHILDREN_IDENTIFIED',
  'CHILDREN_REFERRED',
  'CHILDREN_WITHDRAWN',
  'INSPECTIONS',
  'PEOPLE_TRAINED',
  'ACTIVITIES',
] as const satisfies readonly IndicatorCode[];
export type MainIndicator = (typeof MAIN_INDICATORS)[number];

const OPEN = new Set(['identified', 'referred', 'receiving_services', 'monitoring']);

export interface Summary {
  openCases: number;
  overdue: number;
  /** The months, oldest first, and per main indicator its total in each (the device's every location). */
  months: string[];
  totals: Record<MainIndicator, number[]>;
}

/** Months `YYYY-MM` from 11 before `last` to `last`. */
export function lastMonths(last: string, n = 12): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(y, m - 1 - (n - 1 - i), 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}

/**
 * Counts the months of the last 12 that have records but were never counted, through the (lazy) tally repo.
 * Call before reading (it writes, so it cannot run inside a live query).
 */
export async function countMissing(months: readonly string[]) {
  const counted = await db.tallyMonths.bulkGet([...months]);
  const missing = months.filter((_, i) => !counted[i]);
  if (missing.length === 0) return;
  const withRecords: string[] = [];
  for (const period of missing) {
    const counts = await Promise.all(
      RECORD_TABLES.map((t) => db.table(t).where('periods').equals(period).count()),
    );
    if (counts.some((n) => n > 0)) withRecords.push(period);
  }
  if (withRecords.length === 0) return;
  const { monthValues } = await import('./repo');
  for (const period of withRecords) await monthValues(period, () => true, '');
}

/** Does the device hold any record? Until it does, the dashboard has nothing to show and is not loaded. */
export async function hasRecords(): Promise<boolean> {
  const counts = await Promise.all(RECORD_TABLES.map((t) => db.table(t).limit(1).count()));
  return counts.some((n) => n > 0);
}

/** Reads the summary (only reads: safe in a live query, so the dashboard follows every save). */
export async function readSummary(today: string): Promise<Summary> {
  const months = lastMonths(today.slice(0, 7));
  const rows = await db.tallies.where('period').anyOf(months).toArray();
  const index = new Map(months.map((m, i) => [m, i]));
  const totals = Object.fromEntries(
    MAIN_INDICATORS.map((c) => [c, months.map(() => 0)]),
  ) as Summary['totals'];
  for (const row of rows) {
    const i = index.get(row.period)!;
    for (const [key, n] of Object.entries(row.cells)) {
      const code = key.slice(0, key.indexOf('|')) as MainIndicator;
      if (totals[code]) totals[code][i]! += n;
    }
  }
  const [openCases, overdueCases, overdueInspections] = await Promise.all([
    db.cases.filter((c) => c.deletedAt === null && OPEN.has(c.status)).count(),
    db.cases
      .where('dueOn')
      .below(today)
      .filter((c) => c.deletedAt === null)
      .count(),
    db.inspections
      .where('dueOn')
      .below(today)
      .filter((i) => i.deletedAt === null)
      .count(),
  ]);
  return { openCases, overdue: overdueCases + overdueInspections, months, totals };
}
