// The training session record type (SPEC §2.2), as the rest of the app sees it: see src/records/README.md.
import type * as z from 'zod/mini';
import { monthsOf } from '../lib/dates';
import { pairs, type RecordKind } from '../records/contract';
import type { Training } from './schema';

declare module '../db/db' {
  interface RecordTables {
    trainings: Training;
  }
}

/** A training counts in the month it started. */
const periodsOf = (t: Training) => monthsOf([t.startDate]);

export const trainingKind: RecordKind<Training> = {
  table: 'trainings',
  periodsOf,
  // Its participants count where they come from.
  touches: (t) => pairs(periodsOf(t), [t.orgUnit, ...t.participants.map((p) => p.orgUnit)]),
  loadSchema: async () => (await import('./schema')).storedSchema as z.ZodMiniType<Training>,
  personal: ['participants[].name'],
  list: { date: 'startDate', search: 'title' },
  nav: { label: 'nav.trainings' },
  tile: 'home.newTraining',
  screens: { list: 'TrainingList', form: 'TrainingForm' },
  legacyDraft: 'training',
};
