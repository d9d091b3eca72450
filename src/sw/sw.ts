/// <reference lib="webworker" />
// Pelita's service worker. Precaches the shell, every route chunk and every locale (the list is injected
// at build time), answers every navigation with the shell so deep links open offline, and waits: it only
// takes over when the page asks (the person chose "Reload" in the update prompt).
import { CACHE, cacheKeys, keyFor, type PrecacheEntry } from './precache';
import { isPrecacheable } from './precache-guard';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: PrecacheEntry[] };

const keys = cacheKeys(self.__WB_MANIFEST, self.location.href);
const shell = keyFor(keys, new URL('/index.html', self.location.href).href);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const held = new Set((await cache.keys()).map((r) => r.url));
      await Promise.all(
        [...keys].map(async ([url, key]) => {
          if (held.has(key)) return;
          // A file named by its revision must not come from the HTTP cache: that may be the old one.
          const res = await fetch(url, {
            cache: key === url ? 'default' : 'reload',
            credentials: 'same-origin',
          });
          if (!isPrecacheable(url, res)) throw new Error(`Precache refused ${url}: ${res.status}`);
          await cache.put(key, res);
        }),
      );
    })(),
  );
});

// Take control of the open page as soon as this worker activates. On the first install there is no older
// version to conflict with, so the very first visit works offline (deep links too) without a reload. An
// update only activates when the person chose "Reload" (SKIP_WAITING below), so claiming never swaps a
// version under a form on its own.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      const cache = await caches.open(CACHE);
      const current = new Set(keys.values());
      for (const req of await cache.keys()) if (!current.has(req.url)) await cache.delete(req);
      await self.clients.claim();
    })(),
  );
});

// The API is never answered from cache: sync must know when it is offline. Nor is the coordinators' console
// (/console, served by the server, online only): a browser that also runs the app must get the console.
const online = /^\/(api\/|console(\/|$))/;

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || online.test(url.pathname)) return;
  const key = req.mode === 'navigate' ? shell : keyFor(keys, req.url);
  if (!key) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((hit) => hit ?? fetch(req)),
  );
});

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
