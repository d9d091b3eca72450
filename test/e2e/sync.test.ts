// Sync end to end (SPEC §6): the real server (server/main.ts as a child process, killed like a power cut and
// restarted on the same port and database) and two real Chromium profiles as two devices. They enrol, record
// offline for a week, see the preview and sync: the server's district total is the sum. Then the server dies
// mid-sync (after and before it stored a report), the network drops mid-sync, old records are edited: every
// time the numbers end up exact. Last, every request either device made is checked for personal data.
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cellKey, reportBody, statusBody } from '../../src/sync/protocol';
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
  type ActivityInput,
  ADMIN_TOKEN,
  addActivity,
  addCase,
  badge,
  capture,
  deferred,
  deleteActivity,
  ENROLMENT_CODE,
  editActivity,
  en,
  enrolDevice,
  pendingKeys,
  putsTo,
  readPreview,
  type Sent,
  serverTally,
  syncState,
  total,
} from '../helpers/sync-steps';

const REPORTS = '**/api/v1/reports/**';

// Typed into the forms; none of it may ever leave a device.
const CHILD = 'Chanthou Keo';
const GUARDIAN = 'Uncle Visal +855 97 555 0142';
const CASE_NOTES = 'Sleeps at the brick kiln on weekdays';
const ACTIVITY_NOTES = 'Met the village chief, Mr Sokhom Pich';
const A_WEEK: ActivityInput[] = [
  { date: '2026-10-05', orgUnit: 'KH-12', kind: 'campaign_activity', title: 'A1 village campaign' },
  { date: '2026-10-07', orgUnit: 'KH-12', kind: 'campaign_activity', title: 'A2 radio spots' },
  {
    date: '2026-10-11',
    orgUnit: 'KH-12',
    kind: 'study_research',
    title: 'A3 kiln study',
    notes: ACTIVITY_NOTES,
  },
];
const B_WEEK: ActivityInput[] = [
  { date: '2026-10-06', orgUnit: 'KH-12', kind: 'campaign_activity', title: 'B1 leaflet campaign' },
  { date: '2026-10-09', orgUnit: 'KH-12', kind: 'coordination_mechanism', title: 'B2 district committee' },
];
/** Every request each device made, as the browser sent it (before any test routing). */
const sent: Sent[] = [];
const LATER = ['A4 market', 'A5 law', 'A6 Kandal', 'A7 school', 'B3 fair', 'B4 survey'];
const TITLES = [...A_WEEK, ...B_WEEK].map((a) => a.title).concat(LATER);
let caseCode = '';

