// Small-cell suppression must make every hidden cell impossible to work out from what is shown. The proof
// here is linear algebra, independent of how suppress.ts chooses cells: the published table gives one
// equation per row and column (cells add up to their margin); a hidden cell is recoverable exactly when its
// unit vector lies in the row space of those equations over the hidden cells. We check every hidden cell of
// many random tables, and of the golden tally.
import { describe, expect, it } from 'vitest';
import { indicatorDef, tableOf } from '../../src/tally/catalog';
import { type SuppressedCell, suppressDataValues, suppressTable } from '../../src/tally/suppress';
import { tallyByOrgUnit } from '../../src/tally/tally';
import { goldenInput, MONTHS, rng } from '../helpers/golden';

/** Rank of a small matrix by Gaussian elimination (entries are small integers, so floats are exact here). */
function rank(m: number[][]): number {
  const a = m.map((r) => [...r]);
  let rk = 0;
  const cols = a[0]?.length ?? 0;
  for (let c = 0; c < cols && rk < a.length; c++) {
    const p = a.findIndex((r, i) => i >= rk && Math.abs(r[c]!) > 1e-9);
    if (p < 0) continue;
    [a[rk], a[p]] = [a[p]!, a[rk]!];
    for (let i = 0; i < a.length; i++) {
      if (i === rk) continue;
      const f = a[i]![c]! / a[rk]![c]!;
      if (f !== 0) a[i] = a[i]!.map((x, j) => x - f * a[rk]![j]!);
    }
    rk++;
  }
  return rk;
}

/** Which hidden unknowns are determined by the equations (each equation: coefficient per unknown). */
function determined(equations: number[][], unknowns: number): boolean[] {
  const base = rank(equations);
  return Array.from({ length: unknowns }, (_, i) => {
    const e = Array.from({ length: unknowns }, (_, j) => (j === i ? 1 : 0));
    return rank([...equations, e]) === base;
  });
}

/** A 2-D table with margins as an (R+1)×(C+1) grid of shown numbers, null where hidden. */
function recoverable2d(grid: (number | null)[][]): [number, number][] {
  const R = grid.length - 1;
  const C = grid[0]!.length - 1;
  const index = new Map<string, number>();
  grid.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v === null) index.set(`${i},${j}`, index.size);
    });
  });
  const eq = (cells: [number, number, number][]) => {
    const coef = new Array<number>(index.size).fill(0);
    for (const [i, j, sign] of cells) {
      const k = index.get(`${i},${j}`);
      if (k !== undefined) coef[k]! += sign;
    }
    return coef;
  };
  const equations: number[][] = [];
  for (let i = 0; i <= R; i++)
    equations.push(
      eq([...Array.from({ length: C }, (_, j) => [i, j, 1] as [number, number, number]), [i, C, -1]]),
    );
  for (let j = 0; j <= C; j++)
    equations.push(
      eq([...Array.from({ length: R }, (_, i) => [i, j, 1] as [number, number, number]), [R, j, -1]]),
    );
  const solved = determined(equations, index.size);
  return [...index]
    .filter(([, k]) => solved[k])
    .map(([key]) => key.split(',').map(Number) as [number, number]);
}

/** The brief's own criterion: no row or column (margins included) has exactly one hidden cell. */
function loneHidden(grid: (number | null)[][]): number {
  const lines = [...grid, ...grid[0]!.map((_, j) => grid.map((row) => row[j]))];
  return lines.filter((line) => line.filter((v) => v === null).length === 1).length;
}

function toGrid(cells: SuppressedCell[], a: string, b: string) {
  const rows = [...new Set(cells.map((c) => c.disaggregation[a]).filter((x) => x !== undefined))].sort();
  const cols = [...new Set(cells.map((c) => c.disaggregation[b]).filter((x) => x !== undefined))].sort();
  const grid: (number | null)[][] = Array.from({ length: rows.length + 1 }, () =>
    new Array<number | null>(cols.length + 1).fill(0),
  );
  for (const c of cells) {
    const i = c.disaggregation[a] === undefined ? rows.length : rows.indexOf(c.disaggregation[a]!);
    const j = c.disaggregation[b] === undefined ? cols.length : cols.indexOf(c.disaggregation[b]!);
    grid[i]![j] = c.value;
  }
  return grid;
}

function randomTable(seed: number) {
  const r = rng(seed);
  const rows = r.int(1, 5);
  const cols = r.int(1, 6);
  const values = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      const v = r.pick([0, 0, 1, 2, 3, 4, 5, 7, 12, 30]);
      if (v > 0) values.push({ disaggregation: { sex: `s${i}`, ageBand: `a${j}` }, value: v });
    }
  return values;
}

describe('the proof itself', () => {
  it('finds a cell that its row total gives away', () => {
    expect(
      recoverable2d([
        [null, 5, 8],
        [6, 6, 12],
        [9, 11, 20],
      ]),
    ).toEqual([[0, 0]]);
  });

  it('finds a bridge between two hidden rectangles, which the one-per-line rule misses', () => {
    const grid: (number | null)[][] = Array.from({ length: 5 }, () => new Array<number | null>(5).fill(9));
    for (const [i, j] of [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 2],
      [2, 3],
      [3, 2],
      [3, 3],
      [1, 2],
    ] as const)
      grid[i]![j] = null;
    expect(loneHidden(grid)).toBe(0);
    expect(recoverable2d(grid)).toEqual([[1, 2]]);
  });
});

