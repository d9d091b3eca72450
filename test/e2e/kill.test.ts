// The browser killed while two tabs type (issue 11.6–7, real Chromium): each tab's typing is in a draft of
// its own, and after the crash a new form lists both to resume. Killed right after a Save, the same form
// saved again replaces its case: one child, one code (issue 11.5).
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInChromium, launch, openApp, tr, waitForScreen } from '../helpers/browser';
import { DIST, type E2eServer, startServer } from '../helpers/e2e-server';

const en = (key: string) => tr('en', key);

/** Rows of an object store of the page's IndexedDB, read raw. */
const rows = (page: Page, store: string) =>
  page.evaluate(
    (name) =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const open = indexedDB.open('pelita');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as Array<Record<string, unknown>>);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
const childNames = async (page: Page) =>
  (await rows(page, 'drafts'))
    .map((d) => (d.value as { child?: { name?: string } }).child?.name)
    .filter(Boolean)
    .sort();

describeInChromium('a browser killed while typing', () => {
  let server: E2eServer;
  const profiles: string[] = [];
  beforeAll(async () => {
    server = await startServer({ staticDir: process.env.PELITA_E2E_DIST || DIST });
  });
  afterAll(async () => {
    await server?.stop();
    for (const p of profiles) rmSync(p, { recursive: true, force: true });
  });

  it('keeps both tabs’ typing as two drafts, each listed to resume after the crash', async () => {
    const first = await launch();
    profiles.push(first.profile);
    await openApp(first.page, `${server.url}/`);
    const a = first.page;
    await openApp(a, `${server.url}/cases/new`);
    await a.getByLabel(en('cases.childName')).fill('Sokha Tab One');
    const b = await first.context.newPage();
    await openApp(b, `${server.url}/cases/new`);
    await b.getByLabel(en('cases.childName')).fill('Dara Tab Two');
    await expect.poll(() => childNames(a)).toEqual(['Dara Tab Two', 'Sokha Tab One']);
    await first.kill();

    const again = await launch({ profile: first.profile });
    try {
      await openApp(again.page, `${server.url}/cases/new`);
      const list = again.page.getByRole('region', { name: en('form.otherDrafts') });
      await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
      await list
        .getByRole('link', { name: en('form.resume') })
        .first()
        .click();
      await waitForScreen(again.page);
      await expect
        .poll(() => again.page.getByLabel(en('cases.childName')).inputValue())
        .toMatch(/^(Sokha Tab One|Dara Tab Two)$/);
      expect(again.errors).toEqual([]);
    } finally {
      await again.kill();
    }
  });

  it('saved, killed before the form left, saved again: one case', async () => {
    const first = await launch();
    profiles.push(first.profile);
    const { page } = first;
    await openApp(page, `${server.url}/cases/new`);
    await page.getByLabel(en('cases.channel')).selectOption('hotline');
    await page.getByLabel(en('cases.childName')).fill('Bopha Saved Once');
    await page
      .getByRole('group', { name: en('cases.sex'), exact: true })
      .getByLabel(en('codes.childSexes.female'))
      .check();
    await page.getByLabel(en('cases.ageYears')).fill('13');
    await page.getByLabel(en('cases.nationality')).selectOption('KH');
    await page.getByLabel(en('form.location')).selectOption('KH-12');
    await expect.poll(async () => (await childNames(page)).length).toBe(1);
    const address = page.url();
    // Save is pressed and the browser is killed as soon as the case is stored, whether or not the form had
    // cleared its draft and left yet.
    await page.getByRole('button', { name: en('form.save'), exact: true }).click();
    await expect.poll(async () => (await rows(page, 'cases')).length).toBe(1);
    await first.kill();

    const again = await launch({ profile: first.profile });
    try {
      // The tab comes back at its address (?draft=<id>), as a restored session does.
      await openApp(again.page, address);
      await again.page.getByRole('button', { name: en('form.save'), exact: true }).click();
      await again.page.getByText(en('form.saved')).waitFor();
      const cases = await rows(again.page, 'cases');
      expect(cases.map((c) => c.caseCode)).toEqual(['KH-12-2026-0001']);
    } finally {
      await again.kill();
    }
  });
});
