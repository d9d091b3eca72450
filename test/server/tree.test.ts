// The location tree on the server (SPEC §6): roll-ups over every location under the one asked, one per child
// with children=true, a national list loaded whole or not at all, and the settings devices fetch (config).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  admin,
  cell,
  enrolAs,
  loadLocations,
  newInstall,
  put,
  type Running,
  report,
  startServer,
  tally,
} from './helpers';

let s: Running;
beforeEach(async () => {
  s = await startServer();
});
afterEach(() => s.close());

const girls = (value: number) => cell('CHILDREN_IDENTIFIED', { sex: 'female', ageBand: '12-14' }, value);
const inspections = (value: number) => cell('INSPECTIONS', { hardToReach: 'yes', sector: 'A' }, value);

/** A national list of three levels: country, provinces, districts. */
const NATIONAL = [
  { code: 'LA', name: 'Lao PDR', parent: null },
  { code: 'LA-VT', name: 'Vientiane Capital', parent: 'LA' },
  { code: 'LA-VT-01', name: 'Chanthabouly', parent: 'LA-VT' },
  { code: 'LA-VT-02', name: 'Sikhottabong', parent: 'LA-VT' },
  { code: 'LA-LP', name: 'Luang Prabang', parent: 'LA' },
  { code: 'LA-LP-01', name: 'Luang Prabang district', parent: 'LA-LP' },
];

describe('roll-ups', () => {
  it('sums KH = KH-12 + KH-2 over two devices, with one roll-up per child on request', async () => {
    const a = await enrolAs(s.url, newInstall(), { label: 'A' });
    const b = await enrolAs(s.url, newInstall(), { label: 'B' });
    await put(s.url, a, '2026-01', 'KH-12', report([girls(2), inspections(1)]));
    await put(s.url, b, '2026-01', 'KH-12', report([girls(3)]));
    await put(s.url, b, '2026-01', 'KH-2', report([girls(4)]));
    await put(s.url, a, '2026-02', 'KH-2', report([girls(100)]));

    const kh = await tally(s.url, ADMIN, '2026-01', 'KH', true);
    expect(kh).toMatchObject({ orgUnit: 'KH', devices: 2, values: [girls(9), inspections(1)] });
    const children = kh.children!;
    expect(children).toHaveLength(25);
    expect(children.find((c) => c.orgUnit === 'KH-12')).toEqual({
      orgUnit: 'KH-12',
      devices: 2,
      values: [girls(5), inspections(1)],
    });
    expect(children.find((c) => c.orgUnit === 'KH-2')).toEqual({
      orgUnit: 'KH-2',
      devices: 1,
      values: [girls(4)],
    });
    expect(children.find((c) => c.orgUnit === 'KH-1')).toEqual({ orgUnit: 'KH-1', devices: 0, values: [] });
    // The sum of the children is the parent, cell by cell.
    const sum = children.flatMap((c) => c.values).reduce((n, v) => n + v.value, 0);
    expect(sum).toBe(kh.values.reduce((n, v) => n + v.value, 0));
    expect((await tally(s.url, ADMIN, '2026-01', 'KH-12')).children).toBeUndefined();
  });

  it('rolls a loaded three-level national list up at every level, and a replace moves every level', async () => {
    await loadLocations(s.url, NATIONAL);
    const d = await enrolAs(s.url, newInstall());
    const e = await enrolAs(s.url, newInstall());
    await put(s.url, d, '2026-03', 'LA-VT-01', report([girls(1)]));
    await put(s.url, d, '2026-03', 'LA-VT-02', report([girls(2)]));
    await put(s.url, e, '2026-03', 'LA-LP-01', report([girls(4)]));
    await put(s.url, e, '2026-03', 'LA-VT', report([inspections(8)]));

    expect(await tally(s.url, ADMIN, '2026-03', 'LA')).toMatchObject({
      devices: 2,
      values: [girls(7), inspections(8)],
    });
    expect(await tally(s.url, ADMIN, '2026-03', 'LA-VT')).toMatchObject({
      devices: 2,
      values: [girls(3), inspections(8)],
    });
    expect(await tally(s.url, ADMIN, '2026-03', 'LA-VT-02')).toMatchObject({
      devices: 1,
      values: [girls(2)],
    });

    await put(s.url, d, '2026-03', 'LA-VT-02', report([girls(10)], 2));
    expect((await tally(s.url, ADMIN, '2026-03', 'LA')).values).toEqual([girls(15), inspections(8)]);
    expect((await tally(s.url, ADMIN, '2026-03', 'LA-VT')).values).toEqual([girls(11), inspections(8)]);
    // The shipped list is gone: its codes are unknown now.
    const kh = await fetch(`${s.url}/api/v1/tallies?period=2026-03&orgUnit=KH`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(kh.status).toBe(400);
  });
});

describe('loading a location list', () => {
  it('loads CSV, rebuilding the sums for the new tree', async () => {
    const d = await enrolAs(s.url, newInstall());
    await put(s.url, d, '2026-01', 'KH-12', report([girls(2)]));
    // The same codes under a new region level: KH-12 now rolls up through KH-SOUTH.
    const csv = [
      '\uFEFFcode;name;parent',
      'KH;Cambodia;',
      'KH-SOUTH;South;KH',
      'KH-12;Phnom Penh;KH-SOUTH',
      '"KH-2";"Battambang; the rice bowl";KH',
    ].join('\r\n');
    const res = await fetch(`${s.url}/api/v1/admin/locations`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ version: 2, count: 4 });
    expect((await tally(s.url, ADMIN, '2026-01', 'KH-SOUTH')).values).toEqual([girls(2)]);
    expect((await tally(s.url, ADMIN, '2026-01', 'KH')).values).toEqual([girls(2)]);
    const listed = await (await admin(s.url, 'GET', '/locations')).json();
    expect(listed.locations.find((l: { code: string }) => l.code === 'KH-2').name).toBe(
      'Battambang; the rice bowl',
    );
  });

  it('refuses a file with bad rows whole, listing each, and keeps the old tree', async () => {
    const res = await fetch(`${s.url}/api/v1/admin/locations`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/csv' },
      body: 'code,name,parent\nLA,Lao PDR,\nLA-1,,LA\nLA-2,Two,NOPE\nLA,Again,\n',
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('invalid_locations');
    expect(body.problems.map((p: { line: number; reason: string }) => [p.line, p.reason])).toEqual([
      [3, 'errors.locationName'],
      [4, 'errors.locationParentMissing'],
      [5, 'errors.locationDuplicate'],
    ]);
    expect((await (await admin(s.url, 'GET', '/locations')).json()).locations).toHaveLength(303);
  });

  it('refuses a tree that drops a location reports or scopes use: 409 locations_in_use', async () => {
    const d = await enrolAs(s.url, newInstall());
    await put(s.url, d, '2026-01', 'KH-12', report([girls(2)]));
    const res = await fetch(`${s.url}/api/v1/admin/locations`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(NATIONAL),
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'locations_in_use', codes: ['KH-12'] });
    expect((await tally(s.url, ADMIN, '2026-01', 'KH')).values).toEqual([girls(2)]);
  });

  it('goes back to the shipped list', async () => {
    await loadLocations(s.url, NATIONAL);
    const res = await admin(s.url, 'DELETE', '/locations');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ version: 3, count: 303 });
  });
});

