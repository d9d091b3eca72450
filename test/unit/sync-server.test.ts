// The device's sync code against the real reference server, in one process: records saved through the repos
// (fake-indexeddb), sent by src/sync/sync.ts through the real upstream.ts (fetch), stored by server/ (SQLite),
// read back as the admin. A device is its IndexedDB plus its enrolment, so wiping the database and enrolling
// again is a second device; keeping the enrolment on a wiped database is a device restored from an old backup.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteActivity, saveActivity } from '../../src/activities/repo';
import type { ActivityInput } from '../../src/activities/schema';
import { saveCase } from '../../src/cases/repo';
import { db } from '../../src/db/db';
import { newId } from '../../src/lib/ids';
import { pending } from '../../src/records/outbox';
import { newInstallation } from '../../src/settings/installation';
import { acceptPreview, type Enrolment, saveEnrolment } from '../../src/sync/enrolment';
import { type Cell, cellKey } from '../../src/sync/protocol';
import { syncStatus } from '../../src/sync/status';
import { syncNow } from '../../src/sync/sync';
import { enrol } from '../../src/sync/upstream';
import { ADMIN, admin, CODE, type Running, startServer, tally } from '../server/helpers';

let server: Running;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.close());

/** A fresh device (empty database); enrolled anew, or with the credentials of an earlier one. */
async function device(label: string, reuse?: Enrolment): Promise<Enrolment> {
  await db.delete();
  await db.open();
  let e = reuse;
  if (!e) {
    const res = await enrol(server.url, CODE, label, newInstallation());
    if (res.kind !== 'ok') throw new Error(`enrolment failed: ${JSON.stringify(res)}`);
    e = {
      serverUrl: server.url,
      deviceId: res.deviceId,
      token: res.token,
      enrolledAt: new Date().toISOString(),
    };
  }
  await saveEnrolment(e);
  await acceptPreview();
  return e;
}

async function syncAll() {
  await syncNow({ force: true });
  expect(await pending()).toEqual([]);
  expect(syncStatus.value.state).toBe('idle');
}

const activity = (date: string, kind: ActivityInput['kind'], orgUnit = 'KH-12'): ActivityInput => ({
  orgUnit,
  date,
  kind,
  title: `Activity of ${date}`,
});
/** The server's tally as { "indicator|breakdown": value }, so sums compare whatever the cell order. */
async function serverCounts(period: string, orgUnit: string) {
  const t = await tally(server.url, ADMIN, period, orgUnit);
  return { devices: t.devices, cells: Object.fromEntries(t.values.map((c: Cell) => [cellKey(c), c.value])) };
}

describe('device sync against the reference server', () => {
  let a: Enrolment;

  beforeEach(() => {
    vi.restoreAllMocks();
  });

  it('two devices that were offline for a week: the district total is the sum', async () => {
    a = await device('Tablet A');
    for (const day of ['05', '07', '11']) await saveActivity(activity(`2026-10-${day}`, 'campaign_activity'));
    await syncAll();

    await device('Tablet B');
    await saveActivity(activity('2026-10-06', 'campaign_activity'));
    await saveActivity(activity('2026-10-09', 'coordination_mechanism'));
    await saveCase({
      id: newId(),
      orgUnit: 'KH-12',
      identifiedOn: '2026-10-08',
      channel: 'school',
      child: {
        name: 'Dara Sok',
        sex: 'male',
        ageYears: 12,
        ageEstimated: false,
        nationality: 'KH',
        disability: 'no',
      },
      settlement: 'rural',
      work: {
        isic: 'A',
        workStatus: 'contributing_family',
        economicHours: 20,
        choreHours: null,
        nightWork: 'no',
        worstForm: 'none',
        hazards: [],
        inSchool: 'yes',
      },
      consent: true,
      referrals: [],
      followUps: [],
      status: 'identified',
    });
    await syncAll();

    const t = await serverCounts('2026-10', 'KH-12');
    expect(t.devices).toBe(2);
    expect(t.cells['ACTIVITIES|kind=campaign_activity']).toBe(4);
    expect(t.cells['ACTIVITIES|kind=coordination_mechanism']).toBe(1);
    const identified = Object.entries(t.cells).filter(([k]) => k.startsWith('CHILDREN_IDENTIFIED|'));
    expect(identified.map(([, v]) => v)).toEqual([1]);
  });

  it('a reply lost after the server stored the report: the retry changes nothing and doubles nothing', async () => {
    // Device B still holds its records. The first PUT reaches the server, but its answer never comes back.
    const realFetch = globalThis.fetch;
    let lost = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const res = await realFetch(input, init);
      if (init?.method === 'PUT' && lost++ === 0) throw new TypeError('Failed to fetch');
      return res;
    });
    await saveActivity(activity('2026-10-10', 'campaign_activity'));
    await syncNow({ force: true });
    expect(syncStatus.value.state).toBe('error');
    expect(await pending()).toHaveLength(1);
    expect((await serverCounts('2026-10', 'KH-12')).cells['ACTIVITIES|kind=campaign_activity']).toBe(5);

    await syncAll();
    const t = await serverCounts('2026-10', 'KH-12');
    expect(t.cells['ACTIVITIES|kind=campaign_activity']).toBe(5);
    expect(t.devices).toBe(2);
  });

  it('moving a record to another place and month re-sends both; deleting one drops its count', async () => {
    const moved = await saveActivity(activity('2026-10-20', 'study_research'));
    const gone = await saveActivity(activity('2026-10-21', 'study_research'));
    await syncAll();
    expect((await serverCounts('2026-10', 'KH-12')).cells['ACTIVITIES|kind=study_research']).toBe(2);

    await saveActivity(activity('2026-09-30', 'study_research', 'KH-13'), moved.id);
    await deleteActivity(gone.id);
    await syncAll();
    expect((await serverCounts('2026-10', 'KH-12')).cells['ACTIVITIES|kind=study_research']).toBeUndefined();
    expect((await serverCounts('2026-09', 'KH-13')).cells).toEqual({ 'ACTIVITIES|kind=study_research': 1 });
    expect((await serverCounts('2026-10', 'KH-12')).cells['ACTIVITIES|kind=campaign_activity']).toBe(5);
  });

  it('a device restored from an old backup never overwrites newer numbers with a stale revision', async () => {
    // Device A, reinstalled with its old enrolment and an empty database: its revisions start again at 1,
    // below the 3 the server holds. The server refuses the stale one; the device goes above it.
    await device('Tablet A', a);
    await saveActivity(activity('2026-10-05', 'campaign_activity'));
    await syncAll();
    const t = await serverCounts('2026-10', 'KH-12');
    // A now reports 1 (its current numbers), B still 2 + its case.
    expect(t.cells['ACTIVITIES|kind=campaign_activity']).toBe(3);
    expect(t.devices).toBe(2);
    expect((await db.outbox.toArray())[0]).toMatchObject({ revision: 4, sentRevision: 4 });
  });
});

