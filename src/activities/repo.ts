// All reads and writes of activities (SPEC §2.4). Stored in the `activities` table of src/db/db.ts, one row
// per activity; `periods` (the activity's month) is derived on every save.
import { PelitaError } from '../lib/errors';
import { newId } from '../lib/ids';
import { countPage, listPage, type PageQuery } from '../records/list-page';
import { getRecord, saveRecord, softDelete, undoDelete } from '../records/repo-core';
import { activityKind } from './kind';

export { activityKind } from './kind';

import { type Activity, type ActivityInput, activityInput } from './schema';

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
export const listActivities = (q: PageQuery = {}): Promise<Activity[]> => listPage(activityKind, q);

/** How many live records match the filters of `q`. */
export const countActivities = (q: PageQuery = {}): Promise<number> => countPage(activityKind, q);
