// All reads and writes of activities (SPEC §2.4). Stored in the `activities` table of src/db/db.ts, one row
// per activity; `periods` (the activity's month) is derived on every save.
import { PelitaError } from '../app/errors';
import { activeList, isWithin, loadLocations } from '../locations/repo';
import {
  getRecord,
  listRecords,
  newId,
  type RecordKind,
  saveRecord,
  softDelete,
  undoDelete,
} from '../records/repo-core';
import { activityPeriods, activityTouches } from '../records/touches';
import { type Activity, type ActivityInput, activity, activityInput } from './schema';

export const activityKind: RecordKind<Activity> = {
  table: 'activities',
  periodsOf: activityPeriods,
  touches: activityTouches,
  schema: activity,
};

/** Saves a new activity (no id) or replaces one; validated again here, since every caller is an edge. */
export async function saveActivity(fields: ActivityInput, id?: string): Promise<Activity> {
  const parsed = activityInput.safeParse(fields);
  if (!parsed.success) throw new PelitaError('errors.invalidRecord', parsed.error.issues);
  // saveRecord keeps the first createdAt and a soft delete already made.
  return saveRecord(activityKind, { ...parsed.data, id: id ?? newId() });
}

export const getActivity = (id: string): Promise<Activity | undefined> => getRecord(activityKind, id);
export const deleteActivity = (id: string) => softDelete(activityKind, id);
export const undoDeleteActivity = (id: string) => undoDelete(activityKind, id);

export interface ActivityQuery {
  /** `YYYY-MM` */
  month?: string | undefined;
  /** A location code: its activities and those of every place below it. */
  orgUnit?: string | null | undefined;
  /** Start of the title, any case. */
  search?: string | undefined;
  offset?: number;
  limit?: number;
}

export const PAGE_SIZE = 50;

/** One page of live activities, newest first. */
export async function listActivities(q: ActivityQuery = {}): Promise<Activity[]> {
  const orgUnit = q.orgUnit;
  // isWithin answers from the loaded location list; load it first so sub-locations roll up. Wrapped in
  // Promise.resolve: inside a liveQuery, a non-Dexie promise must be, or the query stops being observed.
  if (orgUnit && !activeList.value) await Promise.resolve(loadLocations());
  return listRecords(activityKind, {
    dateIndex: 'date',
    month: q.month || undefined,
    within: orgUnit ? (code) => isWithin(code, orgUnit) : undefined,
    search: q.search?.trim() ? { index: 'title', text: q.search } : undefined,
    offset: q.offset ?? 0,
    limit: q.limit ?? PAGE_SIZE,
  });
}
