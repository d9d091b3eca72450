// Drafts: what a person typed into a form and has not saved yet, written as they type, so closing the tab, a
// crash or a dead battery loses nothing (SPEC §8). One row per form: `<table>:<record id>`, where a new
// record's id is fixed when its form opens (and kept in the address, `?draft=<id>`), so two tabs each have
// their own draft, and saving again after a crash replaces the record instead of making a second one. With a
// passphrase set, a draft is sealed before it is stored (src/privacy/draft-seal.ts), like a record's names.
// Reads, writes and deletions go through one queue, in the order asked for.
import { db, type RecordTable } from '../db/db';
import {
  currentSealer,
  type DraftSealer,
  draftToStore,
  openDraftValue,
  queueDraftOp,
} from '../privacy/draft-seal';
import { CONFIG_KEY, type VaultConfig } from '../privacy/vault';
import { isRecordTable, RECORD_KINDS } from './registry';

/** The one spelling of a draft's key. */
export const draftKey = (table: RecordTable, recordId: string) => `${table}:${recordId}`;

/** Keys written before drafts were kept per form (`case:new`, `training:<id>`…), read as their table's. */
const LEGACY: Record<string, RecordTable> = Object.fromEntries(
  RECORD_KINDS.flatMap((k) => (k.legacyDraft ? [[k.legacyDraft, k.table]] : [])),
);

export interface DraftEntry {
  key: string;
  table: RecordTable;
  /** The record the draft is for; null for a draft kept under an old key without one (`case:new`). */
  recordId: string | null;
  savedAt: string;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseDraftKey(key: string): Omit<DraftEntry, 'savedAt'> | null {
  const at = key.indexOf(':');
  if (at < 0) return null;
  const head = key.slice(0, at);
  const rest = key.slice(at + 1);
  const table = LEGACY[head] ?? head;
  if (!isRecordTable(table)) return null;
  return { key, table, recordId: ID.test(rest) ? rest : null };
}

export function loadDraft<T>(key: string): Promise<{ value: T; savedAt: string } | undefined> {
  return queueDraftOp(async () => {
    const row = await db.drafts.get(key);
    if (!row) return undefined;
    const value = await openDraftValue(key, row.value);
    return value === undefined ? undefined : { value: value as T, savedAt: row.savedAt };
  });
}

interface PendingWrite {
  value: unknown;
  sealer: DraftSealer;
  savedAt: string;
  done: Promise<void>;
}
/** Writes asked for and not started yet, by key: a newer value for the same key replaces the waiting one. */
const waiting = new Map<string, PendingWrite>();

/**
 * Stores a draft: sealed or not as the configuration stored now says (read in the same transaction). Rejects
 * when it cannot be kept (the disk is full; a passphrase set in another tab): the form says so at once.
 * Typing faster than the disk writes costs one waiting write per draft, not one per keystroke.
 */
export function saveDraft(key: string, value: unknown): Promise<void> {
  const sealer = currentSealer();
  const savedAt = new Date().toISOString();
  const queued = waiting.get(key);
  if (queued) {
    Object.assign(queued, { value, sealer, savedAt });
    return queued.done;
  }
  const entry = { value, sealer, savedAt } as PendingWrite;
  waiting.set(key, entry);
  entry.done = queueDraftOp(() => {
    if (waiting.get(key) === entry) waiting.delete(key);
    return db.transaction('rw', db.drafts, db.settings, async () => {
      const config = (await db.settings.get(CONFIG_KEY))?.value as VaultConfig | undefined;
      const stored = await draftToStore(entry.sealer, config, key, entry.value);
      if (stored !== undefined) await db.drafts.put({ key, value: stored, savedAt: entry.savedAt });
    });
  });
  return entry.done;
}

/** Resolves once every draft read and write asked for so far is done (tests: between cases). */
export const draftsSettled = (): Promise<void> => queueDraftOp(() => Promise.resolve());

export function clearDraft(key: string): Promise<void> {
  // A write asked for after this clear must land after it, not join one waiting before it.
  waiting.delete(key);
  return queueDraftOp(() => db.drafts.delete(key));
}

/** Every unsaved draft of `table`, newest first (to resume or discard each). */
export function listDrafts(table: RecordTable): Promise<DraftEntry[]> {
  return queueDraftOp(async () => {
    const rows = await db.drafts.toArray();
    return rows
      .map((r) => {
        const parsed = parseDraftKey(r.key);
        return parsed && { ...parsed, savedAt: r.savedAt };
      })
      .filter((d): d is DraftEntry => d !== null && d.table === table)
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  });
}

/** Moves an old-style draft (`case:new`) to a form's own key, so resuming it gives it a record id. */
export async function adoptDraft(from: string, to: string): Promise<void> {
  const draft = await loadDraft(from);
  // Sealed and not openable here (locked, another key): left where it is.
  if (!draft) return;
  await saveDraft(to, draft.value);
  await clearDraft(from);
}
