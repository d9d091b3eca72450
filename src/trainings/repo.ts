// All reads and writes of training sessions (SPEC §2.2). Stored in the `trainings` table of src/db/db.ts, one
// row per session with its participants inline (an attendance sheet is read and written as a whole);
// `periods` (the month the session started) is derived on every save. Participants count at their own
// location, so a save marks for sync every (month, location) the session and its participants touch.
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
import { trainingPeriods, trainingTouches } from '../records/touches';
import { type Training, type TrainingInput, training, trainingInput } from './schema';

export const trainingKind: RecordKind<Training> = {
  table: 'trainings',
  periodsOf: trainingPeriods,
  touches: trainingTouches,
  schema: training,
};

/** Saves a new session (no id) or replaces one; validated again here, since every caller is an edge. */
export async function saveTraining(fields: TrainingInput, id?: string): Promise<Training> {
  const parsed = trainingInput.safeParse(fields);
  if (!parsed.success) throw new PelitaError('errors.invalidRecord', parsed.error.issues);
  // saveRecord keeps the first createdAt and a soft delete already made.
  return saveRecord(trainingKind, { ...parsed.data, id: id ?? newId() });
}

export const getTraining = (id: string): Promise<Training | undefined> => getRecord(trainingKind, id);
export const deleteTraining = (id: string) => softDelete(trainingKind, id);
export const undoDeleteTraining = (id: string) => undoDelete(trainingKind, id);

/** The fields a person edits, from a stored session (drops id, timestamps and derived months). */
export function inputOf(t: Training): TrainingInput {
  const { id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, periods: _p, ...fields } = t;
  return fields;
}

export interface TrainingQuery {
  /** `YYYY-MM`: sessions that started that month. */
  month?: string | undefined;
  /** A location code: sessions held there or anywhere below it. */
  orgUnit?: string | null | undefined;
  /** Start of the title, any case. */
  search?: string | undefined;
  offset?: number;
  limit?: number;
}

export const PAGE_SIZE = 50;

/** One page of live sessions, newest first (by start date). */
export async function listTrainings(q: TrainingQuery = {}): Promise<Training[]> {
  const orgUnit = q.orgUnit;
  // isWithin answers from the loaded location list; load it first so sub-locations roll up. Wrapped in
  // Promise.resolve: inside a liveQuery, a non-Dexie promise must be, or the query stops being observed.
  if (orgUnit && !activeList.value) await Promise.resolve(loadLocations());
  return listRecords(trainingKind, {
    dateIndex: 'startDate',
    month: q.month || undefined,
    within: orgUnit ? (code) => isWithin(code, orgUnit) : undefined,
    search: q.search?.trim() ? { index: 'title', text: q.search } : undefined,
    offset: q.offset ?? 0,
    limit: q.limit ?? PAGE_SIZE,
  });
}
