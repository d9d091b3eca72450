/// <reference lib="webworker" />
// Pelita's service worker. Precaches the shell, every route chunk and every locale (the list is injected
// at build time), answers every navigation with the shell so deep links open offline, and waits: it only
// takes over when the page asks (the person chose "Reload" in the update prompt).
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// The API is never answered from cache: sync must know when it is offline.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

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
