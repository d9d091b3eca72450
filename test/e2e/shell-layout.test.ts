// The shell on a small phone (SPEC §1 devices, issue 15 item 1), in real Chromium: at 320 px wide, and at
// 360 px with text at 200 %, no screen scrolls sideways, the header and navigation take little of the
// screen, the navigation stays in reach while the page scrolls, and a case code is never broken across
// lines. Figures (header height, overflowing elements) are printed so a regression says where.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  DEEP_LINKS,
  describeInChromium,
  launch,
  openApp,
  SCREENS,
  type Session,
  tr,
  waitForScreen,
} from '../helpers/browser';
import { DIST, type E2eServer, startServer } from '../helpers/e2e-server';

const en = (key: string, values?: Record<string, string>) => tr('en', key, values);

interface Layout {
  scrollWidth: number;
  clientWidth: number;
  /** Elements wider than the viewport, as `tag.class` (where the overflow comes from). */
  wide: string[];
  /** Height of the header plus the navigation above the content. */
  chrome: number;
  /** Height of the navigation bar fixed at the bottom (0 when it is not). */
  bar: number;
}

async function layout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    const header = document.querySelector('.app-header')?.getBoundingClientRect().height ?? 0;
    const navEl = document.querySelector('.app-nav');
    const nav = navEl?.getBoundingClientRect().height ?? 0;
    // A navigation fixed at the bottom is not above the content; its height is counted on its own.
    const bottom = navEl && getComputedStyle(navEl).position === 'fixed';
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: width,
      wide,
      chrome: Math.round(header + (bottom ? 0 : nav)),
      bar: Math.round(bottom ? nav : 0),
    };
  });
}

async function bigText(page: Page) {
  await page.evaluate(() => {
    document.documentElement.style.fontSize = '200%';
  });
}

describeInChromium('the shell on a small phone', () => {
  let server: E2eServer;
  let s: Session;
  beforeAll(async () => {
    server = await startServer({ staticDir: process.env.PELITA_E2E_DIST ?? DIST });
    s = await launch({ viewport: { width: 320, height: 640 } });
    await openApp(s.page, `${server.url}/`);
  });
  afterAll(async () => {
    await s?.close();
    await server?.stop();
  });

  const screens = [...SCREENS, ...DEEP_LINKS];

  for (const [width, text] of [
    [320, '100%'],
    [320, '200%'],
    [360, '200%'],
  ] as const) {
    it(`no screen scrolls sideways at ${width} px with text at ${text}`, async () => {
      const { page } = s;
      await page.setViewportSize({ width, height: 640 });
      const bad: string[] = [];
      for (const screen of screens) {
        await page.goto(`${server.url}${screen.path}`);
        await waitForScreen(page);
        if (text === '200%') await bigText(page);
        const l = await layout(page);
        console.log(
          `${width}px ${text} ${screen.path}: above the content ${l.chrome} px, bottom bar ${l.bar} px`,
        );
        if (l.scrollWidth > l.clientWidth) {
          bad.push(`${screen.path}: ${l.scrollWidth} > ${l.clientWidth} (${l.wide.join(', ')})`);
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it('keeps the header and navigation small, and the navigation in reach after scrolling', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 360, height: 640 });
    await page.goto(`${server.url}/inspections/new`);
    await waitForScreen(page);
    const before = await layout(page);
    // At most a sixth of a 640 px screen for the shell at normal text (it was 202 px above the content).
    expect(before.chrome + before.bar).toBeLessThanOrEqual(640 / 6);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const nav = page.getByRole('navigation', { name: en('nav.label') });
    const box = await nav.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(640 + 0.5);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await nav.getByRole('link', { name: en('nav.cases') }).click();
    await page.waitForURL(`${server.url}/cases`);
  });

  it('reaches every place from the navigation, the rarer ones through "More"', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 320, height: 640 });
    await openApp(page, `${server.url}/`);
    const nav = page.getByRole('navigation', { name: en('nav.label') });
    await nav.getByText(en('nav.more')).click();
    await nav.getByRole('link', { name: en('nav.settings') }).click();
    await page.waitForURL(`${server.url}/settings`);
    await waitForScreen(page);
    // The menu closes once a place is chosen.
    expect(await nav.getByRole('link', { name: en('nav.sync') }).isVisible()).toBe(false);
  });

  it('never breaks a case code across lines, at 320 px with text at 200 %', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${server.url}/cases/new`);
    await waitForScreen(page);
    await page.getByLabel(en('cases.channel')).selectOption('hotline');
    await page
      .getByRole('group', { name: en('cases.sex'), exact: true })
      .getByLabel(en('codes.childSexes.female'))
      .check();
    await page.getByLabel(en('cases.ageYears')).fill('13');
    await page.getByLabel(en('cases.nationality')).selectOption('KH');
    // The location list loads with the form: choose once it is there.
    const location = page.getByLabel(en('form.location'));
    await expect.poll(() => location.isEnabled()).toBe(true);
    await location.selectOption('KH-12');
    await page.getByRole('button', { name: en('form.save'), exact: true }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    for (const where of [page.url(), `${server.url}/cases`]) {
      await page.goto(where);
      await waitForScreen(page);
      await bigText(page);
      const code = page.locator('.case-code').first();
      await code.waitFor();
      // One line: its height is no more than one line of its own text.
      const { height, line } = await code.evaluate((el) => ({
        height: el.getBoundingClientRect().height,
        line:
          Number.parseFloat(getComputedStyle(el).lineHeight) ||
          Number.parseFloat(getComputedStyle(el).fontSize) * 1.5,
      }));
      expect(height, where).toBeLessThan(line * 1.5);
    }
  });
});
