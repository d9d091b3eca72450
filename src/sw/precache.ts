// The precache, written for Pelita rather than taken from workbox-precaching (which cost 5 KiB of the
// 150 KiB budget for features the app does not use). The same contract: the build injects the list of files
// (`self.__WB_MANIFEST`: URL and, for files whose name has no content hash, a revision); install fetches
// what the cache lacks and fails whole if any file is missing or wrong; activate drops what the new list no
// longer names; a request for a listed file is answered from the cache.

export interface PrecacheEntry {
  url: string;
  revision?: string | null;
}

/** The cache Pelita's worker owns; every other cache of this origin is an older worker's (Workbox's). */
export const CACHE = 'pelita-precache-v1';

/**
 * Cache key per file URL (absolute, no fragment). A file without a hash in its name is stored under its
 * revision, so a new index.html is a new key: the running version keeps its own until the new one activates.
 */
export function cacheKeys(entries: readonly PrecacheEntry[], base: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const e of entries) {
    const url = new URL(e.url, base);
    url.hash = '';
    const key = new URL(url);
    if (e.revision) key.searchParams.set('__rev', e.revision);
    keys.set(url.href, key.href);
  }
  return keys;
}

/** The key that answers a request, if the precache holds it: the file itself, or the shell for `/`. */
export function keyFor(keys: ReadonlyMap<string, string>, requestUrl: string): string | undefined {
  const url = new URL(requestUrl);
  url.hash = '';
  const exact = keys.get(url.href);
  if (exact) return exact;
  if (url.pathname.endsWith('/')) {
    url.pathname += 'index.html';
    return keys.get(url.href);
  }
  return undefined;
}
