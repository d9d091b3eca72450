// The tally's reads: every record that touches a month, found through the `periods` index of each table
// (never by reading the whole database). Soft-deleted records come along; the tally leaves them out.
import { db } from '../db/db';
import type { TallyInput } from './tally';

export async function loadMonth(period: string): Promise<TallyInput> {
  return db.transaction('r', db.inspections, db.trainings, db.cases, db.activities, async () => {
    const [inspections, trainings, cases, activities] = await Promise.all([
      db.inspections.where('periods').equals(period).toArray(),
      db.trainings.where('periods').equals(period).toArray(),
      db.cases.where('periods').equals(period).toArray(),
      db.activities.where('periods').equals(period).toArray(),
    ]);
    return { inspections, trainings, cases, activities };
  });
}
