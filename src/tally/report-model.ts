// What the report screen shows, worked out once per (month, location) from the two months' data values: for
// each computed indicator its total, last month's total and its tables (the table suppression publishes, two
// breakdowns at most, then one small table per other breakdown). Pure and cheap: a month holds a few hundred
// cells however many records are on the device (the counts come from the stored tallies), so the screen
// builds this in one pass per month and memoises it; rendering then only reads arrays.
//
// Every count carries its true number and, for the indicators that count children, the mark a shared copy
// shows in its place (SPEC §7), worked out exactly as the shared CSV hides it (tally/publish.ts
// `publishTables`). The person's own screen shows the true number and marks the cell; the printed copy,
// which is handed round, shows the mark when small numbers are hidden for shared outputs. A change against
// last month is hidden on paper when either month's number is (a visible change next to a visible count would
// give the other month's count away).
import { INDICATORS, type IndicatorDef, tableOf } from './catalog';
import { DISAGGREGATIONS, type DisaggregationKey, type IndicatorCode } from './indicators';
import { publishTables } from './publish';
import type { DataValue } from './tally';

/** A count: its true number and, when a shared copy hides it, the mark it shows instead (`<5` or `x`). */
export interface Count {
  n: number;
  mark?: string;
}

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

/** This month's count minus last month's; on a shared copy (`shared`) null when either is hidden. */
export function change(now: Count, before: Count, shared = false): number | null {
  return shared && (now.mark !== undefined || before.mark !== undefined) ? null : now.n - before.n;
}

/** Does a shared copy hide anything of this indicator this month or last? */
export const hidesAny = (m: IndicatorModel) => m.total.mark !== undefined || m.previous.mark !== undefined;

/** What one month shows of a cell of indicator `code` with breakdown `d` (a margin leaves keys out). */
type Shown = (code: IndicatorCode, d: Record<string, string>, n: number) => Count;

const cellKey = (code: string, d: Record<string, string>) =>
  `${code}|${Object.keys(d)
    .sort()
    .map((k) => `${k}=${d[k]}`)
    .join(';')}`;

/** The month's cells a shared copy hides: exactly those the shared CSV hides. */
function hiddenCells(values: readonly DataValue[]): Shown {
  const marks = new Map<string, string>();
  const crossed = new Set<string>();
  for (const r of publishTables(values, { suppress: true })) {
    if (r.value === null) marks.set(cellKey(r.indicator, r.disaggregation), r.display);
    if (r.table.length === 2) crossed.add(r.indicator);
  }
  // A crossed table that would be mostly hidden is not published at all: on paper its cells are all `x`.
  const dropped = new Set(
    INDICATORS.filter((d) => d.countsChildren && tableOf(d).length === 2 && !crossed.has(d.code)).map(
      (d) => d.code as string,
    ),
  );
  const present = new Set(values.map((v) => v.indicator as string));
  return (code, d, n) => {
    const mark = marks.get(cellKey(code, d));
    if (mark !== undefined) return { n, mark };
    if (dropped.has(code) && present.has(code) && Object.keys(d).length === 2) return { n, mark: 'x' };
    return { n };
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

/** Above this many columns a crossed table is turned, so the longer breakdown runs down the page (A4, phones). */
export const MAX_COLUMNS = 5;

/** A crossed table, turned when it would be wider than it is long and too wide for a page. */
function crossed(
  a: DisaggregationKey,
  b: DisaggregationKey,
  now: readonly DataValue[],
  before: readonly DataValue[],
  lens: Lens,
): TwoWay {
  const table = twoWay(a, b, now, before, lens);
  if (table.cols.length <= MAX_COLUMNS || table.cols.length <= table.rows.length) return table;
  return twoWay(b, a, now, before, lens);
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
 * Every computed indicator, in catalog order, with this month's and last month's numbers, each marked where
 * that month's shared copy (CSV or print) hides it.
 */
export function buildReport(current: readonly DataValue[], previous: readonly DataValue[]): IndicatorModel[] {
  const now = group(current);
  const before = group(previous);
  const shownNow = hiddenCells(current);
  const shownBefore = hiddenCells(previous);
  return INDICATORS.map((def) => {
    const a = now.get(def.code) ?? [];
    const b = before.get(def.code) ?? [];
    const lens: Lens = { code: def.code, now: shownNow, before: shownBefore };
    const dims = tableOf(def);
    const main =
      dims.length === 2
        ? crossed(dims[0]!, dims[1]!, a, b, lens)
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
