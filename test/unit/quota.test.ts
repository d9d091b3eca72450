// A full disk (SPEC §8, STYLE "Errors"): a save that the browser refuses with QuotaExceededError becomes
// the translated "out of storage" message, and nothing saved before is lost or half-changed.
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { activityKind } from '../../src/activities/kind';
import { db } from '../../src/db/db';
import { setLanguage, t } from '../../src/i18n/i18n';
import { PelitaError } from '../../src/lib/errors';
import type { RecordBase } from '../../src/records/fields';
import { type RecordKind, saveRecord, touchesOwnOrgUnit } from '../../src/records/repo-core';

type Activity = RecordBase & { date: string; title: string };

/** A record kind reduced to what saveRecord needs: the month of `date`, at the record's own location. */
const kind: RecordKind<Activity> = {
  // The activity's descriptor for what saveRecord does not use (its list, its screens…).
  ...(activityKind as unknown as RecordKind<Activity>),
  table: 'activities',
  periodsOf: (r) => [r.date.slice(0, 7)],
  touches: (r) => touchesOwnOrgUnit([r.date.slice(0, 7)], r),
  // Accepts any record as it is: this test is about the disk, not the fields.
  loadSchema: async () => z.custom<Activity>(() => true),
};

/** The table object saveRecord writes through (`db.table(name)`; `db.activities` is a different object). */
const activities = () => db.table<Activity, string>('activities');

const activity = (id: string, date: string, title: string) => ({
  id,
  date,
  title,
  orgUnit: 'KH-12',
  deletedAt: null,
});

beforeAll(async () => {
  await setLanguage('en');
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('a save refused for lack of space', () => {
  it('throws errors.quotaExceeded, shown in words, and keeps what was already saved', async () => {
    await saveRecord(kind, activity('a-1', '2025-03-04', 'School visit'));
    const outboxBefore = await db.outbox.toArray();

    const full = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    vi.spyOn(activities(), 'put').mockImplementation(() => Dexie.Promise.reject(full));

    // A new record, and a change to the one already saved.
    const errors = await Promise.all([
      saveRecord(kind, activity('a-2', '2025-04-01', 'Radio talk')).catch((e: unknown) => e),
      saveRecord(kind, activity('a-1', '2025-05-09', 'School visit, moved')).catch((e: unknown) => e),
    ]);
    for (const err of errors) {
      expect(err).toBeInstanceOf(PelitaError);
      expect((err as PelitaError).code).toBe('errors.quotaExceeded');
      // What the person reads: out of space, nothing lost, what to do.
      expect(t((err as PelitaError).code)).toMatch(/out of storage/i);
      expect(t((err as PelitaError).code)).toMatch(/Nothing you saved before is lost/);
    }

    vi.restoreAllMocks();
    expect(await db.activities.get('a-2')).toBeUndefined();
    expect(await db.activities.get('a-1')).toMatchObject({
      title: 'School visit',
      date: '2025-03-04',
      periods: ['2025-03'],
    });
    // The failed saves left no outbox marks behind (one transaction: all or nothing).
    expect(await db.outbox.toArray()).toEqual(outboxBefore);

    // Once there is space again, the same save goes through.
    await saveRecord(kind, activity('a-2', '2025-04-01', 'Radio talk'));
    expect(await db.activities.count()).toBe(2);
  });

  it('recognises the error however Dexie wraps it', async () => {
    const inner = new DOMException('full', 'QuotaExceededError');
    vi.spyOn(activities(), 'put').mockImplementation(() =>
      Dexie.Promise.reject(Object.assign(new Error('AbortError'), { name: 'AbortError', inner })),
    );
    await expect(saveRecord(kind, activity('a-9', '2025-06-01', 'Workshop'))).rejects.toMatchObject({
      code: 'errors.quotaExceeded',
    });
    expect(await db.activities.get('a-9')).toBeUndefined();
  });
});
