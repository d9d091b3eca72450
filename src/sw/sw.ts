/// <reference lib="webworker" />
// Pelita's service worker. Precaches the shell, every route chunk and every locale (the list is injected
// at build time), answers every navigation with the shell so deep links open offline, and waits: it only
// takes over when the page asks (the person chose "Reload" in the update prompt).
import { clientsClaim } from 'workbox-core';
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { precacheGuard } from './precache-guard';

declare const self: ServiceWorkerGlobalScope;

addPlugins([precacheGuard]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Take control of the open page as soon as this worker activates. On the first install there is no older
// version to conflict with, so the very first visit works offline (deep links too) without a reload. An
// update only activates when the person chose "Reload" (SKIP_WAITING below), so claiming never swaps a
// version under a form on its own.
clientsClaim();

// The API is never answered from cache: sync must know when it is offline. Nor is the coordinators' console
// (/console, served by the server, online only): a browser that also runs the app must get the console.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/console(\/|$)/] }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Background Sync: the browser wakes us when a connection is back; the open page does the sync
// (it holds the outbox logic and the enrolment token). With no page open, the next start-up syncs.
self.addEventListener('sync', (event: Event) => {
  const e = event as ExtendableEvent & { tag?: string };
  if (e.tag !== 'pelita-sync') return;
  e.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((clients) => {
      for (const c of clients) c.postMessage({ type: 'SYNC_NOW' });
    }),
  );
});
