// The only module that calls the network (STYLE: a test can swap this one module). Every answer is checked
// with the protocol's zod schemas and turned into a typed result; nothing here throws for an HTTP status.
import * as z from 'zod/mini';
import { retryAfterMs } from './backoff';
import {
  type ErrorResponse,
  enrolmentResponse,
  errorResponse,
  type ReportBody,
  reportResponse,
  staleResponse,
} from './protocol';

export type PutResult =
  | { kind: 'ok'; status: 'stored' | 'unchanged' }
  | { kind: 'stale'; currentRevision: number }
  | { kind: 'unauthorised' }
  | { kind: 'invalid'; issues: NonNullable<ErrorResponse['issues']> }
  | { kind: 'rate-limited'; retryAfterMs: number | null }
  | { kind: 'retry'; reason: string };

export type EnrolResult =
  | { kind: 'ok'; deviceId: string; token: string }
  | { kind: 'refused'; status: number; error: string }
  | { kind: 'retry'; reason: string };

const TIMEOUT_MS = 30_000;

export function apiUrl(serverUrl: string, path: string) {
  return `${serverUrl.replace(/\/+$/, '')}/api/v1${path}`;
}

async function send(url: string, init: RequestInit): Promise<Response | { error: string }> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  try {
    return await fetch(url, { ...init, signal: ctrl.signal, cache: 'no-store' });
  } catch (err) {
    return { error: ctrl.signal.aborted ? 'timeout' : `network: ${(err as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

async function json(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

export async function enrol(serverUrl: string, enrolmentCode: string, label: string): Promise<EnrolResult> {
  const res = await send(apiUrl(serverUrl, '/devices'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrolmentCode, label }),
  });
  if ('error' in res) return { kind: 'retry', reason: res.error };
  const body = await json(res);
  if (res.status === 201) {
    const ok = enrolmentResponse.safeParse(body);
    return ok.success ? { kind: 'ok', ...ok.data } : { kind: 'retry', reason: 'bad_response' };
  }
  if (res.status >= 500) return { kind: 'retry', reason: `http ${res.status}` };
  const err = errorResponse.safeParse(body);
  return { kind: 'refused', status: res.status, error: err.success ? err.data.error : `http_${res.status}` };
}

export async function putReport(
  serverUrl: string,
  auth: { deviceId: string; token: string },
  period: string,
  orgUnit: string,
  body: ReportBody,
): Promise<PutResult> {
  const path = `/reports/${encodeURIComponent(auth.deviceId)}/${encodeURIComponent(period)}/${encodeURIComponent(orgUnit)}`;
  const res = await send(apiUrl(serverUrl, path), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${auth.token}` },
    body: JSON.stringify(body),
  });
  if ('error' in res) return { kind: 'retry', reason: res.error };
  const answer = await json(res);
  if (res.status === 200 || res.status === 201) {
    const ok = reportResponse.safeParse(answer);
    return { kind: 'ok', status: ok.success ? ok.data.status : 'stored' };
  }
  if (res.status === 409) {
    const stale = staleResponse.safeParse(answer);
    return stale.success
      ? { kind: 'stale', currentRevision: stale.data.currentRevision }
      : { kind: 'retry', reason: 'http 409' };
  }
  if (res.status === 401 || res.status === 403) return { kind: 'unauthorised' };
  if (res.status === 429)
    return { kind: 'rate-limited', retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
  if (res.status === 400 || res.status === 413 || res.status === 422) {
    const err = errorResponse.safeParse(answer);
    const issues = err.success && err.data.issues ? err.data.issues : [];
    return {
      kind: 'invalid',
      issues: issues.length
        ? issues
        : [{ path: [], code: 'http', message: err.success ? err.data.error : `http_${res.status}` }],
    };
  }
  return { kind: 'retry', reason: `http ${res.status}` };
}

export async function health(serverUrl: string): Promise<boolean> {
  const res = await send(apiUrl(serverUrl, '/health'), { method: 'GET' });
  return !('error' in res) && res.ok;
}

/** Shape of the server URL a person types. */
export const serverUrlSchema = z.url({ protocol: /^https?$/, error: 'sync.errors.serverUrl' });
