// The one Dexie database of the device. Everything Pelita knows lives here, on the device, in IndexedDB:
//   one table per record type (SPEC §2; src/records/registry.ts lists them), soft-deleted, never removed;
//   outbox   — one row per (period, orgUnit) whose monthly counts changed and are due upstream (SPEC §6);
//   drafts   — what was typed into a form but not yet saved, so a closed tab loses nothing (SPEC §8);
//   settings — one row per setting (language, home country, device label, enrolment...).
// Only this folder and the `repo.ts` files touch Dexie.
// This module knows no record type: each type's kind.ts adds its table's row type to `RecordTables`, and the
// stores of the versions below are frozen text, as published.
import Dexie, { type EntityTable, type Table } from 'dexie';

/** The fields every record has (SPEC §2). `periods` is derived by the repo, never typed. */
export type RecordBase = {
  id: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  orgUnit: string;
  periods: string[];
};

/**
 * Each record table and the type of its rows, added by the record type's own kind.ts
 * (`declare module '../db/db' { interface RecordTables { cases: StoredCase } }`), so storage never imports
 * a record type.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging from each kind.ts.
export interface RecordTables {}
export type RecordTable = keyof RecordTables;

export interface OutboxRow {
  /** `${period}|${orgUnit}` */
  key: string;
  period: string;
  orgUnit: string;
  /** Rises each time this device's numbers for (period, orgUnit) may have changed. */
  revision: number;
  /** The last revision the upstream accepted; pending while `sentRevision < revision`. */
  sentRevision: number;
  markedAt: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
}

export interface DraftRow {
  /** `<table>:<record id>`, spelled by `draftKey` (records/drafts.ts); older keys (`case:new`) are only read. */
  key: string;
  value: unknown;
  savedAt: string;
}

/**
 * One (period, orgUnit)'s counts, kept up to date with every record change (a materialised tally: reading
 * every record of a month through IndexedDB takes most of a second on a phone with 100,000 records).
 * `cells` maps `${indicator}|${JSON of the disaggregation}` to the count.
 */
export interface TallyRow {
  /** `${period}|${orgUnit}` */
  key: string;
  period: string;
  orgUnit: string;
  cells: Record<string, number>;
}

/** A month whose TallyRows are complete and were counted under `stamp` (rules, home country). */
export interface TallyMonthRow {
  period: string;
  stamp: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export type PelitaDb = Dexie & { [K in RecordTable]: EntityTable<RecordTables[K], 'id'> } & {
  outbox: EntityTable<OutboxRow, 'key'>;
  drafts: EntityTable<DraftRow, 'key'>;
  settings: EntityTable<SettingRow, 'key'>;
  tallies: EntityTable<TallyRow, 'key'>;
  tallyMonths: EntityTable<TallyMonthRow, 'period'>;
};

/**
 * Version 1, the first schema shipped. Kept as it was: Dexie needs every published version to upgrade
 * a device that still has it. Exported for the migration test.
 */
export const V1_STORES = {
  inspections: 'id, date, orgUnit, *periods, updatedAt, establishment.name',
  trainings: 'id, startDate, orgUnit, *periods, updatedAt, title',
  cases: 'id, &caseCode, identifiedOn, orgUnit, *periods, updatedAt',
  activities: 'id, date, orgUnit, *periods, updatedAt, title',
  outbox: 'key, period, orgUnit',
  settings: 'key',
} as const;

/** Version 2: drafts, and a `dueOn` index for the Due list (cases' next visits, inspections' follow-ups). */
export const V2_STORES = {
  ...V1_STORES,
  inspections: `${V1_STORES.inspections}, dueOn`,
  cases: `${V1_STORES.cases}, dueOn`,
  drafts: 'key',
} as const;

/**
 * Version 3: the materialised monthly tallies. Nothing to move: a month with no `tallyMonths` row is counted
 * from its records the first time it is read (tally/repo.ts), so the upgrade is instant on any device.
 */
export const V3_STORES = {
  ...V2_STORES,
  tallies: 'key, period',
  tallyMonths: 'period',
} as const;

/**
 * The v2 upgrade's `dueOn` of a case, as the rule was when v2 shipped: frozen here with the version, so a later
 * change of the live rule (src/cases/due.ts) cannot change what an old device's upgrade does.
 */
type V2Case = {
  status: string;
  followUps: { date: string; nextVisitDue?: string | null }[];
  dueOn?: string | null;
};
type V2Inspection = { followUpDue?: string | null; dueOn?: string | null };
function v2CaseDueOn(c: V2Case): string | null {
  if (c.status === 'closed') return null;
  const last = [...c.followUps].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  return last?.nextVisitDue ?? null;
}

// WARNING: changing a store below without adding a new `db.version(n + 1)` (with an upgrade where data
// moves) wipes or breaks the field data of every device that has Pelita. Never edit a published version.
export const DB_NAME = 'pelita';

export function openDb(name = DB_NAME): PelitaDb {
  const db = new Dexie(name) as PelitaDb;
  db.version(1).stores(V1_STORES);
  db.version(2)
    .stores(V2_STORES)
    .upgrade(async (tx) => {
      await tx
        .table('cases')
        .toCollection()
        .modify((c: V2Case) => {
          c.dueOn = v2CaseDueOn(c);
        });
      await tx
        .table('inspections')
        .toCollection()
        .modify((i: V2Inspection) => {
          i.dueOn = i.followUpDue ?? null;
        });
    });
  db.version(3).stores(V3_STORES);
  return db;
}

/** The app's database. Tests open their own with `openDb(name)`. */
export const db = openDb();

/**
 * A record table of the app's database by name: the same object as `db.cases` (which `db.table('cases')` is
 * not), so what watches or replaces one sees the other.
 */
export const recordTable = <T extends RecordBase = RecordBase>(table: RecordTable) =>
  db[table] as unknown as Table<T, string>;
