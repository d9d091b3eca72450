// The trainings repo: saving validates and derives the months, marks every (month, location) the session
// and its participants count in, soft delete with undo, and the list's order, filters, search and paging.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import { PelitaError } from '../../src/lib/errors';
import {
  deleteTraining,
  getTraining,
  inputOf,
  listTrainings,
  saveTraining,
  undoDeleteTraining,
} from '../../src/trainings/repo';
import type { TrainingInput } from '../../src/trainings/schema';

let n = 0;
const key = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const session = (over: Partial<TrainingInput> = {}): TrainingInput => ({
  orgUnit: 'KH-12',
  startDate: '2026-03-09',
  endDate: '2026-03-10',
  title: 'Child labour law',
  topics: ['child_labour_law'],
  modality: 'in_person',
  participants: [
    { key: key(), sex: 'female', agency: 'police', orgUnit: 'KH-12', completed: true },
    { key: key(), sex: 'male', agency: 'labour_inspection', orgUnit: 'KH-1', completed: false },
  ],
  ...over,
});
const outboxKeys = async () => (await db.outbox.toArray()).map((r) => r.key).sort();

beforeEach(async () => {
  await Promise.all([db.trainings.clear(), db.outbox.clear()]);
});

describe('saveTraining', () => {
  it('stores the session with its month and marks the session’s and each participant’s location', async () => {
    const saved = await saveTraining(session());
    expect(saved.periods).toEqual(['2026-03']);
    expect(saved.deletedAt).toBeNull();
    expect(await getTraining(saved.id)).toEqual(saved);
    expect(await outboxKeys()).toEqual(['2026-03|KH-1', '2026-03|KH-12']);
  });

  it('moving the session to another month marks the old month and the new one', async () => {
    const saved = await saveTraining(session());
    await db.outbox.clear();
    const again = await saveTraining(
      { ...inputOf(saved), startDate: '2026-04-01', endDate: '2026-04-01' },
      saved.id,
    );
    expect(again.periods).toEqual(['2026-04']);
    expect(again.createdAt).toBe(saved.createdAt);
    expect(await outboxKeys()).toEqual(['2026-03|KH-1', '2026-03|KH-12', '2026-04|KH-1', '2026-04|KH-12']);
  });

  it('refuses a session that does not pass the schema and stores nothing', async () => {
    const bad = session({ endDate: '2026-03-01' });
    await expect(saveTraining(bad)).rejects.toBeInstanceOf(PelitaError);
    await expect(saveTraining(bad)).rejects.toMatchObject({ code: 'errors.invalidRecord' });
    expect(await db.trainings.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('deletes softly, and Undo brings the session back, each marked for sync', async () => {
    const saved = await saveTraining(session());
    await db.outbox.clear();
    await deleteTraining(saved.id);
    expect((await getTraining(saved.id))?.deletedAt).not.toBeNull();
    expect(await listTrainings()).toEqual([]);
    expect(await outboxKeys()).toEqual(['2026-03|KH-1', '2026-03|KH-12']);
    await undoDeleteTraining(saved.id);
    expect((await listTrainings()).map((t) => t.id)).toEqual([saved.id]);
  });
});

describe('listTrainings', () => {
  beforeEach(async () => {
    await saveTraining(
      session({ title: 'Inspection basics', startDate: '2026-01-05', endDate: '2026-01-05' }),
    );
    await saveTraining(
      session({
        title: 'Referral pathways',
        startDate: '2026-03-02',
        endDate: '2026-03-03',
        orgUnit: 'TH-10',
      }),
    );
    await saveTraining(
      session({
        title: 'inspection advanced',
        startDate: '2026-02-10',
        endDate: '2026-02-12',
        orgUnit: 'KH-1',
      }),
    );
  });
  const titles = async (q: Parameters<typeof listTrainings>[0]) =>
    (await listTrainings(q)).map((t) => t.title);

  it('lists newest first by start date', async () => {
    expect(await titles({})).toEqual(['Referral pathways', 'inspection advanced', 'Inspection basics']);
  });

  it('searches the start of the title in any case, newest first', async () => {
    expect(await titles({ search: 'INSPECTION' })).toEqual(['inspection advanced', 'Inspection basics']);
    expect(await titles({ search: 'basics' })).toEqual([]);
  });

  it('filters by month and by location (a country holds its provinces)', async () => {
    expect(await titles({ month: '2026-02' })).toEqual(['inspection advanced']);
    expect(await titles({ orgUnit: 'KH' })).toEqual(['inspection advanced', 'Inspection basics']);
    expect(await titles({ orgUnit: 'KH-1' })).toEqual(['inspection advanced']);
    expect(await titles({ orgUnit: 'KH', month: '2026-01', search: 'insp' })).toEqual(['Inspection basics']);
  });

  it('pages with offset and limit', async () => {
    expect(await titles({ limit: 2 })).toEqual(['Referral pathways', 'inspection advanced']);
    expect(await titles({ offset: 2, limit: 2 })).toEqual(['Inspection basics']);
  });
});
