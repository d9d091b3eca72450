// A record change and its outbox marks land together; moving a record re-sends both places; a revision
// accepted upstream leaves the pair pending only if it changed again meanwhile.
import { beforeEach, describe, expect, it } from 'vitest';
import { activityKind } from '../../src/activities/kind';
import { type Activity, activity as activitySchema } from '../../src/activities/schema';
import { db } from '../../src/db/db';
import type { RecordKind } from '../../src/records/contract';
import { markFailed, markSent, outboxKey, pending, raiseRevision } from '../../src/records/outbox';
import { saveRecord, softDelete, undoDelete } from '../../src/records/repo-core';

const kind: RecordKind<Activity> = { ...activityKind, loadSchema: async () => activitySchema };
const activity = (over: Partial<Activity> = {}) => ({
  id: '7d3f6c1e-8a4b-4c2d-9e1f-0a1b2c3d4e5f',
  orgUnit: 'KH-12',
  date: '2026-01-15',
  kind: 'campaign_activity' as const,
  title: 'Radio campaign',
  ...over,
});

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('outbox', () => {
  it('marks the month and place of a new record, with the record, in one go', async () => {
    const saved = await saveRecord(kind, activity());
    expect(saved.periods).toEqual(['2026-01']);
    const rows = await pending();
    expect(rows.map((r) => [r.key, r.revision, r.sentRevision])).toEqual([['2026-01|KH-12', 1, 0]]);
  });

  it('moving a record to another month and place re-sends both', async () => {
    await saveRecord(kind, activity());
    await markSent(outboxKey('2026-01', 'KH-12'), 1);
    expect(await pending()).toEqual([]);
    await saveRecord(kind, activity({ date: '2026-02-02', orgUnit: 'KH-2' }));
    const keys = (await pending()).map((r) => r.key).sort();
    expect(keys).toEqual(['2026-01|KH-12', '2026-02|KH-2']);
  });

  it('soft delete and undo each re-send the month; the record stays', async () => {
    const a = await saveRecord(kind, activity());
    await markSent(outboxKey('2026-01', 'KH-12'), 1);
    await softDelete(kind, a.id);
    expect((await db.activities.get(a.id))?.deletedAt).not.toBeNull();
    expect((await pending()).map((r) => r.revision)).toEqual([2]);
    await undoDelete(kind, a.id);
    expect((await db.activities.get(a.id))?.deletedAt).toBeNull();
    expect((await pending()).map((r) => r.revision)).toEqual([3]);
  });

  it('a change while a send is in flight keeps the pair pending', async () => {
    await saveRecord(kind, activity());
    const inFlight = 1;
    await saveRecord(kind, activity({ title: 'Radio campaign, week 2' }));
    await markSent(outboxKey('2026-01', 'KH-12'), inFlight);
    const [row] = await pending();
    expect(row?.revision).toBe(2);
    expect(row?.sentRevision).toBe(1);
  });

  it('a failure is counted and keeps the change; a stale revision jumps above the server', async () => {
    await saveRecord(kind, activity());
    const key = outboxKey('2026-01', 'KH-12');
    await markFailed(key, new Date(Date.now() + 5000).toISOString(), 'network');
    const [row] = await pending();
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toBe('network');
    expect(await raiseRevision(key, 7)).toBe(8);
    expect((await pending())[0]?.revision).toBe(8);
  });

  it('an invalid record is refused whole: nothing stored, nothing marked', async () => {
    await expect(saveRecord(kind, { ...activity(), title: '' })).rejects.toMatchObject({
      code: 'errors.invalidRecord',
    });
    expect(await db.activities.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});
