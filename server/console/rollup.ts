// Sums over the location tree, pure: a location's month is the sum of every device's cells at that location
// and every location under it (SPEC §12). The store gives cells per (location, month); this file adds them up
// for the location asked, for each of its direct children, and month by month for the trend.
import type { LocationTree } from '../../src/locations/locations';
import { canonicalDisaggregation } from '../../src/sync/protocol';
import type { IndicatorCode } from '../../src/tally/indicators';
import type { DataValue } from '../../src/tally/tally';

/** `root` and every location under it. */
export function subtree(tree: LocationTree, root: string): Set<string> {
  return new Set([root, ...tree.descendantsOf(root).map((l) => l.code)]);
}

/** Is `code` inside the subtree of `scope` (null: everywhere)? */
export function inScope(tree: LocationTree, scope: string | null, code: string): boolean {
  return scope === null || code === scope || tree.isWithin(code, scope);
}

/** The cells of `codes`, summed per (indicator, breakdown), reported as `period` at `orgUnit`. */
export function sumCells(
  cells: readonly DataValue[],
  codes: ReadonlySet<string>,
  orgUnit: string,
  period: string,
): DataValue[] {
  const out = new Map<string, DataValue>();
  for (const c of cells) {
    if (!codes.has(c.orgUnit)) continue;
    const key = `${c.indicator}|${canonicalDisaggregation(c.disaggregation)}`;
    const had = out.get(key);
    if (had) had.value += c.value;
    else out.set(key, { ...c, orgUnit, period, disaggregation: { ...c.disaggregation } });
  }
  return [...out.values()].filter((v) => v.value > 0);
}

export type Totals = Partial<Record<IndicatorCode, number>>;

export function totalsOf(cells: readonly DataValue[]): Totals {
  const out: Totals = {};
  for (const c of cells) out[c.indicator] = (out[c.indicator] ?? 0) + c.value;
  return out;
}

export interface ChildRow {
  orgUnit: string;
  name: string;
  totals: Totals;
}

/**
 * One row per direct child of `root` (each its whole subtree), plus a row for `root` itself when devices
 * reported at the parent level, so the rows always add up to the location's total.
 */
export function childRows(
  tree: LocationTree,
  root: string,
  rootTotals: Totals,
  children: readonly { orgUnit: string; totals: Totals }[],
): ChildRow[] {
  // A location without sub-locations has no rows to show: its total is the whole story.
  if (children.length === 0) return [];
  const own: Totals = { ...rootTotals };
  for (const c of children) {
    for (const [k, v] of Object.entries(c.totals) as [IndicatorCode, number][]) {
      const left = (own[k] ?? 0) - v;
      if (left > 0) own[k] = left;
      else delete own[k];
    }
  }
  const out: ChildRow[] = children.map((c) => ({ ...c, name: tree.nameOf(c.orgUnit) }));
  if (Object.keys(own).length) out.unshift({ orgUnit: root, name: tree.nameOf(root), totals: own });
  return out;
}

/** Adds `b` into `a`. */
export function addTotals(a: Totals, b: Totals): Totals {
  for (const [k, v] of Object.entries(b) as [IndicatorCode, number][]) a[k] = (a[k] ?? 0) + v;
  return a;
}

/** The months from `from` to `to`, both included (`YYYY-MM`). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while ((y < ty || (y === ty && m <= tm)) && out.length < 240) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m === 13) {
      y++;
      m = 1;
    }
  }
  return out;
}

/** `n` months back from `period`: -1 is the month before. */
export function shiftMonth(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
