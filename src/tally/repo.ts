// The tally's storage: each month's counts per location, kept as materialised rows (`tallies`) that every
// record change adjusts in its own transaction, so the report and sync read a month in milliseconds even
// with 100,000 records on the device. The rows are only ever a cache of what tally.ts counts from the records:
// a month whose rows are missing or were counted under other rules (`tallyMonths.stamp`) is recounted from its
// records, found through the `periods` index, the first time it is read.
import { SDG_871_SETTINGS } from '../cases/classify';
import { db, type RecordBase, type RecordTable, recordTable, type TallyRow } from '../db/db';
import { RECORD_TABLES } from '../records/registry';
import { settings } from '../settings/repo';
import { INDICATORS } from './catalog';
import type { IndicatorCode } from './indicators';
import { countByOrgUnit, type DataValue, type TallyInput } from './tally';

/** Raise when tally.ts changes what it counts without the catalog changing. */
const COUNTING_VERSION = 2;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const catalogHash = fnv1a(JSON.stringify(INDICATORS));

/** The deployment's counting thresholds (from the server), else the SDG 8.7.1 ones. */
const thresholds = () => settings.value.thresholds ?? SDG_871_SETTINGS;

/** What the counts depend on besides the records: the rules, the catalog, the home country. */
export function currentStamp(): string {
  return `${COUNTING_VERSION}.${catalogHash}.${fnv1a(JSON.stringify(thresholds()))}.${settings.value.homeCountry ?? ''}`;
}

const options = () => ({
  homeCountry: settings.value.homeCountry ?? null,
  settings: settings.value.thresholds ?? SDG_871_SETTINGS,
});
const cellKey = (v: Pick<DataValue, 'indicator' | 'disaggregation'>) =>
  `${v.indicator}|${JSON.stringify(v.disaggregation)}`;
const rowKey = (period: string, orgUnit: string) => `${period}|${orgUnit}`;
const EMPTY = Object.fromEntries(RECORD_TABLES.map((t) => [t, []])) as unknown as TallyInput;

/** Counts of the records of one month, per location, read through the index. */
export async function loadMonth(period: string): Promise<TallyInput> {
  const rows = await Promise.all(
    RECORD_TABLES.map((t) => recordTable(t).where('periods').equals(period).toArray()),
  );
  return Object.fromEntries(RECORD_TABLES.map((t, i) => [t, rows[i]])) as unknown as TallyInput;
}

/**
 * The cell that holds how many of the month's records were about a child outside 5–17 (SPEC §3). Its key
 * starts with `_`, which no indicator code does: it is read by the report only, never synced or exported.
 */
export const OUT_OF_SCOPE_CELL = '_outOfAgeScope';

/** Each orgUnit's cells: its data values, and its out-of-scope count. */
function cellsOf(counted: ReturnType<typeof countByOrgUnit>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [orgUnit, values] of counted.values) {
    out.set(orgUnit, new Map(values.map((v) => [cellKey(v), v.value])));
  }
  for (const [orgUnit, n] of counted.outOfScope) {
    const cells = out.get(orgUnit) ?? new Map<string, number>();
    cells.set(OUT_OF_SCOPE_CELL, n);
    out.set(orgUnit, cells);
  }
  return out;
}

function rowsOf(period: string, counted: ReturnType<typeof countByOrgUnit>): TallyRow[] {
  return [...cellsOf(counted)].map(([orgUnit, cells]) => ({
    key: rowKey(period, orgUnit),
    period,
    orgUnit,
    cells: Object.fromEntries(cells),
  }));
}

/** Recounts one month from its records and stores the rows. */
async function recountMonth(period: string, stamp: string) {
  await db.transaction(
    'rw',
    [...RECORD_TABLES.map((t) => db.table(t)), db.tallies, db.tallyMonths],
    async () => {
      const rows = rowsOf(period, countByOrgUnit(await loadMonth(period), period, options()));
      await db.tallies.where('period').equals(period).delete();
      await db.tallies.bulkPut(rows);
      await db.tallyMonths.put({ period, stamp });
    },
  );
}

async function ensureMonth(period: string) {
  const stamp = currentStamp();
  if ((await db.tallyMonths.get(period))?.stamp !== stamp) await recountMonth(period, stamp);
}

