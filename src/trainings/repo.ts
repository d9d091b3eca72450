// All reads and writes of training sessions (SPEC §2.2). Stored in the `trainings` table of src/db/db.ts, one
// row per session with its participants inline (an attendance sheet is read and written as a whole);
// `periods` (the month the session started) is derived on every save. Participants count at their own
// location, so a save marks for sync every (month, location) the session and its participants touch.
import { PelitaError } from '../lib/errors';
import { newId } from '../lib/ids';
import { countPage, listPage, type PageQuery } from '../records/list-page';
import { getRecord, saveRecord, softDelete, undoDelete } from '../records/repo-core';
import { trainingKind } from './kind';

export { trainingKind } from './kind';

import { type Training, type TrainingInput, trainingInput } from './schema';

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

export { PAGE_SIZE } from '../records/list-page';
export type TrainingQuery = PageQuery;

/** One page of live records, newest first (see records/list-page.ts). */
export const listTrainings = (q: PageQuery = {}): Promise<Training[]> => listPage(trainingKind, q);

/** How many live records match the filters of `q`. */
export const countTrainings = (q: PageQuery = {}): Promise<number> => countPage(trainingKind, q);