describeInChromium('sync: two devices and the reference server', () => {
  let server: E2eServer;
  let a: Session;
  let b: Session;
  let url: string;
  beforeAll(async () => {
    server = await startServer({
      staticDir: DIST,
      env: { PELITA_ENROLMENT_CODE: ENROLMENT_CODE, PELITA_ADMIN_TOKEN: ADMIN_TOKEN },
    });
    url = server.url;
    [a, b] = await Promise.all([launch(), launch()]);
    capture(sent, 'A', a.context);
    capture(sent, 'B', b.context);
    await Promise.all(
      [a, b].map(async (s) => {
        await openApp(s.page, `${url}/sync`);
        await waitForServiceWorker(s.page);
      }),
    );
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await server?.stop();
  });

  it('two devices offline for a week: after the preview, the server holds exactly the sum', async () => {
    await enrolDevice(a.page, url, 'Tablet A');
    await enrolDevice(b.page, url, 'Tablet B');
    await Promise.all([a.context.setOffline(true), b.context.setOffline(true)]);
    await Promise.all([
      (async () => {
        for (const act of A_WEEK) await addActivity(a.page, url, act);
      })(),
      (async () => {
        for (const act of B_WEEK) await addActivity(b.page, url, act);
        caseCode = await addCase(b.page, url, {
          identifiedOn: '2026-10-08',
          orgUnit: 'KH-12',
          childName: CHILD,
          guardianContact: GUARDIAN,
          notes: CASE_NOTES,
        });
      })(),
    ]);
    await Promise.all([a.context.setOffline(false), b.context.setOffline(false)]);

    // Online again, but nothing leaves before the person has seen what will be sent.
    for (const s of [a, b]) {
      await openApp(s.page, `${url}/sync`);
      await expect.poll(() => syncState(s.page)).toBe(en('sync.state.needs_preview'));
    }
    const shown = { A: await readPreview(a.page), B: await readPreview(b.page) };
    await expectAccessible(a.page, 'the sync preview');
    expect(sent.filter((r) => r.method === 'PUT')).toEqual([]);

    for (const s of [a, b]) await s.page.getByRole('button', { name: en('sync.preview.accept') }).click();
    for (const s of [a, b]) {
      await expect.poll(() => syncState(s.page)).toBe(en('sync.state.idle'));
      expect(await badge(s.page)).toMatch(new RegExp(`^${en('sync.badge.upToDate', { when: '' })}`));
      expect(await pendingKeys(s.page)).toEqual([]);
    }

    // What went is what the preview showed (only the time stamp is taken at sending).
    const bodies = { A: putsTo(sent, 'A', '/2026-10/KH-12'), B: putsTo(sent, 'B', '/2026-10/KH-12') };
    for (const d of ['A', 'B'] as const) {
      expect(bodies[d]).toHaveLength(1);
      const { generatedAt: _g, ...went } = JSON.parse(bodies[d][0]!.body!);
      const { generatedAt: _h, ...preview } = shown[d];
      expect(went).toEqual(preview);
    }

    // The district's total is the sum of the two devices, cell by cell.
    const sum: Record<string, number> = {};
    for (const d of ['A', 'B'] as const)
      for (const c of shown[d].values) sum[cellKey(c)] = (sum[cellKey(c)] ?? 0) + c.value;
    const t = await serverTally(url, '2026-10', 'KH-12');
    expect(t).toEqual({ devices: 2, cells: sum });
    expect(total(t, 'ACTIVITIES')).toBe(5);
    expect(t.cells).toMatchObject({
      'ACTIVITIES|kind=campaign_activity': 3,
      'ACTIVITIES|kind=study_research': 1,
      'ACTIVITIES|kind=coordination_mechanism': 1,
    });
    expect(total(t, 'CHILDREN_IDENTIFIED')).toBe(1);
  });

  it('the server killed mid-sync, after and before storing a report: after the retry, exact', async () => {
    const { page, context } = a;
    await context.setOffline(true);
    await addActivity(page, url, {
      date: '2026-11-02',
      orgUnit: 'KH-12',
      kind: 'campaign_activity',
      title: 'A4 market',
    });
    await addActivity(page, url, {
      date: '2026-11-03',
      orgUnit: 'KH-12',
      kind: 'law_reviewed',
      title: 'A5 law',
    });
    await addActivity(page, url, {
      date: '2026-11-04',
      orgUnit: 'KH-13',
      kind: 'campaign_activity',
      title: 'A6 Kandal',
    });

    let stage: 'after' | 'before' | 'down' | 'pass' = 'after';
    const killed = { after: deferred(), before: deferred() };
    let stored: { status: number; campaign: number | undefined } | undefined;
    await context.route(REPORTS, async (route: Route) => {
      if (stage === 'after') {
        // The report reaches the server, which stores it and dies before its answer reaches the device.
        stage = 'pass';
        const res = await route.fetch();
        const t = await serverTally(url, '2026-11', 'KH-12');
        stored = { status: res.status(), campaign: t.cells['ACTIVITIES|kind=campaign_activity'] };
        await server.restart();
        await route.abort('connectionreset');
        killed.after.resolve();
      } else if (stage === 'before') {
        // The server dies while the report waits: it never arrives.
        stage = 'down';
        await server.kill();
        await route.continue().catch(() => undefined);
        killed.before.resolve();
      } else if (stage === 'down') {
        await route.abort('connectionrefused');
      } else {
        await route.continue();
      }
    });

    await context.setOffline(false);
    await killed.after.promise;
    expect(stored).toEqual({ status: 200, campaign: 1 });
    // The device retries by itself (backoff); the repeat of the stored revision changes nothing.
    await expect.poll(() => pendingKeys(page), { timeout: 20_000 }).toEqual([]);
    expect(putsTo(sent, 'A', '/2026-11/KH-12')).toHaveLength(2);
    expect(await serverTally(url, '2026-11', 'KH-12')).toEqual({
      devices: 1,
      cells: { 'ACTIVITIES|kind=campaign_activity': 1, 'ACTIVITIES|kind=law_reviewed': 1 },
    });
    expect(await serverTally(url, '2026-11', 'KH-13')).toEqual({
      devices: 1,
      cells: { 'ACTIVITIES|kind=campaign_activity': 1 },
    });

    // Recorded online: sync starts by itself shortly after the save, and the server dies under it.
    stage = 'before';
    await addActivity(page, url, {
      date: '2026-11-05',
      orgUnit: 'KH-12',
      kind: 'campaign_activity',
      title: 'A7 school',
    });
    await killed.before.promise;
    await expect.poll(() => badge(page)).toContain(en('sync.badge.attention'));
    expect(await pendingKeys(page)).toEqual(['2026-11|KH-12']);
    await server.restart();
    expect((await serverTally(url, '2026-11', 'KH-12')).cells['ACTIVITIES|kind=campaign_activity']).toBe(1);

    stage = 'pass';
    await page.getByTestId('sync-badge').click();
    await page.getByRole('button', { name: en('sync.now') }).click();
    await expect.poll(() => syncState(page)).toBe(en('sync.state.idle'));
    expect(await serverTally(url, '2026-11', 'KH-12')).toEqual({
      devices: 1,
      cells: { 'ACTIVITIES|kind=campaign_activity': 2, 'ACTIVITIES|kind=law_reviewed': 1 },
    });
    await context.unroute(REPORTS);
  });

  it('the network drops while a report is on its way: it waits, offline, and goes when it is back', async () => {
    const { page, context } = b;
    await context.setOffline(true);
    await addActivity(page, url, {
      date: '2026-11-12',
      orgUnit: 'KH-12',
      kind: 'campaign_activity',
      title: 'B3 fair',
    });
    await addActivity(page, url, {
      date: '2026-11-13',
      orgUnit: 'KH-12',
      kind: 'study_research',
      title: 'B4 survey',
    });
    await openApp(page, `${url}/sync`);

    const held = deferred();
    const dropped = deferred();
    let hold = true;
    await context.route(REPORTS, async (route: Route) => {
      if (!hold) return route.continue();
      hold = false;
      held.resolve();
      await dropped.promise;
      await route.abort('internetdisconnected');
    });
    await context.setOffline(false);
    await held.promise;
    await context.setOffline(true);
    await expect.poll(() => syncState(page)).toBe(en('sync.state.offline'));
    dropped.resolve();

    // The failed send is recorded (its error shows) and the state stays "offline", not a fault.
    await page.getByText(en('sync.status.lastError')).waitFor();
    expect(await syncState(page)).toBe(en('sync.state.offline'));
    expect(await pendingKeys(page)).toEqual(['2026-11|KH-12']);
    // Waiting, not an alarm: a dropped connection is nothing the person has to act on.
    expect(await badge(page)).toBe(en('sync.badge.waiting', { count: '1' }));
    expect((await serverTally(url, '2026-11', 'KH-12')).devices).toBe(1);

    await context.setOffline(false);
    await expect.poll(() => syncState(page)).toBe(en('sync.state.idle'));
    expect(await serverTally(url, '2026-11', 'KH-12')).toEqual({
      devices: 2,
      cells: {
        'ACTIVITIES|kind=campaign_activity': 3,
        'ACTIVITIES|kind=law_reviewed': 1,
        'ACTIVITIES|kind=study_research': 1,
      },
    });
    await context.unroute(REPORTS);
  });

  it('records edited or deleted after sync are re-sent: the old month and place drop, the new rise', async () => {
    const before = await serverTally(url, '2026-10', 'KH-12');
    await editActivity(a.page, url, 'A1 village campaign', { orgUnit: 'KH-13' });
    await editActivity(a.page, url, 'A2 radio spots', { date: '2026-09-28' });
    await deleteActivity(a.page, url, 'A3 kiln study');
    await expect.poll(() => pendingKeys(a.page), { timeout: 15_000 }).toEqual([]);

    // Device A has nothing left in October at KH-12: only device B's numbers remain there.
    const bSent = JSON.parse(putsTo(sent, 'B', '/2026-10/KH-12')[0]!.body!);
    const expected = Object.fromEntries(
      bSent.values.map((c: never) => [cellKey(c), (c as { value: number }).value]),
    );
    expect(await serverTally(url, '2026-10', 'KH-12')).toEqual({ devices: 2, cells: expected });
    expect(
      total(before, 'ACTIVITIES') - total(await serverTally(url, '2026-10', 'KH-12'), 'ACTIVITIES'),
    ).toBe(3);
    expect(JSON.parse(putsTo(sent, 'A', '/2026-10/KH-12').at(-1)!.body!).values).toEqual([]);
    expect(await serverTally(url, '2026-10', 'KH-13')).toEqual({
      devices: 1,
      cells: { 'ACTIVITIES|kind=campaign_activity': 1 },
    });
    expect(await serverTally(url, '2026-09', 'KH-12')).toEqual({
      devices: 1,
      cells: { 'ACTIVITIES|kind=campaign_activity': 1 },
    });
  });

  it('no request ever carried a name, a contact, a note or a record: only the wire format', async () => {
    expect(caseCode).toMatch(/^KH-12-2026-\d{4}$/);
    const secrets = [
      CHILD,
      GUARDIAN,
      CASE_NOTES,
      ACTIVITY_NOTES,
      caseCode,
      ...TITLES,
      'Chanthou',
      '555 0142',
    ];
    const withBody = sent.filter((r) => r.body !== null);
    expect(withBody.filter((r) => r.method === 'PUT').length).toBeGreaterThanOrEqual(8);
    for (const r of sent) {
      const seen = `${decodeURIComponent(r.url)}\n${r.body ?? ''}`;
      for (const secret of secrets) expect(seen, `${r.method} ${r.url}`).not.toContain(secret);
    }
    for (const r of withBody) {
      const path = new URL(r.url).pathname;
      const body = JSON.parse(r.body!);
      if (r.method === 'PUT' && /^\/api\/v1\/reports\/[\w-]+\/\d{4}-\d{2}\/[\w.-]+$/.test(path)) {
        // The strict schema refuses any key it does not know, at every level.
        expect(reportBody.safeParse(body).success, r.body!).toBe(true);
        expect(Object.keys(body).sort()).toEqual(['generatedAt', 'revision', 'schema', 'values']);
        for (const c of body.values)
          expect(Object.keys(c).sort()).toEqual(['disaggregation', 'indicator', 'value']);
      } else if (r.method === 'POST' && path === '/api/v1/devices') {
        expect(Object.keys(body).sort()).toEqual(['enrolmentCode', 'installId', 'installKey', 'label']);
      } else if (r.method === 'PUT' && /^\/api\/v1\/devices\/[\w-]+\/status$/.test(path)) {
        // "Heard from": how many months wait and since when, never what is in them.
        expect(statusBody.safeParse(body).success, r.body!).toBe(true);
        expect(Object.keys(body).sort()).toEqual([
          'appVersion',
          'oldestPendingPeriod',
          'pending',
          'syncedAt',
        ]);
      } else {
        throw new Error(`a request with a body that is not sync: ${r.method} ${r.url}`);
      }
    }
    expect([...a.errors, ...b.errors]).toEqual([]);
  });
});
