// What the four record repos share: save with derived fields and outbox marks in one transaction, soft
// delete and undo, reads by month. The record type supplies what is particular to it: its descriptor
// (RecordKind, ./contract.ts; one per type, listed in ./registry.ts).
import Dexie, { type Table } from 'dexie';
import type * as z from 'zod/mini';
import { db, type RecordBase, type RecordTable } from '../db/db';
import { PelitaError, toPelitaError } from '../lib/errors';
import { mustSeal, openForRead, sealForStore, storedVaultConfig } from '../privacy/personal';
import { vault } from '../privacy/vault';
import type { RecordKind } from './contract';
import { markChanged } from './outbox';
import { requestPersistence } from './storage';

export type { RecordKind } from './contract';

const schemas = new WeakMap<object, z.ZodMiniType<unknown>>();

/**
 * Loads what a write of `kind` needs (the tally code, the schema) before any transaction: an `import()`
 * inside one lets IndexedDB commit it meanwhile. A repo that wraps saveRecord in a transaction of its own
 * (e.g. to assign a case code) calls this first.
 */
export async function prepareWrite<T extends RecordBase>(kind: RecordKind<T>) {
  const tallies = await loadTallies();
  let schema = schemas.get(kind) as z.ZodMiniType<T> | undefined;
  if (!schema) {
    schema = await kind.loadSchema();
    schemas.set(kind, schema as z.ZodMiniType<unknown>);
  }
  return { tallies, schema };
}

/**
 * What prepareWrite loaded, without an `await` when it already has: inside a caller's transaction even an
 * await of a value already there is a step Dexie's transaction zone may not follow.
 */
function prepared<T extends RecordBase>(kind: RecordKind<T>) {
  const schema = schemas.get(kind) as z.ZodMiniType<T> | undefined;
  return tallyModule && schema ? { tallies: tallyModule, schema } : undefined;
}

function tableOf<T extends RecordBase>(kind: RecordKind<T>): Table<T, string> {
  return db.table(kind.table) as Table<T, string>;
}

/** Default: every month × the record's own location. */
export function touchesOwnOrgUnit<T extends RecordBase>(periods: string[], record: T) {
  return periods.map((p) => [p, record.orgUnit] as const);
}

/** Tells sync (and anything listening) that records changed; the outbox already knows which months. */
function announceChange() {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event('pelita:changed'));
}

/**
 * The tables a record change writes: the record's, the outbox and the stored tallies. A repo that wraps
 * saveRecord in a transaction of its own (e.g. to assign a case code) must open it on these.
 */
export const writeTables = (table: RecordTable) => [
  db.table(table),
  db.outbox,
  db.tallies,
  db.tallyMonths,
  // Read in the write's transaction: whether to seal is decided there (see privacy/personal.ts).
  db.settings,
];

/**
 * The tally code is loaded on the first write, not with the first screen (and outside any transaction). Kept
 * once loaded: in Chromium even `import()` of a module already there resolves a task later, and IndexedDB
 * commits a caller's transaction meanwhile (saveCase wraps saveRecord in one).
 */
let tallyModule: typeof import('../tally/repo') | undefined;
export const loadTallies = async () => {
  tallyModule ??= await import('../tally/repo');
  return tallyModule;
};

type Input<T extends RecordBase> = Omit<T, 'periods' | 'createdAt' | 'updatedAt' | 'deletedAt'> &
  Partial<Pick<T, 'createdAt' | 'deletedAt'>>;

/**
 * Saves (creates or replaces) a record. The months and locations it touched before and touches now are marked
 * for sync in the same transaction, so moving a record to another month or place re-sends both.
 */
export async function saveRecord<T extends RecordBase>(kind: RecordKind<T>, input: Input<T>): Promise<T> {
  const table = tableOf(kind);
  const now = new Date().toISOString();
  try {
    const { tallies, schema } = prepared(kind) ?? (await prepareWrite(kind));
    const saved = await db.transaction('rw', writeTables(kind.table), async () => {
      const before = await table.get(input.id);
      const full = {
        ...input,
        createdAt: before?.createdAt ?? input.createdAt ?? now,
        updatedAt: now,
        deletedAt: input.deletedAt ?? before?.deletedAt ?? null,
      } as T;
      const checked = schema.safeParse({ ...full, periods: kind.periodsOf(full) });
      if (!checked.success) throw new PelitaError('errors.invalidRecord', checked.error.issues);
      // What the schema returned, not what was sent: a field it does not know is not stored.
      let record = checked.data;
      if (kind.derive) record = kind.derive(record);
      // With a passphrase set, the personal fields are stored sealed (src/privacy); the caller gets them back.
      const config = await storedVaultConfig();
      await table.put(
        mustSeal(kind.table, config) ? await Dexie.waitFor(sealForStore(kind.table, record, config)) : record,
      );
      await markChanged([...(before ? kind.touches(before) : []), ...kind.touches(record)], now);
      await tallies.applyChange(kind.table, before, record);
      return record;
    });
    void requestPersistence();
    announceChange();
    return saved;
  } catch (err) {
    throw toPelitaError(err);
  }
}

