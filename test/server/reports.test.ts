// PUT /api/v1/reports: replace-all per (device, period, orgUnit), revisions that only move forward, and the
// tally that sums every device's latest numbers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cell, type Device, enrol, put, type Running, report, startServer, tally } from './helpers';

let s: Running;
let dev: Device;
beforeEach(async () => {
  s = await startServer();
  dev = await enrol(s.url);
});
afterEach(() => s.close());

const girls12 = cell('CHILDREN_IDENTIFIED', { sex: 'female', ageBand: '12-14' }, 3);
const boys15 = cell('CHILDREN_IDENTIFIED', { sex: 'male', ageBand: '15-17' }, 2);
const inspections = cell('INSPECTIONS', { hardToReach: 'yes', sector: 'A' }, 5);

describe('reports', () => {
  it('stores a report and the tally shows it', async () => {
    const res = await put(s.url, dev, '2026-01', 'KH-12', report([girls12, inspections]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'stored', revision: 1 });
    expect(await tally(s.url, dev.token, '2026-01', 'KH-12')).toEqual({
      period: '2026-01',
      orgUnit: 'KH-12',
      devices: 1,
      values: [girls12, inspections],
    });
  });

  it('replaces everything the device sent before for that period and orgUnit', async () => {
    await put(s.url, dev, '2026-01', 'KH-12', report([girls12, boys15, inspections], 1));
    const res = await put(s.url, dev, '2026-01', 'KH-12', report([{ ...girls12, value: 4 }], 2));
    expect(res.status).toBe(200);
    expect((await tally(s.url, dev.token, '2026-01', 'KH-12')).values).toEqual([{ ...girls12, value: 4 }]);
  });

  it('leaves other periods and orgUnits of the same device alone', async () => {
    await put(s.url, dev, '2026-01', 'KH-12', report([girls12]));
    await put(s.url, dev, '2026-02', 'KH-12', report([boys15]));
    await put(s.url, dev, '2026-01', 'KH-13', report([inspections]));
    await put(s.url, dev, '2026-01', 'KH-12', report([], 2));
    expect((await tally(s.url, dev.token, '2026-01', 'KH-12')).values).toEqual([]);
    expect((await tally(s.url, dev.token, '2026-02', 'KH-12')).values).toEqual([boys15]);
    expect((await tally(s.url, dev.token, '2026-01', 'KH-13')).values).toEqual([inspections]);
  });

  it('answers the same revision again with 200 and changes nothing', async () => {
    await put(s.url, dev, '2026-01', 'KH-12', report([girls12], 3));
    const res = await put(s.url, dev, '2026-01', 'KH-12', report([{ ...girls12, value: 99 }], 3));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'unchanged', revision: 3 });
    expect((await tally(s.url, dev.token, '2026-01', 'KH-12')).values).toEqual([girls12]);
  });

  it('refuses a stale revision with 409, says the current one, and keeps the newer numbers', async () => {
    await put(s.url, dev, '2026-01', 'KH-12', report([girls12], 7));
    const res = await put(s.url, dev, '2026-01', 'KH-12', report([boys15], 6));
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'stale_revision', currentRevision: 7 });
    expect((await tally(s.url, dev.token, '2026-01', 'KH-12')).values).toEqual([girls12]);
  });

  it('sums over devices, counts the devices, and leaves out zero cells', async () => {
    const other = await enrol(s.url, 'Tablet 2');
    await put(s.url, dev, '2026-01', 'KH-12', report([girls12, { ...inspections, value: 0 }]));
    // The same breakdown with its keys in another order is the same cell.
    await put(
      s.url,
      other,
      '2026-01',
      'KH-12',
      report([cell('CHILDREN_IDENTIFIED', { ageBand: '12-14', sex: 'female' }, 4)]),
    );
    expect(await tally(s.url, other.token, '2026-01', 'KH-12')).toEqual({
      period: '2026-01',
      orgUnit: 'KH-12',
      devices: 2,
      values: [{ ...girls12, value: 7 }],
    });
  });

  it('counts a device whose latest report is all zeros, with no values', async () => {
    await put(s.url, dev, '2026-01', 'KH-12', report([{ ...girls12, value: 0 }]));
    expect(await tally(s.url, dev.token, '2026-01', 'KH-12')).toMatchObject({ devices: 1, values: [] });
  });

  it('rolls a province up into its country, and keeps codes case-sensitive', async () => {
    await put(s.url, dev, '2026-01', 'KH-12', report([girls12]));
    expect(await tally(s.url, dev.token, '2026-01', 'KH')).toMatchObject({ devices: 1, values: [girls12] });
    const lower = await fetch(`${s.url}/api/v1/tallies?period=2026-01&orgUnit=kh-12`, {
      headers: { authorization: `Bearer ${dev.token}` },
    });
    expect(lower.status).toBe(400);
    expect(await lower.json()).toMatchObject({ error: 'unknown_org_unit' });
  });

  it('keeps the highest revision when one device sends many revisions at once', async () => {
    const revisions = [3, 1, 5, 2, 4];
    const results = await Promise.all(
      revisions.map((r) => put(s.url, dev, '2026-01', 'KH-12', report([{ ...girls12, value: r * 10 }], r))),
    );
    for (const res of results) expect([200, 409]).toContain(res.status);
    expect((await tally(s.url, dev.token, '2026-01', 'KH-12')).values).toEqual([{ ...girls12, value: 50 }]);
  });

  it('sums exactly when 20 devices send at the same time', async () => {
    const devices = await Promise.all(Array.from({ length: 20 }, (_, i) => enrol(s.url, `Tablet ${i}`)));
    const statuses = await Promise.all(
      devices.flatMap((d, i) =>
        [1, 2, 3].map((rev) =>
          put(
            s.url,
            d,
            '2026-03',
            'KH-12',
            report(
              [
                { ...girls12, value: i + rev },
                { ...inspections, value: rev },
              ],
              rev,
            ),
          ).then((r) => r.status),
        ),
      ),
    );
    for (const st of statuses) expect([200, 409]).toContain(st);
    // Whatever order they arrived in, each device's revision 3 is what counts.
    const expectedGirls = devices.reduce((sum, _d, i) => sum + i + 3, 0);
    expect(await tally(s.url, dev.token, '2026-03', 'KH-12')).toEqual({
      period: '2026-03',
      orgUnit: 'KH-12',
      devices: 20,
      values: [
        { ...girls12, value: expectedGirls },
        { ...inspections, value: 60 },
      ],
    });
  });
});
