// Sealing and opening the personal fields of a record (SPEC §9), as repo-core does on every save and read.
// With a passphrase set, a stored record keeps no personal value in the clear: they are taken out and kept,
// encrypted together, in `sealed` (AES-GCM of the JSON of the values by path, bound to the table and the
// record's id). Everything else — dates, codes, locations, the fields the tallies count — stays as it was, so
// tallies and sync never need the key. The paths are each record type's `personal` (its kind.ts; they mirror
// each schema's PERSONAL_FIELDS, and test/unit/privacy-crypto.test.ts checks that they agree), so the first
// screen, which saves and reads through repo-core, does not load zod. The crypto is in ./sealing.ts, loaded
// only once a passphrase is set.
import Dexie from 'dexie';
import { db } from '../db/db';
import { PelitaError } from '../lib/errors';
import { PERSONAL_PATHS, type WithSealed, withoutSealed } from './personal-fields';
import { CONFIG_KEY, type VaultConfig, vault, vaultConfig, vaultKey } from './vault';

export { PERSONAL_PATHS, PERSONAL_TABLES, type WithSealed, withoutSealed } from './personal-fields';

/** The passphrase's configuration as stored now: read inside a write's own transaction (issue 11.3). */
export async function storedVaultConfig(): Promise<VaultConfig | undefined> {
  return (await db.settings.get(CONFIG_KEY))?.value as VaultConfig | undefined;
}

/**
 * True when a write to `table` must seal, decided from the configuration `stored` in the database (read in
 * the write's transaction), not from what this tab last heard: a passphrase set in another tab a moment ago
 * counts at once.
 */
export const mustSeal = (table: string, stored: VaultConfig | undefined): boolean =>
  !!stored && table in PERSONAL_PATHS;

/**
 * What a save stores, given the configuration `stored` now. Refused (`privacy.locked`) when it must seal and
 * this tab has no key for that passphrase (locked, or set in another tab): storing it in the clear would keep
 * the names unsealed for good, and storing nothing would replace the sealed values. Wrapped in Dexie.waitFor
 * by callers inside a transaction: WebCrypto is not IndexedDB, and the transaction would otherwise commit
 * while it works.
 */
export async function sealForStore<T extends { id: string }>(
  table: string,
  record: T,
  stored: VaultConfig | undefined,
): Promise<T> {
  if (!mustSeal(table, stored)) return withoutSealed(record);
  const key = vaultKey();
  if (!key || vaultConfig()?.salt !== stored?.salt) throw new PelitaError('privacy.locked');
  const { sealRecord } = await import('./sealing');
  return sealRecord(key, table, record);
}

/**
 * What a read returns: opened when unlocked, without personal fields when locked. A record that does not
 * open (sealed under another key) is returned without them rather than failing the whole list.
 */
export function openForRead<T extends { id: string }>(table: string, rows: T[]): Promise<T[]> {
  if (!rows.some((r) => (r as WithSealed<T>).sealed)) return Promise.resolve(rows);
  const key = vault.value.status === 'unlocked' ? vaultKey() : null;
  if (!key) return Promise.resolve(rows.map((r) => withoutSealed(r)));
  const opening = import('./sealing').then(({ openRecord }) =>
    Promise.all(
      rows.map((r: WithSealed<T>) =>
        r.sealed ? openRecord(key, table, r).catch(() => withoutSealed(r)) : r,
      ),
    ),
  );
  // waitFor keeps a transaction alive, and a liveQuery observing, across the WebCrypto calls.
  return Dexie.waitFor(opening);
}
