// Small-cell suppression for shared exports (SPEC §7), pure. Counts of 1–4 are hidden as `<5` (primary); then
// more cells are hidden (complementary) so that no hidden cell can be worked out from the totals published
// beside it.
//
// Each indicator is published, per (period, orgUnit), as a table of at most two breakdowns with its margins
// (catalog `tableOf`): a 2-D table with row totals, column totals and a grand total, a 1-D list with its total,
// or a single total. The breakdowns beyond those two are summed away in a suppressed export.
//
// Why the method is safe: write the table with its margins as an (R+1)×(C+1) grid; every line of the grid
// sums (with the margin's sign flipped) to zero. Hidden cells are edges of a bipartite graph between grid rows
// and grid columns; a hidden cell can be solved from the visible ones exactly when its edge lies on no cycle
// of hidden cells. So every primary cell gets a rectangle of hidden cells (a 4-cycle) through it, chosen to
// hide as little as possible; every hidden cell then lies on a cycle, and none can be recovered. A 1-D list
// has one equation (the cells add up to the total): any two hidden entries keep each other safe.
//
// What it does not do: bounds (`<5` says 1–4) narrow a hidden value to a range, as in every `<5` table; and
// tables for a parent orgUnit and all of its children, published together, are not protected as one system.
import { type IndicatorDef, indicatorDef, tableOf } from './catalog';
import type { DataValue } from './tally';

export type Suppression = 'primary' | 'complementary' | null;

export interface SuppressedCell {
  /** Breakdown of the cell; a margin leaves out the key it sums over (the grand total has none). */
  disaggregation: Record<string, string>;
  /** null when hidden, so the number cannot leak through a careless caller. */
  value: number | null;
  display: string;
  suppressed: Suppression;
  margin: boolean;
}

export interface SuppressOptions {
  /** Counts from 1 to `threshold - 1` are hidden. */
  threshold?: number;
  primaryDisplay?: string;
  complementaryDisplay?: string;
}

/** Counts 1–4 hidden as `<5`, cells hidden to protect them as `x`. */
export const DEFAULTS = { threshold: 5, primaryDisplay: '<5', complementaryDisplay: 'x' };

interface Grid {
  rows: string[];
  cols: string[];
  /** (rows+1) × (cols+1): the last row and column are the margins. */
  v: number[][];
}

function grid(values: readonly Pick<DataValue, 'disaggregation' | 'value'>[], a: string, b: string): Grid {
  const rows = [...new Set(values.map((x) => x.disaggregation[a] ?? ''))].sort();
  const cols = [...new Set(values.map((x) => x.disaggregation[b] ?? ''))].sort();
  const v = Array.from({ length: rows.length + 1 }, () => new Array<number>(cols.length + 1).fill(0));
  for (const x of values) {
    const i = rows.indexOf(x.disaggregation[a] ?? '');
    const j = cols.indexOf(x.disaggregation[b] ?? '');
    v[i]![j]! += x.value;
    v[i]![cols.length]! += x.value;
    v[rows.length]![j]! += x.value;
    v[rows.length]![cols.length]! += x.value;
  }
  return { rows, cols, v };
}

/** Is cell (i, j) on a cycle of hidden cells, i.e. are row i and column j joined without it? */
function onCycle(hidden: boolean[][], i: number, j: number): boolean {
  const R = hidden.length;
  const C = hidden[0]!.length;
  const seenRow = new Array<boolean>(R).fill(false);
  const seenCol = new Array<boolean>(C).fill(false);
  const queue: [kind: 'r' | 'c', n: number][] = [['r', i]];
  seenRow[i] = true;
  while (queue.length) {
    const [kind, n] = queue.shift()!;
    if (kind === 'r') {
      for (let c = 0; c < C; c++) {
        if (!hidden[n]![c] || (n === i && c === j) || seenCol[c]) continue;
        if (c === j) return true;
        seenCol[c] = true;
        queue.push(['c', c]);
      }
    } else {
      for (let r = 0; r < R; r++) {
        if (!hidden[r]![n] || (r === i && n === j) || seenRow[r]) continue;
        seenRow[r] = true;
        queue.push(['r', r]);
      }
    }
  }
  return false;
}

/**
 * Cost of hiding one more cell: its value (information lost), far more for a margin and most for the grand
 * total (the numbers people read first), and a zero only as a last resort (an empty cell protects little).
 */
function cost(g: Grid, i: number, j: number): number {
  const value = g.v[i]![j]!;
  const R = g.rows.length;
  const C = g.cols.length;
  const base = value === 0 ? 1e6 : value;
  if (i === R && j === C) return base * 1000;
  return i === R || j === C ? base * 20 : base;
}

function protect2d(g: Grid, small: (n: number) => boolean): Suppression[][] {
  const R = g.rows.length + 1;
  const C = g.cols.length + 1;
  const state: Suppression[][] = g.v.map((row) => row.map((n) => (small(n) ? 'primary' : null)));
  const hidden = () => state.map((row) => row.map((s) => s !== null));
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      if (state[i]![j] !== 'primary' || onCycle(hidden(), i, j)) continue;
      let best: [number, number, number] | null = null;
      for (let i2 = 0; i2 < R; i2++) {
        for (let j2 = 0; j2 < C; j2++) {
          if (i2 === i || j2 === j) continue;
          const extra = [
            [i, j2],
            [i2, j],
            [i2, j2],
          ].reduce((sum, [r, c]) => sum + (state[r!]![c!] ? 0 : cost(g, r!, c!)), 0);
          if (!best || extra < best[0]) best = [extra, i2, j2];
        }
      }
      // A grid always has the margin row and column, so a rectangle exists whenever R, C ≥ 2.
      if (!best) continue;
      const [, i2, j2] = best;
      for (const [r, c] of [
        [i, j2],
        [i2, j],
        [i2, j2],
      ] as const) {
        state[r]![c] ??= 'complementary';
      }
    }
  }
  return state;
}

