// A language whose words cannot be loaded at start-up (issue 11.13): the app never stays on "Pelita…" and
// never falls back to English silently. Its own language failing, it runs in English and says why in both;
// no words at all, it says so in every language with a way on.
import type { Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeInChromium, launch, type Session, tr } from '../helpers/browser';
import { DIST, type E2eServer, startServer } from '../helpers/e2e-server';

/** Fails the translation files `refuse` picks (by their content), as a captive portal or a broken cache would. */
async function failWords(page: Page, refuse: (strings: Record<string, unknown>) => boolean) {
  await page.route('**/assets/translation-*.json', async (route: Route) => {
    const response = await route.fetch();
    const strings = (await response.json()) as Record<string, unknown>;
    if (refuse(strings)) await route.abort('failed');
    else await route.fulfill({ response });
  });
}
const isLanguage = (lang: string) => (strings: Record<string, unknown>) =>
  (strings.nav as Record<string, string> | undefined)?.settings === tr(lang, 'nav.settings');

describeInChromium('start-up without the words of a language', () => {
  let server: E2eServer;
  const sessions: Session[] = [];
  beforeAll(async () => {
    server = await startServer({ staticDir: process.env.PELITA_E2E_DIST || DIST });
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.close();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs in English when Khmer cannot be loaded, and says so in Khmer and English', async () => {
    const session = await launch({ locale: 'km-KH' });
    sessions.push(session);
    const { page } = session;
    await failWords(page, isLanguage('km'));
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: tr('en', 'setup.title') }).waitFor();
    const note = page.locator('.words-failed[role="alert"]');
    expect(await note.locator('p[lang="km"]').textContent()).toContain('មិនអាចផ្ទុកពាក្យ');
    expect(await note.locator('p[lang="en"]').count()).toBe(1);
    expect(await page.locator('.boot').count()).toBe(0);
  });

  it('says so in every language, with a way on, when no words can be loaded', async () => {
    const session = await launch();
    sessions.push(session);
    const { page } = session;
    await failWords(page, () => true);
    await page.goto(`${server.url}/`);
    const screen = page.locator('main.error-screen[role="alert"]');
    await screen.waitFor();
    expect(await screen.locator('p[lang]').count()).toBe(10);
    expect(await screen.getByRole('button').count()).toBe(1);
    expect(await page.locator('.boot').count()).toBe(0);
    expect(session.errors).toEqual([]);
  });
});
