// Drafts: what a person typed into a form and has not saved yet, one row per form (`<type>:<id|new>`),
// written as they type, so closing the tab, a crash or a dead battery loses nothing (SPEC §8).
import { db } from '../db/db';

export const draftKey = (type: string, id: string | 'new') => `${type}:${id}`;

export async function loadDraft<T>(key: string): Promise<{ value: T; savedAt: string } | undefined> {
  const row = await db.drafts.get(key);
  return row ? { value: row.value as T, savedAt: row.savedAt } : undefined;
}

export async function saveDraft(key: string, value: unknown): Promise<void> {
  await db.drafts.put({ key, value, savedAt: new Date().toISOString() });
}

export async function clearDraft(key: string): Promise<void> {
  await db.drafts.delete(key);
}
