// Authority (SPEC §6): enrolment codes per subtree with expiry and uses, writes and reads only inside the
// device's subtree, and retiring a device with its numbers kept or removed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  admin,
  cell,
  enrolAs,
  makeCode,
  newInstall,
  postJson,
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

const girls = cell('CHILDREN_IDENTIFIED', { sex: 'female', ageBand: '12-14' }, 2);
const enrolWith = (code: string) =>
  postJson(`${s.url}/api/v1/devices`, { enrolmentCode: code, label: 'Tablet', ...newInstall() });

describe('enrolment codes', () => {
  it('makes a code for a subtree once, lists it without the code, and enrols into that scope', async () => {
    const res = await admin(s.url, 'POST', '/enrolment-codes', { orgUnit: 'KH-12', label: 'Kampot' });
    expect(res.status).toBe(201);
    const made = await res.json();
    expect(made.code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const list = (await (await admin(s.url, 'GET', '/enrolment-codes')).json()).codes;
    expect(list).toEqual([{ ...made, code: undefined }].map(({ code: _c, ...rest }) => rest));
    expect(JSON.stringify(list)).not.toContain(made.code);

    // Typed with capitals and spaces it is the same code.
    const device = await enrolAs(s.url, newInstall(), { code: made.code.toUpperCase().replaceAll('-', ' ') });
    expect(device.scope).toBe('KH-12');
    const after = (await (await admin(s.url, 'GET', '/enrolment-codes')).json()).codes[0];
    expect(after.uses).toBe(1);
  });

  it('refuses an expired code, a used-up code, a revoked code and a wrong one', async () => {
    const expired = await makeCode(s.url, { orgUnit: 'KH', expiresAt: '2020-01-01T00:00:00Z' });
    expect(await (await enrolWith(expired)).json()).toEqual({ error: 'enrolment_code_expired' });

    const once = await makeCode(s.url, { orgUnit: 'KH', maxUses: 1 });
    expect((await enrolWith(once)).status).toBe(201);
    const second = await enrolWith(once);
    expect(second.status).toBe(403);
    expect(await second.json()).toEqual({ error: 'enrolment_code_used_up' });

    const res = await admin(s.url, 'POST', '/enrolment-codes', { orgUnit: null });
    const { id, code } = await res.json();
    expect((await admin(s.url, 'DELETE', `/enrolment-codes/${id}`)).status).toBe(200);
    expect(await (await enrolWith(code)).json()).toEqual({ error: 'wrong_enrolment_code' });
    expect(await (await enrolWith('abcd-efgh-jkmn')).json()).toEqual({ error: 'wrong_enrolment_code' });
  });

  it('refuses a code for a location the tree does not know', async () => {
    const res = await admin(s.url, 'POST', '/enrolment-codes', { orgUnit: 'XX-99' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'unknown_org_unit' });
  });

  it('opens enrolment with an administrator’s code even without a bootstrap code', async () => {
    await s.close();
    s = await startServer({ enrolmentCode: null });
    expect((await enrolWith('anything')).status).toBe(403);
    const code = await makeCode(s.url, { orgUnit: 'KH' });
    expect((await enrolWith(code)).status).toBe(201);
  });

  it('keeps the admin API to the admin token', async () => {
    const device = await enrolAs(s.url, newInstall());
    for (const token of [device.token, `${ADMIN}x`]) {
      expect((await admin(s.url, 'GET', '/devices', undefined, token)).status).toBe(401);
      expect((await admin(s.url, 'POST', '/enrolment-codes', { orgUnit: null }, token)).status).toBe(401);
    }
  });
});

describe('scope', () => {
  it('refuses writes and reads outside the subtree with 403 out_of_scope, and stores nothing', async () => {
    const code = await makeCode(s.url, { orgUnit: 'KH-12' });
    const d = await enrolAs(s.url, newInstall(), { code });
    expect((await put(s.url, d, '2026-01', 'KH-12', report([girls]))).status).toBe(200);

    const outside = await put(s.url, d, '2026-01', 'KH-2', report([girls]));
    expect(outside.status).toBe(403);
    expect(await outside.json()).toEqual({ error: 'out_of_scope' });
    const above = await put(s.url, d, '2026-01', 'KH', report([girls]));
    expect(above.status).toBe(403);
    expect(await tally(s.url, ADMIN, '2026-01', 'KH')).toMatchObject({ devices: 1, values: [girls] });

    const read = await fetch(`${s.url}/api/v1/tallies?period=2026-01&orgUnit=KH`, {
      headers: { authorization: `Bearer ${d.token}` },
    });
    expect(read.status).toBe(403);
    expect(await read.json()).toEqual({ error: 'out_of_scope' });
    expect((await tally(s.url, d.token, '2026-01', 'KH-12')).values).toEqual([girls]);
  });

  it('refuses a report for a location the tree does not know, with the reason', async () => {
    const d = await enrolAs(s.url, newInstall());
    const res = await put(s.url, d, '2026-01', 'KH-999', report([girls]));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ error: 'unknown_org_unit', issues: [{ path: ['orgUnit'] }] });
    expect(body.reason).toContain('location');
  });

  it('does not let a device absorb an installation outside its subtree', async () => {
    const installWide = newInstall();
    const wide = await enrolAs(s.url, installWide);
    await put(s.url, wide, '2026-01', 'KH-2', report([girls]));
    const narrow = await enrolAs(s.url, newInstall(), { code: await makeCode(s.url, { orgUnit: 'KH-12' }) });
    const res = await postJson(`${s.url}/api/v1/devices/${narrow.deviceId}/absorb`, installWide, {
      authorization: `Bearer ${narrow.token}`,
    });
    expect(res.status).toBe(403);
    expect((await tally(s.url, ADMIN, '2026-01', 'KH')).values).toEqual([girls]);
  });
});

