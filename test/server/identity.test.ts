// One identity per installation (SPEC §6): enrolling again as the same installation keeps the device, its
// reports and the totals; a wrong key is refused; absorbing another installation takes its numbers out once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  admin,
  cell,
  enrolAs,
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
const national = async (period = '2026-01') => tally(s.url, ADMIN, period, 'KH');

describe('enrolling again as the same installation', () => {
  it('keeps the deviceId, kills the old token, and the totals stay the device’s own', async () => {
    const install = newInstall();
    const first = await enrolAs(s.url, install);
    expect(first).toMatchObject({ scope: null, resend: true, configVersion: 1 });
    expect((await put(s.url, first, '2026-01', 'KH-12', report([girls], 1))).status).toBe(200);

    // Disconnect and enrol again (or a proxy's 401 and enrol again): same device, new token.
    const again = await enrolAs(s.url, install, { label: 'Renamed tablet' });
    expect(again.deviceId).toBe(first.deviceId);
    expect(again.token).not.toBe(first.token);
    expect(again.resend).toBe(false);
    expect((await put(s.url, first, '2026-01', 'KH-12', report([girls], 2))).status).toBe(401);

    // The device re-sends its month under the new token: the server still shows 2, not 4.
    expect((await put(s.url, again, '2026-01', 'KH-12', report([girls], 2))).status).toBe(200);
    expect(await national()).toMatchObject({ devices: 1, values: [girls] });
    const devices = (await (await admin(s.url, 'GET', '/devices')).json()).devices;
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ deviceId: first.deviceId, label: 'Renamed tablet' });
  });

  it('refuses a known installId with another key: 409 install_conflict, nothing changes', async () => {
    const install = newInstall();
    const first = await enrolAs(s.url, install);
    const res = await postJson(`${s.url}/api/v1/devices`, {
      enrolmentCode: 'test-enrolment-code',
      label: 'Impostor',
      installId: install.installId,
      installKey: newInstall().installKey,
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'install_conflict' });
    // The real device's token still works.
    expect((await put(s.url, first, '2026-01', 'KH-12', report([girls]))).status).toBe(200);
  });

  it('refuses half an identity with 400', async () => {
    const res = await postJson(`${s.url}/api/v1/devices`, {
      enrolmentCode: 'test-enrolment-code',
      label: 'Tablet',
      installId: newInstall().installId,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).issues.map((i: { path: unknown }) => i.path)).toContainEqual(['installKey']);
  });

  it('makes two installations two devices', async () => {
    const a = await enrolAs(s.url, newInstall());
    const b = await enrolAs(s.url, newInstall());
    expect(a.deviceId).not.toBe(b.deviceId);
  });
});

describe('absorb', () => {
  it('takes the other installation’s reports out of the sums; the union is counted once', async () => {
    const installA = newInstall();
    const a = await enrolAs(s.url, installA, { label: 'A' });
    const b = await enrolAs(s.url, newInstall(), { label: 'B' });
    await put(s.url, a, '2026-01', 'KH-12', report([girls]));
    await put(s.url, b, '2026-01', 'KH-12', report([{ ...girls, value: 5 }]));
    expect((await national()).values).toEqual([{ ...girls, value: 7 }]);

    // A's backup restored into B: B absorbs A, then re-sends every month with A's records in it.
    const res = await postJson(`${s.url}/api/v1/devices/${b.deviceId}/absorb`, installA, {
      authorization: `Bearer ${b.token}`,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ absorbed: a.deviceId });
    expect(await national()).toMatchObject({ devices: 1, values: [{ ...girls, value: 5 }] });
    await put(s.url, b, '2026-01', 'KH-12', report([{ ...girls, value: 7 }], 2));
    expect(await national()).toMatchObject({ devices: 1, values: [{ ...girls, value: 7 }] });

    // A's token is dead and A's installation cannot come back as a second counter of the same records.
    expect((await put(s.url, a, '2026-01', 'KH-12', report([girls], 2))).status).toBe(401);
    const back = await postJson(`${s.url}/api/v1/devices`, {
      enrolmentCode: 'test-enrolment-code',
      label: 'A again',
      ...installA,
    });
    expect(back.status).toBe(409);
    expect(await back.json()).toEqual({ error: 'install_absorbed' });
    // Absorbing again answers the same and changes nothing.
    const twice = await postJson(`${s.url}/api/v1/devices/${b.deviceId}/absorb`, installA, {
      authorization: `Bearer ${b.token}`,
    });
    expect(await twice.json()).toEqual({ absorbed: a.deviceId });
    expect((await national()).values).toEqual([{ ...girls, value: 7 }]);
  });

  it('answers absorbed: null for an installation that never enrolled here', async () => {
    const b = await enrolAs(s.url, newInstall());
    const res = await postJson(`${s.url}/api/v1/devices/${b.deviceId}/absorb`, newInstall(), {
      authorization: `Bearer ${b.token}`,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ absorbed: null });
  });

  it('refuses a wrong key, its own installation, and another device’s path', async () => {
    const installA = newInstall();
    const installB = newInstall();
    const a = await enrolAs(s.url, installA);
    const b = await enrolAs(s.url, installB);
    await put(s.url, a, '2026-01', 'KH-12', report([girls]));
    const as = (device: typeof b, body: unknown, id = device.deviceId) =>
      postJson(`${s.url}/api/v1/devices/${id}/absorb`, body, { authorization: `Bearer ${device.token}` });

    const wrongKey = await as(b, { installId: installA.installId, installKey: installB.installKey });
    expect(wrongKey.status).toBe(409);
    expect(await wrongKey.json()).toEqual({ error: 'install_conflict' });
    const self = await as(b, installB);
    expect(self.status).toBe(400);
    expect(await self.json()).toEqual({ error: 'cannot_absorb_self' });
    const other = await as(b, installA, a.deviceId);
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ error: 'wrong_device' });
    expect((await national()).values).toEqual([girls]);
  });
});
