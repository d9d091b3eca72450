// All reads and writes of inspections (SPEC §2.1). Stored in the `inspections` table of src/db/db.ts, one row
// per inspection with its children found inline; `periods` (the inspection's month and its registration's)
// and `dueOn` (the follow-up date, for the Due list on the home screen) are derived here on every save.

import { db } from '../db/db';
import { PelitaError } from '../lib/errors';
import { newId } from '../lib/ids';
import { countPage, listPage, type PageQuery } from '../records/list-page';
import { getRecord, saveRecord, softDelete, undoDelete } from '../records/repo-core';
import { inspectionKind } from './kind';

export { inspectionKind } from './kind';

import type { Inspection, InspectionInput } from './schema';

/** A fine is kept only when "administrative fine" is ticked; a stale amount would otherwise linger. */
function normalise(fields: InspectionInput): InspectionInput {
  if (fields.outcomes.includes('administrative_fine') || fields.fine === undefined) return fields;
  const { fine: _dropped, ...rest } = fields;
  return rest;
}

/** Saves a new inspection (no id) or replaces one; validated again here, since every caller is an edge. */
export async function saveInspection(fields: InspectionInput, id?: string): Promise<Inspection> {
  // The schema (and zod) load here, on save, so the home screen's Due list never loads them.
  const { inspectionInput } = await import('./schema');
  const parsed = inspectionInput.safeParse(normalise(fields));
  if (!parsed.success) throw new PelitaError('errors.invalidRecord', parsed.error.issues);
  // saveRecord keeps the first createdAt and a soft delete already made.
  return saveRecord(inspectionKind, { ...parsed.data, id: id ?? newId() });
}

export const getInspection = (id: string): Promise<Inspection | undefined> => getRecord(inspectionKind, id);
export const deleteInspection = (id: string) => softDelete(inspectionKind, id);
export const undoDeleteInspection = (id: string) => undoDelete(inspectionKind, id);

export { PAGE_SIZE } from '../records/list-page';
export type InspectionQuery = PageQuery;

/** One page of live records, newest first (see records/list-page.ts). */
export const listInspections = (q: PageQuery = {}): Promise<Inspection[]> => listPage(inspectionKind, q);

/** How many live records match the filters of `q`. */
export const countInspections = (q: PageQuery = {}): Promise<number> => countPage(inspectionKind, q);

/** Live inspections whose follow-up is due on or before `untilDate` (`YYYY-MM-DD`), soonest first. */
export async function dueInspections(untilDate: string): Promise<Inspection[]> {
  const rows = await db.inspections.where('dueOn').belowOrEqual(untilDate).toArray();
  return rows.filter((r) => r.deletedAt === null);
}

/**
 * Records that a child found in an inspection now has a case, so the row offers "Open child case". Called by
 * saveCase, inside the case's own transaction; goes through saveRecord so sync sees it.
 */
export async function linkChildToCase(inspectionId: string, childKey: string, caseId: string) {
  const record = await getRecord(inspectionKind, inspectionId);
  const row = record?.children.find((c) => c.key === childKey);
  if (!record || !row) throw new PelitaError('errors.notFound');
  // One case per child found: a second one would count the child twice.
  if (row.caseId && row.caseId !== caseId) throw new PelitaError('errors.childHasCase');
  return saveRecord(inspectionKind, {
    ...record,
    children: record.children.map((c) => (c.key === childKey ? { ...c, caseId } : c)),
  });
}
