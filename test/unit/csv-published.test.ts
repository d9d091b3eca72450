// The shared CSV publishes every breakdown the catalog has (SPEC §7), says which rows are cells and which are
// totals, and hides small numbers only where they count children. Read back as a spreadsheet would: one
// filter (`row` = `cell`) and a sum per indicator give its total.
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../src/export/csv';
import { INDICATORS, indicatorDef } from '../../src/tally/catalog';
import { publishTables } from '../../src/tally/publish';
import { tally, tallyByOrgUnit } from '../../src/tally/tally';
import { goldenInput, HOME } from '../helpers/golden';

const values = tally(goldenInput(), '2026-02', { within: () => true, orgUnit: 'ALL', homeCountry: HOME });
const totals = new Map<string, number>();
for (const v of values) totals.set(v.indicator, (totals.get(v.indicator) ?? 0) + v.value);

/** The CSV as rows keyed by column name. */
function sheet(suppress: boolean) {
  const [head, ...rows] = parseCsv(toCsv(publishTables(values, { suppress }), { label: (k) => k }));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])));
}

describe('the shared CSV', () => {
  for (const suppress of [false, true]) {
    const rows = sheet(suppress);
    it(`${suppress ? 'suppressed' : 'raw'}: publishes every breakdown of every indicator`, () => {
      for (const def of INDICATORS.filter((d) => totals.has(d.code))) {
        const tables = new Set(rows.filter((r) => r.indicator === def.code).map((r) => r.table));
        for (const key of def.by) {
          expect(
            [...tables].some((t) => (t ?? '').split('×').includes(key)),
            `${def.code} by ${key}`,
          ).toBe(true);
        }
        expect(rows.filter((r) => r.indicator === def.code && r.row === 'total')).toHaveLength(1);
      }
    });

    it(`${suppress ? 'suppressed' : 'raw'}: filter row = cell, and each indicator sums to its total`, () => {
      for (const [code, total] of totals) {
        const def = indicatorDef(code)!;
        const own = rows.filter((r) => r.indicator === code);
        const totalRow = own.find((r) => r.row === 'total')!;
        if (def.by.length === 0) {
          expect(totalRow.value).toBe(suppress && def.countsChildren && total < 5 ? '<5' : String(total));
          continue;
        }
        const cells = own.filter((r) => r.row === 'cell');
        // Each cell row belongs to one table: each child counted once.
        expect(new Set(cells.map((r) => r.table)).size, code).toBe(1);
        const visible = cells.filter((r) => /^\d+$/.test(r.value!));
        const sum = visible.reduce((n, r) => n + Number(r.value), 0);
        if (visible.length === cells.length) expect(sum, code).toBe(total);
        else expect(sum, code).toBeLessThan(total);
        // And each breakdown list, where fully visible, adds up to the same total.
        for (const table of new Set(own.filter((r) => r.row === 'breakdown').map((r) => r.table))) {
          const list = own.filter((r) => r.row === 'breakdown' && r.table === table);
          if (list.every((r) => /^\d+$/.test(r.value!)))
            expect(
              list.reduce((n, r) => n + Number(r.value), 0),
              `${code} ${table}`,
            ).toBe(total);
        }
      }
    });
  }

  it('never hides inspections, activities, registrations or trained officials', () => {
    const rows = sheet(true);
    const never = INDICATORS.filter((d) => !d.countsChildren).map((d) => d.code as string);
    const hidden = rows.filter((r) => never.includes(r.indicator!) && !/^\d+$/.test(r.value!));
    expect(rows.some((r) => never.includes(r.indicator!))).toBe(true);
    expect(hidden).toEqual([]);
  });

  it('hides small counts of children, and publishes children identified by nationality, category and sector', () => {
    const rows = sheet(true);
    expect(rows.some((r) => r.value === '<5')).toBe(true);
    const identified = rows.filter((r) => r.indicator === 'CHILDREN_IDENTIFIED');
    for (const key of ['nationalityGroup', 'category', 'sector'])
      expect(identified.some((r) => r.table === key)).toBe(true);
  });
});

describe('publishTables protects every list', () => {
  it('never leaves a single hidden entry in a list whose total is shown (it could be worked out)', () => {
    const input = goldenInput();
    let lists = 0;
    for (const month of ['2026-01', '2026-02', '2026-03']) {
      for (const values of tallyByOrgUnit(input, month, { homeCountry: HOME }).values()) {
        const rows = publishTables(values, { suppress: true });
        const groups = new Map<string, typeof rows>();
        for (const r of rows.filter(
          (r) => r.table.length === 1 && indicatorDef(r.indicator)?.countsChildren,
        )) {
          const key = `${r.orgUnit}|${r.indicator}|${r.table[0]}`;
          groups.set(key, [...(groups.get(key) ?? []), r]);
        }
        for (const [key, list] of groups) {
          const total = rows.find(
            (r) =>
              r.row === 'total' && `${r.orgUnit}|${r.indicator}` === key.split('|').slice(0, 2).join('|'),
          );
          const hidden = list.filter((r) => r.value === null).length;
          lists += 1;
          if (total?.value !== null) expect(hidden === 0 || hidden >= 2, key).toBe(true);
          for (const r of list) if (r.value !== null) expect(r.value === 0 || r.value >= 5, key).toBe(true);
        }
      }
    }
    expect(lists).toBeGreaterThan(50);
  });
});