/**
 * Adjusts the stored counts for one record change: what `before` counted is taken away and what `after`
 * counts is added, in every month either touches. Call inside the transaction that writes the record, with
 * `db.tallies` and `db.tallyMonths` in it. Months not counted yet are left to be counted when read.
 */
export async function applyChange(
  table: RecordTable,
  before: RecordBase | undefined,
  after: RecordBase | undefined,
) {
  const periods = [...new Set([...(before?.periods ?? []), ...(after?.periods ?? [])])];
  if (periods.length === 0) return;
  const stamp = currentStamp();
  const months = await db.tallyMonths.bulkGet(periods);
  const live = periods.filter((_, i) => months[i]?.stamp === stamp);
  if (live.length === 0) return;
  const delta = new Map<string, Map<string, number>>();
  const add = (record: RecordBase | undefined, sign: 1 | -1, period: string) => {
    if (!record) return;
    const input = { ...EMPTY, [table]: [record] } as TallyInput;
    for (const [orgUnit, counted] of cellsOf(countByOrgUnit(input, period, options()))) {
      const key = rowKey(period, orgUnit);
      const cells = delta.get(key) ?? new Map<string, number>();
      delta.set(key, cells);
      for (const [cell, n] of counted) cells.set(cell, (cells.get(cell) ?? 0) + sign * n);
    }
  };
  for (const period of live) {
    add(before, -1, period);
    add(after, 1, period);
  }
  const keys = [...delta.keys()];
  const rows = await db.tallies.bulkGet(keys);
  const out: TallyRow[] = [];
  const gone: string[] = [];
  keys.forEach((key, i) => {
    const [period, orgUnit] = [key.slice(0, 7), key.slice(8)];
    const cells = { ...(rows[i]?.cells ?? {}) };
    for (const [cell, d] of delta.get(key)!) {
      const v = (cells[cell] ?? 0) + d;
      if (v > 0) cells[cell] = v;
      else delete cells[cell];
    }
    if (Object.keys(cells).length) out.push({ key, period, orgUnit, cells });
    else gone.push(key);
  });
  await db.tallies.bulkPut(out);
  await db.tallies.bulkDelete(gone);
}

/** Marks months to be recounted from their records when next read (after a restore, say). */
export async function forgetMonths(periods: Iterable<string>) {
  await db.tallyMonths.bulkDelete([...new Set(periods)]);
}

function toValues(period: string, orgUnit: string, cells: Iterable<[string, number]>): DataValue[] {
  const out: DataValue[] = [];
  for (const [key, value] of cells) {
    if (key.startsWith('_')) continue;
    const bar = key.indexOf('|');
    out.push({
      indicator: key.slice(0, bar) as IndicatorCode,
      disaggregation: JSON.parse(key.slice(bar + 1)),
      orgUnit,
      period,
      value,
    });
  }
  return out;
}

/** One month's counts for everything within an area, reported under `orgUnit` (the report, exports). */
export async function monthValues(
  period: string,
  within: (orgUnit: string) => boolean,
  orgUnit: string,
): Promise<DataValue[]> {
  await ensureMonth(period);
  const rows = await db.tallies.where('period').equals(period).toArray();
  const sum = new Map<string, number>();
  for (const row of rows) {
    if (!within(row.orgUnit)) continue;
    for (const [k, v] of Object.entries(row.cells)) sum.set(k, (sum.get(k) ?? 0) + v);
  }
  return toValues(period, orgUnit, sum);
}

/** How many of the month's records within an area were about a child outside 5–17 (the report says so). */
export async function monthOutOfScope(period: string, within: (orgUnit: string) => boolean): Promise<number> {
  await ensureMonth(period);
  const rows = await db.tallies.where('period').equals(period).toArray();
  return rows.reduce((n, row) => n + (within(row.orgUnit) ? (row.cells[OUT_OF_SCOPE_CELL] ?? 0) : 0), 0);
}

/** The counts of exactly one (period, orgUnit): what sync sends for it. */
export async function pairValues(period: string, orgUnit: string): Promise<DataValue[]> {
  await ensureMonth(period);
  const row = await db.tallies.get(rowKey(period, orgUnit));
  return row ? toValues(period, orgUnit, Object.entries(row.cells)) : [];
}