describe('suppressTable, 2-D with margins', () => {
  it('hides 1–4 as <5, shows 0 and 5+, and marks complementary cells', () => {
    const cells = suppressTable(
      [
        { disaggregation: { sex: 'female', ageBand: '5-11' }, value: 3 },
        { disaggregation: { sex: 'female', ageBand: '12-14' }, value: 10 },
        { disaggregation: { sex: 'male', ageBand: '5-11' }, value: 8 },
        { disaggregation: { sex: 'male', ageBand: '12-14' }, value: 20 },
      ],
      ['sex', 'ageBand'],
    );
    const at = (d: Record<string, string>) =>
      cells.find((c) => JSON.stringify(c.disaggregation) === JSON.stringify(d))!;
    expect(at({ sex: 'female', ageBand: '5-11' })).toMatchObject({
      value: null,
      display: '<5',
      suppressed: 'primary',
    });
    expect(cells.filter((c) => c.suppressed === 'complementary').length).toBeGreaterThanOrEqual(3);
    expect(at({})).toMatchObject({ value: 41, display: '41', suppressed: null, margin: true });
    for (const c of cells) if (c.value !== null) expect(c.value === 0 || c.value >= 5).toBe(true);
  });

  it.each(Array.from({ length: 300 }, (_, i) => i + 1))(
    'random table %i: no hidden cell can be recovered',
    (seed) => {
      const values = randomTable(seed);
      const cells = suppressTable(values, ['sex', 'ageBand']);
      const truth = (d: Record<string, string>) =>
        values
          .filter((v) => Object.entries(d).every(([k, x]) => v.disaggregation[k as 'sex'] === x))
          .reduce((n, v) => n + v.value, 0);
      for (const c of cells) {
        const n = truth(c.disaggregation);
        expect(c.suppressed === 'primary').toBe(n >= 1 && n <= 4);
        expect(c.value).toBe(c.suppressed ? null : n);
      }
      const grid = toGrid(cells, 'sex', 'ageBand');
      expect(loneHidden(grid)).toBe(0);
      expect(recoverable2d(grid)).toEqual([]);
    },
  );

  it('a table that is one small cell hides its margins too, and they cannot be recovered', () => {
    const cells = suppressTable(
      [{ disaggregation: { sex: 'female', ageBand: '5-11' }, value: 2 }],
      ['sex', 'ageBand'],
    );
    expect(cells.every((c) => c.value === null)).toBe(true);
    expect(recoverable2d(toGrid(cells, 'sex', 'ageBand'))).toEqual([]);
  });
});

describe('suppressTable, 1-D with a total', () => {
  const list = (...vs: number[]) => vs.map((value, i) => ({ disaggregation: { service: `s${i}` }, value }));
  const hidden = (cells: SuppressedCell[]) => cells.filter((c) => c.value === null).length;

  it('one small cell: the next smallest is hidden too, so the total does not give it away', () => {
    const cells = suppressTable(list(3, 12, 40), ['service']);
    expect(cells.map((c) => c.display)).toEqual(['<5', 'x', '40', '55']);
  });

  it.each([[[3, 12, 40]], [[3]], [[2, 2]], [[7]], [[1, 50]], [[6, 9, 30]]])(
    '%j: never exactly one hidden number in the equation cells = total',
    (values) => {
      const n = hidden(suppressTable(list(...values), ['service']));
      expect(n === 0 || n >= 2).toBe(true);
    },
  );

  it('a single total of 1–4 is hidden', () => {
    expect(suppressTable([{ disaggregation: {}, value: 4 }], [])).toEqual([
      { disaggregation: {}, value: null, display: '<5', suppressed: 'primary', margin: false },
    ]);
  });
});

describe('suppressDataValues on the golden tally', () => {
  const input = goldenInput();
  const values = MONTHS.flatMap((m) => [...tallyByOrgUnit(input, m, { homeCountry: 'KH' }).values()].flat());
  const out = suppressDataValues(values);

  it('suppresses something, and shows no count from 1 to 4', () => {
    expect(out.some((c) => c.suppressed === 'primary')).toBe(true);
    expect(out.some((c) => c.suppressed === 'complementary')).toBe(true);
    for (const c of out) if (c.value !== null) expect(c.value).toBeGreaterThanOrEqual(5);
  });

  it('in every published table, no hidden cell can be recovered from its row and column totals', () => {
    const groups = new Map<string, typeof out>();
    for (const c of out) {
      const k = `${c.period} ${c.orgUnit} ${c.indicator}`;
      groups.set(k, [...(groups.get(k) ?? []), c]);
    }
    expect(groups.size).toBeGreaterThan(50);
    for (const [key, cells] of groups) {
      const dims = tableOf(indicatorDef(cells[0]!.indicator)!);
      if (dims.length === 2) {
        const grid = toGrid(cells, dims[0]!, dims[1]!);
        expect(recoverable2d(grid), key).toEqual([]);
        expect(loneHidden(grid), key).toBe(0);
      } else if (dims.length === 1) {
        const n = cells.filter((c) => c.value === null).length;
        expect(n === 0 || n >= 2, key).toBe(true);
      }
    }
  });

  it('inspectors trained hides exactly what people trained hides for labour inspection', () => {
    const cellsOf = (indicator: string) => out.filter((c) => c.indicator === indicator);
    for (const c of cellsOf('INSPECTORS_TRAINED')) {
      const twin = cellsOf('PEOPLE_TRAINED').find(
        (p) =>
          p.period === c.period &&
          p.orgUnit === c.orgUnit &&
          p.disaggregation.agency === 'labour_inspection' &&
          p.disaggregation.sex === c.disaggregation.sex,
      );
      expect(twin).toMatchObject({ value: c.value, suppressed: c.suppressed });
    }
  });
});
