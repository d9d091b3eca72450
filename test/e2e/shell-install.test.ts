// The offline shell, first visit (SPEC §8, §10): the service worker takes over at once, the app is
// installable, it starts in the browser's language, and it says plainly when the browser may evict its data.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeInChromium,
  launch,
  openApp,
  tr,
  waitForScreen,
  waitForServiceWorker,
} from '../helpers/browser';
import { type E2eServer, startServer } from '../helpers/e2e-server';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describeInChromium('offline shell: first visit', () => {
  let server: E2eServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('takes control on the first visit, is installable, and has the 192, 512 and maskable icons', async () => {
    const s = await launch();
    try {
      const { page, context } = s;
      await openApp(page, `${server.url}/`);
      await waitForServiceWorker(page);
      expect(await page.evaluate(() => new URL(navigator.serviceWorker.controller!.scriptURL).pathname)).toBe(
        '/sw.js',
      );
      await expect
        .poll(() => page.getByText(tr('en', 'update.offlineReady')).isVisible(), { timeout: 10_000 })
        .toBe(true);

      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      expect(href).toBe('/manifest.webmanifest');
      expect(await page.locator('link[rel="manifest"]').count()).toBe(1);

      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      const { errors } = await cdp.send('Page.getAppManifest');
      expect(errors).toEqual([]);

      const manifest = (await (await page.request.get(`${server.url}${href}`)).json()) as {
        name: string;
        short_name: string;
        start_url: string;
        display: string;
        icons: Array<{ src: string; sizes: string; purpose?: string; type: string }>;
      };
      expect(manifest).toMatchObject({ short_name: 'Pelita', start_url: '/', display: 'standalone' });
      const wanted = [
        ['192x192', 'any'],
        ['512x512', 'any'],
        ['512x512', 'maskable'],
      ];
      for (const [sizes, purpose] of wanted) {
        const icon = manifest.icons.find((i) => i.sizes === sizes && (i.purpose ?? 'any').includes(purpose!));
        expect(icon, `a ${sizes} ${purpose} icon`).toBeDefined();
        const res = await page.request.get(`${server.url}${icon!.src}`);
        expect(res.ok()).toBe(true);
        expect(pngSize(await res.body()), icon!.src).toBe(sizes);
      }
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it("starts in the browser's language when Pelita has it (th-TH: Thai), else in English", async () => {
    for (const [locale, lang] of [
      ['th-TH', 'th'],
      ['de-DE', 'en'],
    ] as const) {
      const s = await launch({ locale });
      try {
        await openApp(s.page, `${server.url}/`);
        await expect.poll(() => s.page.locator('html').getAttribute('lang')).toBe(lang);
        await expect(s.page.locator('nav a[href="/settings"]').textContent()).resolves.toBe(
          tr(lang, 'nav.settings'),
        );
        // The first run's choice is remembered: Settings shows it selected.
        await s.page.locator('nav a[href="/settings"]').click();
        await waitForScreen(s.page);
        await expect(s.page.getByLabel(tr(lang, 'settings.language')).inputValue()).resolves.toBe(lang);
      } finally {
        await s.close();
      }
    }
  });

  it('says the storage is not persistent, with the usage figure, and keeps working', async () => {
    const s = await launch();
    try {
      const { page } = s;
      await openApp(page, `${server.url}/settings`);
      // The premise: headless Chromium does not grant persistence. If it ever does, this test must change.
      expect(await page.evaluate(() => navigator.storage.persist())).toBe(false);

      await expect.poll(() => page.getByTestId('persisted').textContent()).toBe(tr('en', 'common.no'));
      await expect(page.getByText(tr('en', 'settings.storage.notPersistent')).isVisible()).resolves.toBe(
        true,
      );
      const usage = tr('en', 'settings.storage.usedOf', { used: '§', quota: '§' })
        .split('§')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\d.,]+ MB');
      await expect.poll(() => page.getByText(new RegExp(`^${usage}$`)).count()).toBe(1);

      // Not persistent is a warning, not a failure: settings still save and survive a reload.
      await page.getByLabel(tr('en', 'settings.deviceLabel')).fill('Battambang inspector 2');
      await page.getByRole('button', { name: tr('en', 'common.save') }).click();
      await expect
        .poll(() => page.getByText(tr('en', 'settings.saved')).isVisible(), { timeout: 5_000 })
        .toBe(true);
      await page.reload();
      await waitForScreen(page);
      await expect
        .poll(() => page.getByLabel(tr('en', 'settings.deviceLabel')).inputValue())
        .toBe('Battambang inspector 2');
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
