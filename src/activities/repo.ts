// All reads and writes of activities (SPEC §2.4). Stored in the `activities` table of src/db/db.ts, one row
// per activity; `periods` (the activity's month) is derived on every save.
import { PelitaError } from '../app/errors';
import { countPage, listPage, type PageQuery } from '../records/list-page';
import { getRecord, newId, type RecordKind, saveRecord, softDelete, undoDelete } from '../records/repo-core';
import { activityPeriods, activityTouches } from '../records/touches';
import { type Activity, type ActivityInput, activity, activityInput } from './schema';

export const activityKind: RecordKind<Activity> = {
  table: 'activities',
  periodsOf: activityPeriods,
  touches: activityTouches,
  loadSchema: async () => activity,
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

export { PAGE_SIZE } from '../records/list-page';
export type ActivityQuery = PageQuery;

/** One page of live records, newest first (see records/list-page.ts). */
export const listActivities = (q: PageQuery = {}): Promise<Activity[]> =>
  listPage(activityKind, { date: 'date', search: 'title' }, q);

/** How many live records match the filters of `q`. */
export const countActivities = (q: PageQuery = {}): Promise<number> =>
  countPage(activityKind, { date: 'date', search: 'title' }, q);