function protect1d(values: number[], small: (n: number) => boolean): Suppression[] {
  const state: Suppression[] = values.map((n) => (small(n) ? 'primary' : null));
  if (state.filter(Boolean).length !== 1) return state;
  // One hidden entry in the only equation is solvable: hide the cheapest other one (the total last).
  const total = values.length - 1;
  let pick = -1;
  values.forEach((n, k) => {
    if (state[k] || k === total) return;
    const better = pick < 0 || (n > 0 && (values[pick] === 0 || n < values[pick]!));
    if (better) pick = k;
  });
  state[pick < 0 ? total : pick] = 'complementary';
  return state;
}

/** One table: `values` of one indicator, period and orgUnit, summed over every key but `dims`. */
export function suppressTable(
  values: readonly Pick<DataValue, 'disaggregation' | 'value'>[],
  dims: readonly string[],
  options: SuppressOptions = {},
): SuppressedCell[] {
  const o = { ...DEFAULTS, ...options };
  const small = (n: number) => n > 0 && n < o.threshold;
  const cell = (disaggregation: Record<string, string>, n: number, s: Suppression, margin: boolean) =>
    ({
      disaggregation,
      value: s ? null : n,
      display: s === 'primary' ? o.primaryDisplay : s ? o.complementaryDisplay : String(n),
      suppressed: s,
      margin,
    }) satisfies SuppressedCell;
  const total = values.reduce((sum, x) => sum + x.value, 0);

  if (dims.length === 0) return [cell({}, total, small(total) ? 'primary' : null, false)];
  if (dims.length === 1) {
    const [a] = dims as [string];
    const keys = [...new Set(values.map((x) => x.disaggregation[a] ?? ''))].sort();
    const sums = keys.map((k) => values.reduce((s, x) => s + (x.disaggregation[a] === k ? x.value : 0), 0));
    const state = protect1d([...sums, total], small);
    return [
      ...keys.map((k, i) => cell({ [a]: k }, sums[i]!, state[i]!, false)),
      cell({}, total, state[keys.length]!, true),
    ];
  }
  if (dims.length > 2) throw new Error('suppressTable: at most two breakdowns');
  const [a, b] = dims as [string, string];
  const g = grid(values, a, b);
  const state = protect2d(g, small);
  const out: SuppressedCell[] = [];
  g.v.forEach((row, i) => {
    row.forEach((n, j) => {
      const d: Record<string, string> = {};
      if (i < g.rows.length) d[a] = g.rows[i]!;
      if (j < g.cols.length) d[b] = g.cols[j]!;
      out.push(cell(d, n, state[i]![j]!, i === g.rows.length || j === g.cols.length));
    });
  });
  return out;
}

const sum = (values: readonly { value: number }[]) => values.reduce((n, v) => n + v.value, 0);

export interface SuppressedValue extends SuppressedCell {
  indicator: DataValue['indicator'];
  orgUnit: string;
  period: string;
}

/**
 * A whole export: every (period, orgUnit, indicator) as its protected table. Visible zero cells are left out
 * (as in the tally); hidden ones stay, or the pattern would give them away. An indicator that equals a slice of
 * another's table (`sliceOf`) takes that table's cells, so the same number is never hidden in one and shown in
 * the other.
 */
export function suppressDataValues(
  values: readonly DataValue[],
  options: SuppressOptions = {},
): SuppressedValue[] {
  const groups = new Map<string, DataValue[]>();
  for (const v of values) {
    const key = `${v.period}\u0001${v.orgUnit}\u0001${v.indicator}`;
    const group = groups.get(key);
    if (group) group.push(v);
    else groups.set(key, [v]);
  }
  const tables = new Map<string, SuppressedCell[]>();
  const tableFor = (period: string, orgUnit: string, def: IndicatorDef): SuppressedCell[] => {
    const key = `${period}\u0001${orgUnit}\u0001${def.code}`;
    let cells = tables.get(key);
    if (!cells) {
      const own = groups.get(key) ?? [];
      const parent = def.sliceOf && indicatorDef(def.sliceOf.indicator);
      const fixed = Object.entries(def.sliceOf?.fixed ?? {});
      const inSlice = (d: Record<string, string | undefined>) => fixed.every(([k, v]) => d[k] === v);
      const parentValues = groups.get(`${period}\u0001${orgUnit}\u0001${parent?.code}`) ?? [];
      // Only when the slice really holds this indicator's numbers (a caller may pass a subset).
      if (parent && sum(parentValues.filter((v) => inSlice(v.disaggregation))) === sum(own)) {
        cells = tableFor(period, orgUnit, parent)
          .filter((c) => inSlice(c.disaggregation))
          .map((c) => {
            const d = { ...c.disaggregation };
            for (const [k] of fixed) delete d[k];
            return { ...c, disaggregation: d, margin: Object.keys(d).length === 0 };
          });
      } else {
        cells = suppressTable(own, tableOf(def), options);
      }
      tables.set(key, cells);
    }
    return cells;
  };
  const out: SuppressedValue[] = [];
  for (const [key, group] of groups) {
    const [period, orgUnit] = key.split('\u0001') as [string, string];
    const def = indicatorDef(group[0]!.indicator);
    if (!def) continue;
    for (const c of tableFor(period, orgUnit, def)) {
      if (c.value === 0) continue;
      out.push({ ...c, indicator: def.code, orgUnit, period });
    }
  }
  return out;
}
