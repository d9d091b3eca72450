// The service worker refuses to precache a host's "index.html for every missing file" answer, so a half-done
// deployment cannot leave HTML cached as the app's scripts (see src/sw/precache-guard.ts).
import { describe, expect, it } from 'vitest';
import { cacheKeys, keyFor } from '../../src/sw/precache';
import { isPrecacheable } from '../../src/sw/precache-guard';

const res = (type: string, status = 200) => new Response('x', { status, headers: { 'content-type': type } });
const base = 'https://pelita.example';

describe('precache guard', () => {
  it('keeps scripts, styles, the shell and the locales as served', () => {
    expect(isPrecacheable(`${base}/assets/index-abc.js`, res('application/javascript'))).toBe(true);
    expect(isPrecacheable(`${base}/assets/index-abc.css`, res('text/css'))).toBe(true);
    expect(isPrecacheable(`${base}/index.html`, res('text/html; charset=utf-8'))).toBe(true);
    expect(isPrecacheable(`${base}/manifest.webmanifest`, res('application/manifest+json'))).toBe(true);
  });

  it('refuses HTML answered for a script or an image (an SPA fallback), and error responses', () => {
    expect(isPrecacheable(`${base}/assets/index-abc.js`, res('text/html; charset=utf-8'))).toBe(false);
    expect(isPrecacheable(`${base}/icons/icon-192.png`, res('text/html'))).toBe(false);
    expect(isPrecacheable(`${base}/assets/index-abc.js`, res('application/javascript', 404))).toBe(false);
    expect(isPrecacheable(`${base}/assets/index-abc.js`, res('application/javascript', 500))).toBe(false);
    expect(isPrecacheable(`${base}/assets/index-abc.js`, undefined)).toBe(false);
  });
});

describe('precache keys', () => {
  const keys = cacheKeys(
    [
      { url: 'index.html', revision: 'r1' },
      { url: 'assets/index-abc.js', revision: null },
      { url: '/manifest.webmanifest', revision: 'm2' },
    ],
    `${base}/sw.js`,
  );

  it('stores a hashed file under its own URL and an unhashed one under its revision', () => {
    expect(keys.get(`${base}/assets/index-abc.js`)).toBe(`${base}/assets/index-abc.js`);
    expect(keys.get(`${base}/index.html`)).toBe(`${base}/index.html?__rev=r1`);
    expect(keys.get(`${base}/manifest.webmanifest`)).toBe(`${base}/manifest.webmanifest?__rev=m2`);
  });

  it('answers a listed file, the shell for a directory, and nothing else', () => {
    expect(keyFor(keys, `${base}/assets/index-abc.js#x`)).toBe(`${base}/assets/index-abc.js`);
    expect(keyFor(keys, `${base}/`)).toBe(`${base}/index.html?__rev=r1`);
    expect(keyFor(keys, `${base}/assets/other.js`)).toBeUndefined();
    expect(keyFor(keys, `${base}/assets/index-abc.js?v=2`)).toBeUndefined();
  });

  it('a new revision of the shell is a new key, so the running version keeps its own', () => {
    const next = cacheKeys([{ url: 'index.html', revision: 'r2' }], `${base}/sw.js`);
    expect(next.get(`${base}/index.html`)).not.toBe(keys.get(`${base}/index.html`));
  });
});
