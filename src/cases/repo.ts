// All reads and writes of child cases (SPEC §2.3), over the `cases` table of src/db/db.ts. A case's months
// (identification, each referral, withdrawal) and its next visit (`dueOn`, for the home screen's Due list) are
// derived on save; the case code is assigned on first save, inside the same transaction as the write, so two
// saves can never take the same sequence. Only types come from ./schema, so the home screen, which reads the
// Due list from here, does not load zod.

import { db } from '../db/db';
import { inspectionKind } from '../inspections/kind';
import { linkChildToCase } from '../inspections/repo';
import { PelitaError, toPelitaError } from '../lib/errors';
import {
  countRecords,
  getRecord,
  type ListQuery,
  listRecords,
  prepareWrite,
  saveRecord,
  softDelete,
  undoDelete,
  writeTables,
} from '../records/repo-core';
import { settings } from '../settings/repo';
import { caseCodePrefix, formatCaseCode, nextSequence } from './case-code';
import { caseKind, type StoredCase } from './kind';

export type { StoredCase } from './kind';
export { caseKind } from './kind';

/** What a save takes: the record without its derived and bookkeeping fields; no code yet for a new case. */
export type CaseInput = Omit<
  StoredCase,
  'periods' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'caseCode' | 'dueOn'
> & {
  caseCode?: string | undefined;
  createdAt?: string;
  deletedAt?: string | null;
};

/**
 * The next free code for a case at `orgUnit` identified on `identifiedOn`. Call inside a transaction on
 * `db.cases`. Sequences are zero-padded to four digits, so while the last code of the prefix in index order
 * starts with 0 (fewer than 1,000 cases with this prefix) it is also the highest: one step down the index.
 * Past that, index order and number order differ (`10000` sorts before `9999`): read the prefix's keys.
 */
export async function nextCaseCode(orgUnit: string, identifiedOn: string): Promise<string> {
  const prefix = caseCodePrefix(orgUnit, identifiedOn, settings.value.homeCountry);
  const range = () => db.cases.where('caseCode').startsWith(prefix);
  const [last] = (await range().reverse().limit(1).keys()) as string[];
  if (last === undefined) return formatCaseCode(prefix, 1);
  const tail = last.slice(prefix.length);
  if (/^0\d+$/.test(tail)) return formatCaseCode(prefix, Number(tail) + 1);
  return formatCaseCode(prefix, nextSequence((await range().keys()) as string[], prefix));
}

/**
 * Saves a case: creates it (assigning its code) or replaces it. Checked against the schema first, whatever
 * screen or import sent it; the schema is loaded here, on save, so the home screen never loads zod. A saved
 * case keeps its code even if the caller sent none or another: the code is how people find the case again.
 */
/** A case made from a child found in an inspection: the row is linked to it in the same transaction. */
export interface ChildLink {
  inspectionId: string;
  childKey: string;
}

export async function saveCase(input: CaseInput, link?: ChildLink): Promise<StoredCase> {
  const { caseForm } = await import('./schema');
  const parsed = caseForm.safeParse(input);
  if (!parsed.success) throw new PelitaError('errors.invalidRecord', parsed.error.issues);
  const { id, createdAt, deletedAt } = input;
  // A reason to override consent means nothing once consent is given; a stale one would mislead a reader.
  const { consentOverride: _stale, ...withoutOverride } = parsed.data;
  const fields = parsed.data.consent === true ? withoutOverride : parsed.data;
  try {
    // Opened on everything saveRecord writes, so the code and the case land together; with a link, the
    // inspection's row too: a case and its row's link land together or not at all, so a row never goes on
    // offering "Create child case" for a child who has one (issue 11.9).
    await prepareWrite(caseKind);
    if (link) await prepareWrite(inspectionKind);
    const tables = link ? [...writeTables('cases'), db.inspections] : writeTables('cases');
    return await db.transaction('rw', tables, async () => {
      const before = await db.cases.get(id);
      const caseCode =
        before?.caseCode ?? (fields.caseCode || (await nextCaseCode(input.orgUnit, input.identifiedOn)));
      const saved = await saveRecord(caseKind, {
        ...fields,
        id,
        createdAt,
        deletedAt,
        caseCode,
      } as Parameters<typeof saveRecord<StoredCase>>[1]);
      if (link) await linkChildToCase(link.inspectionId, link.childKey, saved.id);
      return saved;
    });
  } catch (err) {
    throw toPelitaError(err);
  }
}

export const getCase = (id: string) => getRecord(caseKind, id);

/** Soft delete: the case stays (deleted), so tallies and sync see it went; `undoDeleteCase` brings it back. */
export const deleteCase = (id: string) => softDelete(caseKind, id);
export const undoDeleteCase = (id: string) => undoDelete(caseKind, id);

export interface CaseQuery {
  month?: string | undefined;
  within?: ((orgUnit: string) => boolean) | undefined;
  /** Only cases that pass (status, overdue visit, category): tested on the stored case, no name needed. */
  where?: ((c: StoredCase) => boolean) | undefined;
  /** The start of a case code (`KH-12-2026-00`), case-insensitive. */
  search?: string | undefined;
  /**
   * Also find the search text inside the child's name. Names are sealed at rest and never indexed: this reads
   * the cases and opens them in memory, so it only works while unlocked (locked, only codes match).
   */
  names?: boolean | undefined;
  offset: number;
  limit: number;
}

const nameMatches = (c: StoredCase, lower: string) => !!c.child.name?.toLowerCase().includes(lower);

function caseQuery(q: Omit<CaseQuery, 'offset' | 'limit'> & Partial<CaseQuery>): ListQuery<StoredCase> {
  const text = q.search?.trim();
  return {
    dateIndex: caseKind.list.date,
    month: q.month,
    within: q.within,
    where: q.where,
    search: text
      ? { index: caseKind.list.search, text: text.toUpperCase(), opened: q.names ? nameMatches : undefined }
      : undefined,
    offset: q.offset ?? 0,
    limit: q.limit ?? 0,
  };
}

/** One page of live cases, newest identified first. */
export function listCases(q: CaseQuery): Promise<StoredCase[]> {
  return listRecords(caseKind, caseQuery(q));
}

/** How many live cases match the filters of `q`. */
export function countCases(q: Omit<CaseQuery, 'offset' | 'limit'>): Promise<number> {
  return countRecords(caseKind, caseQuery(q));
}

/**
 * Live cases whose next visit is due on or before `until` (`YYYY-MM-DD`), soonest (most overdue) first,
 * through the `dueOn` index: cases with nothing due are not in that index at all. As stored: with a
 * passphrase set, the names are sealed (the Due list shows only codes and dates).
 */
export function dueCases(until: string, limit = 100): Promise<StoredCase[]> {
  return db.cases
    .where('dueOn')
    .belowOrEqual(until)
    .filter((c) => c.deletedAt === null)
    .limit(limit)
    .toArray();
}
