// Setting, changing and removing the passphrase (and erasing the personal fields when it is forgotten). Each
// rewrites every personal value on the device — records and drafts — together with the passphrase's
// configuration in ONE transaction: an interruption (a closed tab, a full disk, a crash) leaves the old
// passphrase working and nothing half re-encrypted. The slow parts (deriving the new key, the crypto) run
// before the transaction; the transaction then rewrites, with Dexie.waitFor, only what changed since the read
// (another tab typing or saving), and writes. Loaded only by Settings and the lock screen.
import Dexie from 'dexie';
import { type DraftRow, db } from '../db/db';
import { deriveKey, PBKDF2_ITERATIONS, randomSalt, sealText } from './crypto';
import { isSealedDraft, openDraftWith, sealDraftValue } from './draft-seal';
import { PERSONAL_TABLES, type WithSealed, withoutSealed } from './personal-fields';
import { openRecord, sealRecord } from './sealing';
import { type TryResult, tryPassphrase } from './unlock';
import {
  ATTEMPTS_KEY,
  CHECK_CONTEXT,
  CHECK_TEXT,
  CONFIG_KEY,
  keyChanged,
  passphraseRemoved,
  type VaultConfig,
  vault,
} from './vault';

export const MIN_PASSPHRASE = 8;

export type Outcome = { ok: true } | Extract<TryResult, { ok: false }>;

type Row = WithSealed<{ id: string; updatedAt: string }>;
type Table = (typeof PERSONAL_TABLES)[number];

/** From the old key (null: values in the clear) to the new one (null: store them in the clear). */
interface Rewrite {
  from: CryptoKey | null;
  to: CryptoKey | null;
  /** The passphrase is forgotten: sealed values are dropped, since nobody can open them. */
  erase?: boolean;
}

async function rewriteRecord(table: Table, row: Row, rw: Rewrite): Promise<Row> {
  let plain: Row = row;
  if (row.sealed) {
    if (rw.erase) plain = withoutSealed(row);
    else if (!rw.from) return row;
    else {
      try {
        plain = await openRecord(rw.from, table, row);
      } catch {
        // Sealed under some other key already (not this passphrase's): it stays as it is.
        return row;
      }
    }
  }
  return rw.to ? sealRecord(rw.to, table, plain) : plain;
}

/** The rewritten draft, or null to delete it. */
async function rewriteDraft(row: DraftRow, rw: Rewrite): Promise<DraftRow | null> {
  let value = row.value;
  if (isSealedDraft(value)) {
    if (rw.erase || !rw.from) return null;
    try {
      value = await openDraftWith(rw.from, row.key, value);
    } catch {
      return row;
    }
  }
  return { ...row, value: rw.to ? await sealDraftValue(rw.to, row.key, value) : value };
}