describe('identity, settings and status against the reference server', () => {
  /** A fresh device, enrolled as `install` through the real upstream.ts; returns what the server said. */
  async function enrolAsInstall(label: string, install = newInstallation(), wipe = true) {
    if (wipe) {
      await db.delete();
      await db.open();
    }
    const res = await enrol(server.url, CODE, label, install);
    if (res.kind !== 'ok') throw new Error(`enrolment failed: ${JSON.stringify(res)}`);
    await saveEnrolment(
      {
        serverUrl: server.url,
        deviceId: res.deviceId,
        token: res.token,
        enrolledAt: new Date().toISOString(),
      },
      { resend: res.resend },
    );
    await acceptPreview();
    return res;
  }

  it('enrolling again as the same installation keeps the device id and re-sends nothing', async () => {
    const install = newInstallation();
    const first = await enrolAsInstall('Tablet I', install);
    expect(first.resend).toBe(true);
    await saveActivity(activity('2026-07-01', 'campaign_activity', 'KH-2'));
    await syncAll();
    const again = await enrolAsInstall('Tablet I', install, false);
    expect(again).toMatchObject({ deviceId: first.deviceId, resend: false });
    expect(again.token).not.toBe(first.token);
    expect(await pending()).toEqual([]);
    expect(await serverCounts('2026-07', 'KH-2')).toEqual({
      devices: 1,
      cells: { 'ACTIVITIES|kind=campaign_activity': 1 },
    });
  });

  it("the server's settings are applied at the next run, then asked for with the ETag (304)", async () => {
    await enrolAsInstall('Tablet S');
    const thresholds = {
      hazardousHours: 40,
      lightWorkAge: 12,
      minimumAge: 15,
      belowLightWorkAgeHours: 1,
      lightWorkHours: 14,
      choreHours: 21,
    };
    const set = await admin(server.url, 'PUT', '/config', { homeCountry: 'KH', thresholds });
    expect(set.status).toBe(200);
    await syncNow({ force: true });
    const { settings } = await import('../../src/settings/repo');
    expect(settings.value).toMatchObject({ homeCountry: 'KH', thresholds });
    const { readConfigState } = await import('../../src/sync/config');
    expect(await readConfigState()).toMatchObject({
      from: ['locations', 'homeCountry', 'thresholds'],
      refused: [],
    });

    const realFetch = globalThis.fetch;
    const statuses: number[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const res = await realFetch(input, init);
      if (String(input).endsWith('/api/v1/config')) statuses.push(res.status);
      return res;
    });
    await syncNow({ force: true });
    expect(statuses).toEqual([304]);
  });

  it('each run ends with the status the administrator reads in the device list', async () => {
    const me = await enrolAsInstall('Tablet H');
    await saveActivity(activity('2026-06-03', 'campaign_activity'));
    await syncAll();
    const list = (await (await admin(server.url, 'GET', '/devices')).json()) as {
      devices: Array<{ deviceId: string; pending: number; appVersion: string; syncedAt: string | null }>;
    };
    expect(list.devices.find((d) => d.deviceId === me.deviceId)).toMatchObject({
      pending: 0,
      appVersion: 'dev',
    });
  });
});
