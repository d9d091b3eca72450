// The coordinator console end to end (SPEC §12): the real server, two real Chromium profiles as two enrolled
// devices that sync, and a third browser at 1280 px for the coordinators. A district coordinator signs in and
// sees the district's month equal to the two devices' sum; the national coordinator sees the country roll up
// two districts; completeness names the device that has not reported; the CSV holds the same numbers; the
// coordinator of another district sees none of it, on the page or through the API.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseCsv } from '../../src/export/csv';
import {
  describeInChromium,
  expectAccessible,
  launch,
  openApp,
  type Session,
  waitForServiceWorker,
} from '../helpers/browser';
import { DIST, type E2eServer, ROOT, startServer } from '../helpers/e2e-server';
import {
  ADMIN_TOKEN,
  addActivity,
  ENROLMENT_CODE,
  en,
  enrolDevice,
  pendingKeys,
  serverTally,
  syncState,
  total,
} from '../helpers/sync-steps';
import { startDhis2 } from '../server/dhis2-stand-in';

const consoleStrings = JSON.parse(readFileSync(join(ROOT, 'locales/en/console.json'), 'utf8'));
/** The console's English string for `key` (its strings live in console.json, under `console.`). */
function c(key: string, values: Record<string, string> = {}): string {
  let v: unknown = consoleStrings;
  for (const part of key.split('.')) v = (v as Record<string, unknown>)?.[part];
  if (typeof v !== 'string') throw new Error(`console.json has no "${key}"`);
  return v.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n: string) => values[n] ?? `{{${n}}}`);
}

const PASSWORD = 'a long enough password';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
/** axe-core, put in through the debugger: the console's Content-Security-Policy refuses an injected script. */
async function accessible(page: Page, where: string) {
  await page.evaluate(AXE);
  await expectAccessible(page, where);
}

