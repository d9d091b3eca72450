// Durability (SPEC §8): ask the browser to keep Pelita's data, and report how much is used and whether it
// may be evicted. Headless and some mobile browsers answer `persist()` with false: the app copes and says so.
import { signal } from '@preact/signals';

export interface StorageState {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
  installed: boolean;
  /** Safari deletes script-written storage after 7 days without a visit, unless the app is installed. */
  safariEviction: boolean;
}

export const storageState = signal<StorageState>({
  persisted: null,
  usage: null,
  quota: null,
  installed: false,
  safariEviction: false,
});

function isInstalled(): boolean {
  if (typeof window === 'undefined') return false;
  return (
    window.matchMedia?.('(display-mode: standalone)').matches === true ||
    (navigator as { standalone?: boolean }).standalone === true
  );
}

function isSafari(): boolean {
  if (typeof navigator === 'undefined') return false;
  const ua = navigator.userAgent;
  return /Safari\//.test(ua) && !/Chrome\/|Chromium\/|CriOS\/|Android/.test(ua);
}

export async function refreshStorageState(): Promise<StorageState> {
  const s = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  const [persisted, estimate] = await Promise.all([
    s?.persisted ? s.persisted().catch(() => null) : Promise.resolve(null),
    s?.estimate ? s.estimate().catch(() => undefined) : Promise.resolve(undefined),
  ]);
  const installed = isInstalled();
  const next: StorageState = {
    persisted,
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
    installed,
    safariEviction: isSafari() && !installed,
  };
  storageState.value = next;
  return next;
}

let asked = false;
/** Asks once per page load, when a record is saved (browsers grant it more readily after real use). */
export async function requestPersistence(): Promise<boolean | null> {
  if (asked) return storageState.value.persisted;
  asked = true;
  const s = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!s?.persist) return null;
  try {
    if (!(await s.persisted())) await s.persist();
  } catch {
    // A refusal is an answer too: refreshStorageState reports it.
  }
  return (await refreshStorageState()).persisted;
}
