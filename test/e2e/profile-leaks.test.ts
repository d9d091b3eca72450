// What a closed browser's profile keeps of a person's typing (SPEC §9, issue 11 items 1–2). With a passphrase
// set, every personal word typed into a form — single-line fields and multi-line notes alike — must be
// nowhere in the profile's files once the browser is closed: not in IndexedDB's log, and not in Chromium's
// session-restore files (`Sessions/Session_*`, `Tabs_*`), which keep the state of form controls unless the
// page opts out.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  describeInChromium,
  expectAccessible,
  keepFirstRun,
  launch,
  openApp,
  type Session,
  tr,
  waitForScreen,
} from '../helpers/browser';
import { DIST, type E2eServer, startServer } from '../helpers/e2e-server';

const en = (key: string) => tr('en', key);
const PASS = 'river stone lantern';

/** Every file of the profile, with the words of `words` found in it (as UTF-8 or as UTF-16LE). */
function findInProfile(profile: string, words: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) {
        const body = readFileSync(path);
        for (const word of words) {
          if (body.includes(Buffer.from(word, 'utf8')) || body.includes(Buffer.from(word, 'utf16le'))) {
            found.push(`${word} in ${path.slice(profile.length + 1)}`);
          }
        }
      }
    }
  };
  walk(profile);
  return found;
}

async function go(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await waitForScreen(page);
}

/** The first run, as a careful person goes through it: the passphrase set before anything is typed. */
async function setPassphraseAtFirstRun(page: Page) {
  await page.getByRole('heading', { name: en('setup.title') }).waitFor();
  await expectAccessible(page, 'the first-run set-up');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: en('setup.skip'), exact: true }).click();
  await page.getByLabel(en('privacy.settings.new'), { exact: true }).fill(PASS);
  await page.getByLabel(en('privacy.settings.again'), { exact: true }).fill(PASS);
  await page.getByLabel(en('privacy.settings.understand')).check();
  await page.getByRole('button', { name: en('privacy.settings.set') }).click();
  await page.getByRole('heading', { name: en('setup.device.title') }).waitFor({ timeout: 30_000 });
  await expectAccessible(page, 'the first-run set-up, last step');
  await page.getByRole('button', { name: en('setup.done') }).click();
  await page.locator('main:not([data-first-run]) h1').first().waitFor();
}

/** The number of drafts stored sealed (what the form wrote as the person typed). */
const sealedDrafts = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('pelita');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('drafts').objectStore('drafts').getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(JSON.stringify(req.result).split('pelita.sealedDraft').length - 1);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );

describeInChromium('profile: nothing personal left in a closed browser', () => {
  keepFirstRun();
  let server: E2eServer;
  const sessions: Session[] = [];
  beforeAll(async () => {
    server = await startServer({ staticDir: process.env.PELITA_E2E_DIST || DIST });
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) {
      expect(s.errors).toEqual([]);
      await s.close();
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('with a passphrase set at first run, keeps no typed personal word, single-line or multi-line, in any file of the closed profile', async () => {
    const session = await launch();
    sessions.push(session);
    const { page } = session;
    await openApp(page, `${server.url}/`);
    await setPassphraseAtFirstRun(page);

    // Each control its own word, so a failure says which control leaked.
    const words = {
      name: 'Vannakrithy',
      contact: 'Sreymomguardian',
      override: 'Overridekilnreason',
      notes: 'Notesbrickyard',
      followUp: 'Followupriverbank',
      paste: 'Pastedparticipant',
    };
    await go(page, '/trainings/new');
    await page.getByText(en('trainings.paste.open')).click();
    await page.getByLabel(en('trainings.paste.label')).fill(`${words.paste}\tF\t30`);
    await go(page, '/cases/new');
    await page.getByLabel(en('cases.childName')).fill(words.name);
    await page.getByLabel(en('cases.guardianContact')).fill(words.contact);
    await page
      .getByRole('group', { name: en('cases.consent') })
      .getByLabel(en('common.no'))
      .check();
    await page.getByLabel(en('cases.consentOverride')).fill(words.override);
    await page.getByLabel(en('form.notes'), { exact: true }).fill(words.notes);
    await page.getByRole('button', { name: en('cases.addFollowUp') }).click();
    await page.getByLabel(en('cases.followUpNotes')).fill(words.followUp);
    await expect.poll(() => sealedDrafts(page)).toBeGreaterThan(0);
    // Both forms are now entries of the tab's history, whose form state Chromium keeps for session restore.
    await go(page, '/');

    await session.quit();
    expect(findInProfile(session.profile, Object.values(words))).toEqual([]);
  });
});
