// Reads and writes for backup and restore. A restore merges by id, keeping whichever copy of a record was
// changed last (`updatedAt`), in one transaction with its outbox marks: it all lands, or nothing does.

import { db, type RecordBase, type RecordTable, recordTable } from '../db/db';
import { PelitaError, toPelitaError } from '../lib/errors';
import { openForRead, sealForStore, storedVaultConfig } from '../privacy/personal';
import { vault, vaultConfig } from '../privacy/vault';
import type { RecordKind } from '../records/contract';
import { markChanged } from '../records/outbox';
import { kindOf, RECORD_TABLES } from '../records/registry';
import { forgetMonths } from '../tally/repo';
import type { BackupRecords } from './backup';

type AnyRecord = RecordBase & Record<string, unknown>;

// Each record type says which months and places it counts in and what it derives on save (its descriptor):
// a restored record is stored exactly as a saved one would be.
const kindOfTable = (table: RecordTable) => kindOf(table) as unknown as RecordKind<AnyRecord>;
const recordTables = () => RECORD_TABLES.map((t) => db.table(t));

/** Every record, personal fields opened: a locked device refuses (the backup would lose them). */
export async function readAllRecords(): Promise<BackupRecords> {
  if (vault.value.status === 'locked') throw new PelitaError('privacy.locked');
  const stored = await db.transaction('r', recordTables(), () =>
    Promise.all(RECORD_TABLES.map((t) => recordTable<AnyRecord>(t).toArray())),
  );
  // `dueOn` is derived on save (and again on restore): a backup holds what a person recorded.
  const strip = (rows: AnyRecord[]) => rows.map(({ dueOn: _d, ...r }) => r as AnyRecord);
  const opened = await Promise.all(RECORD_TABLES.map((t, i) => openForRead(t, strip(stored[i] ?? []))));
  return Object.fromEntries(RECORD_TABLES.map((t, i) => [t, opened[i]])) as unknown as BackupRecords;
}

export interface RestoreResult {
  added: number;
  updated: number;
  unchanged: number;
}

export async function restoreRecords(records: BackupRecords): Promise<RestoreResult> {
  const result: RestoreResult = { added: 0, updated: 0, unchanged: 0 };
  const now = new Date().toISOString();
  try {
    // Sealed first (with a passphrase set): WebCrypto cannot run inside the transaction without ending it. The
    // transaction then checks that the passphrase stored is still the one sealed for (another tab may have
    // set or changed it meanwhile).
    const sealingWith = vaultConfig() ?? undefined;
    const ready = {} as Record<RecordTable, AnyRecord[]>;
    for (const table of RECORD_TABLES) {
      const rows = (records[table] ?? []) as unknown as AnyRecord[];
      // A record that comes sealed (an "Export my data" file) is stored as it came: opening it needs the
      // passphrase it was sealed with, and dropping `sealed` would lose its personal fields.
      ready[table] = await Promise.all(
        rows.map((r) => ('sealed' in r && r.sealed ? r : sealForStore(table, r, sealingWith))),
      );
    }
    await db.transaction(
      'rw',
      [...recordTables(), db.outbox, db.tallies, db.tallyMonths, db.settings],
      async () => {
        if ((await storedVaultConfig())?.salt !== sealingWith?.salt) throw new PelitaError('privacy.locked');
        // Case codes are unique on a device; a backup from another device may reuse them. Refuse it whole, in
        // words, rather than fail half-way on the index.
        const codes = ready.cases.map((c) => String(c.caseCode));
        const taken = await db.cases.where('caseCode').anyOf(codes).toArray();
        const ids = new Map(ready.cases.map((c) => [String(c.caseCode), c.id]));
        if (taken.some((c) => ids.get(c.caseCode) !== c.id))
          throw new PelitaError('backup.errors.caseCodeClash');
        for (const table of RECORD_TABLES) {
          const incoming = ready[table];
          if (!incoming.length) continue;
          const t = db.table<AnyRecord, string>(table);
          const existing = await t.bulkGet(incoming.map((r) => r.id));
          const toPut: AnyRecord[] = [];
          const pairs: Array<readonly [string, string]> = [];
          incoming.forEach((r, i) => {
            const before = existing[i];
            if (before && before.updatedAt >= r.updatedAt) {
              result.unchanged++;
              return;
            }
            const kind = kindOfTable(table);
            const stored = { ...r, periods: kind.periodsOf(r) };
            toPut.push(kind.derive ? kind.derive(stored) : stored);
            pairs.push(...kind.touches(r));
            if (before) pairs.push(...kind.touches(before));
            if (before) result.updated++;
            else result.added++;
          });
          await t.bulkPut(toPut);
          await markChanged(pairs, now);
          // The stored counts of these months are recounted from the records when next read.
          await forgetMonths(pairs.map(([period]) => period));
        }
      },
    );
  } catch (err) {
    throw toPelitaError(err);
  }
  if (typeof window !== 'undefined') window.dispatchEvent(new Event('pelita:changed'));
  return result;
}

export type RestorePlan = Record<RecordTable, RestoreResult>;

/**
 * What a restore of `records` would do, table by table, without changing anything: the confirmation shown
 * before it (records added, replaced by the file's newer copy, already up to date).
 */
export async function planRestore(records: BackupRecords): Promise<RestorePlan> {
  return db.transaction('r', recordTables(), async () => {
    const plan = {} as RestorePlan;
    for (const table of RECORD_TABLES) {
      const incoming = (records[table] ?? []) as unknown as AnyRecord[];
      const existing = await db.table<AnyRecord, string>(table).bulkGet(incoming.map((r) => r.id));
      const counts: RestoreResult = { added: 0, updated: 0, unchanged: 0 };
      incoming.forEach((r, i) => {
        const before = existing[i];
        if (!before) counts.added++;
        else if (before.updatedAt >= r.updatedAt) counts.unchanged++;
        else counts.updated++;
      });
      plan[table] = counts;
    }
    return plan;
  });
}
