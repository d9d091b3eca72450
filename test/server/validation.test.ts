// Bad input gets 400 with a machine-readable list and nothing of it is stored; wrong tokens get 401/403.
// "Nothing stored" is checked through the tally, the way the numbers would reach anyone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_VALUE } from '../../src/sync/protocol';
import {
  ADMIN,
  cell,
  type Device,
  enrol,
  loadLocations,
  put,
  type Running,
  report,
  startServer,
  tally,
} from './helpers';

let s: Running;
let dev: Device;
beforeEach(async () => {
  s = await startServer({ bodyLimit: 64 * 1024 });
  dev = await enrol(s.url);
});
afterEach(() => s.close());

const good = cell('CHILDREN_IDENTIFIED', { sex: 'female', ageBand: '12-14' }, 3);
type Issues = { error: string; issues: { path: (string | number)[]; code: string; message: string }[] };

async function expectNothingStored(period = '2026-01', orgUnit = 'KH-12') {
  expect(await tally(s.url, ADMIN, period, orgUnit)).toMatchObject({ devices: 0, values: [] });
}

describe('authentication', () => {
  it('refuses a missing token with 401', async () => {
    const res = await put(s.url, dev, '2026-01', 'KH-12', report([good]), { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    await expectNothingStored();
  });

  it('refuses a wrong token with 401', async () => {
    const res = await put(s.url, dev, '2026-01', 'KH-12', report([good]), {
      token: `${dev.token.slice(0, -1)}A`,
    });
    expect(res.status).toBe(401);
    await expectNothingStored();
  });

  it("refuses another device's token with 403", async () => {
    const other = await enrol(s.url, 'Other tablet');
    const res = await put(s.url, dev, '2026-01', 'KH-12', report([good]), { token: other.token });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'wrong_device' });
    await expectNothingStored();
  });

  it('does not let the admin token write reports', async () => {
    const res = await put(s.url, dev, '2026-01', 'KH-12', report([good]), { token: ADMIN });
    expect(res.status).toBe(401);
  });

  it('lets the admin token and device tokens read tallies, and nobody else', async () => {
    const url = `${s.url}/api/v1/tallies?period=2026-01&orgUnit=KH-12`;
    expect((await fetch(url, { headers: { authorization: `Bearer ${ADMIN}` } })).status).toBe(200);
    expect((await fetch(url, { headers: { authorization: `Bearer ${dev.token}` } })).status).toBe(200);
    expect((await fetch(url, { headers: { authorization: `Bearer ${ADMIN}x` } })).status).toBe(401);
    expect((await fetch(url)).status).toBe(401);
  });
});

