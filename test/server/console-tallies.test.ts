// The console's numbers over the location tree, and who may see them: a district sums its devices, a
// country sums its districts (one row each), a coordinator reads and exports only inside their subtree.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, parseCsv } from '../../src/export/csv';
import { type Browser, makeAccount, signIn } from './console-helpers';
import { cell, type Device, enrol, put, type Running, report, startServer } from './helpers';

const en = JSON.parse(readFileSync(new URL('../../locales/en/translation.json', import.meta.url), 'utf8'));

/** The CSV's rows as records named by its header. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

let s: Running;
let a: Device;
let b: Device;
let dara: Browser; // coordinator of KH-12
let sok: Browser; // coordinator of KH-2
let national: Browser; // coordinator of KH

const json = async (res: Response) => {
  if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
  return res.json();
};

beforeAll(async () => {
  s = await startServer();
  a = await enrol(s.url, 'Phone A');
  b = await enrol(s.url, 'Phone B');
  const ok = async (r: Promise<Response>) => expect((await r).status).toBe(200);
  await ok(
    put(
      s.url,
      a,
      '2026-01',
      'KH-12',
      report([
        cell('INSPECTIONS', { hardToReach: 'no', sector: 'A' }, 7),
        cell(
          'CHILDREN_IDENTIFIED',
          {
            sex: 'female',
            ageBand: '12-14',
            nationalityGroup: 'national',
            category: 'hazardous',
            sector: 'A',
          },
          6,
        ),
      ]),
    ),
  );
  await ok(
    put(s.url, b, '2026-01', 'KH-12', report([cell('INSPECTIONS', { hardToReach: 'no', sector: 'A' }, 5)])),
  );
  await ok(
    put(s.url, a, '2026-01', 'KH-2', report([cell('INSPECTIONS', { hardToReach: 'yes', sector: 'C' }, 2)])),
  );
  await ok(
    put(s.url, a, '2025-12', 'KH-12', report([cell('INSPECTIONS', { hardToReach: 'no', sector: 'A' }, 4)])),
  );
  await ok(
    put(s.url, a, '2026-02', 'KH-12', report([cell('INSPECTIONS', { hardToReach: 'no', sector: 'A' }, 1)])),
  );
  await ok(put(s.url, b, '2026-01', 'VN-HN', report([cell('ACTIVITIES', { kind: 'law_reviewed' }, 3)])));
  await makeAccount(s.url, { username: 'dara', scope: 'KH-12' });
  await makeAccount(s.url, { username: 'sok', scope: 'KH-2' });
  await makeAccount(s.url, { username: 'national', scope: 'KH' });
  [dara, sok, national] = await Promise.all([
    signIn(s.url, 'dara'),
    signIn(s.url, 'sok'),
    signIn(s.url, 'national'),
  ]);
}, 60_000);
afterAll(() => s.close());

const total = (values: { indicator: string; value: number }[], indicator: string) =>
  values.filter((v) => v.indicator === indicator).reduce((n, v) => n + v.value, 0);

describe('console tallies', { timeout: 60_000 }, () => {
  it('a district sums its two devices, with last month beside it', async () => {
    const t = await json(await dara.get('/console/api/tallies?from=2026-01&to=2026-01&orgUnit=KH-12'));
    expect(t.devices).toBe(2);
    expect(total(t.current, 'INSPECTIONS')).toBe(12);
    expect(total(t.current, 'CHILDREN_IDENTIFIED')).toBe(6);
    expect(total(t.previous, 'INSPECTIONS')).toBe(4);
    // Every breakdown is kept.
    expect(t.current).toContainEqual({
      period: '2026-01',
      orgUnit: 'KH-12',
      indicator: 'INSPECTIONS',
      disaggregation: { hardToReach: 'no', sector: 'A' },
      value: 12,
    });
  });

  it('a country sums its districts, one row per child location that adds up to the total', async () => {
    const t = await json(await national.get('/console/api/tallies?from=2026-01&to=2026-01&orgUnit=KH'));
    expect(total(t.current, 'INSPECTIONS')).toBe(14);
    const rows = new Map(t.children.map((r: { orgUnit: string; totals: object }) => [r.orgUnit, r.totals]));
    expect(rows.get('KH-12')).toEqual({ INSPECTIONS: 12, CHILDREN_IDENTIFIED: 6 });
    expect(rows.get('KH-2')).toEqual({ INSPECTIONS: 2 });
    expect(rows.get('KH-1')).toEqual({});
    // Viet Nam's numbers are nowhere in Cambodia's.
    expect(total(t.current, 'ACTIVITIES')).toBe(0);
  });

  it('a range sums its months and compares with the same number of months before', async () => {
    const t = await json(await dara.get('/console/api/tallies?from=2026-01&to=2026-02&orgUnit=KH-12'));
    expect(total(t.current, 'INSPECTIONS')).toBe(13);
    expect(total(t.previous, 'INSPECTIONS')).toBe(4);
  });

  it('the trend lists twelve months ending with the month asked', async () => {
    const t = await json(await dara.get('/console/api/trend?period=2026-02&orgUnit=KH-12'));
    expect(t.months).toHaveLength(12);
    expect(t.months[0].period).toBe('2025-03');
    expect(t.months.slice(-3).map((m: { totals: { INSPECTIONS?: number } }) => m.totals.INSPECTIONS)).toEqual(
      [4, 12, 1],
    );
  });

  it('a coordinator reads nothing outside their subtree: not the parent, not a sibling, not another country', async () => {
    for (const orgUnit of ['KH', 'KH-2', 'VN-HN']) {
      const res = await dara.get(`/console/api/tallies?from=2026-01&to=2026-01&orgUnit=${orgUnit}`);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'out_of_scope' });
      expect(
        (await dara.get(`/console/api/tallies.csv?from=2026-01&to=2026-01&orgUnit=${orgUnit}`)).status,
      ).toBe(403);
      expect((await dara.get(`/console/api/trend?period=2026-01&orgUnit=${orgUnit}`)).status).toBe(403);
      expect((await dara.get(`/console/api/completeness?period=2026-01&orgUnit=${orgUnit}`)).status).toBe(
        403,
      );
    }
    const sibling = await json(await sok.get('/console/api/tallies?from=2026-01&to=2026-01&orgUnit=KH-2'));
    expect(total(sibling.current, 'INSPECTIONS')).toBe(2);
    expect(total(sibling.current, 'CHILDREN_IDENTIFIED')).toBe(0);
  });

  it('lists only the locations of the subtree', async () => {
    const l = await json(await dara.get('/console/api/locations'));
    expect(l.roots).toEqual(['KH-12']);
    expect(l.locations.map((x: { code: string }) => x.code)).toEqual(['KH-12']);
    const n = await json(await national.get('/console/api/locations'));
    expect(n.locations.length).toBeGreaterThan(20);
    expect(n.locations.every((x: { code: string }) => x.code === 'KH' || x.code.startsWith('KH-'))).toBe(
      true,
    );
  });

  it('exports CSV by the app rules: BOM, labels, suppression of small counts of children', async () => {
    const res = await dara.get('/console/api/tallies.csv?from=2026-01&to=2026-01&orgUnit=KH-12&lang=en');
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('pelita-KH-12-2026-01.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    // A byte-order mark first (fetch's text() would hide it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const rows = records(text);
    expect(parseCsv(text)[0]).toEqual([...CSV_COLUMNS]);
    const inspections = rows.filter((r) => r.indicator === 'INSPECTIONS');
    expect(inspections.find((r) => r.row === 'total')?.value).toBe('12');
    expect(inspections[0]!.indicatorLabel).toBe(en.indicators.INSPECTIONS.label);
    // 6 children in one cell: shown (≥ 5), in the cell, the total and each breakdown's list.
    const identified = rows.filter((r) => r.indicator === 'CHILDREN_IDENTIFIED');
    expect(identified.length).toBeGreaterThan(1);
    expect(identified.every((r) => r.value === '6')).toBe(true);
    const raw = await (
      await dara.get('/console/api/tallies.csv?from=2026-01&to=2026-01&orgUnit=KH-12&suppress=false')
    ).text();
    expect(
      records(raw).filter((r) => r.indicator === 'CHILDREN_IDENTIFIED' && r.row === 'cell'),
    ).toHaveLength(1);
  });

  it('hides a count of 1–4 children as <5 in the shared CSV', async () => {
    await put(
      s.url,
      b,
      '2026-03',
      'KH-12',
      report([
        cell('CHILDREN_FOUND_IN_INSPECTIONS', { sex: 'male', ageBand: '15-17', sector: 'A' }, 3),
        cell('CHILDREN_FOUND_IN_INSPECTIONS', { sex: 'female', ageBand: '15-17', sector: 'A' }, 9),
      ]),
    );
    const rows = records(
      await (await dara.get('/console/api/tallies.csv?from=2026-03&to=2026-03&orgUnit=KH-12')).text(),
    );
    const found = rows.filter((r) => r.indicator === 'CHILDREN_FOUND_IN_INSPECTIONS');
    expect(found.some((r) => r.value === '<5')).toBe(true);
    expect(found.some((r) => r.value === '3')).toBe(false);
  });
});

describe('console completeness', { timeout: 60_000 }, () => {
  it('names the device that has not reported this month, and when it was last heard from', async () => {
    const c = await json(await dara.get('/console/api/completeness?period=2026-02&orgUnit=KH-12'));
    expect(c.expected).toBe(2);
    expect(c.reported).toBe(1);
    const byLabel = new Map(c.devices.map((d: { label: string }) => [d.label, d]));
    expect(byLabel.get('Phone A')).toMatchObject({ reported: true });
    expect(byLabel.get('Phone B')).toMatchObject({ reported: false });
    expect((byLabel.get('Phone B') as { lastHeardAt: string }).lastHeardAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('says which device still holds unsent months, from its last status', async () => {
    const res = await fetch(`${s.url}/api/v1/devices/${b.deviceId}/status`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${b.token}` },
      body: JSON.stringify({
        appVersion: '0.1.0',
        pending: 2,
        oldestPendingPeriod: '2026-02',
        syncedAt: '2026-03-01T08:00:00Z',
      }),
    });
    expect(res.status).toBe(200);
    const c = await json(await dara.get('/console/api/completeness?period=2026-02&orgUnit=KH-12'));
    const phoneB = c.devices.find((d: { label: string }) => d.label === 'Phone B');
    expect(phoneB).toMatchObject({
      reported: false,
      pending: 2,
      oldestPendingPeriod: '2026-02',
      appVersion: '0.1.0',
    });
  });

  it('gives a reporting rate per child location', async () => {
    const c = await json(await national.get('/console/api/completeness?period=2026-01&orgUnit=KH'));
    const rows = new Map(c.children.map((r: { orgUnit: string }) => [r.orgUnit, r]));
    // Phone A reported in KH-12 and KH-2; its first place (KH-12) is where it belongs. Phone B: KH-12 only.
    expect(rows.get('KH-12')).toMatchObject({ expected: 2, reported: 2 });
    expect(c).toMatchObject({ expected: 2, reported: 2 });
  });
});
