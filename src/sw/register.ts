// Registers the service worker and runs the update flow (Squoosh's): on first install, "ready to work
// offline"; afterwards, "update available" with Reload / Later. Nothing reloads unless the person asks,
// so a half-filled form is never lost to an update.
import { signal } from '@preact/signals';
import type { Workbox } from 'workbox-window';

export const updateAvailable = signal(false);
export const offlineReady = signal(false);

let wb: Workbox | undefined;

export async function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const { Workbox } = await import('workbox-window');
  wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    updateAvailable.value = true;
  });
  wb.addEventListener('installed', (e) => {
    if (!e.isUpdate) offlineReady.value = true;
  });
  wb.addEventListener('message', (e) => {
    if ((e.data as { type?: string } | null)?.type === 'SYNC_NOW') {
      window.dispatchEvent(new Event('pelita:sync-now'));
    }
  });
  const reg = await wb.register();
  // workbox-window stops listening once it judges an update "external" (found over a minute after start, as
  // the hourly check's are), so a second new version in one session would go unannounced. Watch the
  // registration too: a worker that finishes installing while another controls the page is an update.
  reg?.addEventListener('updatefound', () => {
    const sw = reg.installing;
    sw?.addEventListener('statechange', () => {
      if (sw.state === 'installed' && navigator.serviceWorker.controller) updateAvailable.value = true;
    });
  });
  // Look for a new version now and then, and whenever the app comes back to the foreground.
  const check = () => void wb?.update().catch(() => undefined);
  setInterval(check, 60 * 60 * 1000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

/**
 * Checks for a new version now (Settings). True when one is on its way or already waiting; a version the
 * person put off with "Later" is offered again.
 */
export async function checkForUpdate(): Promise<boolean> {
  if (!wb) return false;
  const reg = await navigator.serviceWorker.getRegistration();
  // A new worker that fails to install (a half-copied deployment) may be gone again by the time update()
  // resolves: remember that one was found rather than asking the registration afterwards.
  let found = false;
  const onFound = () => {
    found = true;
  };
  reg?.addEventListener('updatefound', onFound);
  try {
    await wb.update();
  } finally {
    reg?.removeEventListener('updatefound', onFound);
  }
  if (reg?.waiting) updateAvailable.value = true;
  return found || Boolean(reg?.installing || reg?.waiting);
}

/** The person chose "Reload": let the waiting worker take over, then reload once it controls the page. */
export function applyUpdate() {
  if (!wb) return location.reload();
  wb.addEventListener('controlling', () => location.reload());
  wb.messageSkipWaiting();
}

export function postponeUpdate() {
  updateAvailable.value = false;
}
