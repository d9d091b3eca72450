// The lock (SPEC §9): whether a passphrase is set, whether this tab is unlocked, and the key itself — held in
// this module's memory only, never stored, dropped on lock. Also the idle lock and the count of wrong tries.
// What it stores, in the settings table (none of it secret):
//   privacy         { v, salt, iterations, check }: how to derive the key, and a known text sealed with it,
//                   so a passphrase is verified without storing anything derived from it but ciphertext;
//   privacyAttempts { failures, waitUntil }: wrong tries in a row and when the next is allowed (stored, so a
//                   reload does not reset the growing wait);
//   privacyIdle     minutes without use before this tab locks itself.
// The first screen loads this module: it stays small (checking a passphrase, the rewrite and the lock screen
// load later).
import { signal } from '@preact/signals';
import { readSetting, writeSetting } from '../settings/repo';
import type { Sealed } from './crypto';

export type VaultStatus = 'off' | 'locked' | 'unlocked';

export interface VaultConfig {
  v: 1;
  salt: string;
  iterations: number;
  check: Sealed;
}

export const CONFIG_KEY = 'privacy';
export const ATTEMPTS_KEY = 'privacyAttempts';
export const IDLE_KEY = 'privacyIdle';
export const CHECK_TEXT = 'pelita-check/1';
export const CHECK_CONTEXT = 'pelita:check';
export const DEFAULT_IDLE_MINUTES = 5;
export const IDLE_CHOICES = [2, 5, 10, 15, 30, 60] as const;

export const vault = signal<{ status: VaultStatus; idleMinutes: number }>({
  status: 'off',
  idleMinutes: DEFAULT_IDLE_MINUTES,
});

let key: CryptoKey | null = null;
let config: VaultConfig | null = null;

/** The key while unlocked (and for the instant a lock takes to seal the drafts in flight), else null. */
export const vaultKey = (): CryptoKey | null => key;
export const vaultConfig = (): VaultConfig | null => config;

const setStatus = (status: VaultStatus) => {
  if (vault.value.status !== status) vault.value = { ...vault.value, status };
};

/** The passphrase was right (./unlock.ts): the key is in use until the next lock. */
export function opened(k: CryptoKey) {
  key = k;
  setStatus('unlocked');
  armIdle();
}

/** After a passphrase is set or changed: the new key is in use, unless the person locked meanwhile. */
export function keyChanged(newKey: CryptoKey, newConfig: VaultConfig) {
  config = newConfig;
  announce('config');
  if (vault.value.status === 'locked') return;
  key = newKey;
  setStatus('unlocked');
  armIdle();
}

/** After the passphrase is removed (or forgotten and the personal fields erased). */
export function passphraseRemoved() {
  goOff();
  announce('config');
}

function goOff() {
  config = null;
  key = null;
  clearTimeout(idleTimer);
  setStatus('off');
}

// Writes that hold the key (a draft being sealed as its form unmounts): a lock waits for them.
let inFlight: Promise<unknown> = Promise.resolve();
export function trackWrite<T>(p: Promise<T>): Promise<T> {
  inFlight = Promise.all([inFlight, p.catch(() => undefined)]);
  return p;
}

/**
 * Locks this tab (and every tab, `everywhere`): the app drops its screens at once — nothing personal stays on
 * screen or in their state — then, once the drafts they wrote on the way out are sealed, the key goes.
 */
export async function lock({ everywhere = false } = {}) {
  if (everywhere) announce('lock');
  if (vault.value.status !== 'unlocked') return;
  setStatus('locked');
  clearTimeout(idleTimer);
  await new Promise((r) => setTimeout(r, 0));
  await inFlight;
  // Unless the person unlocked again meanwhile.
  if (statusNow() === 'locked') key = null;
}

const statusNow = (): VaultStatus => vault.value.status;

// Idle lock: any input counts as use; the timer is checked again when the tab comes back to the front,
// since browsers slow down timers in background tabs.
let lastActive = Date.now();
let idleTimer: ReturnType<typeof setTimeout> | undefined;
const idleMs = () => vault.value.idleMinutes * 60_000;

function schedule() {
  clearTimeout(idleTimer);
  if (vault.value.status !== 'unlocked') return;
  idleTimer = setTimeout(checkIdle, Math.max(1_000, lastActive + idleMs() - Date.now()));
}
function checkIdle() {
  if (vault.value.status !== 'unlocked') return;
  if (Date.now() - lastActive >= idleMs()) void lock();
  else schedule();
}
function armIdle() {
  lastActive = Date.now();
  schedule();
}

export async function setIdleMinutes(minutes: number) {
  await writeSetting(IDLE_KEY, minutes);
  vault.value = { ...vault.value, idleMinutes: minutes };
  schedule();
}

// Other tabs of the app: "Lock now" locks them all, and a passphrase set, changed or removed elsewhere makes
// this tab read the configuration again (and lock: its key, if any, is the old one).
let channel: BroadcastChannel | null = null;
function announce(message: 'lock' | 'config') {
  channel?.postMessage(message);
}

/** Reads the configuration (start-up, or another tab changed it). A changed passphrase locks this tab. */
export async function reloadVault() {
  const [c, idle] = await Promise.all([readSetting<VaultConfig>(CONFIG_KEY), readSetting<number>(IDLE_KEY)]);
  const changed = (c?.salt ?? null) !== (config?.salt ?? null);
  config = c ?? null;
  vault.value = { ...vault.value, idleMinutes: idle ?? DEFAULT_IDLE_MINUTES };
  if (!config) goOff();
  else if (changed || !key) {
    key = null;
    clearTimeout(idleTimer);
    setStatus('locked');
  }
}

/** Start-up (src/main.tsx): before the first screen, so a device with a passphrase opens locked. */
export async function startVault() {
  await reloadVault();
  if (vault.value.status === 'locked') void import('./LockScreen');
  if (typeof window === 'undefined') return;
  const note = () => {
    lastActive = Date.now();
  };
  for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll']) {
    window.addEventListener(type, note, { capture: true, passive: true });
  }
  document.addEventListener('visibilitychange', checkIdle);
  if (typeof BroadcastChannel !== 'undefined' && !channel) {
    channel = new BroadcastChannel('pelita-vault');
    // Node (tests) would otherwise stay alive for it; browsers have no unref.
    (channel as BroadcastChannel & { unref?: () => void }).unref?.();
    channel.onmessage = (e: MessageEvent) => {
      if (e.data === 'lock') void lock();
      else if (e.data === 'config') void reloadVault();
    };
  }
}
