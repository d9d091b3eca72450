// How the tally counts, beyond the golden numbers: where each count lands, what it emits, how it orders,
// and how fast it is.
import { describe, expect, it } from 'vitest';
import { activityKind } from '../../src/activities/kind';
import { SDG_871_SETTINGS } from '../../src/cases/classify';
import { caseKind } from '../../src/cases/kind';
import type { ChildCase } from '../../src/cases/schema';
import { inspectionKind } from '../../src/inspections/kind';
import { DISAGGREGATIONS, INDICATOR_CODES } from '../../src/tally/indicators';
import { type DataValue, type TallyInput, tally, tallyByOrgUnit } from '../../src/tally/tally';
import { trainingKind } from '../../src/trainings/kind';
import { bigInput, goldenInput, MONTHS, makeCase, rng } from '../helpers/golden';

const input = goldenInput();
const none: TallyInput = { cases: [], inspections: [], trainings: [], activities: [] };
const all = (records: Partial<TallyInput>, month: string, homeCountry?: string) =>
  tally({ ...none, ...records }, month, { within: () => true, orgUnit: 'ALL', homeCountry });

describe('tally output', () => {
  const values = MONTHS.flatMap((m) => [...tallyByOrgUnit(input, m, { homeCountry: 'KH' }).values()].flat());

  it('uses only catalog indicators and the breakdown values the server accepts, and no zeros', () => {
    expect(values.length).toBeGreaterThan(100);
    for (const v of values) {
      expect(INDICATOR_CODES).toContain(v.indicator);
      expect(Number.isInteger(v.value) && v.value > 0).toBe(true);
      for (const [k, x] of Object.entries(v.disaggregation)) {
        expect(DISAGGREGATIONS[k as keyof typeof DISAGGREGATIONS] as readonly string[]).toContain(x);
      }
    }
  });

  it('is the same whatever order the records come in', () => {
    const r = rng(3);
    const shuffle = <T>(xs: readonly T[]) =>
      xs
        .map((x) => [r.next(), x] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, x]) => x);
    const shuffled = {
      cases: shuffle(input.cases),
      inspections: shuffle(input.inspections),
      trainings: shuffle(input.trainings),
      activities: shuffle(input.activities),
    };
    for (const m of MONTHS) {
      expect(all(shuffled, m, 'KH')).toEqual(all(input, m, 'KH'));
    }
  });

  it('orders values by orgUnit, then catalog order', () => {
    const byOrgUnit = tallyByOrgUnit(input, '2026-02', { homeCountry: 'KH' });
    expect([...byOrgUnit.keys()]).toEqual([...byOrgUnit.keys()].sort());
    for (const list of byOrgUnit.values()) {
      const order = list.map((v) => INDICATOR_CODES.indexOf(v.indicator));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('counts a record only in the (month, orgUnit) pairs its touches mark for sync', () => {
    const records = [
      ...input.cases.map((c) => [{ ...none, cases: [c] }, caseKind.touches(c)] as const),
      ...input.inspections.map((i) => [{ ...none, inspections: [i] }, inspectionKind.touches(i)] as const),
      ...input.trainings.map((t) => [{ ...none, trainings: [t] }, trainingKind.touches(t)] as const),
      ...input.activities.map((a) => [{ ...none, activities: [a] }, activityKind.touches(a)] as const),
    ];
    for (const [one, touches] of records) {
      const marked = new Set(touches.map(([p, o]) => `${p} ${o}`));
      for (const m of ['2025-12', ...MONTHS, '2026-04']) {
        for (const orgUnit of tallyByOrgUnit(one, m).keys()) expect(marked).toContain(`${m} ${orgUnit}`);
      }
    }
  });
});

describe('breakdowns', () => {
  const base = (over: Partial<ChildCase>) =>
    makeCase(rng(11), { identifiedOn: '2026-02-10', referrals: [], withdrawnOn: undefined, ...over });
  const identified = (values: DataValue[]) => values.filter((v) => v.indicator === 'CHILDREN_IDENTIFIED');
  const child = (nationality: string) => ({
    sex: 'female' as const,
    ageYears: 9,
    ageEstimated: true,
    nationality,
    disability: 'no' as const,
  });

  it('nationality: home country national, another ISO code foreign, stateless, unknown', () => {
    const groups = ['KH', 'TH', 'stateless', 'unknown'].map(
      (n) =>
        identified(all({ cases: [base({ orgUnit: 'KH-12', child: child(n) })] }, '2026-02', 'KH'))[0]
          ?.disaggregation.nationalityGroup,
    );
    expect(groups).toEqual(['national', 'foreign', 'stateless', 'unknown']);
  });

  it('without a home country, the country of the record’s orgUnit is home', () => {
    const inTh = base({ orgUnit: 'TH-10', child: child('TH') });
    const inKh = base({ orgUnit: 'KH-12', child: child('TH') });
    const groups = identified(all({ cases: [inTh, inKh] }, '2026-02')).map(
      (v) => v.disaggregation.nationalityGroup,
    );
    expect(groups.sort()).toEqual(['foreign', 'national']);
  });

  it('a case of unknown age is counted with age band unknown', () => {
    const c = base({ child: { ...child('KH'), ageYears: undefined } });
    expect(identified(all({ cases: [c] }, '2026-02'))[0]?.disaggregation.ageBand).toBe('unknown');
  });

  it('country thresholds change the category', () => {
    const c = base({
      child: { ...child('KH'), ageYears: 13 },
      work: {
        ...base({}).work,
        worstForm: 'none',
        hazards: [],
        nightWork: 'no',
        economicHours: 10,
        choreHours: 0,
      },
    });
    const cat = (settings = SDG_871_SETTINGS) =>
      identified(tally({ ...none, cases: [c] }, '2026-02', { within: () => true, orgUnit: 'X', settings }))[0]
        ?.disaggregation.category;
    expect(cat()).toBe('not_child_labour');
    expect(cat({ ...SDG_871_SETTINGS, lightWorkHours: 10 })).toBe('below_minimum_age');
  });

  it('a value outside the code lists is still counted, not dropped', () => {
    const c = base({ child: { ...child('KH'), sex: 'x' as never } });
    expect(identified(all({ cases: [c] }, '2026-02'))[0]).toMatchObject({
      value: 1,
      disaggregation: { sex: 'x' },
    });
  });
});

describe('speed', () => {
  it('tallies one month of 100,000 records fast (the 100 ms budget is measured in Chromium by the bench)', () => {
    const big = bigInput(100_000);
    const options = { within: () => true, orgUnit: 'KH', homeCountry: 'KH' };
    // CPU time, not wall time: other processes on a shared test machine do not count against the tally.
    const cpuMs = () => process.cpuUsage().user / 1000;
    tally(big, '2026-02', options);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = cpuMs();
      tally(big, '2026-02', options);
      times.push(cpuMs() - t0);
    }
    const median = times.sort((a, b) => a - b)[2]!;
    // A guard against accidental quadratic work, with room for a busy test machine.
    expect(median).toBeLessThan(500);
  }, 60_000);
});
