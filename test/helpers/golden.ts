// A deterministic "golden" dataset for the tally tests: a few hundred valid records of all four types over
// 2026-01..2026-03 in several locations, from a seeded generator, plus hand-written edge cases that each
// test one rule of counting. `bigInput` scales the same generator for the speed test.
import { activityKind } from '../../src/activities/kind';
import type { Activity } from '../../src/activities/schema';
import { caseKind } from '../../src/cases/kind';
import type { ChildCase } from '../../src/cases/schema';
import { inspectionKind } from '../../src/inspections/kind';
import type { Inspection } from '../../src/inspections/schema';
import {
  activityKinds,
  agencies,
  authorities,
  channels,
  childSexes,
  hazardConditions,
  inspectionTypes,
  isicSections,
  services,
  sexes,
  trainingTopics,
  worstForms,
} from '../../src/records/codes';
import type { TallyInput } from '../../src/tally/tally';
import { trainingKind } from '../../src/trainings/kind';
import type { Training } from '../../src/trainings/schema';

/** mulberry32: tiny, fast and the same on every machine. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = pick(['8', '9', 'a', 'b']);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, chance, uuid };
}
export type Rng = ReturnType<typeof rng>;

export const MONTHS = ['2026-01', '2026-02', '2026-03'] as const;
export const ORG_UNITS = ['KH-12', 'KH-2', 'KH-23', 'TH-10', 'PH-00'] as const;
export const HOME = 'KH';

const STAMP = '2026-04-01T00:00:00.000Z';
const day = (r: Rng, month: string) => `${month}-${String(r.int(1, 28)).padStart(2, '0')}`;
const nextMonth = (m: string) => {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
};
const base = (r: Rng, orgUnit: string) => ({
  id: r.uuid(),
  createdAt: STAMP,
  updatedAt: STAMP,
  deletedAt: null as string | null,
  orgUnit,
  periods: [] as string[],
});

export function makeCase(r: Rng, over: Partial<ChildCase> = {}): ChildCase {
  const orgUnit = over.orgUnit ?? r.pick(ORG_UNITS);
  const identifiedOn = over.identifiedOn ?? day(r, r.pick(MONTHS));
  const age = r.int(3, 19);
  const knownDob = r.chance(0.5);
  const referrals = Array.from({ length: r.pick([0, 0, 1, 1, 2, 3]) }, () => ({
    key: r.uuid(),
    service: r.pick(services),
    referredOn: day(r, r.chance(0.6) ? identifiedOn.slice(0, 7) : nextMonth(identifiedOn.slice(0, 7))),
    status: r.pick(['referred', 'accepted', 'service_received'] as const),
  }));
  const withdrawn = r.chance(0.25);
  const c: ChildCase = {
    ...base(r, orgUnit),
    caseCode: `KH-12-2026-${String(r.int(1, 9999)).padStart(4, '0')}`,
    identifiedOn,
    channel: r.pick(channels),
    child: {
      sex: r.pick(childSexes),
      // A birthday late in the year makes the age on the identification date one less than the year difference.
      ...(r.chance(0.1)
        ? {}
        : knownDob
          ? { dateOfBirth: `${2026 - age}-${r.pick(['01-01', '06-15', '12-31'])}` }
          : { ageYears: age }),
      ageEstimated: !knownDob,
      nationality: r.pick(['KH', 'KH', 'KH', 'TH', 'MM', 'VN', 'stateless', 'unknown']),
      disability: r.pick(['yes', 'no', 'unknown'] as const),
    },
    settlement: r.pick(['urban', 'rural', 'unknown'] as const),
    work: {
      isic: r.chance(0.15) ? 'unknown' : r.pick(isicSections.slice(0, 8)),
      workStatus: r.pick(['employee', 'own_account', 'contributing_family', 'household_chores'] as const),
      economicHours: r.pick([0, 1, 5, 13, 14, 20, 42, 43, 50, null]),
      choreHours: r.pick([0, 5, 21, 22, 30, null]),
      nightWork: r.pick(['no', 'no', 'no', 'yes', 'unknown'] as const),
      worstForm: r.chance(0.15) ? r.pick(worstForms.slice(1)) : r.pick(['none', 'none', 'unknown'] as const),
      hazards: r.chance(0.2) ? [r.pick(hazardConditions)] : [],
      inSchool: r.pick(['yes', 'no', 'unknown'] as const),
    },
    consent: true,
    referrals,
    followUps: [],
    status: withdrawn ? 'withdrawn_verified' : referrals.length ? 'referred' : 'identified',
    ...(withdrawn ? { withdrawnOn: day(r, r.pick(MONTHS)) } : {}),
    ...over,
  };
  if (c.withdrawnOn && c.withdrawnOn < c.identifiedOn) c.withdrawnOn = c.identifiedOn;
  c.periods = caseKind.periodsOf(c);
  return c;
}

export function makeInspection(r: Rng, over: Partial<Inspection> = {}): Inspection {
  const date = over.date ?? day(r, r.pick(MONTHS));
  const i: Inspection = {
    ...base(r, over.orgUnit ?? r.pick(ORG_UNITS)),
    date,
    type: r.pick(inspectionTypes),
    announced: r.chance(0.5),
    establishment: {
      name: `Establishment ${r.int(1, 999)}`,
      isic: r.chance(0.1) ? 'unknown' : r.pick(isicSections.slice(0, 6)),
      formality: r.pick(['formal', 'informal', 'unknown'] as const),
      hardToReach: r.chance(0.4),
    },
    childLabourToolUsed: r.chance(0.5),
    children: Array.from({ length: r.pick([0, 0, 1, 2, 3, 4]) }, () => ({
      key: r.uuid(),
      sex: r.pick(childSexes),
      age: r.chance(0.1) ? null : r.int(3, 19),
      ageEstimated: r.chance(0.3),
      hazardous: r.pick(['yes', 'no', 'unknown'] as const),
      worstForm: r.pick(['none', 'none', 'unknown', 'armed_conflict'] as const),
    })),
    outcomes: [r.pick(['no_violation', 'advice', 'warning'] as const)],
    ...(r.chance(0.3)
      ? {
          registration: {
            authority: r.pick(authorities),
            date: r.chance(0.5) ? date : day(r, nextMonth(date.slice(0, 7))),
          },
        }
      : {}),
    ...over,
  };
  i.periods = inspectionKind.periodsOf(i);
  return i;
}

export function makeTraining(r: Rng, over: Partial<Training> = {}): Training {
  const orgUnit = over.orgUnit ?? r.pick(ORG_UNITS);
  const startDate = over.startDate ?? day(r, r.pick(MONTHS));
  const t: Training = {
    ...base(r, orgUnit),
    startDate,
    endDate: startDate,
    title: `Training ${r.int(1, 99)}`,
    topics: r.chance(0.3)
      ? ['governance_anticorruption', r.pick(trainingTopics)]
      : [r.pick(trainingTopics.filter((x) => x !== 'governance_anticorruption'))],
    modality: r.pick(['in_person', 'online', 'blended'] as const),
    participants: Array.from({ length: r.int(1, 8) }, () => ({
      key: r.uuid(),
      sex: r.pick(sexes),
      agency: r.chance(0.3) ? 'labour_inspection' : r.pick(agencies),
      orgUnit: r.chance(0.2) ? r.pick(ORG_UNITS) : orgUnit,
      completed: r.chance(0.8),
    })),
    ...over,
  };
  t.periods = trainingKind.periodsOf(t);
  return t;
}

export function makeActivity(r: Rng, over: Partial<Activity> = {}): Activity {
  const a: Activity = {
    ...base(r, over.orgUnit ?? r.pick(ORG_UNITS)),
    date: day(r, r.pick(MONTHS)),
    kind: r.pick(activityKinds),
    title: `Activity ${r.int(1, 99)}`,
    ...over,
  };
  a.periods = activityKind.periodsOf(a);
  return a;
}

/** Hand-made records, each the edge case its name says. */
export function edgeCases(r: Rng) {
  const child = {
    sex: 'female' as const,
    ageYears: 10,
    ageEstimated: false,
    nationality: 'KH',
    disability: 'no' as const,
  };
  const referral = (referredOn: string, service: ChildCase['referrals'][number]['service']) => ({
    key: r.uuid(),
    service,
    referredOn,
    status: 'referred' as const,
  });
  return {
    identifiedJanReferredFeb: makeCase(r, {
      orgUnit: 'KH-12',
      identifiedOn: '2026-01-20',
      child,
      referrals: [referral('2026-02-03', 'health')],
      status: 'referred',
      withdrawnOn: undefined,
    }),
    twoReferralsOneMonth: makeCase(r, {
      orgUnit: 'KH-12',
      identifiedOn: '2026-02-02',
      child: { ...child, sex: 'male' },
      referrals: [referral('2026-02-05', 'education_formal'), referral('2026-02-25', 'psychosocial')],
      status: 'referred',
      withdrawnOn: undefined,
    }),
    softDeletedCase: makeCase(r, { orgUnit: 'KH-12', identifiedOn: '2026-02-10', deletedAt: STAMP }),
    softDeletedInspection: makeInspection(r, { orgUnit: 'KH-12', date: '2026-02-11', deletedAt: STAMP }),
    age4: makeCase(r, { orgUnit: 'KH-2', identifiedOn: '2026-02-12', child: { ...child, ageYears: 4 } }),
    age18: makeCase(r, { orgUnit: 'KH-2', identifiedOn: '2026-02-12', child: { ...child, ageYears: 18 } }),
    unknownNationality: makeCase(r, {
      orgUnit: 'KH-2',
      identifiedOn: '2026-02-13',
      child: { ...child, nationality: 'unknown' },
    }),
    participantFromElsewhere: makeTraining(r, {
      orgUnit: 'KH-12',
      startDate: '2026-02-14',
      endDate: '2026-02-15',
      participants: [
        { key: r.uuid(), sex: 'female', agency: 'labour_inspection', orgUnit: 'KH-12', completed: true },
        { key: r.uuid(), sex: 'male', agency: 'police', orgUnit: 'TH-10', completed: true },
      ],
    }),
  };
}

