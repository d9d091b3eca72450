// The offline shell with the network off (SPEC §8, §10): after the first visit every screen, every deep link
// and every language works with no connection, and the chosen language survives a reload.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/languages';
import { DEEP_LINKS, describeInChromium, SCREENS, tr, waitForScreen } from '../helpers/browser';
import { offlineApp } from '../helpers/offline-app';

/** The screen at `path` is shown: its name in the title, an <h1>, no error screen, no "not found". */
async function expectScreen(page: Page, label: string, lang = 'en') {
  await waitForScreen(page);
  await expect.poll(() => page.title()).toBe(`${tr(lang, label)} · Pelita`);
  expect(await page.locator('.error-screen').count(), 'the error boundary is showing').toBe(0);
  expect(await page.getByRole('heading', { name: tr(lang, 'notFound.title') }).count()).toBe(0);
}

describeInChromium('offline shell: no network', () => {
  const app = offlineApp();

  it('every screen renders after a reload with the network off', async () => {
    const { page } = app;
    await page.reload();
    await expectScreen(page, 'nav.home');
    // The network is really off for the reloaded page: only the service worker answered it.
    expect(
      await page.evaluate(() =>
        fetch('/api/v1/health').then(
          () => 'reached',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    await expect
      .poll(() => page.locator('.app-header').getByText(tr('en', 'status.offline')).count())
      .toBe(1);
    for (const screen of SCREENS) {
      // A full page load each time, answered by the service worker alone.
      await page.goto(`${app.url}${screen.path}`);
      await expectScreen(page, screen.label);
    }
    // And by the navigation, without reloading.
    for (const screen of SCREENS) {
      await page.locator(`nav a[href="${screen.path}"]`).click();
      await expectScreen(page, screen.label);
    }
    expect(app.errors).toEqual([]);
  });

  it('deep links open offline in a new page', async () => {
    for (const link of DEEP_LINKS) {
      const page = await app.context.newPage();
      try {
        await page.goto(`${app.url}${link.path}`);
        await expectScreen(page, link.label);
      } finally {
        await page.close();
      }
    }
    expect(app.errors).toEqual([]);
  });

  it('switches between all ten languages offline; each choice survives a reload', async () => {
    const { page } = app;
    await page.goto(`${app.url}/settings`);
    await expectScreen(page, 'nav.settings');
    const settingsLink = page.locator('nav a[href="/settings"]');
    let current = 'en';
    // Every other language, then back to English, each picked by the select's label in the language on screen.
    for (const { code, native } of [...LANGUAGES.slice(1), LANGUAGES[0]]) {
      await page
        .getByLabel(tr(current, 'settings.language'), { exact: true })
        .selectOption({ label: native });
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(code);
      await expect.poll(() => settingsLink.textContent()).toBe(tr(code, 'nav.settings'));
      await expect(page.locator('main h1').first().textContent()).resolves.toBe(tr(code, 'nav.settings'));

      await page.reload();
      await expectScreen(page, 'nav.settings', code);
      expect(await page.locator('html').getAttribute('lang')).toBe(code);
      expect(await settingsLink.textContent()).toBe(tr(code, 'nav.settings'));
      expect(await page.getByLabel(tr(code, 'settings.language'), { exact: true }).inputValue()).toBe(code);
      current = code;
    }
    expect(app.errors).toEqual([]);
  });
});