describe('report body', () => {
  it.each<[string, unknown, (string | number)[]]>([
    ['an unknown top-level field', { ...report([good]), device: 'x' }, ['device']],
    ['an unknown field in a cell', report([{ ...good, note: 'x' }]), ['values', 0, 'note']],
    ['an unknown indicator', report([{ ...good, indicator: 'CHILDREN_HAPPY' }]), ['values', 0, 'indicator']],
    [
      'an unknown breakdown',
      report([{ ...good, disaggregation: { religion: 'x' } }]),
      ['values', 0, 'disaggregation', 'religion'],
    ],
    [
      'a value outside its code list',
      report([{ ...good, disaggregation: { sex: 'f' } }]),
      ['values', 0, 'disaggregation', 'sex'],
    ],
    [
      'hardToReach other than yes/no',
      report([{ ...good, disaggregation: { hardToReach: 'unknown' } }]),
      ['values', 0, 'disaggregation', 'hardToReach'],
    ],
    [
      'a breakdown the indicator does not have',
      report([{ ...good, disaggregation: { sex: 'female', kind: 'law_reviewed' } }]),
      ['values', 0, 'disaggregation', 'kind'],
    ],
    [
      'a breakdown on an indicator that has none',
      report([good, cell('CASES_REPORTED_ONLINE', { sex: 'male' }, 1)]),
      ['values', 1, 'disaggregation', 'sex'],
    ],
    ['a negative value', report([{ ...good, value: -1 }]), ['values', 0, 'value']],
    ['a fractional value', report([{ ...good, value: 2.5 }]), ['values', 0, 'value']],
    ['a value as a string', report([{ ...good, value: '3' }]), ['values', 0, 'value']],
    ['an absurd value', report([{ ...good, value: MAX_VALUE + 1 }]), ['values', 0, 'value']],
    [
      'the same cell twice',
      report([good, { ...good, disaggregation: { ageBand: '12-14', sex: 'female' } }]),
      ['values', 1],
    ],
    ['another schema', { ...report([good]), schema: 'pelita.report/2' }, ['schema']],
    ['revision 0', report([good], 0), ['revision']],
    ['a fractional revision', report([good], 1.5), ['revision']],
    ['no generatedAt', { schema: 'pelita.report/1', revision: 1, values: [good] }, ['generatedAt']],
    [
      'a generatedAt that is no time',
      { ...report([good]), generatedAt: '2026-02-30T25:00:00Z' },
      ['generatedAt'],
    ],
    ['values that are no list', { ...report([]), values: { 0: good } }, ['values']],
    ['a list instead of a report', [good], []],
    [
      'SQL in an indicator',
      report([{ ...good, indicator: "X'); DROP TABLE report_values;--" }]),
      ['values', 0, 'indicator'],
    ],
    [
      'a very long code',
      report([{ ...good, disaggregation: { sex: 'f'.repeat(20_000) } }]),
      ['values', 0, 'disaggregation', 'sex'],
    ],
  ])('refuses %s with 400 naming the path, and stores nothing', async (_name, body, path) => {
    const res = await put(s.url, dev, '2026-01', 'KH-12', body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as Issues;
    expect(answer.error).toBe('invalid_body');
    expect(answer.issues.map((i) => i.path)).toContainEqual(path);
    for (const issue of answer.issues) expect(issue.message).toMatch(/^errors(\.[a-zA-Z]+)+$/);
    await expectNothingStored();
  });

  it('stores nothing of a report whose last cell is bad, even when the rest is good', async () => {
    const cells = [good, cell('INSPECTIONS', {}, 4), { ...good, disaggregation: { sex: 'male' }, value: -2 }];
    expect((await put(s.url, dev, '2026-01', 'KH-12', report(cells))).status).toBe(400);
    await expectNothingStored();
  });

  it('says which breakdown does not belong to which indicator, in a translated message', async () => {
    const cells = [good, cell('ACTIVITIES', { kind: 'law_reviewed', sector: 'A' }, 2)];
    const res = await put(s.url, dev, '2026-01', 'KH-12', report(cells));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Issues).issues).toEqual([
      {
        path: ['values', 1, 'disaggregation', 'sector'],
        code: 'custom',
        message: 'errors.protocol.breakdownNotForIndicator',
      },
    ]);
    await expectNothingStored();
  });

  it('keeps the stored numbers when a later report is refused', async () => {
    await put(s.url, dev, '2026-01', 'KH-12', report([good], 1));
    expect((await put(s.url, dev, '2026-01', 'KH-12', report([{ ...good, value: -1 }], 2))).status).toBe(400);
    expect((await tally(s.url, ADMIN, '2026-01', 'KH-12')).values).toEqual([good]);
  });

  it('refuses malformed JSON with 400 invalid_json', async () => {
    const res = await put(s.url, dev, '2026-01', 'KH-12', '{"schema": "pelita.report/1", "values": [');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_json' });
    await expectNothingStored();
  });

  it('refuses a prototype-poisoning body as invalid JSON', async () => {
    const body = `{"__proto__": {"admin": true}, ${JSON.stringify(report([good])).slice(1)}`;
    const res = await put(s.url, dev, '2026-01', 'KH-12', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_json' });
    await expectNothingStored();
  });

  it('lists at most 100 problems however many there are', async () => {
    const cells = Array.from({ length: 500 }, () => ({ ...good, value: -1 }));
    const res = await put(s.url, dev, '2026-01', 'KH-12', report(cells));
    expect(res.status).toBe(400);
    const answer = (await res.json()) as Issues;
    expect(answer.issues).toHaveLength(100);
    expect(answer.issues[0]).toEqual({
      path: ['values', 0, 'value'],
      code: 'too_small',
      message: 'errors.notNegative',
    });
  });

  it('refuses a body over the limit with 413 and a JSON reason', async () => {
    const cells = Array.from({ length: 2000 }, () => good);
    const res = await put(s.url, dev, '2026-01', 'KH-12', report(cells));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'body_too_large', limit: 64 * 1024 });
    await expectNothingStored();
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await fetch(`${s.url}/api/v1/reports/${dev.deviceId}/2026-01/KH-12`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${dev.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'schema=pelita.report/1',
    });
    expect(res.status).toBe(415);
    await expectNothingStored();
  });
});

describe('path and query', () => {
  it.each([
    ['2026-13', 'KH-12', 'period'],
    ['2026-00', 'KH-12', 'period'],
    ['2026-1', 'KH-12', 'period'],
    ['1999-12', 'KH-12', 'period'],
    ["2026-01'; DROP TABLE reports;--", 'KH-12', 'period'],
    ['2026-01\u0000', 'KH-12', 'period'],
    ['2026-01', 'KH 12', 'orgUnit'],
    ['2026-01', "KH-12' OR '1'='1", 'orgUnit'],
    ['2026-01', 'KH/12', 'orgUnit'],
    ['2026-01', 'x'.repeat(51), 'orgUnit'],
    ['2026-01', 'x'.repeat(900), 'orgUnit'],
    ['2026-01', '-KH', 'orgUnit'],
    ['2026-01', 'កំពត', 'orgUnit'],
    ['2026-01', 'KH\u202e21', 'orgUnit'],
    ['2026-01', 'KH-12\r\nX-Injected: 1', 'orgUnit'],
  ])('refuses period %j and orgUnit %j with 400 on %s, and stores nothing', async (period, orgUnit, bad) => {
    const res = await put(s.url, dev, period, orgUnit, report([good]));
    expect(res.status).toBe(400);
    const answer = (await res.json()) as Issues;
    expect(answer.error).toBe('invalid_path');
    expect(answer.issues.map((i) => i.path)).toEqual([[bad]]);

    const q = new URLSearchParams({ period, orgUnit });
    const read = await fetch(`${s.url}/api/v1/tallies?${q}`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(read.status).toBe(400);
    expect(((await read.json()) as Issues).error).toBe('invalid_query');
    await expectNothingStored();
    await expectNothingStored('2026-01', 'KH');
  });

  it('refuses a path too long for the router without storing anything', async () => {
    const res = await put(s.url, dev, '2026-01', 'x'.repeat(5000), report([good]));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('accepts the widest legal orgUnit code', async () => {
    const orgUnit = `A${'b1._-'.repeat(9)}1234`;
    expect(orgUnit).toHaveLength(50);
    // Codes must be in the server's tree: load one that has it under a country.
    await loadLocations(s.url, [
      { code: 'KH', name: 'Cambodia', parent: null },
      { code: orgUnit, name: 'Widest', parent: 'KH' },
    ]);
    expect((await put(s.url, dev, '2026-12', orgUnit, report([good]))).status).toBe(200);
    expect((await tally(s.url, ADMIN, '2026-12', orgUnit)).values).toEqual([good]);
  });
});
