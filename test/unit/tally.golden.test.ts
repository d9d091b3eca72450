// The tally against counts worked out here, independently: plain loops over the golden records that follow
// SPEC §3 and §4 as written, sharing no code with tally.ts or the catalog. If the two disagree, one of them
// has misread the spec.
import { describe, expect, it } from 'vitest';
import { activity } from '../../src/activities/schema';
import type { ChildCase } from '../../src/cases/schema';
import { childCase } from '../../src/cases/schema';
import { inspection } from '../../src/inspections/schema';
import { INDICATOR_CODES } from '../../src/tally/indicators';
import { countByOrgUnit, type DataValue, tally, tallyByOrgUnit } from '../../src/tally/tally';
import { training } from '../../src/trainings/schema';
import { goldenInput, HOME, MONTHS } from '../helpers/golden';

const input = goldenInput();
const { edges } = input;

// ---- the independent reading of the spec ----
function age(c: ChildCase): number | null {
  const dob = c.child.dateOfBirth;
  if (dob) {
    const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
    const [y, m, d] = c.identifiedOn.split('-').map(Number) as [number, number, number];
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  }
  return c.child.ageYears ?? null;
}
const band = (a: number | null) =>
  a === null ? 'unknown' : a < 5 || a > 17 ? null : a <= 11 ? '5-11' : a <= 14 ? '12-14' : '15-17';
function category(c: ChildCase, a: number | null): string {
  const w = c.work;
  if (w.worstForm !== 'none' && w.worstForm !== 'unknown') return 'worst_form';
  if (w.hazards.length > 0 || w.nightWork === 'yes' || (w.economicHours ?? 0) >= 43) return 'hazardous';
  if (a !== null && a >= 5 && a <= 11 && (w.economicHours ?? 0) >= 1) return 'below_minimum_age';
  if (a !== null && a >= 12 && a <= 14 && (w.economicHours ?? 0) >= 14) return 'below_minimum_age';
  if (a !== null && a >= 5 && a <= 14 && (w.choreHours ?? 0) > 21) return 'hazardous_chores';
  return 'not_child_labour';
}
const nationalityGroup = (n: string) =>
  n === 'stateless' ? 'stateless' : n === 'unknown' ? 'unknown' : n === HOME ? 'national' : 'foreign';

type Expected = Map<string, number>;
const keyOf = (indicator: string, orgUnit: string, d: Record<string, string>) =>
  `${indicator}|${orgUnit}|${Object.keys(d)
    .sort()
    .map((k) => `${k}=${d[k]}`)
    .join(';')}`;

function expected(month: string): Expected {
  const out: Expected = new Map();
  const add = (indicator: string, orgUnit: string, d: Record<string, string>) => {
    const k = keyOf(indicator, orgUnit, d);
    out.set(k, (out.get(k) ?? 0) + 1);
  };
  const inMonth = (date: string | undefined) => !!date && date.slice(0, 7) === month;
  for (const c of input.cases) {
    if (c.deletedAt !== null) continue;
    const a = age(c);
    const ageBand = band(a);
    const cat = category(c, a);
    const sex = c.child.sex;
    const nat = nationalityGroup(c.child.nationality);
    const sector = c.work.isic;
    if (inMonth(c.identifiedOn)) {
      if (ageBand)
        add('CHILDREN_IDENTIFIED', c.orgUnit, { sex, ageBand, nationalityGroup: nat, category: cat, sector });
      if (c.channel === 'online_report' && ageBand) add('CASES_REPORTED_ONLINE', c.orgUnit, {});
      if (a !== null && a >= 14 && a <= 17 && cat !== 'not_child_labour')
        add('YOUNG_WORKERS_CHILD_LABOUR', c.orgUnit, { sex, sector });
    }
    const referrals = c.referrals.filter((r) => inMonth(r.referredOn));
    if (ageBand) for (const r of referrals) add('REFERRALS_BY_SERVICE', c.orgUnit, { service: r.service });
    if (referrals.length > 0 && ageBand)
      add('CHILDREN_REFERRED', c.orgUnit, { sex, ageBand, nationalityGroup: nat });
    if (inMonth(c.withdrawnOn) && ageBand) add('CHILDREN_WITHDRAWN', c.orgUnit, { sex, ageBand });
  }
  for (const i of input.inspections) {
    if (i.deletedAt !== null) continue;
    const sector = i.establishment.isic;
    if (inMonth(i.date)) {
      add('INSPECTIONS', i.orgUnit, { hardToReach: i.establishment.hardToReach ? 'yes' : 'no', sector });
      if (i.childLabourToolUsed) add('INSPECTIONS_CL_TOOL', i.orgUnit, {});
      for (const ch of i.children) {
        const ageBand = band(ch.age);
        if (ageBand) add('CHILDREN_FOUND_IN_INSPECTIONS', i.orgUnit, { sex: ch.sex, ageBand, sector });
      }
    }
    if (i.registration && inMonth(i.registration.date))
      add('COURT_MEDIATION_CASES', i.orgUnit, { authority: i.registration.authority });
  }
  for (const t of input.trainings) {
    if (t.deletedAt !== null || !inMonth(t.startDate)) continue;
    for (const p of t.participants) {
      if (!p.completed) continue;
      add('PEOPLE_TRAINED', p.orgUnit, { sex: p.sex, agency: p.agency });
      if (p.agency === 'labour_inspection') add('INSPECTORS_TRAINED', p.orgUnit, { sex: p.sex });
      if (t.topics.includes('governance_anticorruption'))
        add('TRAINED_GOVERNANCE', p.orgUnit, { sex: p.sex, agency: p.agency });
    }
  }
  for (const a of input.activities) {
    if (a.deletedAt === null && inMonth(a.date)) add('ACTIVITIES', a.orgUnit, { kind: a.kind });
  }
  return out;
}

