// The passphrase lock in real Chromium (SPEC §9), with the app's own 600,000 PBKDF2 iterations: IndexedDB,
// read raw in the page, holds no name once a passphrase is set; locking takes every screen away and the
// passphrase brings it back; the app locks itself when left alone; wrong tries wait longer, across a reload;
// an interrupted change leaves the old passphrase working; an encrypted backup goes to another device; and
// sync goes on sending counts — no name — while the app is locked.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { today } from '../../src/lib/dates';
import {
  describeInChromium,
  expectAccessible,
  launch,
  openApp,
  type Session,
  tr,
  waitForScreen,
} from '../helpers/browser';
import { DIST, E2E_ENROLMENT_CODE, type E2eServer, startServer } from '../helpers/e2e-server';

const en = (key: string, values?: Record<string, string>) => tr('en', key, values);
const PASS = 'river stone lantern';
const NEW_PASS = 'seven green mangoes';
const NAME = 'Sokha Chanthavy';
const CONTACT = '+855 12 345 678';
const NOTE = 'Found at the brick kiln by the river.';
const SECRETS = [NAME, CONTACT, 'brick kiln'];

/** Every object store of the page's IndexedDB, read raw, as one JSON text: what a thief would find. */
const rawDb = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('pelita');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const names = [...idb.objectStoreNames];
          const tx = idb.transaction(names);
          const all: Record<string, unknown> = {};
          for (const name of names) {
            const req = tx.objectStore(name).getAll();
            req.onsuccess = () => {
              all[name] = req.result;
            };
          }
          tx.oncomplete = () => {
            idb.close();
            resolve(JSON.stringify(all));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
const storedCases = async (page: Page) => (JSON.parse(await rawDb(page)) as { cases: unknown[] }).cases;

/** What a person could read on the page: its text and every field's value. */
const onScreen = (page: Page) =>
  page.evaluate(
    () =>
      (document.body.textContent ?? '') +
      [...document.querySelectorAll('input, textarea, select')]
        .map((e) => (e as HTMLInputElement).value)
        .join(' '),
  );

/**
 * Goes to `path` inside the app, as its links do (a full page load would open the app locked again: that
 * is the point of the lock, and tested on its own below).
 */
async function go(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await waitForScreen(page);
}

const lockScreen = (page: Page) => page.getByRole('heading', { name: en('privacy.lock.title') });

async function setPassphrase(page: Page, url: string, passphrase = PASS) {
  await page.goto(`${url}/settings`);
  await waitForScreen(page);
  await page.getByLabel(en('privacy.settings.new'), { exact: true }).fill(passphrase);
  await page.getByLabel(en('privacy.settings.again'), { exact: true }).fill(passphrase);
  await page.getByLabel(en('privacy.settings.understand')).check();
  await page.getByRole('button', { name: en('privacy.settings.set') }).click();
  await page.getByRole('heading', { name: en('privacy.settings.change') }).waitFor({ timeout: 30_000 });
}

/** Fills and saves a new case by its labels; returns its address. */
async function newCase(page: Page, name = NAME): Promise<string> {
  // By way of the home screen, as a person goes (see the report: a case's page straight to /cases/new keeps
  // showing the case).
  await go(page, '/');
  await go(page, '/cases/new');
  await page.getByLabel(en('cases.channel')).selectOption('hotline');
  await page.getByLabel(en('cases.childName')).fill(name);
  await page.getByLabel(en('cases.guardianContact')).fill(CONTACT);
  await page
    .getByRole('group', { name: en('cases.sex'), exact: true })
    .getByLabel(en('codes.childSexes.female'))
    .check();
  await page.getByLabel(en('cases.ageYears')).fill('13');
  await page.getByLabel(en('cases.nationality')).selectOption('KH');
  await page.getByLabel(en('form.location')).selectOption('KH-12');
  await page.getByLabel(en('form.notes'), { exact: true }).fill(NOTE);
  await page.getByRole('button', { name: en('form.save'), exact: true }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

async function unlock(page: Page, passphrase: string) {
  await page.getByLabel(en('privacy.lock.passphrase'), { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: en('privacy.lock.unlock') }).click();
}

const childName = (page: Page) => page.getByLabel(en('cases.childName'));

describeInChromium('privacy: the passphrase lock', () => {
  let server: E2eServer;
  const sessions: Session[] = [];
  const open = async () => {
    const s = await launch();
    sessions.push(s);
    return s;
  };
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

  it('keeps no plaintext name in IndexedDB; Lock now hides everything; the passphrase brings it back', async () => {
    const { page } = await open();
    await openApp(page, `${server.url}/`);
    await setPassphrase(page, server.url);
    const path = await newCase(page);
    expect(await childName(page).inputValue()).toBe(NAME);
    // A draft of another case, typed and not saved.
    await go(page, '/');
    await go(page, '/cases/new');
    await childName(page).fill('Bopha Draftname');
    await page.waitForTimeout(800);

    const raw = await rawDb(page);
    expect(raw).toContain('KH-12-');
    expect(raw).toContain('"sealed"');
    for (const secret of [...SECRETS, 'Bopha', PASS]) expect(raw).not.toContain(secret);

    await go(page, path);
    await expect.poll(() => childName(page).inputValue()).toBe(NAME);
    await page.getByRole('button', { name: en('privacy.lockNow') }).click();
    await lockScreen(page).waitFor();
    for (const secret of SECRETS) expect(await onScreen(page)).not.toContain(secret);
    expect(await page.getByRole('navigation').count()).toBe(0);
    await expectAccessible(page, 'the lock screen');

    await unlock(page, PASS);
    await expect.poll(() => childName(page).inputValue(), { timeout: 20_000 }).toBe(NAME);

    // A reload opens locked, on no screen at all.
    await page.reload();
    await lockScreen(page).waitFor();
    for (const secret of SECRETS) expect(await onScreen(page)).not.toContain(secret);
    await unlock(page, PASS);
    await expect.poll(() => childName(page).inputValue(), { timeout: 20_000 }).toBe(NAME);
  });

  it('locks by itself after 5 minutes without use', async () => {
    const { page } = await open();
    await page.clock.install();
    await openApp(page, `${server.url}/`);
    await setPassphrase(page, server.url);
    await page.clock.fastForward('04:00');
    expect(await page.getByRole('button', { name: en('privacy.lockNow') }).count()).toBe(1);
    await page.clock.fastForward('01:30');
    await lockScreen(page).waitFor();
    expect(await page.getByRole('heading', { name: en('privacy.settings.title') }).count()).toBe(0);
  });

  it('refuses a wrong passphrase, waits longer after repeated ones, and a reload does not reset the wait', async () => {
    const { page } = await open();
    await openApp(page, `${server.url}/`);
    await setPassphrase(page, server.url);
    const path = await newCase(page);
    await page.reload();
    await lockScreen(page).waitFor();

    await unlock(page, 'river stone lanterns');
    await page.getByText(en('privacy.lock.wrong')).waitFor({ timeout: 20_000 });
    await unlock(page, 'not the passphrase');
    const wait = page.getByTestId('unlock-wait');
    await wait.waitFor({ timeout: 20_000 });
    expect(await wait.textContent()).toMatch(/Try again in [1-5] seconds/);
    expect(await page.getByRole('button', { name: en('privacy.lock.unlock') }).isDisabled()).toBe(true);
    for (const secret of SECRETS) expect(await onScreen(page)).not.toContain(secret);

    await page.reload();
    await lockScreen(page).waitFor();
    await wait.waitFor();
    await wait.waitFor({ state: 'detached', timeout: 10_000 });
    await unlock(page, PASS);
    await page.getByRole('button', { name: en('privacy.lockNow') }).waitFor({ timeout: 20_000 });
    await page.goto(`${server.url}${path}`);
    await lockScreen(page).waitFor();
  });

  it('an interrupted passphrase change leaves the old passphrase working and the data as it was', async () => {
    const { page } = await open();
    await openApp(page, `${server.url}/`);
    await setPassphrase(page, server.url);
    const first = await newCase(page);
    await newCase(page, 'Vanna Keomany');
    const before = await storedCases(page);

    await go(page, '/settings');
    // The second case the change rewrites fails to write: a crash halfway through.
    await page.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      let n = 0;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
        if (this.name === 'cases' && ++n === 2) throw new DOMException('interrupted', 'AbortError');
        return put.apply(this, args);
      };
    });
    await page.locator('#passphrase-current').fill(PASS);
    await page.locator('#passphrase-change-new').fill(NEW_PASS);
    await page.locator('#passphrase-change-again').fill(NEW_PASS);
    await page.getByRole('button', { name: en('privacy.settings.change') }).click();
    await page.getByText(en('privacy.errors.failed')).waitFor({ timeout: 30_000 });

    await page.reload();
    await lockScreen(page).waitFor();
    expect(await storedCases(page)).toEqual(before);
    await unlock(page, NEW_PASS);
    await page.getByText(en('privacy.lock.wrong')).waitFor({ timeout: 20_000 });
    await unlock(page, PASS);
    await page.getByRole('button', { name: en('privacy.lockNow') }).waitFor({ timeout: 20_000 });
    await go(page, first);
    await expect.poll(() => childName(page).inputValue(), { timeout: 20_000 }).toBe(NAME);
  });

  it('encrypts the backup with the passphrase; another device restores it only with that passphrase', async () => {
    const a = await open();
    await openApp(a.page, `${server.url}/`);
    await setPassphrase(a.page, server.url);
    const path = await newCase(a.page);
    await go(a.page, '/settings');
    const [download] = await Promise.all([
      a.page.waitForEvent('download'),
      a.page.getByRole('button', { name: en('backup.export') }).click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ format: 'pelita.backup-encrypted/1', iterations: 600_000 });
    for (const secret of SECRETS) expect(text).not.toContain(secret);

    const b = await open();
    await openApp(b.page, `${server.url}/settings`);
    const file = { name: 'pelita-backup.json', mimeType: 'application/json', buffer: Buffer.from(text) };
    await b.page.getByLabel(en('backup.restore')).setInputFiles(file);
    await b.page.getByLabel(en('privacy.backup.passphrase')).fill('not the passphrase');
    await b.page.getByRole('button', { name: en('privacy.backup.restore'), exact: true }).click();
    await b.page.getByText(en('privacy.backup.wrong')).waitFor({ timeout: 20_000 });
    expect(await b.page.getByText(en('backup.refused')).count()).toBe(1);
    expect(await storedCases(b.page)).toEqual([]);

    await b.page.getByLabel(en('privacy.backup.passphrase')).fill(PASS);
    await b.page.getByRole('button', { name: en('privacy.backup.restore'), exact: true }).click();
    // What it will add is shown first; nothing changes until confirmed.
    const confirm = b.page.getByRole('region', { name: en('backup.confirm.title') });
    await confirm
      .getByRole('button', { name: en('backup.confirm.restore'), exact: true })
      .click({ timeout: 20_000 });
    await expect.poll(async () => (await storedCases(b.page)).length, { timeout: 20_000 }).toBe(1);
    await b.page.goto(`${server.url}${path}`);
    await expect.poll(() => childName(b.page).inputValue(), { timeout: 20_000 }).toBe(NAME);
  });

  it('syncs counts while locked, and never a name', async () => {
    const { page } = await open();
    await openApp(page, `${server.url}/`);
    await setPassphrase(page, server.url);
    await newCase(page);

    // Enrolled (the enrolment screen is not what this test is about): a device token from the real server.
    const res = await fetch(`${server.url}/api/v1/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrolmentCode: E2E_ENROLMENT_CODE, label: 'privacy e2e' }),
    });
    expect(res.status).toBe(201);
    const { deviceId, token } = (await res.json()) as { deviceId: string; token: string };
    await page.getByRole('button', { name: en('privacy.lockNow') }).click();
    await lockScreen(page).waitFor();
    await page.evaluate(
      (enrolment) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('pelita');
          open.onsuccess = () => {
            const tx = open.result.transaction('settings', 'readwrite');
            tx.objectStore('settings').put({ key: 'enrolment', value: enrolment });
            tx.objectStore('settings').put({ key: 'syncPreviewAccepted', value: true });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      { serverUrl: server.url, deviceId, token, enrolledAt: new Date().toISOString() },
    );

    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/api/v1/reports/')) sent.push(r.postData() ?? '');
    });
    // The app opens locked, and syncs at start-up all the same.
    await page.reload();
    await lockScreen(page).waitFor();
    const period = today().slice(0, 7);
    const identified = async () => {
      const tallies = await fetch(`${server.url}/api/v1/tallies?period=${period}&orgUnit=KH-12`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!tallies.ok) return -1;
      const body = (await tallies.json()) as { values: Array<{ indicator: string; value: number }> };
      return body.values
        .filter((v) => v.indicator === 'CHILDREN_IDENTIFIED')
        .reduce((sum, v) => sum + v.value, 0);
    };
    await expect.poll(identified, { timeout: 30_000 }).toBe(1);
    expect(await lockScreen(page).count()).toBe(1);
    expect(sent.length).toBeGreaterThan(0);
    for (const body of sent) for (const secret of SECRETS) expect(body).not.toContain(secret);
  });
});
