// What the report screen shows, worked out once per (month, location) from the two months' data values: for
// each computed indicator its total, last month's total and its tables (the table suppression publishes, two
// breakdowns at most, then one small table per other breakdown). Pure and cheap: a month holds a few hundred
// cells however many records are on the device (the counts come from the stored tallies), so the screen
// builds this in one pass per month and memoises it; rendering then only reads arrays.
//
// With `hideSmall` (SPEC §7: the printed report is handed round, like a shared export) every number goes
// through the same suppression as the CSV (export/suppress.ts): a hidden number keeps only its mark, never its
// value, so no component can show it by mistake, and a change against last month is null when either month's
// number is hidden (a visible change next to a visible count would give the other month's count away).

import { INDICATORS, type IndicatorDef, tableOf } from './catalog';
import { DISAGGREGATIONS, type DisaggregationKey, type IndicatorCode } from './indicators';
import { type SuppressOptions, suppressDataValues, suppressTable } from './suppress';
import type { DataValue } from './tally';

/** A number as the report may show it: a hidden one carries only its mark (`<5`, or `x` for complementary). */
export type Count = { n: number; mark?: undefined } | { n: null; mark: string };

/** One breakdown: a row per value seen in either month, in code-list order. */
export interface OneWay {
  kind: 'one';
  key: DisaggregationKey;
  rows: { value: string; n: Count; previous: Count }[];
  total: Count;
  previous: Count;
}

/** Two breakdowns crossed: `cells[row][col]`, with row totals (and last month's) and column totals. */
export interface TwoWay {
  kind: 'two';
  rowKey: DisaggregationKey;
  colKey: DisaggregationKey;
  rows: string[];
  cols: string[];
  cells: Count[][];
  rowTotals: Count[];
  previousRowTotals: Count[];
  colTotals: Count[];
  total: Count;
  previous: Count;
}

export interface IndicatorModel {
  def: IndicatorDef;
  total: Count;
  previous: Count;
  /** The indicator's main table (catalog `tableOf`); null when it has no breakdown. */
  main: OneWay | TwoWay | null;
  /** One table per breakdown beyond the main table's. */
  others: OneWay[];
}

/** This month's count minus last month's; null when either is hidden. */
export function change(now: Count, before: Count): number | null {
  return now.n === null || before.n === null ? null : now.n - before.n;
}

/** The same marks as the CSV export (suppress.ts defaults), spelled out because tables below add to them. */
const MARKS = { primaryDisplay: '<5', complementaryDisplay: 'x' } satisfies SuppressOptions;

/** What one month shows of a cell of indicator `code` with breakdown `d` (a margin leaves keys out). */
type Shown = (code: IndicatorCode, d: Record<string, string>, n: number) => Count;

const cellKey = (code: string, d: Record<string, string>) =>
  `${code}|${Object.keys(d)
    .sort()
    .map((k) => `${k}=${d[k]}`)
    .join(';')}`;

const visible: Shown = (_code, _d, n) => ({ n });

/**
 * The month's hidden cells: the main tables exactly as the CSV hides them, plus each other breakdown's list
 * protected on its own. Those lists share only the grand total with the main table, so when the main table
 * hides its total, every list hides it too, with at least one entry beside it (or the entries would add up
 * to it).
 */
function hiddenCells(values: readonly DataValue[]): Shown {
  const marks = new Map<string, string>();
  for (const c of suppressDataValues(values, MARKS)) {
    if (c.value === null) marks.set(cellKey(c.indicator, c.disaggregation), c.display);
  }
  const byIndicator = group(values);
  for (const def of INDICATORS) {
    const own = byIndicator.get(def.code) ?? [];
    const totalMark = marks.get(cellKey(def.code, {}));
    for (const key of def.by.filter((k) => !tableOf(def).includes(k))) {
      const cells = suppressTable(own, [key], MARKS);
      const entries = cells.filter((c) => !c.margin);
      if (totalMark !== undefined && !entries.some((c) => c.suppressed)) {
        const positive = entries.filter((c) => c.value);
        const cheapest = positive.sort((a, b) => (a.value ?? 0) - (b.value ?? 0))[0];
        if (cheapest) marks.set(cellKey(def.code, cheapest.disaggregation), MARKS.complementaryDisplay);
      }
      for (const c of entries) {
        if (c.value === null) marks.set(cellKey(def.code, c.disaggregation), c.display);
      }
    }
  }
  return (code, d, n) => {
    const mark = marks.get(cellKey(code, d));
    return mark === undefined ? { n } : { n: null, mark };
  };
}

