// What a record type tells the rest of the app about itself: one descriptor per type (its folder's kind.ts),
// listed in ./registry.ts. The contract is in ./README.md. Nothing here loads zod or Dexie: the descriptors
// are read by the first screen (routes, home tiles) and by the storage and privacy code below the record types.
import type * as z from 'zod/mini';
import type { RecordBase, RecordTable } from '../db/db';
import type { TKey } from '../i18n/keys';

export type Pair = readonly [period: string, orgUnit: string];

export interface RecordKind<T extends RecordBase = RecordBase> {
  /** Its Dexie table (src/db/db.ts), also its folder, its address (`/<table>`) and its drafts' key prefix. */
  table: RecordTable;
  /** Months the record's counts touch (SPEC §2), stored as `periods`. */
  periodsOf(record: T): string[];
  /**
   * Every (period, orgUnit) the record's counts touch, marked in the outbox on every change so the tally and
   * sync agree on what a change affects; a training's participants may be elsewhere. Change it only together
   * with the record type's counting in src/tally/tally.ts.
   */
  touches(record: T): Pair[];
  /** Fields derived on save (e.g. `dueOn`); returns the record to store. */
  derive?(record: T): T;
  /**
   * The stored record's zod schema, loaded on the first write (so a screen that only reads never loads zod):
   * nothing that fails it is stored, whatever screen or import sent it, and what is stored is what it returned.
   */
  loadSchema(): Promise<z.ZodMiniType<T>>;
  /**
   * Paths of the personal fields (`child.name`, `participants[].name`): sealed at rest with a passphrase set
   * (src/privacy). The same list as the schema's PERSONAL_FIELDS (test/unit/privacy-crypto.test.ts checks it).
   */
  personal: readonly string[];
  /** The indexed fields its list is ordered by (`date`, newest first) and searched by (`search`). */
  list: { date: string; search: string };
  /** Its place in the navigation: the label's translation key, and whether the phone's bottom bar keeps it. */
  nav: { label: TKey; inBar?: true };
  /** The home screen's "new record" tile: its translation key. */
  tile: TKey;
  /** The names of its list and form in src/app/screens.ts (the one chunk of every screen but Home). */
  screens: { list: string; form: string };
  /** The prefix of its drafts' keys before they were spelled `<table>:<id>` (read, never written). */
  legacyDraft?: string;
}

/** Every (period, orgUnit) of the given months and locations. */
export function pairs(periods: string[], orgUnits: Iterable<string>): Pair[] {
  const units = [...new Set(orgUnits)];
  return periods.flatMap((p) => units.map((o) => [p, o] as const));
}
