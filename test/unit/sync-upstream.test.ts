// src/sync/upstream.ts, the one module that calls fetch: each HTTP answer becomes the typed result sync.ts acts
// on, and the request carries only the report and the device's token. fetch is stubbed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPORT_SCHEMA, type ReportBody } from '../../src/sync/protocol';
import { absorb, enrol, getConfig, putReport, putStatus } from '../../src/sync/upstream';

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

describe('only real answers count', () => {
  it('a 200 that is not the protocol answer (a captive portal page) is a failure to retry, never "sent"', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response('<html><body>Welcome to Hotel Wi-Fi</body></html>', {
            status: 200,
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    expect(await send()).toEqual({ kind: 'retry', reason: 'bad_response' });
    // JSON, but not an acknowledgement of this revision.
    answer(200, { ok: true });
    expect(await send()).toEqual({ kind: 'retry', reason: 'bad_response' });
    answer(200, { status: 'stored', revision: 4 });
    expect(await send()).toEqual({ kind: 'retry', reason: 'bad_response' });
  });

  it('a 409 is believed only with a whole revision above ours and at most 10^6 above it', async () => {
    const cases: Array<[unknown, string]> = [
      [4, 'stale'],
      [3 + 1_000_000, 'stale'],
      [3 + 1_000_001, 'implausible'],
      [9007199254740991, 'implausible'],
      [3, 'implausible'],
      [1, 'implausible'],
      [4.5, 'implausible'],
      ['9', 'implausible'],
      [null, 'implausible'],
    ];
    for (const [currentRevision, kind] of cases) {
      answer(409, { error: 'stale_revision', currentRevision });
      expect((await send()).kind, String(currentRevision)).toBe(kind);
    }
  });

  it('403 out_of_scope is about the pair, not the token', async () => {
    answer(403, { error: 'out_of_scope' });
    expect(await send()).toEqual({ kind: 'out-of-scope' });
  });
});

describe('absorb, status and config', () => {
  const url = 'https://pelita.example.org';
  const other = {
    installId: '0b6d0c52-7d7e-4c1a-9f51-6a86e3e0a2b1',
    installKey: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  };

  it('absorb POSTs the other installation to this device and reads what was absorbed', async () => {
    const fetch = answer(200, { absorbed: 'dev-a' });
    expect(await absorb(url, auth, other)).toEqual({ kind: 'absorbed', deviceId: 'dev-a' });
    const [to, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(to).toBe('https://pelita.example.org/api/v1/devices/dev%2F1/absorb');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual(other);
    answer(200, { absorbed: null });
    expect(await absorb(url, auth, other)).toEqual({ kind: 'absorbed', deviceId: null });
    answer(409, { error: 'install_conflict' });
    expect(await absorb(url, auth, other)).toEqual({
      kind: 'refused',
      status: 409,
      error: 'install_conflict',
    });
    answer(200, '<html>portal</html>');
    expect(await absorb(url, auth, other)).toEqual({ kind: 'retry', reason: 'bad_response' });
  });

  it('status PUTs how the device stands; only "recorded" is an answer', async () => {
    const status = {
      appVersion: '0.1.0',
      pending: 2,
      oldestPendingPeriod: '2026-01',
      syncedAt: '2026-02-03T08:00:00Z',
    };
    const fetch = answer(200, { status: 'recorded', heardAt: '2026-02-03T08:00:01Z' });
    expect(await putStatus(url, auth, status)).toEqual({ kind: 'ok' });
    const [to, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(to).toBe('https://pelita.example.org/api/v1/devices/dev%2F1/status');
    expect(init.method).toBe('PUT');
    expect(JSON.parse(init.body as string)).toEqual(status);
    answer(200, {});
    expect(await putStatus(url, auth, status)).toEqual({ kind: 'retry', reason: 'bad_response' });
    answer(401, { error: 'unauthorized' });
    expect(await putStatus(url, auth, status)).toEqual({
      kind: 'unauthorised',
      status: 401,
      error: 'unauthorized',
    });
  });

  it('config is asked with the ETag held: 304 is "unchanged", a portal page is no config', async () => {
    const config = { version: 3, homeCountry: 'KH', locations: [], thresholds: null, dhis2Mapping: null };
    let fetch = answer(200, config, { etag: '"3"' });
    expect(await getConfig(url, auth, null)).toEqual({ kind: 'ok', config, etag: '"3"' });
    let [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>)['if-none-match']).toBeUndefined();

    fetch = vi.fn(async () => new Response(null, { status: 304 }));
    vi.stubGlobal('fetch', fetch);
    expect(await getConfig(url, auth, '"3"')).toEqual({ kind: 'unchanged' });
    [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).toMatchObject({ 'if-none-match': '"3"', authorization: 'Bearer tok-1' });

    answer(200, '<html>portal</html>');
    expect(await getConfig(url, auth, null)).toEqual({ kind: 'retry', reason: 'bad_response' });
  });
});