/** Position of a value in its code list, for a stable, familiar order; values outside the list go last. */
function order(key: DisaggregationKey, value: string): number {
  const i = (DISAGGREGATIONS[key] as readonly string[]).indexOf(value);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

const sortValues = (key: DisaggregationKey, values: Iterable<string>) =>
  [...new Set(values)].sort((a, b) => order(key, a) - order(key, b) || (a < b ? -1 : a > b ? 1 : 0));

const sumOf = (values: readonly DataValue[]) => values.reduce((n, v) => n + v.value, 0);

/** Sums `values` by one breakdown. */
function byKey(values: readonly DataValue[], key: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) {
    const k = v.disaggregation[key] ?? '';
    out.set(k, (out.get(k) ?? 0) + v.value);
  }
  return out;
}

/** The two months' views of one indicator's cells. */
interface Lens {
  code: IndicatorCode;
  now: Shown;
  before: Shown;
}

export function oneWay(
  key: DisaggregationKey,
  now: readonly DataValue[],
  before: readonly DataValue[],
  lens: Lens,
): OneWay {
  const a = byKey(now, key);
  const b = byKey(before, key);
  const rows = sortValues(key, [...a.keys(), ...b.keys()]).map((value) => ({
    value,
    n: lens.now(lens.code, { [key]: value }, a.get(value) ?? 0),
    previous: lens.before(lens.code, { [key]: value }, b.get(value) ?? 0),
  }));
  return {
    kind: 'one',
    key,
    rows,
    total: lens.now(lens.code, {}, sumOf(now)),
    previous: lens.before(lens.code, {}, sumOf(before)),
  };
}

export function twoWay(
  rowKey: DisaggregationKey,
  colKey: DisaggregationKey,
  now: readonly DataValue[],
  before: readonly DataValue[],
  lens: Lens,
): TwoWay {
  const all = [...now, ...before];
  const rows = sortValues(
    rowKey,
    all.map((v) => v.disaggregation[rowKey] ?? ''),
  );
  const cols = sortValues(
    colKey,
    all.map((v) => v.disaggregation[colKey] ?? ''),
  );
  const r = new Map(rows.map((x, i) => [x, i]));
  const c = new Map(cols.map((x, i) => [x, i]));
  const cells = rows.map(() => new Array<number>(cols.length).fill(0));
  const rowTotals = new Array<number>(rows.length).fill(0);
  const previousRowTotals = new Array<number>(rows.length).fill(0);
  const colTotals = new Array<number>(cols.length).fill(0);
  for (const v of now) {
    const i = r.get(v.disaggregation[rowKey] ?? '')!;
    const j = c.get(v.disaggregation[colKey] ?? '')!;
    cells[i]![j]! += v.value;
    rowTotals[i]! += v.value;
    colTotals[j]! += v.value;
  }
  for (const v of before) previousRowTotals[r.get(v.disaggregation[rowKey] ?? '')!]! += v.value;
  const { code } = lens;
  return {
    kind: 'two',
    rowKey,
    colKey,
    rows,
    cols,
    cells: cells.map((row, i) =>
      row.map((n, j) => lens.now(code, { [rowKey]: rows[i]!, [colKey]: cols[j]! }, n)),
    ),
    rowTotals: rowTotals.map((n, i) => lens.now(code, { [rowKey]: rows[i]! }, n)),
    previousRowTotals: previousRowTotals.map((n, i) => lens.before(code, { [rowKey]: rows[i]! }, n)),
    colTotals: colTotals.map((n, j) => lens.now(code, { [colKey]: cols[j]! }, n)),
    total: lens.now(code, {}, sumOf(now)),
    previous: lens.before(code, {}, sumOf(before)),
  };
}

function group(values: readonly DataValue[]): Map<IndicatorCode, DataValue[]> {
  const out = new Map<IndicatorCode, DataValue[]>();
  for (const v of values) {
    const list = out.get(v.indicator);
    if (list) list.push(v);
    else out.set(v.indicator, [v]);
  }
  return out;
}

/**
 * Every computed indicator, in catalog order, with this month's and last month's numbers; with `hideSmall`,
 * each month's small cells hidden as that month's own report (or CSV) would hide them.
 */
export function buildReport(
  current: readonly DataValue[],
  previous: readonly DataValue[],
  hideSmall = false,
): IndicatorModel[] {
  const now = group(current);
  const before = group(previous);
  const shownNow = hideSmall ? hiddenCells(current) : visible;
  const shownBefore = hideSmall ? hiddenCells(previous) : visible;
  return INDICATORS.map((def) => {
    const a = now.get(def.code) ?? [];
    const b = before.get(def.code) ?? [];
    const lens: Lens = { code: def.code, now: shownNow, before: shownBefore };
    const dims = tableOf(def);
    const main =
      dims.length === 2
        ? twoWay(dims[0]!, dims[1]!, a, b, lens)
        : dims.length === 1
          ? oneWay(dims[0]!, a, b, lens)
          : null;
    const others = def.by.filter((k) => !dims.includes(k)).map((k) => oneWay(k, a, b, lens));
    return {
      def,
      total: shownNow(def.code, {}, sumOf(a)),
      previous: shownBefore(def.code, {}, sumOf(b)),
      main,
      others,
    };
  });
}
