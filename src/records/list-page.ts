// One page of a record list, as every list screen asks for it: newest first, by month, by location (a place
// and everything below it) and by the start of a searchable field. Shared by the record repos.
import { activeList, isWithin, loadLocations } from '../locations/repo';
import type { RecordBase } from './fields';
import { listRecords, type RecordKind } from './repo-core';

export const PAGE_SIZE = 50;

export interface PageQuery {
  /** `YYYY-MM` */
  month?: string | undefined;
  /** A location code: its records and those of every place below it. */
  orgUnit?: string | null | undefined;
  /** Start of the searchable field, any case. */
  search?: string | undefined;
  offset?: number;
  limit?: number;
}

/** The indexed fields a record type is listed by (`date`) and searched by (`search`). */
export interface ListIndexes {
  date: string;
  search: string;
}

export async function listPage<T extends RecordBase>(
  kind: RecordKind<T>,
  indexes: ListIndexes,
  q: PageQuery = {},
): Promise<T[]> {
  const orgUnit = q.orgUnit;
  // isWithin answers from the loaded location list; load it first so sub-locations roll up. Wrapped in
  // Promise.resolve: inside a liveQuery, a non-Dexie promise must be, or the query stops being observed.
  if (orgUnit && !activeList.value) await Promise.resolve(loadLocations());
  return listRecords(kind, {
    dateIndex: indexes.date,
    month: q.month || undefined,
    within: orgUnit ? (code) => isWithin(code, orgUnit) : undefined,
    search: q.search?.trim() ? { index: indexes.search, text: q.search } : undefined,
    offset: q.offset ?? 0,
    limit: q.limit ?? PAGE_SIZE,
  });
}