async function setDeleted<T extends RecordBase>(kind: RecordKind<T>, id: string, deletedAt: string | null) {
  const table = tableOf(kind);
  const now = new Date().toISOString();
  try {
    const { tallies } = prepared(kind) ?? (await prepareWrite(kind));
    await db.transaction('rw', writeTables(kind.table), async () => {
      const record = await table.get(id);
      if (!record) return;
      const next = { ...record, deletedAt, updatedAt: now };
      await table.put(next);
      await markChanged(kind.touches(record), now);
      await tallies.applyChange(kind.table, record, next);
    });
    announceChange();
  } catch (err) {
    throw toPelitaError(err);
  }
}

/** Soft delete: the record stays, so tallies and sync see that it went. */
export const softDelete = <T extends RecordBase>(kind: RecordKind<T>, id: string) =>
  setDeleted(kind, id, new Date().toISOString());
export const undoDelete = <T extends RecordBase>(kind: RecordKind<T>, id: string) =>
  setDeleted(kind, id, null);

export async function getRecord<T extends RecordBase>(
  kind: RecordKind<T>,
  id: string,
): Promise<T | undefined> {
  const record = await tableOf(kind).get(id);
  return record && (await openForRead(kind.table, [record]))[0];
}

/** Live records that touch a month, found through the `periods` index. */
export async function recordsInMonth<T extends RecordBase>(
  kind: RecordKind<T>,
  period: string,
): Promise<T[]> {
  const rows = await tableOf(kind).where('periods').equals(period).toArray();
  return openForRead(
    kind.table,
    rows.filter((r) => r.deletedAt === null),
  );
}

export interface ListQuery<T extends RecordBase = RecordBase> {
  /** The indexed date field to sort by, newest first (e.g. `date`, `identifiedOn`, `startDate`). */
  dateIndex: string;
  /** `YYYY-MM`: only records that touch this month. */
  month?: string | undefined;
  /** Only records whose location passes (a location rolls up its sub-locations). */
  within?: ((orgUnit: string) => boolean) | undefined;
  /** Only records that pass (a status, an overdue visit, a derived category): tested on the stored record. */
  where?: ((record: T) => boolean) | undefined;
  /**
   * Case-insensitive prefix search on an indexed text field (case code, establishment, title). With
   * `opened`, a record also matches when its opened personal fields do (a child's name): those are sealed at
   * rest and never indexed, so this reads the records and opens them in memory, and only while unlocked.
   */
  search?:
    | { index: string; text: string; opened?: ((record: T, lower: string) => boolean) | undefined }
    | undefined;
  offset: number;
  limit: number;
}

/**
 * One page of live records, newest first, read through an index so a list opens fast with 100,000 records:
 * without filters it walks the date index backwards and stops after the page.
 */
export function listRecords<T extends RecordBase>(kind: RecordKind<T>, q: ListQuery<T>): Promise<T[]> {
  // No `await` of a promise that is not Dexie's before a read: inside a liveQuery it would stop the read
  // being observed. Hence the `then`s on Dexie's own promises.
  const rows = matching(kind, q);
  if (rows === null) {
    return tableOf(kind)
      .orderBy(q.dateIndex)
      .reverse()
      .filter(keeper(q))
      .offset(q.offset)
      .limit(q.limit)
      .toArray()
      .then((page) => openForRead(kind.table, page));
  }
  const byDateDesc = (a: T, b: T) =>
    String((b as Record<string, unknown>)[q.dateIndex]).localeCompare(
      String((a as Record<string, unknown>)[q.dateIndex]),
    );
  return rows.then((all) =>
    openForRead(kind.table, all.sort(byDateDesc).slice(q.offset, q.offset + q.limit)),
  );
}

/** How many live records match (offset and limit aside): the count a filtered list shows. */
export function countRecords<T extends RecordBase>(
  kind: RecordKind<T>,
  q: Omit<ListQuery<T>, 'offset' | 'limit'>,
): Promise<number> {
  const rows = matching(kind, { ...q, offset: 0, limit: 0 });
  return rows === null ? tableOf(kind).filter(keeper(q)).count() : rows.then((all) => all.length);
}

function keeper<T extends RecordBase>(q: Pick<ListQuery<T>, 'within' | 'where'>) {
  return (r: T) => r.deletedAt === null && (!q.within || q.within(r.orgUnit)) && (!q.where || q.where(r));
}

/** Every matching record when a search or a month narrows them through an index; null when none does. */
function matching<T extends RecordBase>(kind: RecordKind<T>, q: ListQuery<T>): Promise<T[]> | null {
  const table = tableOf(kind);
  const keep = keeper(q);
  const inMonth = (r: T) => !q.month || r.periods.includes(q.month);
  const text = q.search?.text.trim();
  const opened = q.search?.opened;
  if (text && opened && vault.value.status !== 'locked') {
    const index = q.search!.index;
    const lower = text.toLowerCase();
    const rows = q.month ? table.where('periods').equals(q.month).toArray() : table.toArray();
    return rows
      .then((all) => openForRead(kind.table, all.filter(keep)))
      .then((open) =>
        open.filter(
          (r) =>
            String((r as Record<string, unknown>)[index] ?? '')
              .toLowerCase()
              .startsWith(lower) || opened(r, lower),
        ),
      );
  }
  if (text) {
    return table
      .where(q.search!.index)
      .startsWithIgnoreCase(text)
      .toArray()
      .then((rows) => rows.filter((r) => keep(r) && inMonth(r)));
  }
  if (q.month) {
    return table
      .where('periods')
      .equals(q.month)
      .toArray()
      .then((rows) => rows.filter(keep));
  }
  return null;
}