async function rewriteAll(rw: Rewrite, nextConfig: VaultConfig | null) {
  const tables = [...PERSONAL_TABLES.map((t) => db.table(t)), db.drafts, db.settings];
  // The bulk of the work, before the transaction: read everything, rewrite it (WebCrypto).
  const snap = await db.transaction('r', tables, async () => ({
    records: new Map(
      await Promise.all(
        PERSONAL_TABLES.map(async (t) => [t, await db.table<Row, string>(t).toArray()] as const),
      ),
    ),
    drafts: await db.drafts.toArray(),
  }));
  const ready = {
    records: new Map(PERSONAL_TABLES.map((t) => [t, new Map<string, [string, Row]>()])),
    drafts: new Map<string, [string, DraftRow | null]>(),
  };
  for (const table of PERSONAL_TABLES) {
    const done = ready.records.get(table)!;
    for (const r of snap.records.get(table) ?? [])
      done.set(r.id, [r.updatedAt, await rewriteRecord(table, r, rw)]);
  }
  for (const d of snap.drafts) ready.drafts.set(d.key, [d.savedAt, await rewriteDraft(d, rw)]);

  // Then one transaction. Another tab may have typed or saved since the read: what changed is rewritten
  // here, inside the transaction (Dexie.waitFor keeps it open across WebCrypto), so setting the passphrase
  // never gives up while someone types or saves (issue 11.4), and nothing written meanwhile is lost or left
  // in the clear. Other tabs' writes wait for this transaction: they share its stores.
  await db.transaction('rw', tables, async () => {
    for (const table of PERSONAL_TABLES) {
      const now = await db.table<Row, string>(table).toArray();
      const next = await Dexie.waitFor(
        Promise.all(
          now.map((r) => {
            const done = ready.records.get(table)!.get(r.id);
            return done && done[0] === r.updatedAt ? done[1] : rewriteRecord(table, r, rw);
          }),
        ),
      );
      await db.table(table).bulkPut(next);
    }
    const drafts = await db.drafts.toArray();
    const next = await Dexie.waitFor(
      Promise.all(
        drafts.map((d) => {
          const done = ready.drafts.get(d.key);
          return done && done[0] === d.savedAt ? done[1] : rewriteDraft(d, rw);
        }),
      ),
    );
    await db.drafts.bulkPut(next.filter((d): d is DraftRow => d !== null));
    await db.drafts.bulkDelete(drafts.filter((_, i) => next[i] === null).map((d) => d.key));
    if (nextConfig) await db.settings.put({ key: CONFIG_KEY, value: nextConfig });
    else await db.settings.bulkDelete([CONFIG_KEY, ATTEMPTS_KEY]);
  });
}

/** A new key with a new random salt, and the configuration that lets the passphrase be checked later. */
async function freshKey(passphrase: string, iterations: number) {
  const salt = randomSalt();
  const key = await deriveKey(passphrase, salt, iterations);
  const config: VaultConfig = {
    v: 1,
    salt,
    iterations,
    check: await sealText(key, CHECK_TEXT, CHECK_CONTEXT),
  };
  return { key, config };
}

interface Options {
  /** PBKDF2 iterations; the default (600,000) always in the app. Unit tests pass fewer. */
  iterations?: number;
}

/** Sets the first passphrase: every personal value on the device is sealed, in one transaction. */
export async function setPassphrase(passphrase: string, { iterations = PBKDF2_ITERATIONS }: Options = {}) {
  if (vault.value.status !== 'off') throw new Error('a passphrase is already set');
  const fresh = await freshKey(passphrase, iterations);
  await rewriteAll({ from: null, to: fresh.key }, fresh.config);
  keyChanged(fresh.key, fresh.config);
}

/** Re-seals everything under a new passphrase; a wrong current one changes nothing (and counts as a try). */
export async function changePassphrase(
  current: string,
  next: string,
  { iterations = PBKDF2_ITERATIONS }: Options = {},
): Promise<Outcome> {
  if (vault.value.status !== 'unlocked') throw new Error('unlock first');
  const tried = await tryPassphrase(current);
  if (!tried.ok) return tried;
  const fresh = await freshKey(next, iterations);
  await rewriteAll({ from: tried.key, to: fresh.key }, fresh.config);
  keyChanged(fresh.key, fresh.config);
  return { ok: true };
}

/** Opens every personal value for good. Only when unlocked, and with the passphrase typed again. */
export async function removePassphrase(current: string): Promise<Outcome> {
  if (vault.value.status !== 'unlocked') throw new Error('unlock first');
  const tried = await tryPassphrase(current);
  if (!tried.ok) return tried;
  await rewriteAll({ from: tried.key, to: null }, null);
  passphraseRemoved();
  return { ok: true };
}

/**
 * The passphrase is forgotten: the sealed personal values (and sealed drafts) are erased, the passphrase is
 * removed, and everything else — counts, codes, dates — stays. Nothing is revealed.
 */
export async function forgetPassphrase() {
  await rewriteAll({ from: null, to: null, erase: true }, null);
  passphraseRemoved();
}
