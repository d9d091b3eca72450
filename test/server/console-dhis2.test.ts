// The console's DHIS2 push against a local stand-in of POST /api/dataValueSets (dhis2-stand-in.ts): the token
// is kept server-side and never returned, a dry run comes first and stores nothing, the import uses codes and
// CREATE_AND_UPDATE, a repeat changes nothing, a count that fell to zero is sent as 0, and a wrong token (a
// redirect to the login page), an unknown code, a DHIS2 that is down or slow are failures in words, logged.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, makeAccount, signIn } from './console-helpers';
import { type StandIn, startDhis2 } from './dhis2-stand-in';
import { cell, type Device, enrol, put, type Running, report, startServer } from './helpers';

const TOKEN = 'd2pat_0123456789abcdef0123456789abcdef';
let s: Running;
let dhis2: StandIn;
let a: Device;
let root: Browser;
let kh: Browser;

const push = (b: Browser, dryRun: boolean, orgUnit = 'KH') =>
  b.post('/console/api/dhis2/push', { period: '2026-01', orgUnit, dryRun });
beforeAll(async () => {
  process.env.PELITA_DHIS2_TIMEOUT_MS = '1500';
  dhis2 = await startDhis2({
    token: TOKEN,
    // Every data element of the app's mapping but the activities one, which this DHIS2 does not know.
    dataElements: ['PELITA_INSPECTIONS', 'PELITA_CHILDREN_IDENTIFIED'],
    orgUnits: ['KH', 'KH-12', 'KH-2'],
  });
  s = await startServer();
  a = await enrol(s.url, 'Phone A');
  const ok = async (r: Promise<Response>) => expect((await r).status).toBe(200);
  await ok(
    put(s.url, a, '2026-01', 'KH-12', report([cell('INSPECTIONS', { hardToReach: 'no', sector: 'A' }, 7)])),
  );
  await ok(
    put(s.url, a, '2026-01', 'KH-2', report([cell('INSPECTIONS', { hardToReach: 'yes', sector: 'C' }, 2)])),
  );
  await makeAccount(s.url, { username: 'root', role: 'admin', scope: null });
  await makeAccount(s.url, { username: 'kh-admin', role: 'admin', scope: 'KH' });
  [root, kh] = await Promise.all([signIn(s.url, 'root'), signIn(s.url, 'kh-admin')]);
}, 60_000);
afterAll(async () => {
  delete process.env.PELITA_DHIS2_TIMEOUT_MS;
  await s.close();
  await dhis2.close();
});