describe('GET /api/v1/config', () => {
  it('serves the tree and settings with an ETag, 304 while unchanged, and a new version on change', async () => {
    const d = await enrolAs(s.url, newInstall());
    const get = (etag?: string) =>
      fetch(`${s.url}/api/v1/config`, {
        headers: { authorization: `Bearer ${d.token}`, ...(etag ? { 'if-none-match': etag } : {}) },
      });
    const first = await get();
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toBe('"1"');
    const body = await first.json();
    expect(body).toMatchObject({ version: 1, homeCountry: null, thresholds: null, dhis2Mapping: null });
    expect(body.locations).toHaveLength(303);
    expect((await get(etag)).status).toBe(304);

    const thresholds = {
      hazardousHours: 40,
      lightWorkAge: 13,
      minimumAge: 15,
      belowLightWorkAgeHours: 1,
      lightWorkHours: 14,
      choreHours: 21,
    };
    const put = await admin(s.url, 'PUT', '/config', { homeCountry: 'KH', thresholds });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ version: 2, homeCountry: 'KH', thresholds });
    const changed = await get(etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(await changed.json()).toMatchObject({ version: 2, homeCountry: 'KH', thresholds });
    // A new tree is a new version too, and enrolment says which version is current.
    await loadLocations(s.url, NATIONAL);
    expect((await enrolAs(s.url, newInstall())).configVersion).toBe(3);
  });

  it('refuses settings that do not fit: a home country that is not a root, bad thresholds, a bad mapping', async () => {
    expect((await admin(s.url, 'PUT', '/config', { homeCountry: 'KH-12' })).status).toBe(400);
    const t = {
      hazardousHours: 0,
      lightWorkAge: 15,
      minimumAge: 12,
      belowLightWorkAgeHours: 1,
      lightWorkHours: 1,
      choreHours: 1,
    };
    expect((await admin(s.url, 'PUT', '/config', { thresholds: t })).status).toBe(400);
    const mapping = await admin(s.url, 'PUT', '/config', { dhis2Mapping: { indicators: { NOPE: {} } } });
    expect(mapping.status).toBe(400);
    expect((await mapping.json()).issues[0].path[0]).toBe('dhis2Mapping');
    expect(
      (
        await (
          await fetch(`${s.url}/api/v1/config`, { headers: { authorization: `Bearer ${ADMIN}` } })
        ).json()
      ).version,
    ).toBe(1);
  });

  it('needs a token', async () => {
    expect((await fetch(`${s.url}/api/v1/config`)).status).toBe(401);
  });
});
