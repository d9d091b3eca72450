// src/sync/upstream.ts, the one module that calls fetch: each HTTP answer becomes the typed result sync.ts acts
// on, and the request carries only the report and the device's token. fetch is stubbed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPORT_SCHEMA, type ReportBody } from '../../src/sync/protocol';
import { enrol, putReport } from '../../src/sync/upstream';

const body: ReportBody = {
  schema: REPORT_SCHEMA,
  revision: 3,
  generatedAt: '2026-02-03T08:00:00.000Z',
  values: [{ indicator: 'ACTIVITIES', disaggregation: { kind: 'campaign_activity' }, value: 2 }],
};
const auth = { deviceId: 'dev/1', token: 'tok-1' };

function answer(status: number, json: unknown, headers: Record<string, string> = {}) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(json), { status, headers }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const send = () => putReport('https://pelita.example.org/', auth, '2026-01', 'KH-12', body);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('putReport', () => {
  it('PUTs the report to the device path with its bearer token, and nothing else', async () => {
    const fetch = answer(200, { status: 'stored', revision: 3 });
    expect(await send()).toEqual({ kind: 'ok', status: 'stored' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://pelita.example.org/api/v1/reports/dev%2F1/2026-01/KH-12');
    expect(init.method).toBe('PUT');
    expect(init.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer tok-1' });
    expect(JSON.parse(init.body as string)).toEqual(body);
  });

  it('the same revision again is a success', async () => {
    answer(200, { status: 'unchanged', revision: 3 });
    expect(await send()).toEqual({ kind: 'ok', status: 'unchanged' });
  });

  it('409 says which revision the server holds', async () => {
    answer(409, { error: 'stale_revision', currentRevision: 9 });
    expect(await send()).toEqual({ kind: 'stale', currentRevision: 9 });
  });

  it('401 and 403 mean the token is refused, with what the server said', async () => {
    answer(401, { error: 'unauthorized' });
    expect(await send()).toEqual({ kind: 'unauthorised', status: 401, error: 'unauthorized' });
    answer(403, { error: 'wrong_device' });
    expect(await send()).toEqual({ kind: 'unauthorised', status: 403, error: 'wrong_device' });
  });

  it('400 passes on the list of problems', async () => {
    const issues = [{ path: ['values', 0, 'value'], code: 'too_big', message: 'errors.tooLarge' }];
    answer(400, { error: 'invalid_body', issues });
    expect(await send()).toEqual({ kind: 'invalid', issues });
  });

  it('429 reads Retry-After, in seconds or as a date', async () => {
    answer(429, { error: 'rate_limited', retryAfter: 7 }, { 'Retry-After': '7' });
    expect(await send()).toEqual({ kind: 'rate-limited', retryAfterMs: 7_000 });
    answer(429, { error: 'rate_limited' });
    expect(await send()).toEqual({ kind: 'rate-limited', retryAfterMs: null });
  });

  it('a server error or no network is worth a retry', async () => {
    answer(503, { status: 'unavailable' });
    expect(await send()).toEqual({ kind: 'retry', reason: 'http 503' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(await send()).toEqual({ kind: 'retry', reason: 'network: Failed to fetch' });
  });
});

const IDENTITY = {
  installId: '6f1c0c52-7d7e-4c1a-9f51-6a86e3e0a2b1',
  installKey: 'q3JxAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
};
const ENROLLED = { deviceId: 'dev-1', token: 'tok-1', scope: null, resend: false, configVersion: 3 };

describe('enrol', () => {
  it('sends the code, the device name and the installation identity, and returns the credentials', async () => {
    const fetch = answer(201, ENROLLED);
    expect(await enrol('https://pelita.example.org', 'k7x', 'Tablet 3', IDENTITY)).toEqual({
      kind: 'ok',
      ...ENROLLED,
    });
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(init.body as string)).toEqual({ enrolmentCode: 'k7x', label: 'Tablet 3', ...IDENTITY });
  });

  it('a 201 that is not the protocol answer (a portal page) is no enrolment', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Log in to the hotel Wi-Fi</html>', { status: 201 })),
    );
    expect(await enrol('https://pelita.example.org', 'k7x', 'Tablet 3', IDENTITY)).toEqual({
      kind: 'retry',
      reason: 'bad_response',
    });
  });

  it('a known installation with another key is refused as a conflict', async () => {
    answer(409, { error: 'install_conflict' });
    expect(await enrol('https://pelita.example.org', 'k7x', 'Tablet 3', IDENTITY)).toEqual({
      kind: 'refused',
      status: 409,
      error: 'install_conflict',
    });
  });

  it('a wrong code is refused with its status', async () => {
    answer(403, { error: 'wrong_enrolment_code' });
    expect(await enrol('https://pelita.example.org', 'nope', 'Tablet 3', IDENTITY)).toEqual({
      kind: 'refused',
      status: 403,
      error: 'wrong_enrolment_code',
    });
  });
});
