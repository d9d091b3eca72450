// The inspection record type (SPEC §2.1), as the rest of the app sees it: see src/records/README.md.
import type * as z from 'zod/mini';
import { monthsOf } from '../lib/dates';
import { pairs, type RecordKind } from '../records/contract';
import type { Inspection } from './schema';

/** An inspection as stored: with its follow-up date, indexed for the home screen's Due list. */
export type StoredInspection = Inspection & { dueOn?: string | null };

declare module '../db/db' {
  interface RecordTables {
    inspections: StoredInspection;
  }
}

/** The inspection's month and the month of its court or mediation registration. */
const periodsOf = (i: Inspection) => monthsOf([i.date, i.registration?.date]);

export const inspectionKind: RecordKind<StoredInspection> = {
  table: 'inspections',
  periodsOf,
  touches: (i) => pairs(periodsOf(i), [i.orgUnit]),
  derive: (i) => ({ ...i, dueOn: i.followUpDue ?? null }),
  loadSchema: async () => (await import('./schema')).storedSchema as z.ZodMiniType<StoredInspection>,
  personal: [],
  list: { date: 'date', search: 'establishment.name' },
  nav: { label: 'nav.inspections', inBar: true },
  tile: 'home.newInspection',
  screens: { list: 'InspectionList', form: 'InspectionForm' },
  legacyDraft: 'inspection',
};
