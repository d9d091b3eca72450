// Drafts: what a person typed into a form and has not saved yet, one row per form (`<type>:<id|new>`),
// written as they type, so closing the tab, a crash or a dead battery loses nothing (SPEC §8). With a
// passphrase set, a draft is sealed before it is stored (src/privacy/draft-seal.ts), like a record's names.
import { db } from '../db/db';
import { openDraftValue, queueDraftOp, writeDraft } from '../privacy/draft-seal';

export const draftKey = (type: string, id: string | 'new') => `${type}:${id}`;

export async function loadDraft<T>(key: string): Promise<{ value: T; savedAt: string } | undefined> {
  const row = await db.drafts.get(key);
  if (!row) return undefined;
  const value = await openDraftValue(key, row.value);
  return value === undefined ? undefined : { value: value as T, savedAt: row.savedAt };
}

export async function saveDraft(key: string, value: unknown): Promise<void> {
  const savedAt = new Date().toISOString();
  await writeDraft(key, value, (stored) => db.drafts.put({ key, value: stored, savedAt }));
}

export async function clearDraft(key: string): Promise<void> {
  await queueDraftOp(() => db.drafts.delete(key));
}