/** PUT through the browser helper (it only posts). */
async function putSettings(b: Browser, body: object) {
  return fetch(`${s.url}/console/api/dhis2`, {
    method: 'PUT',
    headers: { cookie: b.cookie!, origin: s.url, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('DHIS2 push from the console', { timeout: 60_000 }, () => {
  it('keeps the token on the server: saved once, never sent back; only an administrator of everything sets it', async () => {
    expect((await putSettings(kh, { baseUrl: dhis2.url, token: TOKEN })).status).toBe(403);
    expect((await putSettings(root, { baseUrl: 'ftp://dhis2.example', token: TOKEN })).status).toBe(400);
    expect((await putSettings(root, { baseUrl: dhis2.url, token: TOKEN })).status).toBe(200);
    const shown = await (await root.get('/console/api/dhis2')).text();
    expect(shown).not.toContain(TOKEN);
    expect(JSON.parse(shown)).toMatchObject({ baseUrl: dhis2.url, tokenSaved: true, mappingIssues: [] });
    // Saving the address again keeps the token.
    expect((await putSettings(root, { baseUrl: dhis2.url })).status).toBe(200);
  });

  it('refuses an import before a dry run, and a push outside the account’s area', async () => {
    expect(await (await push(kh, false)).json()).toEqual({ error: 'dry_run_first' });
    expect((await push(kh, true, 'VN')).status).toBe(403);
  });

  it('a dry run stores nothing, then the import sends each location’s own numbers by code', async () => {
    const dry = await push(kh, true);
    expect(dry.status).toBe(200);
    const d = await dry.json();
    expect(d).toMatchObject({ ok: true, dryRun: true, cells: 2, importCount: { imported: 2 } });
    // Indicators the mapping leaves out are listed (none here: only inspections were counted).
    expect(d.unmapped).toEqual([]);
    expect(dhis2.values.size).toBe(0);
    const sent = dhis2.requests.at(-1)!;
    expect(sent.authorization).toBe(`ApiToken ${TOKEN}`);
    expect(sent.query).toEqual({ idScheme: 'CODE', importStrategy: 'CREATE_AND_UPDATE', dryRun: 'true' });

    const imp = await (await push(kh, false)).json();
    expect(imp).toMatchObject({
      ok: true,
      dryRun: false,
      importCount: { imported: 2, updated: 0, ignored: 0 },
    });
    expect(dhis2.requests.at(-1)!.query.dryRun).toBe('false');
    expect(new Map([...dhis2.values].map(([k, v]) => [k.split('|')[2], v]))).toEqual(
      new Map([
        ['KH-12', '7'],
        ['KH-2', '2'],
      ]),
    );
  });

  it('a repeat is harmless: DHIS2 ignores what it holds', async () => {
    const again = await (await push(kh, false)).json();
    expect(again).toMatchObject({ ok: true, importCount: { imported: 0, updated: 0, ignored: 2 } });
    expect(dhis2.values.size).toBe(2);
  });

  it('a count that fell to zero is sent as an explicit 0', async () => {
    await put(s.url, a, '2026-01', 'KH-2', report([], 2));
    await push(kh, true);
    const imp = await (await push(kh, false)).json();
    expect(imp).toMatchObject({ ok: true, cells: 2, importCount: { updated: 1, ignored: 1 } });
    expect([...dhis2.values].find(([k]) => k.includes('|KH-2|'))?.[1]).toBe('0');
  });

  it('lists the conflicts of codes DHIS2 does not know, and marks nothing pushed', async () => {
    await put(s.url, a, '2026-01', 'KH-12', report([cell('ACTIVITIES', { kind: 'law_reviewed' }, 1)], 2));
    const res = await push(kh, true);
    expect(res.status).toBe(502);
    const r = await res.json();
    expect(r).toMatchObject({ ok: false, error: 'conflicts', httpStatus: 409 });
    expect(r.conflicts[0]).toMatchObject({ object: 'PELITA_ACTIVITIES', errorCode: 'E7610' });
    // The failed dry run does not open the door to an import of these numbers.
    const log = (await (await kh.get('/console/api/dhis2')).json()).log;
    expect(log[0]).toMatchObject({ dryRun: true, ok: false, error: 'conflicts' });
  });

  it('a wrong token is a redirect to the login page: a failure, never followed', async () => {
    await putSettings(root, { baseUrl: dhis2.url, token: 'd2pat_wrong_wrong_wrong' });
    const before = dhis2.requests.length;
    const r = await (await push(kh, true)).json();
    expect(r).toMatchObject({ ok: false, error: 'redirected', httpStatus: 302 });
    // Only the POST: the login page was not fetched.
    expect(dhis2.requests.length).toBe(before + 1);
    await putSettings(root, { baseUrl: dhis2.url, token: TOKEN });
  });

  it('a DHIS2 that is down, or too slow, is reported as such', async () => {
    const port = await new Promise<number>((ok) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => ok(p));
      });
    });
    await putSettings(root, { baseUrl: `http://127.0.0.1:${port}` });
    expect(await (await push(kh, true)).json()).toMatchObject({ ok: false, error: 'unreachable' });
    // A server that accepts the connection and never answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', () => ok()));
    await putSettings(root, { baseUrl: `http://127.0.0.1:${(silent.address() as { port: number }).port}` });
    expect(await (await push(kh, true)).json()).toMatchObject({ ok: false, error: 'timeout' });
    silent.close();
    await putSettings(root, { baseUrl: dhis2.url });
  });
});
