// Activities on the device: months and outbox marks on save, list filters and paging, soft delete with undo.
import { beforeEach, describe, expect, it } from 'vitest';
import {
  deleteActivity,
  getActivity,
  listActivities,
  saveActivity,
  undoDeleteActivity,
} from '../../src/activities/repo';
import type { ActivityInput } from '../../src/activities/schema';
import { db } from '../../src/db/db';
import { pending } from '../../src/records/outbox';

const fields = (over: Partial<ActivityInput> = {}): ActivityInput => ({
  orgUnit: 'VN-HN',
  date: '2026-02-20',
  kind: 'study_research',
  title: 'Study of child labour in craft villages',
  ...over,
});

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('activity repo', () => {
  it('saves with its month and marks it for sync; refuses an invalid one', async () => {
    const saved = await saveActivity(fields());
    expect(saved.periods).toEqual(['2026-02']);
    expect((await pending()).map((r) => r.key)).toEqual(['2026-02|VN-HN']);
    await expect(saveActivity(fields({ title: '' }))).rejects.toMatchObject({ code: 'errors.invalidRecord' });
    expect(await db.activities.count()).toBe(1);
  });

  it('lists newest first with month, location and title filters, a page at a time', async () => {
    await saveActivity(fields({ date: '2026-01-10', title: 'Law reviewed', kind: 'law_reviewed' }));
    await saveActivity(fields({ date: '2026-02-01', title: 'Radio campaign', kind: 'campaign_activity' }));
    await saveActivity(fields({ date: '2026-02-15', title: 'radio phone-in', orgUnit: 'PH-00' }));
    const titles = (rows: Array<{ title: string }>) => rows.map((r) => r.title);
    expect(titles(await listActivities())).toEqual(['radio phone-in', 'Radio campaign', 'Law reviewed']);
    expect(titles(await listActivities({ month: '2026-01' }))).toEqual(['Law reviewed']);
    expect(titles(await listActivities({ orgUnit: 'VN' }))).toEqual(['Radio campaign', 'Law reviewed']);
    expect(titles(await listActivities({ search: 'RADIO' }))).toEqual(['radio phone-in', 'Radio campaign']);
    expect(titles(await listActivities({ limit: 2 }))).toEqual(['radio phone-in', 'Radio campaign']);
  });

  it('soft-deletes and undoes', async () => {
    const saved = await saveActivity(fields());
    await deleteActivity(saved.id);
    expect(await listActivities()).toEqual([]);
    expect((await getActivity(saved.id))?.deletedAt).toBeTruthy();
    await undoDeleteActivity(saved.id);
    expect((await listActivities()).map((a) => a.id)).toEqual([saved.id]);
  });
});
