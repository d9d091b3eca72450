// The draft queue (issue 11.7): a read asked for after a write sees that write, a clear wins over the writes
// before it, and a write asked for after a clear lands after it. One spelling of keys, old ones still read.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../src/db/db';
import {
  clearDraft,
  draftKey,
  listDrafts,
  loadDraft,
  parseDraftKey,
  saveDraft,
} from '../../src/records/drafts';

const ID = '0b9f3a52-2d7e-4c1b-9a6f-3e8d1c2b4a50';

beforeEach(async () => {
  await db.delete();
  await db.open();
});

describe('drafts', () => {
  it('a read right after the last write (a form reopened at once) sees that write', async () => {
    const key = draftKey('cases', ID);
    void saveDraft(key, { notes: 'Fou' });
    void saveDraft(key, { notes: 'Found at the kiln' });
    expect((await loadDraft<{ notes: string }>(key))?.value.notes).toBe('Found at the kiln');
  });

  it('a clear wins over the writes asked for before it; a write after it lands', async () => {
    const key = draftKey('cases', ID);
    void saveDraft(key, { notes: 'a' });
    void clearDraft(key);
    expect(await loadDraft(key)).toBeUndefined();
    void saveDraft(key, { notes: 'b' });
    expect((await loadDraft<{ notes: string }>(key))?.value.notes).toBe('b');
  });

  it('spells keys one way and lists old-style ones with their table', async () => {
    expect(draftKey('trainings', ID)).toBe(`trainings:${ID}`);
    expect(parseDraftKey('case:new')).toEqual({ key: 'case:new', table: 'cases', recordId: null });
    await db.drafts.put({ key: 'case:new', value: {}, savedAt: '2026-01-01T00:00:00.000Z' });
    await saveDraft(draftKey('cases', ID), {});
    expect((await listDrafts('cases')).map((d) => d.recordId)).toEqual([ID, null]);
    expect(await listDrafts('trainings')).toEqual([]);
  });
});
