// Checking a passphrase (the lock screen, and Settings before a change or removal), with the count of wrong
// tries in a row kept in the settings table (`privacyAttempts`), so that a reload does not reset the growing
// wait. Loaded with the lock screen or Settings, not with the first screen.
import { readSetting, writeSetting } from '../settings/repo';
import { deriveKey, openText } from './crypto';
import {
  ATTEMPTS_KEY,
  CHECK_CONTEXT,
  CHECK_TEXT,
  CONFIG_KEY,
  opened,
  type VaultConfig,
  vaultConfig,
} from './vault';

export interface Attempts {
  failures: number;
  /** Epoch milliseconds; 0 when a try is allowed now. */
  waitUntil: number;
}

/** No wait after the first wrong try (a typo), then 5 s, 10 s, 20 s… up to 15 minutes. */
export function waitAfter(failures: number): number {
  if (failures <= 1) return 0;
  return Math.min(15 * 60_000, 5_000 * 2 ** (failures - 2));
}

export async function readAttempts(): Promise<Attempts> {
  return (await readSetting<Attempts>(ATTEMPTS_KEY)) ?? { failures: 0, waitUntil: 0 };
}

export type TryResult =
  | { ok: true; key: CryptoKey }
  | { ok: false; reason: 'wrong' | 'wait'; waitUntil: number };

/**
 * Checks a passphrase against the stored check value. The try is counted before the (slow) derivation, so
 * closing the tab halfway does not reset the wait; a right passphrase resets it.
 */
export async function tryPassphrase(passphrase: string): Promise<TryResult> {
  const c = vaultConfig() ?? (await readSetting<VaultConfig>(CONFIG_KEY)) ?? null;
  if (!c) throw new Error('no passphrase is set');
  const before = await readAttempts();
  const now = Date.now();
  if (before.waitUntil > now) return { ok: false, reason: 'wait', waitUntil: before.waitUntil };
  const failures = before.failures + 1;
  await writeSetting(ATTEMPTS_KEY, { failures, waitUntil: now + waitAfter(failures) });
  let candidate: CryptoKey | null = null;
  try {
    const k = await deriveKey(passphrase, c.salt, c.iterations);
    if ((await openText(k, c.check, CHECK_CONTEXT)) === CHECK_TEXT) candidate = k;
  } catch {
    // A wrong key fails AES-GCM's tag check: nothing was opened.
  }
  if (!candidate) {
    const waitUntil = Date.now() + waitAfter(failures);
    await writeSetting(ATTEMPTS_KEY, { failures, waitUntil });
    return { ok: false, reason: 'wrong', waitUntil };
  }
  await writeSetting(ATTEMPTS_KEY, { failures: 0, waitUntil: 0 });
  return { ok: true, key: candidate };
}

export async function unlock(passphrase: string): Promise<TryResult> {
  const result = await tryPassphrase(passphrase);
  if (result.ok) opened(result.key);
  return result;
}
