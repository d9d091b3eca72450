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
