// One identity per installation, end to end (SPEC §6): the real server and real Chromium profiles. However a
// device disconnects, is refused by a proxy, is reinstalled from its backup or has another device's backup
// restored into it, the server's totals stay the sum of the records that exist, counted once. And the device
// trusts only real answers: a captive portal's 200 page marks nothing sent, a 409 naming a revision near 2^53
// jams nothing; the Sync screen says what happened. A pair outside the enrolment's area is kept, said in
// words and not asked about again and again; the server's settings reach the device and Settings names them.
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeInChromium,
  expectAccessible,
  launch,
  openApp,
  type Session,
  waitForServiceWorker,
} from '../helpers/browser';
import { DIST, type E2eServer, startServer } from '../helpers/e2e-server';
import {
  ADMIN_TOKEN,
  addActivity,
  capture,
  ENROLMENT_CODE,
  en,
  exportBackup,
  outbox,
  pendingKeys,
  putsTo,
  restoreBackup,
  type Sent,
  SyncScreen,
  serverTally,
  storedSetting,
} from '../helpers/sync-steps';

const REPORTS = '**/api/v1/reports/**';
const sent: Sent[] = [];

describeInChromium('sync: one identity per installation, against the real server', () => {
  let server: E2eServer;
  let url: string;
  let a: Session;
  let b: Session;
  let screenA: SyncScreen;
  let screenB: SyncScreen;
  let backupOfA = '';

  beforeAll(async () => {
    server = await startServer({
      staticDir: DIST,
      env: { PELITA_ENROLMENT_CODE: ENROLMENT_CODE, PELITA_ADMIN_TOKEN: ADMIN_TOKEN },
    });
    url = server.url;
    [a, b] = await Promise.all([launch(), launch()]);
    capture(sent, 'A', a.context);
    capture(sent, 'B', b.context);
    screenA = new SyncScreen(a.page, url);
    screenB = new SyncScreen(b.page, url);
    for (const s of [a, b]) {
      await openApp(s.page, `${url}/sync`);
      await waitForServiceWorker(s.page);
    }
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await server?.stop();
  });

  const activity = (date: string, kind: string, title: string, orgUnit = 'KH-12') => ({
    date,
    orgUnit,
    kind,
    title,
  });

  it('disconnect, then enrol again: the same device; nothing is sent twice and the total stays', async () => {
    // Made on first start, before any enrolment: a UUID and 32 random bytes.
    await expect
      .poll(() => storedSetting(a.page, 'installation'))
      .toMatchObject({
        installId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        installKey: expect.stringMatching(/^[\w-]{43}$/),
      });
    const identity = await storedSetting(a.page, 'installation');
    await screenA.enrol('Tablet A', { preview: true });
    await addActivity(a.page, url, activity('2026-03-02', 'campaign_activity', 'A1 radio'));
    await addActivity(a.page, url, activity('2026-03-09', 'study_research', 'A2 study'));
    await screenA.open();
    await screenA.acceptPreview();
    await screenA.settled();
    const before = await serverTally(url, '2026-03', 'KH-12');
    expect(before).toEqual({
      devices: 1,
      cells: { 'ACTIVITIES|kind=campaign_activity': 1, 'ACTIVITIES|kind=study_research': 1 },
    });
    const reports = putsTo(sent, 'A', '/2026-03/KH-12').length;

    await screenA.disconnect();
    // The same installation enrols again: the server keeps its reports, so no preview and no re-send.
    await screenA.enrol('Tablet A', { preview: false });
    await screenA.settled();
    expect(putsTo(sent, 'A', '/2026-03/KH-12')).toHaveLength(reports);
    expect(await serverTally(url, '2026-03', 'KH-12')).toEqual(before);
    expect(await storedSetting(a.page, 'installation')).toEqual(identity);
  });

  it('a 401 from a proxy: the Sync screen says so, enrolling again continues as the same device', async () => {
    await a.context.route(REPORTS, (route: Route) =>
      route.fulfill({ status: 401, contentType: 'text/html', body: '<html>Proxy login required</html>' }),
    );
    await addActivity(a.page, url, activity('2026-03-16', 'campaign_activity', 'A3 market'));
    await screenA.open();
    await expect.poll(() => screenA.state()).toBe(en('sync.state.unauthorised'));
    await a.page.getByText(en('sync.refused.proxy', { server: url })).waitFor();
    await a.page.getByText(en('sync.refused.again')).waitFor();
    await expectAccessible(a.page, 'the Sync screen of a refused device');
    expect(await pendingKeys(a.page)).toEqual(['2026-03|KH-12']);
    await a.context.unroute(REPORTS);

    await screenA.enrol('Tablet A', { preview: false });
    await screenA.settled();
    expect(await serverTally(url, '2026-03', 'KH-12')).toEqual({
      devices: 1,
      cells: { 'ACTIVITIES|kind=campaign_activity': 2, 'ACTIVITIES|kind=study_research': 1 },
    });
  });

  it("the backup restored on a fresh profile, then enrolled: it is A again, the totals are A's", async () => {
    backupOfA = await exportBackup(a.page, url);
    const c = await launch();
    try {
      await openApp(c.page, `${url}/sync`);
      await restoreBackup(c.page, url, backupOfA, 3);
      const screenC = new SyncScreen(c.page, url);
      await screenC.enrol('Tablet A (reinstalled)', { preview: true });
      await screenC.acceptPreview();
      await screenC.settled();
      // One device, A's numbers once: the server held revision 3, the reinstalled device went above it.
      expect(await serverTally(url, '2026-03', 'KH-12')).toEqual({
        devices: 1,
        cells: { 'ACTIVITIES|kind=campaign_activity': 2, 'ACTIVITIES|kind=study_research': 1 },
      });
      expect((await outbox(c.page))[0]!.revision).toBeLessThan(10);
    } finally {
      await c.close();
    }
  });

  it("A's backup restored into B, which has records of its own: the server holds the union, once", async () => {
    await screenB.enrol('Tablet B', { preview: true });
    await addActivity(b.page, url, activity('2026-03-04', 'coordination_mechanism', 'B1 committee'));
    await addActivity(b.page, url, activity('2026-04-06', 'campaign_activity', 'B2 fair', 'KH-13'));
    await screenB.open();
    await screenB.acceptPreview();
    await screenB.settled();
    expect((await serverTally(url, '2026-03', 'KH-12')).devices).toBe(2);

    await restoreBackup(b.page, url, backupOfA, 3);
    await screenB.open();
    await screenB.settled();
    // A's reports left the sums when B took A over; B's now carry A's records and its own.
    expect(await serverTally(url, '2026-03', 'KH-12')).toEqual({
      devices: 1,
      cells: {
        'ACTIVITIES|kind=campaign_activity': 2,
        'ACTIVITIES|kind=study_research': 1,
        'ACTIVITIES|kind=coordination_mechanism': 1,
      },
    });
    expect(await serverTally(url, '2026-04', 'KH-13')).toEqual({
      devices: 1,
      cells: { 'ACTIVITIES|kind=campaign_activity': 1 },
    });
  });

  it('a captive portal answering 200 text/html: nothing is marked sent; after it, everything arrives once', async () => {
    const PORTAL = '**/api/v1/**';
    await b.context.route(PORTAL, (route: Route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<html><h1>Welcome! Log in</h1></html>' }),
    );
    await addActivity(b.page, url, activity('2026-05-11', 'campaign_activity', 'B3 portal day'));
    await screenB.open();
    await b.page.getByText(en('sync.errorText.badResponse')).waitFor();
    expect(await pendingKeys(b.page)).toEqual(['2026-05|KH-12']);
    expect((await outbox(b.page)).find((r) => r.key === '2026-05|KH-12')).toMatchObject({ sentRevision: 0 });
    expect((await serverTally(url, '2026-05', 'KH-12')).devices).toBe(0);

    await b.context.unroute(PORTAL);
    await screenB.syncNow();
    await screenB.settled();
    expect(await serverTally(url, '2026-05', 'KH-12')).toEqual({
      devices: 1,
      cells: { 'ACTIVITIES|kind=campaign_activity': 1 },
    });
  });

  it('a hostile 409 naming revision 9007199254740991: the pair is not jammed, the Sync screen says so', async () => {
    let hostile = true;
    await b.context.route(REPORTS, (route: Route) =>
      hostile && route.request().method() === 'PUT'
        ? route.fulfill({
            status: 409,
            contentType: 'application/json',
            body: JSON.stringify({ error: 'stale_revision', currentRevision: 9007199254740991 }),
          })
        : route.continue(),
    );
    await addActivity(b.page, url, activity('2026-05-20', 'study_research', 'B4 survey'));
    await screenB.open();
    const month = '2026-05|KH-12';
    await b.page.getByTestId('sync-notes').waitFor();
    expect(await b.page.getByTestId('sync-notes').textContent()).toContain(
      en('sync.notes.implausible_revision', { month: 'May 2026', place: 'Phnom Penh' }).slice(0, 20),
    );
    expect(await screenB.state()).toBe(en('sync.state.problem'));
    await expectAccessible(b.page, 'the Sync screen with a pair kept waiting');
    const held = (await outbox(b.page)).find((r) => r.key === month)!;
    expect(held.revision).toBeLessThan(10);
    expect(held.lastError).toBe('implausible_revision');

    hostile = false;
    await screenB.syncNow();
    await screenB.settled();
    expect((await outbox(b.page)).find((r) => r.key === month)!.sentRevision).toBe(held.revision);
    expect(await serverTally(url, '2026-05', 'KH-12')).toEqual({
      devices: 1,
      cells: { 'ACTIVITIES|kind=campaign_activity': 1, 'ACTIVITIES|kind=study_research': 1 },
    });
    await b.context.unroute(REPORTS);
  });

  it('out of scope: the pair is kept and said in words, and not asked about again and again', async () => {
    const res = await fetch(`${url}/api/v1/admin/enrolment-codes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orgUnit: 'KH-12' }),
    });
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };
    const d = await launch();
    const mine: Sent[] = [];
    capture(mine, 'A', d.context);
    try {
      await openApp(d.page, `${url}/sync`);
      const screenD = new SyncScreen(d.page, url);
      await screenD.enrol('Tablet Phnom Penh', { preview: true, code });
      await addActivity(d.page, url, activity('2026-06-02', 'campaign_activity', 'D1 in scope'));
      await addActivity(d.page, url, activity('2026-06-03', 'campaign_activity', 'D2 elsewhere', 'KH-13'));
      await screenD.open();
      await screenD.acceptPreview();
      await d.page
        .getByTestId('sync-notes')
        .getByText(en('sync.notes.out_of_scope', { month: 'x', place: 'y' }).slice(-40))
        .waitFor();
      await expect.poll(() => pendingKeys(d.page)).toEqual(['2026-06|KH-13']);
      expect(await serverTally(url, '2026-06', 'KH-12')).toEqual({
        devices: 1,
        cells: { 'ACTIVITIES|kind=campaign_activity': 1 },
      });
      // More changes start more runs: the refused pair is not asked about again meanwhile.
      await addActivity(d.page, url, activity('2026-06-04', 'study_research', 'D3 in scope'));
      await screenD.open();
      await expect
        .poll(() =>
          serverTally(url, '2026-06', 'KH-12').then((t) => t.cells['ACTIVITIES|kind=study_research']),
        )
        .toBe(1);
      expect(putsTo(mine, 'A', '/2026-06/KH-13')).toHaveLength(1);
      expect(await pendingKeys(d.page)).toEqual(['2026-06|KH-13']);
      expect((await serverTally(url, '2026-06', 'KH-13')).devices).toBe(0);
    } finally {
      await d.close();
    }
  });

  it("the server's settings: applied at the next sync, shown in Settings as the server's, nothing re-sent for nothing", async () => {
    const before = await serverTally(url, '2026-03', 'KH-12');
    const res = await fetch(`${url}/api/v1/admin/config`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ homeCountry: 'KH' }),
    });
    expect(res.status).toBe(200);
    const sends = putsTo(sent, 'B', '/2026-03/KH-12').length;
    await screenB.syncNow();
    await screenB.settled();
    // The home country decides national or foreign for children; B's months hold activities only, so their
    // numbers do not change and nothing is sent again.
    expect(putsTo(sent, 'B', '/2026-03/KH-12')).toHaveLength(sends);
    expect(await serverTally(url, '2026-03', 'KH-12')).toEqual(before);

    await openApp(b.page, `${url}/settings`);
    const fromServer = b.page.getByRole('region', { name: en('settings.fromServer.title') });
    await fromServer.getByText(en('settings.fromServer.values.homeCountry')).waitFor();
    await fromServer.getByText(en('settings.fromServer.values.locations')).waitFor();
    expect(await fromServer.getByText(en('settings.fromServer.values.thresholds')).count()).toBe(0);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
