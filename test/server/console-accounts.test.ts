// Console accounts and sessions: scrypt-hashed passwords, a session cookie that is HttpOnly, SameSite=Strict
// and Secure behind TLS, an Origin check on every change, sign-in rate-limited, sign-out that ends the session.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browser, makeAccount, signIn } from './console-helpers';
import { ADMIN, type Running, startServer } from './helpers';

// Every sign-in is a real scrypt hash (32 MiB, tens of milliseconds idle, seconds on a loaded machine).
let s: Running;
afterEach(() => s.close(), 60_000);

describe('console accounts and sessions', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    s = await startServer();
  }, 60_000);

  it('stores only a scrypt hash of the password', async () => {
    await makeAccount(s.url, { username: 'Dara', scope: 'KH-12' });
    const row = (await s.query('SELECT * FROM console_accounts'))[0] as Record<string, string>;
    expect(row.username).toBe('dara');
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(JSON.stringify(row)).not.toContain('correct horse');
  });

  it('signs in with a cookie that is HttpOnly, SameSite=Strict, limited to /console, not Secure over plain HTTP', async () => {
    await makeAccount(s.url, { username: 'dara', scope: 'KH-12' });
    const b = browser(s.url);
    const res = await b.post('/console/api/sign-in', { username: 'DARA', password: 'correct horse battery' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^pelita_console=[\w-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/console');
    expect(cookie).not.toContain('Secure');
    const me = await (await b.get('/console/api/me')).json();
    expect(me.account).toMatchObject({ username: 'dara', role: 'coordinator', scope: 'KH-12' });
    // The session id is kept only as a hash.
    const stored = JSON.stringify(await s.query('SELECT * FROM console_sessions'), (_k, v) =>
      Buffer.isBuffer(v) ? v.toString('base64url') : v,
    );
    expect(stored).not.toContain(b.cookie!.split('=')[1]);
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    await makeAccount(s.url, { username: 'dara', scope: 'KH-12' });
    const wrong = await browser(s.url).post('/console/api/sign-in', { username: 'dara', password: 'nope' });
    const unknown = await browser(s.url).post('/console/api/sign-in', { username: 'sok', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('signs out: the cookie is cleared and the old session no longer works', async () => {
    await makeAccount(s.url, { username: 'dara', scope: 'KH-12' });
    const b = await signIn(s.url, 'dara');
    const old = b.cookie!;
    expect((await b.post('/console/api/sign-out')).status).toBe(204);
    expect(b.cookie).toBeNull();
    const res = await fetch(`${s.url}/console/api/me`, { headers: { cookie: old } });
    expect(res.status).toBe(401);
  });

  it('without a session every console read is 401', async () => {
    for (const path of [
      '/console/api/me',
      '/console/api/locations',
      '/console/api/tallies?from=2026-01&to=2026-01&orgUnit=KH',
    ]) {
      expect((await fetch(`${s.url}${path}`)).status).toBe(401);
    }
  });

  it('rate-limits sign-in attempts for one username, from whatever address', async () => {
    await s.close();
    s = await startServer({ trustProxy: true });
    await makeAccount(s.url, { username: 'dara', scope: 'KH-12' });
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      // Each try from a different browser: the limit is on the account, not only the connection.
      const res = await browser(s.url).post(
        '/console/api/sign-in',
        { username: 'dara', password: 'wrong' },
        { 'x-forwarded-for': `10.0.0.${i}` },
      );
      codes.push(res.status);
    }
    expect(codes.slice(0, 10)).toEqual(new Array(10).fill(401));
    expect(codes[10]).toBe(429);
    // Even the right password waits now.
    const right = await browser(s.url).post('/console/api/sign-in', {
      username: 'dara',
      password: 'correct horse battery',
    });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('an administrator makes accounts inside their own subtree only; a coordinator makes none', async () => {
    await makeAccount(s.url, { username: 'kh-admin', role: 'admin', scope: 'KH' });
    await makeAccount(s.url, { username: 'dara', scope: 'KH-12' });
    const admin = await signIn(s.url, 'kh-admin');
    const inside = await admin.post('/console/api/accounts', {
      username: 'sok',
      password: 'another long password',
      role: 'coordinator',
      scope: 'KH-2',
    });
    expect(inside.status).toBe(201);
    const outside = await admin.post('/console/api/accounts', {
      username: 'lan',
      password: 'another long password',
      role: 'coordinator',
      scope: 'VN-HN',
    });
    expect(outside.status).toBe(403);
    const listed = (await (await admin.get('/console/api/accounts')).json()).accounts.map(
      (a: { username: string }) => a.username,
    );
    expect(listed).toEqual(['dara', 'kh-admin', 'sok']);
    const coordinator = await signIn(s.url, 'dara');
    const res = await coordinator.post('/console/api/accounts', {
      username: 'x-y-z',
      password: 'another long password',
      role: 'coordinator',
      scope: 'KH-12',
    });
    expect(res.status).toBe(403);
  });

  it('refuses a short password, a coordinator without a subtree, an unknown location, a taken name', async () => {
    const post = (body: object) =>
      fetch(`${s.url}/console/api/accounts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          username: 'dara',
          password: 'long enough password',
          role: 'coordinator',
          scope: 'KH-12',
          ...body,
        }),
      });
    expect((await post({ password: 'short' })).status).toBe(400);
    expect((await post({ scope: null })).status).toBe(400);
    expect((await post({ scope: 'XX-99' })).status).toBe(400);
    expect((await post({})).status).toBe(201);
    expect((await post({ username: 'DARA' })).status).toBe(409);
  });
});

describe('Origin check on every change', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    s = await startServer();
    await makeAccount(s.url, { username: 'root', role: 'admin', scope: null });
  }, 60_000);

  const body = { username: 'sok', password: 'another long password', role: 'coordinator', scope: 'KH-2' };

  it('refuses a change from another origin, or with no Origin, even with a valid session', async () => {
    const b = await signIn(s.url, 'root');
    const evil = await b.post('/console/api/accounts', body, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toEqual({ error: 'bad_origin' });
    const none = await fetch(`${s.url}/console/api/accounts`, {
      method: 'POST',
      headers: { cookie: b.cookie!, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(none.status).toBe(403);
    expect((await b.post('/console/api/accounts', body)).status).toBe(201);
  });

  it('refuses a sign-in and a sign-out posted from another site', async () => {
    const evil = browser(s.url);
    evil.origin = 'https://evil.example';
    expect(
      (await evil.post('/console/api/sign-in', { username: 'root', password: 'correct horse battery' }))
        .status,
    ).toBe(403);
    const b = await signIn(s.url, 'root');
    const out = await b.post('/console/api/sign-out', undefined, { origin: 'https://evil.example' });
    expect(out.status).toBe(403);
    expect((await b.get('/console/api/me')).status).toBe(200);
  });
});

describe('behind a TLS proxy', { timeout: 60_000 }, () => {
  it('marks the cookie Secure when a trusted proxy says the request came over HTTPS', async () => {
    s = await startServer({ trustProxy: true });
    await makeAccount(s.url, { username: 'dara', scope: 'KH-12' });
    const host = new URL(s.url).host;
    const res = await fetch(`${s.url}/console/api/sign-in`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-proto': 'https',
        origin: `https://${host}`,
      },
      body: JSON.stringify({ username: 'dara', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toContain('Secure');
  });

  it('ignores X-Forwarded-Proto when no proxy is trusted', async () => {
    s = await startServer();
    await makeAccount(s.url, { username: 'dara', scope: 'KH-12' });
    const res = await fetch(`${s.url}/console/api/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', origin: s.url },
      body: JSON.stringify({ username: 'dara', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).not.toContain('Secure');
  });
});
