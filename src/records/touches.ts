// Where each record's counts land: the months (SPEC §2 `periods`) and the (month, location) pairs the tally
// counts it in. The repos store `periods` and mark these pairs in the outbox on every change, so the tally
// and sync agree on what a change affects. Change these only together with tally/tally.ts.
import type { Activity } from '../activities/schema';
import type { ChildCase } from '../cases/schema';
import type { Inspection } from '../inspections/schema';
import type { Training } from '../trainings/schema';
import { monthOf, monthsOf } from './periods';

type Pair = readonly [period: string, orgUnit: string];
const pairs = (periods: string[], orgUnits: Iterable<string>): Pair[] => {
  const units = [...new Set(orgUnits)];
  return periods.flatMap((p) => units.map((o) => [p, o] as const));
};

/** The inspection's month and the month of its court or mediation registration. */
export const inspectionPeriods = (i: Inspection) => monthsOf([i.date, i.registration?.date]);
export const inspectionTouches = (i: Inspection) => pairs(inspectionPeriods(i), [i.orgUnit]);

/** A training counts in the month it started; its participants count where they come from. */
export const trainingPeriods = (t: Training) => monthsOf([t.startDate]);
export const trainingTouches = (t: Training) =>
  pairs(trainingPeriods(t), [t.orgUnit, ...t.participants.map((p) => p.orgUnit)]);

/** Identification, each referral, and withdrawal. */
export const casePeriods = (c: ChildCase) =>
  monthsOf([c.identifiedOn, ...c.referrals.map((r) => r.referredOn), c.withdrawnOn]);
export const caseTouches = (c: ChildCase) => pairs(casePeriods(c), [c.orgUnit]);

export const activityPeriods = (a: Activity) => [monthOf(a.date)].filter((m): m is string => !!m);
export const activityTouches = (a: Activity) => pairs(activityPeriods(a), [a.orgUnit]);