async function makeAccount(url: string, username: string, scope: string, role = 'coordinator') {
  const res = await fetch(`${url}/console/api/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, role, scope }),
  });
  expect(res.status).toBe(201);
}

/** Opens the Sync screen, accepts the preview, and waits until nothing is left to send. */
async function syncAll(page: Page, url: string) {
  await openApp(page, `${url}/sync`);
  await expect.poll(() => syncState(page)).toBe(en('sync.state.needs_preview'));
  await page.getByRole('button', { name: en('sync.preview.accept') }).click();
  await expect.poll(() => pendingKeys(page), { timeout: 30_000 }).toEqual([]);
}

async function signIn(page: Page, url: string, username: string) {
  await page.goto(`${url}/console/`);
  // By keyboard, as a person without a mouse does it.
  await page.getByLabel(c('signIn.username')).focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: c('tallies.title') }).waitFor();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: c('signOut') }).click();
  await page.getByRole('heading', { level: 1, name: c('signIn.title') }).waitFor();
}

/** Picks the place and month(s) of the page shown, and waits for the numbers of exactly that choice. */
async function choose(page: Page, orgUnit: string, from: string, to = from) {
  await page.getByLabel(c('location'), { exact: true }).selectOption(orgUnit);
  const first = page.getByLabel(c('from'));
  if (await first.count()) {
    await first.fill(from);
    await page.getByLabel(c('to')).fill(to);
  } else {
    await page.getByLabel(c('month'), { exact: true }).fill(to);
  }
}

/** The summary table's number for an indicator, as shown. */
async function shownTotal(page: Page, indicatorLabel: string) {
  const row = page
    .getByRole('table', { name: /all indicators/ })
    .getByRole('row', { name: new RegExp(`^${indicatorLabel}`) });
  return (await row.getByRole('cell').first().textContent())?.trim();
}

describeInChromium('coordinator console', () => {
  let server: E2eServer;
  let a: Session;
  let b: Session;
  let coordinator: Session;
  let url: string;

  beforeAll(async () => {
    server = await startServer({
      staticDir: DIST,
      env: { PELITA_ENROLMENT_CODE: ENROLMENT_CODE, PELITA_ADMIN_TOKEN: ADMIN_TOKEN },
    });
    url = server.url;
    [a, b, coordinator] = await Promise.all([
      launch(),
      launch(),
      launch({ viewport: { width: 1280, height: 900 } }),
    ]);
    // A step that cannot find what it looks for fails within seconds, saying what, instead of at the test's end.
    coordinator.page.setDefaultTimeout(10_000);
    await Promise.all(
      [a, b].map(async (s) => {
        await openApp(s.page, `${url}/sync`);
        await waitForServiceWorker(s.page);
      }),
    );
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), coordinator?.close()]);
    await server?.stop();
  });

  it('two devices enrol, record a month and sync', async () => {
    await enrolDevice(a.page, url, 'Tablet A');
    await enrolDevice(b.page, url, 'Tablet B');
    // October: A in Phnom Penh (KH-12) and Battambang (KH-2), B in Phnom Penh. November: only A.
    await addActivity(a.page, url, {
      date: '2026-10-05',
      orgUnit: 'KH-12',
      kind: 'campaign_activity',
      title: 'A1',
    });
    await addActivity(a.page, url, {
      date: '2026-10-07',
      orgUnit: 'KH-12',
      kind: 'campaign_activity',
      title: 'A2',
    });
    await addActivity(a.page, url, {
      date: '2026-10-09',
      orgUnit: 'KH-2',
      kind: 'law_reviewed',
      title: 'A3',
    });
    await addActivity(a.page, url, {
      date: '2026-11-03',
      orgUnit: 'KH-12',
      kind: 'study_research',
      title: 'A4',
    });
    await addActivity(b.page, url, {
      date: '2026-10-06',
      orgUnit: 'KH-12',
      kind: 'coordination_mechanism',
      title: 'B1',
    });
    await syncAll(a.page, url);
    await syncAll(b.page, url);
    await makeAccount(url, 'dara', 'KH-12');
    await makeAccount(url, 'national', 'KH');
    await makeAccount(url, 'sok', 'KH-3');
    await makeAccount(url, 'kh-admin', 'KH', 'admin');
  });

  it('a district coordinator sees the district month equal to the two devices’ sum, and its CSV', async () => {
    const { page } = coordinator;
    await signIn(page, url, 'dara');
    await accessible(page, 'console tallies');
    await choose(page, 'KH-12', '2026-10');
    // True numbers (the counts here are small, and would show as <5 in a shared copy).
    await page.getByLabel(en('report.shareHidden')).uncheck();
    const district = await serverTally(url, '2026-10', 'KH-12');
    expect(district.devices).toBe(2);
    expect(total(district, 'ACTIVITIES')).toBe(3);
    await expect.poll(() => page.getByTestId('tallies-devices').textContent()).toContain('2');
    await expect.poll(() => shownTotal(page, en('indicators.ACTIVITIES.label'))).toBe('3');
    // The breakdown by kind, in the indicator's own table.
    const kinds = page.getByRole('table', { name: new RegExp(`^${en('indicators.ACTIVITIES.label')}, `) });
    await expect
      .poll(() =>
        kinds
          .getByRole('row', { name: new RegExp(`^${en('codes.activityKinds.campaign_activity')}`) })
          .getByRole('cell')
          .first()
          .textContent(),
      )
      .toBe('2');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: c('tallies.csv') }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('pelita-KH-12-2026-10.csv');
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.toString('utf8'));
    const col = (name: string) => header!.indexOf(name);
    const activities = rows.filter((r) => r[col('indicator')] === 'ACTIVITIES' && r[col('row')] === 'cell');
    expect(Object.fromEntries(activities.map((r) => [r[col('disaggregation')], r[col('value')]]))).toEqual({
      'kind=campaign_activity': '2',
      'kind=coordination_mechanism': '1',
    });
  });

  it('completeness names the device that has not reported for November', async () => {
    const { page } = coordinator;
    await page.getByRole('link', { name: c('nav.completeness') }).click();
    await page.getByRole('heading', { level: 1, name: c('completeness.title') }).waitFor();
    await choose(page, 'KH-12', '2026-11');
    await expect
      .poll(() => page.getByTestId('completeness-summary').textContent())
      .toContain(
        c('completeness.summary', {
          reported: '1',
          expected: '2',
          rate: '50%',
          place: 'Phnom Penh',
          month: 'November 2026',
        }),
      );
    const devices = page.getByRole('table', {
      name: new RegExp(`^${c('completeness.devices', { place: 'Phnom Penh', month: '' }).slice(0, 20)}`),
    });
    await expect
      .poll(() => devices.getByRole('row', { name: /Tablet B/ }).textContent())
      .toContain(c('completeness.silent'));
    expect(await devices.getByRole('row', { name: /Tablet A/ }).textContent()).toContain(
      c('completeness.hasReported'),
    );
    await accessible(page, 'console completeness');
    await signOut(page);
  });

  it('the national coordinator sees the country roll up its two districts, one row each', async () => {
    const { page } = coordinator;
    await signIn(page, url, 'national');
    await choose(page, 'KH', '2026-10');
    await page.getByLabel(en('report.shareHidden')).uncheck();
    await expect.poll(() => shownTotal(page, en('indicators.ACTIVITIES.label'))).toBe('4');
    const byPlace = page.getByRole('table', {
      name: new RegExp(`^${c('tallies.childCaption', { place: 'Cambodia', period: '' }).slice(0, 25)}`),
    });
    const col = await byPlace.getByRole('columnheader').allTextContents();
    const at = col.indexOf(en('indicators.ACTIVITIES.label'));
    const cellOf = async (place: string) =>
      (
        await byPlace
          .getByRole('row', { name: new RegExp(`^${place}`) })
          .locator('th, td')
          .nth(at)
          .textContent()
      )?.trim();
    expect(await cellOf('Phnom Penh')).toBe('3');
    expect(await cellOf('Battambang')).toBe('1');
    // The tablet: nothing runs off the side of the page.
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await accessible(page, 'console tallies on a tablet');
    await page.setViewportSize({ width: 1280, height: 900 });
    await signOut(page);
  });

  it('the coordinator of another district sees nothing of this one, on the page or through the API', async () => {
    const { page } = coordinator;
    await signIn(page, url, 'sok');
    const options = await page.getByLabel(c('location'), { exact: true }).locator('option').allTextContents();
    expect(options.map((o) => o.trim())).toEqual(['Kampong Cham']);
    for (const path of [
      'tallies?from=2026-10&to=2026-10&orgUnit=KH-12',
      'tallies?from=2026-10&to=2026-10&orgUnit=KH',
      'tallies.csv?from=2026-10&to=2026-10&orgUnit=KH-12',
      'completeness?period=2026-11&orgUnit=KH-12',
      'trend?period=2026-10&orgUnit=KH-12',
    ]) {
      const res = await page.request.get(`${url}/console/api/${path}`);
      expect(res.status(), path).toBe(403);
    }
    await page.getByLabel(en('report.shareHidden')).uncheck();
    await choose(page, 'KH-3', '2026-10');
    await expect.poll(() => shownTotal(page, en('indicators.ACTIVITIES.label'))).toBe('0');
    await signOut(page);
  });

  it('an administrator makes an enrolment code (shown once, with a QR code) and retires a device', async () => {
    const { page } = coordinator;
    await signIn(page, url, 'kh-admin');
    await page.getByRole('link', { name: c('nav.devices') }).click();
    await page.getByRole('heading', { level: 1, name: c('devices.title') }).waitFor();
    const devices = page.getByRole('table', { name: c('devices.list') });
    await devices.getByRole('row', { name: /Tablet B/ }).waitFor();

    await page.getByLabel(c('codes.label')).fill('Kampot workshop');
    await page.getByLabel(c('codes.for')).selectOption('KH-12');
    await page.getByRole('button', { name: c('codes.make') }).click();
    const code = (await page.getByTestId('new-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    await page.getByRole('img', { name: c('codes.qr', { code }) }).waitFor();
    // The code works once made: a device enrols with it, for Phnom Penh only.
    const enrolled = await fetch(`${url}/api/v1/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrolmentCode: code, label: 'Tablet C' }),
    });
    expect(enrolled.status).toBe(201);
    expect((await enrolled.json()).scope).toBe('KH-12');
    await accessible(page, 'console devices and codes');

    await page.getByRole('button', { name: c('devices.retire', { label: 'Tablet B' }) }).click();
    await page.getByLabel(c('devices.remove')).check();
    await page.getByRole('button', { name: c('devices.retireConfirm') }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Tablet B' }).textContent(), { timeout: 10_000 })
      .toBe(c('devices.retiredDone', { label: 'Tablet B' }));
    // Its numbers left the district's total: only Tablet A's two campaigns remain.
    expect(total(await serverTally(url, '2026-10', 'KH-12'), 'ACTIVITIES')).toBe(2);
    await signOut(page);
  });

  it('an administrator pushes the country’s October to a DHIS2 stand-in: dry run, then import', async () => {
    const dhis2 = await startDhis2({
      token: 'd2pat_e2e_0123456789abcdef',
      dataElements: ['PELITA_ACTIVITIES'],
      orgUnits: ['KH', 'KH-12', 'KH-2'],
    });
    try {
      // The connection is set once for the deployment (here with the admin token, as a script would).
      const set = await fetch(`${url}/console/api/dhis2`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ baseUrl: dhis2.url, token: 'd2pat_e2e_0123456789abcdef' }),
      });
      expect(set.status).toBe(200);
      const { page } = coordinator;
      await signIn(page, url, 'kh-admin');
      await page.getByRole('link', { name: c('nav.dhis2') }).click();
      await page.getByRole('heading', { level: 1, name: c('dhis2.title') }).waitFor();
      await choose(page, 'KH', '2026-10');
      const importButton = page.getByRole('button', { name: c('dhis2.import') });
      expect(await importButton.isDisabled()).toBe(true);
      await page.getByRole('button', { name: c('dhis2.dryRun') }).click();
      const result = page.getByTestId('dhis2-result');
      await expect
        .poll(() => result.textContent(), { timeout: 10_000 })
        .toContain(
          // Tablet B was retired with its numbers removed: A's campaigns in Phnom Penh, its law review in Battambang.
          c('dhis2.result', { cells: '2', imported: '2', updated: '0', ignored: '0', deleted: '0' }),
        );
      expect(dhis2.values.size).toBe(0);
      await accessible(page, 'console DHIS2 push');
      await importButton.click();
      await expect.poll(() => dhis2.values.size, { timeout: 10_000 }).toBe(2);
      await page
        .getByRole('table', { name: c('dhis2.log') })
        .getByRole('row')
        .nth(2)
        .waitFor();
      await signOut(page);
    } finally {
      await dhis2.close();
    }
  });
});
