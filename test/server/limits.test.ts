// Rate limits, CSV tallies, CORS and health: the parts of the API a browser or an operator meets.
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, cell, enrol, put, type Running, report, startServer } from './helpers';

let s: Running;
afterEach(() => s.close());

const good = cell('CHILDREN_IDENTIFIED', { sex: 'female', ageBand: '12-14' }, 3);

describe('rate limit', () => {
  it('answers 429 with Retry-After once a device has used its burst, and other devices are not affected', async () => {
    s = await startServer({ deviceRate: { perSecond: 0.2, burst: 3 } });
    const [a, b] = [await enrol(s.url, 'A'), await enrol(s.url, 'B')];
    const statuses: number[] = [];
    for (let rev = 1; rev <= 4; rev++)
      statuses.push((await put(s.url, a, '2026-01', 'KH-12', report([good], rev))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await put(s.url, a, '2026-01', 'KH-12', report([good], 9));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBe(5);
    expect(await limited.json()).toEqual({ error: 'rate_limited', retryAfter: 5 });
    expect((await put(s.url, b, '2026-01', 'KH-12', report([good]))).status).toBe(200);
  });
});

describe('tally as CSV', () => {
  it('answers Accept: text/csv with a UTF-8 CSV, one row per cell and a column per breakdown', async () => {
    s = await startServer();
    const d = await enrol(s.url);
    await put(
      s.url,
      d,
      '2026-01',
      'KH-12',
      report([
        good,
        cell('INSPECTIONS', { hardToReach: 'yes', sector: 'A' }, 5),
        cell('INSPECTIONS_CL_TOOL', {}, 1),
      ]),
    );
    const res = await fetch(`${s.url}/api/v1/tallies?period=2026-01&orgUnit=KH-12`, {
      headers: { authorization: `Bearer ${ADMIN}`, accept: 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('pelita-2026-01-KH-12.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // UTF-8 with a byte-order mark, so Excel shows Khmer, Lao, Myanmar and Thai labels right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split('\r\n')).toEqual([
      'period,orgUnit,indicator,sex,ageBand,nationalityGroup,sector,category,agency,service,authority,kind,hardToReach,value',
      '2026-01,KH-12,CHILDREN_IDENTIFIED,female,12-14,,,,,,,,,3',
      '2026-01,KH-12,INSPECTIONS,,,,A,,,,,,yes,5',
      '2026-01,KH-12,INSPECTIONS_CL_TOOL,,,,,,,,,,,1',
      '',
    ]);
  });

  it('answers JSON when the client prefers it', async () => {
    s = await startServer();
    const res = await fetch(`${s.url}/api/v1/tallies?period=2026-01&orgUnit=KH-12`, {
      headers: { authorization: `Bearer ${ADMIN}`, accept: 'application/json, text/csv;q=0.5' },
    });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ period: '2026-01', orgUnit: 'KH-12', devices: 0, values: [] });
  });
});

describe('CORS', () => {
  const tallyUrl = () => `${s.url}/api/v1/tallies?period=2026-01&orgUnit=KH-12`;

  it('sends no CORS headers by default, and refuses preflights', async () => {
    s = await startServer();
    const res = await fetch(tallyUrl(), {
      headers: { origin: 'https://app.example.org', authorization: `Bearer ${ADMIN}` },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(tallyUrl(), {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.org' },
    });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows configured origins, exposes Retry-After, and answers their preflights', async () => {
    s = await startServer({
      corsOrigins: ['https://app.example.org'],
      deviceRate: { perSecond: 1, burst: 1 },
    });
    const origin = 'https://app.example.org';
    const pre = await fetch(`${s.url}/api/v1/reports/x/2026-01/KH-12`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    expect(pre.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');

    const headers = { origin, authorization: `Bearer ${ADMIN}` };
    const ok = await fetch(tallyUrl(), { headers });
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
    expect(ok.headers.get('vary')).toContain('Origin');
    // Even a refusal carries the headers, or the app could not read why it was refused.
    const limited = await fetch(tallyUrl(), { headers });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-allow-origin')).toBe(origin);
    expect(limited.headers.get('access-control-expose-headers')).toBe('Retry-After');

    const stranger = await fetch(`${s.url}/api/v1/health`, { headers: { origin: 'https://evil.example' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('health', () => {
  it('is 200 while the store answers and 503 once it does not', async () => {
    s = await startServer();
    const ok = await fetch(`${s.url}/api/v1/health`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok' });
    s.app.store.close();
    const down = await fetch(`${s.url}/api/v1/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'unavailable' });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    s = await startServer();
    const res = await fetch(`${s.url}/api/v1/nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found' });
  });
});
