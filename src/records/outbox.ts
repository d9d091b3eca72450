// The outbox: one row per (period, orgUnit) whose monthly counts changed since they were last accepted
// upstream. A record change and its outbox marks are written in the same transaction (see records/repo-core),
// so a crash can never leave a change that sync does not know about.
import { db, type OutboxRow } from '../db/db';

export const outboxKey = (period: string, orgUnit: string) => `${period}|${orgUnit}`;

/** Marks each (period, orgUnit) as changed. Call inside a transaction that includes `db.outbox`. */
export async function markChanged(pairs: Iterable<readonly [period: string, orgUnit: string]>, now: string) {
  const keys = new Map<string, readonly [string, string]>();
  for (const [period, orgUnit] of pairs) keys.set(outboxKey(period, orgUnit), [period, orgUnit]);
  if (keys.size === 0) return;
  const existing = await db.outbox.bulkGet([...keys.keys()]);
  const rows: OutboxRow[] = [...keys].map(([key, [period, orgUnit]], i) => {
    const row = existing[i];
    return row
      ? { ...row, revision: row.revision + 1, markedAt: now, attempts: 0, nextAttemptAt: null }
      : {
          key,
          period,
          orgUnit,
          revision: 1,
          sentRevision: 0,
          markedAt: now,
          attempts: 0,
          nextAttemptAt: null,
          lastError: null,
        };
  });
  await db.outbox.bulkPut(rows);
}

/** The (period, orgUnit) pairs whose numbers are not yet accepted upstream. */
export async function pending(): Promise<OutboxRow[]> {
  const rows = await db.outbox.toArray();
  return rows.filter((r) => r.sentRevision < r.revision);
}

/** The upstream accepted `revision`: the pair stays pending only if it changed again meanwhile. */
export async function markSent(key: string, revision: number) {
  await db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(key);
    if (!row) return;
    await db.outbox.put({
      ...row,
      sentRevision: Math.max(row.sentRevision, revision),
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
    });
  });
}

export async function markFailed(key: string, nextAttemptAt: string, error: string) {
  await db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(key);
    if (!row) return;
    await db.outbox.put({ ...row, attempts: row.attempts + 1, nextAttemptAt, lastError: error });
  });
}

/** The upstream holds a newer revision than ours (a restored backup, a reinstall): jump past it. */
export async function raiseRevision(key: string, above: number): Promise<number> {
  return db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(key);
    if (!row) return above + 1;
    const revision = Math.max(row.revision, above + 1);
    await db.outbox.put({ ...row, revision, sentRevision: Math.min(row.sentRevision, revision - 1) });
    return revision;
  });
}

/** Every pair, pending or not, for the sync screen. */
export async function allRows(): Promise<OutboxRow[]> {
  return db.outbox.orderBy('period').reverse().toArray();
}

/** Every pair ever marked is due again (what the counts mean changed): each gets a new revision. */
export async function markAllChanged(now: string) {
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox.toCollection().modify((row) => {
      row.revision += 1;
      row.markedAt = now;
      row.attempts = 0;
      row.nextAttemptAt = null;
    });
  });
}

/** True once any record was ever saved here: every saved record marks at least one pair. */
export async function anyMarked(): Promise<boolean> {
  return (await db.outbox.count()) > 0;
}

/** Pairs refused as outside the enrolment's area are asked about again (a new enrolment, maybe a new area). */
export async function retryOutOfScope() {
  await db.transaction('rw', db.outbox, async () => {
    await db.outbox
      .filter((row) => row.lastError === 'out_of_scope')
      .modify((row) => {
        row.nextAttemptAt = null;
      });
  });
}

/** Marks these pairs as changed, in a transaction of their own (outside a record write). */
export async function markPairsChanged(pairs: Array<readonly [string, string]>, now: string) {
  await db.transaction('rw', db.outbox, () => markChanged(pairs, now));
}