/** ≥ 200 records of all four types: the seeded ones and the edge cases. */
export function goldenInput(seed = 20260101): TallyInput & { edges: ReturnType<typeof edgeCases> } {
  const r = rng(seed);
  const cases = Array.from({ length: 90 }, () => makeCase(r));
  const inspections = Array.from({ length: 60 }, () => makeInspection(r));
  const trainings = Array.from({ length: 30 }, () => makeTraining(r));
  const activities = Array.from({ length: 40 }, () => makeActivity(r));
  const edges = edgeCases(r);
  cases.push(edges.identifiedJanReferredFeb, edges.twoReferralsOneMonth, edges.softDeletedCase);
  cases.push(edges.age4, edges.age18, edges.unknownNationality);
  inspections.push(edges.softDeletedInspection);
  trainings.push(edges.participantFromElsewhere);
  return { cases, inspections, trainings, activities, edges };
}

/**
 * `n` records in one month (the speed budget's case), mostly cases and inspections as in the field: copies of a
 * pool of 2,000 generated ones, each a new object with its own id, because generating 100,000 takes seconds.
 */
export function bigInput(n: number, month = '2026-02', seed = 7): TallyInput {
  const r = rng(seed);
  const pool: TallyInput = { cases: [], inspections: [], trainings: [], activities: [] };
  for (let i = 0; i < 2000; i++) {
    const k = i % 10;
    if (k < 5) (pool.cases as ChildCase[]).push(makeCase(r, { identifiedOn: `${month}-10` }));
    else if (k < 8) (pool.inspections as Inspection[]).push(makeInspection(r, { date: `${month}-11` }));
    else if (k < 9) (pool.trainings as Training[]).push(makeTraining(r, { startDate: `${month}-12` }));
    else (pool.activities as Activity[]).push(makeActivity(r, { date: `${month}-13` }));
  }
  const copies = <T extends { id: string }>(xs: readonly T[]) =>
    Array.from({ length: Math.round((n * xs.length) / 2000) }, (_, i) => ({
      ...xs[i % xs.length]!,
      id: `r${i}`,
    }));
  return {
    cases: copies(pool.cases),
    inspections: copies(pool.inspections),
    trainings: copies(pool.trainings),
    activities: copies(pool.activities),
  };
}