/** Per orgUnit, the month's records about a child of known age outside 5–17: cases and children found. */
function expectedOutOfScope(month: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (orgUnit: string) => out.set(orgUnit, (out.get(orgUnit) ?? 0) + 1);
  const inMonth = (date: string | undefined) => !!date && date.slice(0, 7) === month;
  const outside = (a: number | null) => a !== null && (a < 5 || a > 17);
  for (const c of input.cases) {
    if (c.deletedAt !== null || !outside(age(c))) continue;
    const event =
      inMonth(c.identifiedOn) || inMonth(c.withdrawnOn) || c.referrals.some((r) => inMonth(r.referredOn));
    if (event) add(c.orgUnit);
  }
  for (const i of input.inspections) {
    if (i.deletedAt !== null || !inMonth(i.date)) continue;
    for (const ch of i.children) if (outside(ch.age)) add(i.orgUnit);
  }
  return out;
}

const actual = (values: Iterable<DataValue>): Expected =>
  new Map([...values].map((v) => [keyOf(v.indicator, v.orgUnit, v.disaggregation), v.value]));
const only = (m: Expected, indicator: string) =>
  new Map([...m].filter(([k]) => k.startsWith(`${indicator}|`)));
const sumOf = (values: DataValue[], indicator: string, match: Record<string, string> = {}) =>
  values
    .filter(
      (v) => v.indicator === indicator && Object.entries(match).every(([k, x]) => v.disaggregation[k] === x),
    )
    .reduce((n, v) => n + v.value, 0);

describe('golden dataset', () => {
  it('has at least 200 valid records of all four types over three months and several locations', () => {
    const all = [...input.cases, ...input.inspections, ...input.trainings, ...input.activities];
    expect(all.length).toBeGreaterThanOrEqual(200);
    for (const c of input.cases) expect(childCase.safeParse(c).error).toBeUndefined();
    for (const i of input.inspections) expect(inspection.safeParse(i).error).toBeUndefined();
    for (const t of input.trainings) expect(training.safeParse(t).error).toBeUndefined();
    for (const a of input.activities) expect(activity.safeParse(a).error).toBeUndefined();
    expect(new Set(all.map((r) => r.orgUnit)).size).toBeGreaterThanOrEqual(4);
  });
});

describe.each(MONTHS)('tally of %s, per leaf orgUnit', (month) => {
  const want = expected(month);
  const got = actual([...tallyByOrgUnit(input, month, { homeCountry: HOME }).values()].flat());

  it('counts something for most indicators (the dataset exercises them)', () => {
    const present = INDICATOR_CODES.filter((code) => only(want, code).size > 0);
    expect(present.length).toBeGreaterThanOrEqual(12);
  });

  it.each(INDICATOR_CODES)('%s matches the independent count, cell by cell', (code) => {
    expect(only(got, code)).toEqual(only(want, code));
  });

  it('counts the records out of age scope per orgUnit, as the independent count does', () => {
    const { outOfScope } = countByOrgUnit(input, month, { homeCountry: HOME });
    const want = expectedOutOfScope(month);
    expect(want.size).toBeGreaterThan(0);
    expect(outOfScope).toEqual(want);
  });
});

