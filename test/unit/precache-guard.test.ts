// The service worker refuses to precache a host's "index.html for every missing file" answer, so a half-done
// deployment cannot leave HTML cached as the app's scripts (see src/sw/precache-guard.ts).
import { describe, expect, it } from 'vitest';
import { isPrecacheable, precacheGuard } from '../../src/sw/precache-guard';

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

  it('as a Workbox plugin: null (do not cache) or the response itself', async () => {
    const js = res('application/javascript');
    const call = (url: string, response: Response) =>
      precacheGuard.cacheWillUpdate!({
        request: new Request(url),
        response,
        event: undefined as never,
        state: {},
      });
    await expect(call(`${base}/assets/a.js`, js)).resolves.toBe(js);
    await expect(call(`${base}/assets/a.js`, res('text/html'))).resolves.toBeNull();
  });
});
