// Devices and enrolment codes through the console: each account sees its own area's; administrators make a
// code (shown once) for a location inside their area, revoke it, and retire a device, keeping or removing
// its numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, makeAccount, signIn } from './console-helpers';
import { ADMIN, cell, type Device, enrol, put, type Running, report, startServer, tally } from './helpers';

let s: Running;
let a: Device;
let b: Device;
let admin: Browser; // administrator of KH
let dara: Browser; // coordinator of KH-12
let vn: Browser; // administrator of VN

beforeAll(async () => {
  s = await startServer();
  a = await enrol(s.url, 'Phone A');
  b = await enrol(s.url, 'Phone B');
  expect(
    (
      await put(
        s.url,
        a,
        '2026-01',
        'KH-12',
        report([cell('INSPECTIONS', { hardToReach: 'no', sector: 'A' }, 7)]),
      )
    ).status,
  ).toBe(200);
  expect(
    (
      await put(
        s.url,
        b,
        '2026-01',
        'KH-12',
        report([cell('INSPECTIONS', { hardToReach: 'no', sector: 'A' }, 5)]),
      )
    ).status,
  ).toBe(200);
  await makeAccount(s.url, { username: 'kh-admin', role: 'admin', scope: 'KH' });
  await makeAccount(s.url, { username: 'vn-admin', role: 'admin', scope: 'VN' });
  await makeAccount(s.url, { username: 'dara', scope: 'KH-12' });
  [admin, dara, vn] = await Promise.all([
    signIn(s.url, 'kh-admin'),
    signIn(s.url, 'dara'),
    signIn(s.url, 'vn-admin'),
  ]);
}, 60_000);
afterAll(() => s.close());

const labels = async (b: Browser) =>
  ((await (await b.get('/console/api/devices')).json()).devices as { label: string }[])
    .map((d) => d.label)
    .sort();

describe('console devices and codes', { timeout: 60_000 }, () => {
  it('lists the devices that report in the area, to its coordinator too, and none of another country', async () => {
    expect(await labels(admin)).toEqual(['Phone A', 'Phone B']);
    expect(await labels(dara)).toEqual(['Phone A', 'Phone B']);
    expect(await labels(vn)).toEqual([]);
  });

  it('makes a code for a location inside the area, shown once; it enrols a device for that location', async () => {
    const res = await admin.post('/console/api/codes', {
      orgUnit: 'KH-12',
      label: 'Kampot workshop',
      maxUses: 5,
    });
    expect(res.status).toBe(201);
    const made = await res.json();
    expect(made.code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    const listed = (await (await dara.get('/console/api/codes')).json()).codes;
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(made.code);
    const device = await fetch(`${s.url}/api/v1/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrolmentCode: made.code, label: 'Phone C' }),
    });
    expect(device.status).toBe(201);
    expect((await device.json()).scope).toBe('KH-12');
    expect(await labels(dara)).toEqual(['Phone A', 'Phone B', 'Phone C']);
    expect(await labels(vn)).toEqual([]);
  });

  it('refuses a code outside the area, and any code from a coordinator', async () => {
    expect((await admin.post('/console/api/codes', { orgUnit: 'VN-HN', label: 'x' })).status).toBe(403);
    expect((await admin.post('/console/api/codes', { orgUnit: null, label: 'x' })).status).toBe(403);
    expect((await dara.post('/console/api/codes', { orgUnit: 'KH-12', label: 'x' })).status).toBe(403);
  });

  it('revokes a code: it enrols no more devices', async () => {
    const made = await (
      await admin.post('/console/api/codes', { orgUnit: 'KH-12', label: 'to revoke' })
    ).json();
    const del = await fetch(`${s.url}/console/api/codes/${made.id}`, {
      method: 'DELETE',
      headers: { cookie: admin.cookie!, origin: s.url },
    });
    expect(del.status).toBe(200);
    const device = await fetch(`${s.url}/api/v1/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrolmentCode: made.code, label: 'Phone D' }),
    });
    expect(device.status).toBe(403);
  });

  it('retires a device, removing its numbers; another country cannot', async () => {
    const id = b.deviceId;
    expect((await vn.post(`/console/api/devices/${id}/retire`, { numbers: 'remove' })).status).toBe(404);
    expect((await dara.post(`/console/api/devices/${id}/retire`, { numbers: 'remove' })).status).toBe(403);
    const res = await admin.post(`/console/api/devices/${id}/retire`, { numbers: 'remove' });
    expect(res.status).toBe(200);
    expect((await res.json()).device).toMatchObject({ numbers: 'removed' });
    const t = await tally(s.url, ADMIN, '2026-01', 'KH-12');
    expect(t.values.reduce((n, v) => n + v.value, 0)).toBe(7);
    // Its token is dead.
    expect((await put(s.url, b, '2026-02', 'KH-12', report([]))).status).toBe(401);
  });
});
