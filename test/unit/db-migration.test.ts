// A device that still has the version-1 database (SPEC §8: schema changes migrate the data already on
// devices). Write it the way version 1 of the app did, then open it with today's code: nothing is lost, and
// the fields version 2 derives (`dueOn`) are filled in for records written before they existed.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, V1_STORES } from '../../src/db/db';

const NAME = 'pelita-migration-test';

/** Only the fields the upgrade and the test read; the rest of a record is carried through untouched. */
const v1Case = (id: string, status: string, followUps: Array<{ date: string; nextVisitDue?: string }>) => ({
  id,
  caseCode: `KH-12-2025-${id.slice(-4)}`,
  identifiedOn: '2025-03-02',
  orgUnit: 'KH-12',
  periods: ['2025-03'],
  createdAt: '2025-03-02T08:00:00.000Z',
  updatedAt: '2025-03-02T08:00:00.000Z',
  deletedAt: null,
  status,
  child: { name: 'Sokha', sex: 'female' },
  followUps: followUps.map((f, i) => ({ key: `k${i}`, stillWorking: 'no', ...f })),
});

afterEach(async () => {
  await Dexie.delete(NAME);
});

describe('database upgrade from version 1', () => {
  it('keeps every record and backfills dueOn from follow-up dates', async () => {
    const old = new Dexie(NAME);
    old.version(1).stores(V1_STORES);
    await old.open();
    await old.table('cases').bulkPut([
      // The due date is the next visit of the latest follow-up, not of the first one.
      v1Case('case-0001', 'open', [
        { date: '2025-03-10', nextVisitDue: '2025-04-10' },
        { date: '2025-04-10', nextVisitDue: '2025-05-12' },
      ]),
      v1Case('case-0002', 'closed', [{ date: '2025-03-10', nextVisitDue: '2025-04-10' }]),
      v1Case('case-0003', 'open', []),
    ]);
    await old.table('inspections').bulkPut([
      {
        id: 'insp-1',
        date: '2025-03-05',
        orgUnit: 'KH-12',
        periods: ['2025-03'],
        establishment: { name: 'Brick kiln 4' },
        followUpDue: '2025-06-01',
        updatedAt: '2025-03-05T08:00:00.000Z',
      },
      {
        id: 'insp-2',
        date: '2025-03-06',
        orgUnit: 'KH-12',
        periods: ['2025-03'],
        establishment: { name: 'Farm' },
      },
    ]);
    await old.table('outbox').put({ key: '2025-03|KH-12', period: '2025-03', orgUnit: 'KH-12', revision: 3 });
    await old.table('settings').put({ key: 'language', value: 'km' });
    old.close();

    const db = openDb(NAME);
    await db.open();
    try {
      expect(db.verno).toBeGreaterThanOrEqual(2);
      const cases = await db.cases.orderBy('id').toArray();
      expect(cases.map((c) => [c.id, c.dueOn])).toEqual([
        ['case-0001', '2025-05-12'],
        ['case-0002', null],
        ['case-0003', null],
      ]);
      // The rest of the record is as it was written.
      expect(cases[0]).toMatchObject({ caseCode: 'KH-12-2025-0001', child: { name: 'Sokha' } });
      expect(cases[0]!.followUps).toHaveLength(2);

      const inspections = await db.inspections.orderBy('id').toArray();
      expect(inspections.map((i) => [i.id, i.dueOn])).toEqual([
        ['insp-1', '2025-06-01'],
        ['insp-2', null],
      ]);
      // The new index answers queries: what is due before July.
      expect(await db.cases.where('dueOn').below('2025-07-01').primaryKeys()).toEqual(['case-0001']);
      expect(await db.inspections.where('dueOn').below('2025-07-01').primaryKeys()).toEqual(['insp-1']);

      expect(await db.outbox.get('2025-03|KH-12')).toMatchObject({ revision: 3 });
      expect(await db.settings.get('language')).toEqual({ key: 'language', value: 'km' });
      // Version 2's new table is there and empty.
      expect(await db.drafts.count()).toBe(0);
      // The unique case code index survived: a second case with the same code is refused.
      await expect(db.cases.add({ ...cases[1]!, id: 'case-9999' })).rejects.toMatchObject({
        name: 'ConstraintError',
      });
    } finally {
      db.close();
    }
  });
});
