// Drafts hold whatever was typed, names included, so with a passphrase set they are sealed whole before they
// are stored (src/records/drafts.ts calls these). Draft writes and deletions run one after the other: a
// sealed write takes a moment, and must never land after a newer write or after the draft was cleared.
import { isSealed, openValue, type Sealed, sealValue } from './crypto';
import { trackWrite, vault, vaultKey } from './vault';

const MARK = 'pelita.sealedDraft';
type SealedDraft = { [MARK]: Sealed };

const contextOf = (draftKey: string) => `draft:${draftKey}`;

export const isSealedDraft = (v: unknown): v is SealedDraft =>
  typeof v === 'object' && v !== null && isSealed((v as SealedDraft)[MARK]);

export async function sealDraftValue(key: CryptoKey, draftKey: string, value: unknown): Promise<SealedDraft> {
  return { [MARK]: await sealValue(key, value, contextOf(draftKey)) };
}

/** A sealed draft's value with `key`; throws when it was sealed with another key. */
export const openDraftWith = (key: CryptoKey, draftKey: string, stored: SealedDraft): Promise<unknown> =>
  openValue(key, stored[MARK], contextOf(draftKey));

/** The draft's value, or undefined when it is sealed and cannot be opened (locked, or another key). */
export async function openDraftValue(draftKey: string, stored: unknown): Promise<unknown> {
  if (!isSealedDraft(stored)) return stored;
  const key = vault.value.status === 'unlocked' ? vaultKey() : null;
  if (!key) return undefined;
  return openDraftWith(key, draftKey, stored).catch(() => undefined);
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs draft operations in the order they were asked for. */
export function queueDraftOp(op: () => Promise<unknown>): Promise<void> {
  const run = queue.then(op).then(() => undefined);
  queue = run.catch(() => undefined);
  return trackWrite(run);
}

/**
 * Stores a draft through `put`: sealed when a passphrase is set; not at all when this tab is locked (it would
 * be in the clear). The key is taken now, synchronously, so a form unmounting because of a lock still seals
 * what it writes on the way out.
 */
export function writeDraft(draftKey: string, value: unknown, put: (stored: unknown) => Promise<unknown>) {
  if (vault.value.status === 'off') return queueDraftOp(() => put(value));
  const key = vaultKey();
  if (!key) return queueDraftOp(() => Promise.resolve());
  const sealing = sealDraftValue(key, draftKey, value);
  return queueDraftOp(async () => put(await sealing));
}
