// What the report screen shows, worked out once per (month, location) from the two months' data values: for
// each computed indicator its total, last month's total and its tables (the table suppression publishes, two
// breakdowns at most, then one small table per other breakdown). Pure and cheap: a month holds a few hundred
// cells however many records are on the device (the counts come from the stored tallies), so the screen
// builds this in one pass per month and memoises it; rendering then only reads arrays.
import { INDICATORS, type IndicatorDef, tableOf } from './catalog';
import { DISAGGREGATIONS, type DisaggregationKey, type IndicatorCode } from './indicators';
import type { DataValue } from './tally';

/** One breakdown: a row per value seen in either month, in code-list order. */
export interface OneWay {
  kind: 'one';
  key: DisaggregationKey;
  rows: { value: string; n: number; previous: number }[];
  total: number;
  previous: number;
}

/** Two breakdowns crossed: `cells[row][col]`, with row totals (and last month's) and column totals. */
export interface TwoWay {
  kind: 'two';
  rowKey: DisaggregationKey;
  colKey: DisaggregationKey;
  rows: string[];
  cols: string[];
  cells: number[][];
  rowTotals: number[];
  previousRowTotals: number[];
  colTotals: number[];
  total: number;
  previous: number;
}

export interface IndicatorModel {
  def: IndicatorDef;
  total: number;
  previous: number;
  /** The indicator's main table (catalog `tableOf`); null when it has no breakdown. */
  main: OneWay | TwoWay | null;
  /** One table per breakdown beyond the main table's. */
  others: OneWay[];
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

export function oneWay(
  key: DisaggregationKey,
  now: readonly DataValue[],
  before: readonly DataValue[],
): OneWay {
  const a = byKey(now, key);
  const b = byKey(before, key);
  const rows = sortValues(key, [...a.keys(), ...b.keys()]).map((value) => ({
    value,
    n: a.get(value) ?? 0,
    previous: b.get(value) ?? 0,
  }));
  return { kind: 'one', key, rows, total: sumOf(now), previous: sumOf(before) };
}

export function twoWay(
  rowKey: DisaggregationKey,
  colKey: DisaggregationKey,
  now: readonly DataValue[],
  before: readonly DataValue[],
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
  return {
    kind: 'two',
    rowKey,
    colKey,
    rows,
    cols,
    cells,
    rowTotals,
    previousRowTotals,
    colTotals,
    total: sumOf(now),
    previous: sumOf(before),
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

/** Every computed indicator, in catalog order, with this month's and last month's numbers. */
export function buildReport(current: readonly DataValue[], previous: readonly DataValue[]): IndicatorModel[] {
  const now = group(current);
  const before = group(previous);
  return INDICATORS.map((def) => {
    const a = now.get(def.code) ?? [];
    const b = before.get(def.code) ?? [];
    const dims = tableOf(def);
    const main =
      dims.length === 2
        ? twoWay(dims[0]!, dims[1]!, a, b)
        : dims.length === 1
          ? oneWay(dims[0]!, a, b)
          : null;
    const others = def.by.filter((k) => !dims.includes(k)).map((k) => oneWay(k, a, b));
    return { def, total: sumOf(a), previous: sumOf(b), main, others };
  });
}
