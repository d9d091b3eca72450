// Which fields of which record types are personal (SPEC §9): each record type says so in its descriptor
// (`personal`, src/records/registry.ts). Read by ./personal.ts (what a save and a read do) and ./sealing.ts
// (the crypto, loaded lazily), which both import this and not each other, so the lazy import stays one way.

import { PERSONAL_KINDS } from '../records/registry';
import type { Sealed } from './crypto';

/** Personal field paths by table; tables without any are absent. */
export const PERSONAL_PATHS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  PERSONAL_KINDS.map((k) => [k.table, k.personal]),
);

/** The tables whose records have personal fields. */
export const PERSONAL_TABLES = PERSONAL_KINDS.map((k) => k.table);

export type WithSealed<T> = T & { sealed?: Sealed };

/** A record without its `sealed` value (what a locked tab reads: no personal field at all). */
export function withoutSealed<T extends object>(record: WithSealed<T>): T {
  if (!('sealed' in record)) return record;
  const { sealed: _, ...rest } = record;
  return rest as T;
}
