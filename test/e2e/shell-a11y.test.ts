// Accessibility of the shell and every screen (team rules): axe-core finds nothing serious, nothing scrolls
// sideways on a 320 px phone, and the keyboard reaches the skip link and the navigation.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DEEP_LINKS,
  describeInChromium,
  expectAccessible,
  launch,
  openApp,
  SCREENS,
  tr,
  waitForScreen,
} from '../helpers/browser';
import { type E2eServer, startServer } from '../helpers/e2e-server';

const ALL = [...SCREENS, ...DEEP_LINKS];

/** Tabs forward until `done` says the focused element is the one wanted; returns what was focused on the way. */
type Focused = { tag: string; href: string | null; inNav: boolean };
async function tabUntil(page: Page, done: (el: Focused) => boolean) {
  const seen: Focused[] = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { tag: a?.tagName ?? '', href: a?.getAttribute('href') ?? null, inNav: !!a?.closest('nav') };
    });
    seen.push(el);
    if (done(el)) return seen;
  }
  throw new Error(`Tab never reached the element; focus went: ${JSON.stringify(seen)}`);
}

describeInChromium('offline shell: accessibility', () => {
  let server: E2eServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('axe-core finds no serious or critical violation on any screen', async () => {
    const s = await launch();
    try {
      const failures: string[] = [];
      for (const screen of ALL) {
        await openApp(s.page, `${server.url}${screen.path}`);
        await expectAccessible(s.page, screen.path).catch((e: Error) => failures.push(e.message));
      }
      expect(failures.join('\n\n')).toBe('');
    } finally {
      await s.close();
    }
  });

  it('at 320 px wide no screen scrolls sideways and every navigation link is on screen (in the bar or under More) and works', async () => {
    const s = await launch({ viewport: { width: 320, height: 640 } });
    try {
      const { page } = s;
      const wide: string[] = [];
      for (const screen of ALL) {
        await openApp(page, `${server.url}${screen.path}`);
        const { scrollWidth, clientWidth } = await page.evaluate(() => {
          const el = document.scrollingElement!;
          return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
        });
        if (scrollWidth > clientWidth)
          wide.push(`${screen.path}: ${scrollWidth} px wide in ${clientWidth} px`);
      }
      expect(wide).toEqual([]);

      for (const screen of SCREENS) {
        // The bottom bar holds the places used most; the others are one tap away under "More".
        let link = page.locator(`nav .nav-places a[href="${screen.path}"]`);
        if (!(await link.isVisible())) {
          await page.getByRole('button', { name: tr('en', 'nav.more') }).click();
          link = page.locator(`nav .nav-menu a[href="${screen.path}"]`);
        }
        const box = await link.boundingBox();
        expect(box, `${screen.path} link`).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(320);
        // Big enough to hit with a thumb.
        expect(box!.height).toBeGreaterThanOrEqual(44);
        await link.click();
        await waitForScreen(page);
        await expect.poll(() => page.title()).toBe(`${tr('en', screen.label)} · Pelita`);
      }
    } finally {
      await s.close();
    }
  });

  it('by keyboard: Tab reaches the skip link first, then the navigation links; Enter follows them', async () => {
    const s = await launch();
    try {
      const { page } = s;
      await openApp(page, `${server.url}/`);
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: tr('en', 'nav.skip') });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      // Hidden until focused, then on screen.
      const box = await skip.boundingBox();
      expect(box && box.x >= 0 && box.y >= 0).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

      await page.reload();
      await waitForScreen(page);
      const seen = await tabUntil(page, (el) => el.inNav && el.href === '/settings');
      // Every navigation link, one Tab each, in the order they are shown.
      expect(seen.filter((el) => el.inNav).map((el) => el.href)).toEqual(SCREENS.map((sc) => sc.path));
      await page.keyboard.press('Enter');
      await expect.poll(() => new URL(page.url()).pathname).toBe('/settings');
      await expect.poll(() => page.title()).toBe(`${tr('en', 'nav.settings')} · Pelita`);

      // Shift+Tab back to Sync and follow it too.
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('/sync');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.title()).toBe(`${tr('en', 'nav.sync')} · Pelita`);
      expect(s.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