describe('tally of an area', () => {
  it('adds up the leaves within it and reports them under the area', () => {
    const within = (o: string) => o.startsWith('KH-');
    const values = tally(input, '2026-02', { within, orgUnit: 'KH', homeCountry: HOME });
    const want = new Map<string, number>();
    for (const [k, n] of expected('2026-02')) {
      const [indicator, orgUnit, d] = k.split('|') as [string, string, string];
      if (!within(orgUnit)) continue;
      const area = `${indicator}|KH|${d}`;
      want.set(area, (want.get(area) ?? 0) + n);
    }
    expect(actual(values)).toEqual(want);
    expect(new Set(values.map((v) => v.orgUnit))).toEqual(new Set(['KH']));
  });
});

describe('edge cases', () => {
  const one = (records: Partial<typeof input>, month: string) =>
    tally({ cases: [], inspections: [], trainings: [], activities: [], ...records }, month, {
      within: () => true,
      orgUnit: 'ALL',
      homeCountry: HOME,
    });

  it('a case identified in January and referred in February counts in each month for its own event', () => {
    const cases = [edges.identifiedJanReferredFeb];
    const jan = one({ cases }, '2026-01');
    const feb = one({ cases }, '2026-02');
    expect(sumOf(jan, 'CHILDREN_IDENTIFIED')).toBe(1);
    expect(sumOf(jan, 'CHILDREN_REFERRED')).toBe(0);
    expect(sumOf(feb, 'CHILDREN_IDENTIFIED')).toBe(0);
    expect(sumOf(feb, 'CHILDREN_REFERRED')).toBe(1);
    expect(sumOf(feb, 'REFERRALS_BY_SERVICE', { service: 'health' })).toBe(1);
  });

  it('two referrals of one child in a month: one child referred, two referrals', () => {
    const feb = one({ cases: [edges.twoReferralsOneMonth] }, '2026-02');
    expect(sumOf(feb, 'CHILDREN_REFERRED', { sex: 'male', ageBand: '5-11' })).toBe(1);
    expect(sumOf(feb, 'REFERRALS_BY_SERVICE')).toBe(2);
    expect(sumOf(feb, 'REFERRALS_BY_SERVICE', { service: 'education_formal' })).toBe(1);
    expect(sumOf(feb, 'REFERRALS_BY_SERVICE', { service: 'psychosocial' })).toBe(1);
  });

  it('soft-deleted records count nowhere', () => {
    const records = { cases: [edges.softDeletedCase], inspections: [edges.softDeletedInspection] };
    for (const month of MONTHS) expect(one(records, month)).toEqual([]);
  });

  it('a participant from another orgUnit counts there, not at the session', () => {
    const byOrgUnit = tallyByOrgUnit(
      { cases: [], inspections: [], activities: [], trainings: [edges.participantFromElsewhere] },
      '2026-02',
    );
    const th = byOrgUnit.get('TH-10') ?? [];
    const kh = byOrgUnit.get('KH-12') ?? [];
    expect(sumOf(th, 'PEOPLE_TRAINED', { sex: 'male', agency: 'police' })).toBe(1);
    expect(sumOf(kh, 'PEOPLE_TRAINED')).toBe(1);
    expect(sumOf(kh, 'INSPECTORS_TRAINED', { sex: 'female' })).toBe(1);
    const khOnly = tally(
      { cases: [], inspections: [], activities: [], trainings: [edges.participantFromElsewhere] },
      '2026-02',
      {
        within: (o) => o.startsWith('KH'),
        orgUnit: 'KH',
      },
    );
    expect(sumOf(khOnly, 'PEOPLE_TRAINED')).toBe(1);
  });

  it('children aged 4 or 18 are out of scope for every indicator that counts children, and counted as such', () => {
    const referred = (c: ChildCase): ChildCase => ({
      ...c,
      channel: 'online_report',
      referrals: [{ key: 'r1', service: 'health', referredOn: '2026-02-20', status: 'referred' }],
    });
    const cases = [referred(edges.age4), referred(edges.age18)];
    const feb = one({ cases }, '2026-02');
    expect(feb).toEqual([]);
    for (const code of [
      'CHILDREN_IDENTIFIED',
      'CHILDREN_REFERRED',
      'REFERRALS_BY_SERVICE',
      'CASES_REPORTED_ONLINE',
      'CHILDREN_WITHDRAWN',
      'YOUNG_WORKERS_CHILD_LABOUR',
    ])
      expect(sumOf(feb, code)).toBe(0);
    const { outOfScope } = countByOrgUnit(
      { cases, inspections: [], trainings: [], activities: [] },
      '2026-02',
    );
    expect(outOfScope).toEqual(new Map([['KH-2', 2]]));
  });

  it('an unknown nationality is counted as unknown', () => {
    const feb = one({ cases: [edges.unknownNationality] }, '2026-02');
    expect(sumOf(feb, 'CHILDREN_IDENTIFIED', { nationalityGroup: 'unknown' })).toBe(1);
  });
});
