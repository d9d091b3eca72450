// The activity record type (SPEC §2.4), as the rest of the app sees it: see src/records/README.md.
import type * as z from 'zod/mini';
import { monthOf } from '../lib/dates';
import { pairs, type RecordKind } from '../records/contract';
import type { Activity } from './schema';

declare module '../db/db' {
  interface RecordTables {
    activities: Activity;
  }
}

const periodsOf = (a: Activity) => [monthOf(a.date)].filter((m): m is string => !!m);

export const activityKind: RecordKind<Activity> = {
  table: 'activities',
  periodsOf,
  touches: (a) => pairs(periodsOf(a), [a.orgUnit]),
  loadSchema: async () => (await import('./schema')).storedSchema as z.ZodMiniType<Activity>,
  personal: [],
  list: { date: 'date', search: 'title' },
  nav: { label: 'nav.activities' },
  tile: 'home.newActivity',
  screens: { list: 'ActivityList', form: 'ActivityForm' },
  legacyDraft: 'activity',
};
