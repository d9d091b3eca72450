// One page of a record list, as every list screen asks for it: newest first, by month, by location (a place
// and everything below it) and by the start of a searchable field. Shared by the record repos.

import type { RecordBase } from '../db/db';
import { activeList, isWithin, loadLocations } from '../locations/repo';
import type { RecordKind } from './contract';
import { countRecords, type ListQuery, listRecords } from './repo-core';

export const PAGE_SIZE = 50;

export interface PageQuery<T extends RecordBase = RecordBase> {
  /** `YYYY-MM` */
  month?: string | undefined;
  /** A location code: its records and those of every place below it. */
  orgUnit?: string | null | undefined;
  /** Start of the searchable field, any case. */
  search?: string | undefined;
  /** Only records that pass (e.g. a status): tested on the stored record. */
  where?: ((record: T) => boolean) | undefined;
  offset?: number;
  limit?: number;
}

/** The record-level query a page asks for, through the indexes the record type is listed and searched by. */
function toQuery<T extends RecordBase>(indexes: RecordKind<T>['list'], q: PageQuery<T>): ListQuery<T> {
  const orgUnit = q.orgUnit;
  return {
    dateIndex: indexes.date,
    month: q.month || undefined,
    within: orgUnit ? (code) => isWithin(code, orgUnit) : undefined,
    where: q.where,
    search: q.search?.trim() ? { index: indexes.search, text: q.search } : undefined,
    offset: q.offset ?? 0,
    limit: q.limit ?? PAGE_SIZE,
  };
}

export async function listPage<T extends RecordBase>(
  kind: RecordKind<T>,
  q: PageQuery<T> = {},
): Promise<T[]> {
  // isWithin answers from the loaded location list; load it first so sub-locations roll up. Only then, and
  // wrapped in Promise.resolve: inside a liveQuery, awaiting a promise that is not Dexie's stops the query
  // being observed.
  if (q.orgUnit && !activeList.value) await Promise.resolve(loadLocations());
  return listRecords(kind, toQuery(kind.list, q));
}

/** How many records match the filters of `q` (its paging aside). */
export async function countPage<T extends RecordBase>(
  kind: RecordKind<T>,
  q: PageQuery<T> = {},
): Promise<number> {
  // isWithin answers from the loaded location list; load it first so sub-locations roll up. Only then, and
  // wrapped in Promise.resolve: inside a liveQuery, awaiting a promise that is not Dexie's stops the query
  // being observed.
  if (q.orgUnit && !activeList.value) await Promise.resolve(loadLocations());
  return countRecords(kind, toQuery(kind.list, q));
}
