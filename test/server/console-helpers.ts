// Console steps for server tests: make accounts with the admin token, sign in like a browser (Origin header,
// cookie kept), and read the console API as that person.
import { ADMIN } from './helpers';

export interface Browser {
  origin: string;
  cookie: string | null;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export async function makeAccount(
  url: string,
  a: { username: string; password?: string; role?: 'admin' | 'coordinator'; scope: string | null },
) {
  const res = await fetch(`${url}/console/api/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ password: 'correct horse battery', role: 'coordinator', ...a }),
  });
  if (res.status !== 201) throw new Error(`account: ${res.status} ${await res.text()}`);
  return (await res.json()).account as { id: number; username: string };
}

export function browser(url: string): Browser {
  const b: Browser = {
    origin: url,
    cookie: null,
    get: (path) => fetch(`${url}${path}`, { headers: b.cookie ? { cookie: b.cookie } : {} }),
    async post(path, body, headers = {}) {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          origin: b.origin,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(b.cookie ? { cookie: b.cookie } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const set = res.headers.get('set-cookie');
      if (set) {
        const pair = set.split(';')[0]!;
        b.cookie = pair.endsWith('=') ? null : pair;
      }
      return res;
    },
  };
  return b;
}

export async function signIn(url: string, username: string, password = 'correct horse battery') {
  const b = browser(url);
  const res = await b.post('/console/api/sign-in', { username, password });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return b;
}
