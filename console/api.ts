// The console's only door to the server: same-origin requests with the session cookie (the browser adds the
// Origin header the server checks on every change). A 401 means the session ended: the page shows sign-in.
import { signal } from '@preact/signals';

export interface Account {
  id: number;
  username: string;
  role: 'admin' | 'coordinator';
  scope: string | null;
}

/** The signed-in account; null: signed out. */
export const account = signal<Account | null>(null);

/** A refusal with the server's stable code (`out_of_scope`, `rate_limited`…), shown through `console.errors.*`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly retryAfter?: number,
  ) {
    super(code);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/console/api/${path}`, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, 'offline');
  }
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as { error?: string; retryAfter?: number } | null;
  if (!res.ok) {
    if (res.status === 401 && path !== 'sign-in') account.value = null;
    throw new ApiError(res.status, body?.error ?? `http_${res.status}`, body?.retryAfter);
  }
  return body as T;
}

export const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
  ).toString();