describe('devices', () => {
  it('lists devices with label, scope, enrolment, last heard from, app version and pending months', async () => {
    const d = await enrolAs(s.url, newInstall(), {
      label: 'Kampot 1',
      code: await makeCode(s.url, { orgUnit: 'KH-12' }),
    });
    const status = await fetch(`${s.url}/api/v1/devices/${d.deviceId}/status`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        appVersion: '0.2.0',
        pending: 3,
        oldestPendingPeriod: '2025-11',
        syncedAt: '2026-02-03T08:00:00Z',
      }),
    });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ status: 'recorded' });
    const [listed] = (await (await admin(s.url, 'GET', '/devices')).json()).devices;
    expect(listed).toMatchObject({
      deviceId: d.deviceId,
      label: 'Kampot 1',
      scope: 'KH-12',
      appVersion: '0.2.0',
      pending: 3,
      oldestPendingPeriod: '2025-11',
      syncedAt: '2026-02-03T08:00:00Z',
      retiredAt: null,
    });
    expect(Date.parse(listed.enrolledAt)).not.toBeNaN();
    expect(Date.parse(listed.lastHeardAt)).not.toBeNaN();
  });

  it('refuses a status with a bad body or for another device', async () => {
    const d = await enrolAs(s.url, newInstall());
    const other = await enrolAs(s.url, newInstall());
    const send = (id: string, body: unknown) =>
      fetch(`${s.url}/api/v1/devices/${id}/status`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const good = { appVersion: '1', pending: 0, oldestPendingPeriod: null, syncedAt: '2026-02-03T08:00:00Z' };
    expect((await send(other.deviceId, good)).status).toBe(403);
    const bad = await send(d.deviceId, { ...good, pending: -1 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues[0].path).toEqual(['pending']);
  });

  it.each([
    ['keep', [{ ...girls, value: 5 }], 2],
    ['remove', [{ ...girls, value: 3 }], 1],
  ] as const)(
    'retires a device with numbers %s: token dead at once, sums right',
    async (numbers, values, devices) => {
      const lost = await enrolAs(s.url, newInstall(), { label: 'Lost' });
      const kept = await enrolAs(s.url, newInstall(), { label: 'Kept' });
      await put(s.url, lost, '2026-01', 'KH-12', report([girls]));
      await put(s.url, kept, '2026-01', 'KH-2', report([{ ...girls, value: 3 }]));
      const res = await admin(s.url, 'POST', `/devices/${lost.deviceId}/retire`, { numbers });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        deviceId: lost.deviceId,
        numbers: numbers === 'keep' ? 'kept' : 'removed',
      });
      expect((await put(s.url, lost, '2026-01', 'KH-12', report([girls], 2))).status).toBe(401);
      const read = await fetch(`${s.url}/api/v1/tallies?period=2026-01&orgUnit=KH`, {
        headers: { authorization: `Bearer ${lost.token}` },
      });
      expect(read.status).toBe(401);
      expect(await tally(s.url, ADMIN, '2026-01', 'KH')).toMatchObject({ devices, values });
    },
  );

  it('answers 404 for retiring a device that does not exist, 400 for a bad choice', async () => {
    expect((await admin(s.url, 'POST', '/devices/nope/retire', { numbers: 'keep' })).status).toBe(404);
    const d = await enrolAs(s.url, newInstall());
    expect((await admin(s.url, 'POST', `/devices/${d.deviceId}/retire`, { numbers: 'maybe' })).status).toBe(
      400,
    );
  });

  it('lets a retired installation come back as the same device, told to re-send when its numbers went', async () => {
    const install = newInstall();
    const d = await enrolAs(s.url, install);
    await put(s.url, d, '2026-01', 'KH-12', report([girls]));
    await admin(s.url, 'POST', `/devices/${d.deviceId}/retire`, { numbers: 'remove' });
    const back = await enrolAs(s.url, install);
    expect(back).toMatchObject({ deviceId: d.deviceId, resend: true });
    // Its old revision is gone with its numbers: revision 1 is accepted again.
    expect((await put(s.url, back, '2026-01', 'KH-12', report([girls], 1))).status).toBe(200);
    expect(await tally(s.url, ADMIN, '2026-01', 'KH')).toMatchObject({ devices: 1, values: [girls] });
  });
});
