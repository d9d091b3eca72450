// Drafts hold whatever was typed, names included, so with a passphrase set they are sealed whole before they
// are stored (src/records/drafts.ts calls these). Whether a draft is sealed is decided inside the draft's own
// write transaction from the configuration stored there, not from what this tab last heard: a passphrase set
// in another tab a moment ago must not let this tab write a name in the clear (issue 11.3). Draft reads,
// writes and deletions run one after the other: a sealed write takes a moment, and must never land after a
// newer write or after the draft was cleared, and a read must see the last write asked for before it.
import Dexie from 'dexie';
import { PelitaError } from '../lib/errors';
import { isSealed, openValue, type Sealed, sealValue } from './crypto';
import { trackWrite, type VaultConfig, vault, vaultConfig, vaultKey } from './vault';

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

/** Runs draft operations (reads too) in the order they were asked for. */
export function queueDraftOp<T>(op: () => Promise<T>): Promise<T> {
  const run = queue.then(op);
  queue = run.catch(() => undefined);
  return trackWrite(run);
}

/** What this tab can seal with, taken when the write is asked for (a form unmounting as the app locks). */
export interface DraftSealer {
  key: CryptoKey | null;
  salt: string | null;
}
export const currentSealer = (): DraftSealer => ({ key: vaultKey(), salt: vaultConfig()?.salt ?? null });

/**
 * What to store for a draft, given the configuration read inside the write's transaction: the value itself
 * when no passphrase is set; sealed with this tab's key when it is that passphrase's; `undefined` (store
 * nothing) when this tab is locked. A passphrase this tab does not know yet (set in another tab) is refused:
 * storing the value in the clear would keep it unsealed for good.
 */
export async function draftToStore(
  sealer: DraftSealer,
  stored: VaultConfig | undefined,
  draftKey: string,
  value: unknown,
): Promise<unknown> {
  if (!stored) return value;
  if (sealer.salt === stored.salt && sealer.key) {
    // Dexie.waitFor keeps the caller's transaction open across WebCrypto.
    return Dexie.waitFor(sealDraftValue(sealer.key, draftKey, value));
  }
  if (sealer.salt === stored.salt && vault.value.status === 'locked') return undefined;
  throw new PelitaError('privacy.locked');
}
