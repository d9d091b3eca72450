// Each cell may carry only the breakdowns its indicator has in the catalog, and the device's own reports (built
// by the tally from a realistic month) always pass that rule: the app can never build a report the server refuses.
import { describe, expect, it } from 'vitest';
import { BREAKDOWNS, type Cell, REPORT_SCHEMA, reportBody } from '../../src/sync/protocol';
import { INDICATORS } from '../../src/tally/catalog';
import { DISAGGREGATIONS, type DisaggregationKey, INDICATOR_CODES } from '../../src/tally/indicators';
import { tallyByOrgUnit } from '../../src/tally/tally';
import { goldenInput, HOME, MONTHS } from '../helpers/golden';

const report = (values: unknown[]) => ({
  schema: REPORT_SCHEMA,
  revision: 1,
  generatedAt: '2026-02-03T08:00:00Z',
  values,
});
const issuesOf = (body: unknown) => {
  const r = reportBody.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
};
const NOT_FOR = 'errors.protocol.breakdownNotForIndicator';

describe('BREAKDOWNS', () => {
  it("has every indicator code, each with exactly its catalog's `by`", () => {
    expect(Object.keys(BREAKDOWNS).sort()).toEqual([...INDICATOR_CODES].sort());
    for (const def of INDICATORS) expect(BREAKDOWNS[def.code]).toEqual(def.by);
  });
});

describe('breakdowns per indicator', () => {
  it('refuses children identified broken down by activity kind, naming the key', () => {
    const bad = {
      indicator: 'CHILDREN_IDENTIFIED',
      disaggregation: { sex: 'female', kind: 'law_reviewed' },
      value: 1,
    };
    expect(issuesOf(report([bad]))).toEqual([
      { path: ['values', 0, 'disaggregation', 'kind'], message: NOT_FOR },
    ]);
  });

  it('lists every foreign key of every cell, even beside a cell that is bad in another way', () => {
    const cells = [
      { indicator: 'INSPECTIONS', disaggregation: {}, value: -1 },
      { indicator: 'INSPECTIONS_CL_TOOL', disaggregation: { sector: 'A', hardToReach: 'no' }, value: 2 },
    ];
    expect(issuesOf(report(cells))).toEqual([
      { path: ['values', 0, 'value'], message: 'errors.notNegative' },
      { path: ['values', 1, 'disaggregation', 'sector'], message: NOT_FOR },
      { path: ['values', 1, 'disaggregation', 'hardToReach'], message: NOT_FOR },
    ]);
  });

  it('accepts, for every indicator, its full breakdown, any part of it and none', () => {
    const first = (k: DisaggregationKey) => DISAGGREGATIONS[k][0];
    const cells: Cell[] = [];
    for (const code of INDICATOR_CODES) {
      const by = BREAKDOWNS[code];
      cells.push({
        indicator: code,
        disaggregation: Object.fromEntries(by.map((k) => [k, first(k)])),
        value: 1,
      });
      if (by.length > 1)
        cells.push({ indicator: code, disaggregation: { [by[0]!]: first(by[0]!) }, value: 1 });
      if (by.length > 0) cells.push({ indicator: code, disaggregation: {}, value: 1 });
    }
    expect(cells.length).toBeGreaterThan(INDICATOR_CODES.length);
    expect(issuesOf(report(cells))).toEqual([]);
  });
});

describe("the device's reports", () => {
  const input = goldenInput();

  it.each(MONTHS)(
    'parse for every orgUnit of the golden dataset in %s, each cell with its `by` keys',
    (month) => {
      const byOrgUnit = tallyByOrgUnit(input, month, { homeCountry: HOME });
      expect(byOrgUnit.size).toBeGreaterThan(0);
      const seen = new Set<string>();
      for (const [orgUnit, dataValues] of byOrgUnit) {
        // What src/sync/report.ts sends: the stored values with orgUnit and period left to the URL.
        const values: Cell[] = dataValues.map((d) => ({
          indicator: d.indicator,
          disaggregation: d.disaggregation,
          value: d.value,
        }));
        for (const c of values) {
          expect(Object.keys(c.disaggregation).sort(), `${orgUnit} ${c.indicator}`).toEqual(
            [...BREAKDOWNS[c.indicator]].sort(),
          );
          seen.add(c.indicator);
        }
        expect(issuesOf(report(values)), orgUnit).toEqual([]);
      }
      // The dataset exercises most indicators, so the check above is not vacuous.
      expect(seen.size).toBeGreaterThanOrEqual(10);
    },
  );
});
