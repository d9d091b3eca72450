// The only module that calls the network (STYLE: a test can swap this one module). Every answer is checked
// with the protocol's zod schemas and turned into a typed result; nothing here throws for an HTTP status.
import * as z from 'zod/mini';
import type { Installation } from '../settings/installation';
import { retryAfterMs } from './backoff';
import {
  absorbResponse,
  type ConfigResponse,
  configResponse,
  type EnrolmentResponse,
  type ErrorResponse,
  enrolmentResponse,
  errorResponse,
  type ReportBody,
  reportResponse,
  type StatusBody,
  statusResponse,
} from './protocol';

const legacyEnrolment = z.object({ deviceId: z.string(), token: z.string() });

/** A 409's body, read loosely so an implausible `currentRevision` (a string, a float) is seen and shown. */
const staleAnswer = z.object({ error: z.literal('stale_revision'), currentRevision: z.unknown() });

export type PutResult =
  | { kind: 'ok'; status: 'stored' | 'unchanged' }
  | { kind: 'stale'; currentRevision: number }
  /** A 409 whose revision cannot be true (not above ours, or absurdly far above): never jumped to. */
  | { kind: 'implausible'; currentRevision: unknown }
  | { kind: 'unauthorised'; status: number; error: string }
  /** The device's enrolment does not cover this place: the pair waits, it is not dropped. */
  | { kind: 'out-of-scope' }
  | { kind: 'invalid'; issues: NonNullable<ErrorResponse['issues']> }
  | { kind: 'rate-limited'; retryAfterMs: number | null }
  | { kind: 'retry'; reason: string };

export type EnrolResult =
  | ({ kind: 'ok' } & Omit<EnrolmentResponse, 'configVersion'> & { configVersion: number | null })
  | { kind: 'refused'; status: number; error: string }
  | { kind: 'retry'; reason: string };

const TIMEOUT_MS = 30_000;
/** How far above our own revision a server's may plausibly be (SPEC §6): beyond, it is a liar or broken. */
export const MAX_REVISION_JUMP = 1_000_000;

export interface Auth {
  deviceId: string;
  token: string;
}
const bearerHeaders = (auth: Auth) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${auth.token}`,
});
const devicePath = (auth: Auth, rest: string) => `/devices/${encodeURIComponent(auth.deviceId)}${rest}`;

/** A 409's `currentRevision` is believed only when it is a whole number above ours, and not absurdly so. */
function isPlausibleRevision(current: unknown, own: number): current is number {
  return (
    typeof current === 'number' &&
    Number.isSafeInteger(current) &&
    current > own &&
    current - own <= MAX_REVISION_JUMP
  );
}

/** The error code of a refusal, or `http_<status>` when the body is not the protocol's (a proxy's page). */
function errorCode(body: unknown, status: number): string {
  const err = errorResponse.safeParse(body);
  return err.success ? err.data.error : `http_${status}`;
}

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

export async function enrol(
  serverUrl: string,
  enrolmentCode: string,
  label: string,
  identity: { installId: string; installKey: string },
): Promise<EnrolResult> {
  const res = await send(apiUrl(serverUrl, '/devices'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      enrolmentCode,
      label,
      installId: identity.installId,
      installKey: identity.installKey,
    }),
  });
  if ('error' in res) return { kind: 'retry', reason: res.error };
  const body = await json(res);
  if (res.status === 201) {
    const ok = enrolmentResponse.safeParse(body);
    if (ok.success) return { kind: 'ok', ...ok.data };
    // A server older than the installation identity always makes a new device: everything goes again.
    const legacy = legacyEnrolment.safeParse(body);
    return legacy.success
      ? { kind: 'ok', ...legacy.data, scope: null, resend: true, configVersion: null }
      : { kind: 'retry', reason: 'bad_response' };
  }
  if (res.status >= 500) return { kind: 'retry', reason: `http ${res.status}` };
  return { kind: 'refused', status: res.status, error: errorCode(body, res.status) };
}

export async function putReport(
  serverUrl: string,
  auth: Auth,
  period: string,
  orgUnit: string,
  body: ReportBody,
): Promise<PutResult> {
  const path = `/reports/${encodeURIComponent(auth.deviceId)}/${encodeURIComponent(period)}/${encodeURIComponent(orgUnit)}`;
  const res = await send(apiUrl(serverUrl, path), {
    method: 'PUT',
    headers: bearerHeaders(auth),
    body: JSON.stringify(body),
  });
  if ('error' in res) return { kind: 'retry', reason: res.error };
  const answer = await json(res);
  if (res.status === 200 || res.status === 201) {
    // Only the protocol's own answer means "stored": a captive portal or a proxy's login page also says 200.
    const ok = reportResponse.safeParse(answer);
    return ok.success && ok.data.revision === body.revision
      ? { kind: 'ok', status: ok.data.status }
      : { kind: 'retry', reason: 'bad_response' };
  }
  if (res.status === 409) {
    const stale = staleAnswer.safeParse(answer);
    if (!stale.success) return { kind: 'retry', reason: 'http 409' };
    const current = stale.data.currentRevision;
    return isPlausibleRevision(current, body.revision)
      ? { kind: 'stale', currentRevision: current }
      : { kind: 'implausible', currentRevision: current };
  }
  if (res.status === 403 && errorCode(answer, 403) === 'out_of_scope') return { kind: 'out-of-scope' };
  if (res.status === 401 || res.status === 403)
    return { kind: 'unauthorised', status: res.status, error: errorCode(answer, res.status) };
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

export type CallResult =
  | { kind: 'ok' }
  | { kind: 'refused'; status: number; error: string }
  | { kind: 'unauthorised'; status: number; error: string }
  | { kind: 'retry'; reason: string };

/** What 401/403, other 4xx, 5xx and no network mean for the calls below. */
function failure(status: number, body: unknown): Exclude<CallResult, { kind: 'ok' }> {
  const error = errorCode(body, status);
  if (status === 401 || (status === 403 && error !== 'out_of_scope'))
    return { kind: 'unauthorised', status, error };
  if (status >= 500 || status === 429) return { kind: 'retry', reason: `http ${status}` };
  return { kind: 'refused', status, error };
}

/**
 * This device takes another installation over (its backup was restored here): the server drops that
 * installation's reports from the sums, and this device then re-sends every month.
 */
export async function absorb(
  serverUrl: string,
  auth: Auth,
  other: Installation,
): Promise<CallResult | { kind: 'absorbed'; deviceId: string | null }> {
  const res = await send(apiUrl(serverUrl, devicePath(auth, '/absorb')), {
    method: 'POST',
    headers: bearerHeaders(auth),
    body: JSON.stringify({ installId: other.installId, installKey: other.installKey }),
  });
  if ('error' in res) return { kind: 'retry', reason: res.error };
  const body = await json(res);
  if (res.status === 200) {
    const ok = absorbResponse.safeParse(body);
    return ok.success
      ? { kind: 'absorbed', deviceId: ok.data.absorbed }
      : { kind: 'retry', reason: 'bad_response' };
  }
  return failure(res.status, body);
}

/** "Heard from": the end of every sync run tells the server how this device stands. */
export async function putStatus(serverUrl: string, auth: Auth, status: StatusBody): Promise<CallResult> {
  const res = await send(apiUrl(serverUrl, devicePath(auth, '/status')), {
    method: 'PUT',
    headers: bearerHeaders(auth),
    body: JSON.stringify(status),
  });
  if ('error' in res) return { kind: 'retry', reason: res.error };
  const body = await json(res);
  if (res.status === 200)
    return statusResponse.safeParse(body).success
      ? { kind: 'ok' }
      : { kind: 'retry', reason: 'bad_response' };
  return failure(res.status, body);
}

export type ConfigResult =
  | { kind: 'ok'; config: ConfigResponse; etag: string | null }
  | { kind: 'unchanged' }
  | Exclude<CallResult, { kind: 'ok' }>;

/** The deployment's settings; with the ETag of the copy we hold, a cheap `304` when nothing changed. */
export async function getConfig(serverUrl: string, auth: Auth, etag: string | null): Promise<ConfigResult> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${auth.token}`,
    accept: 'application/json',
  };
  if (etag) headers['if-none-match'] = etag;
  const res = await send(apiUrl(serverUrl, '/config'), { method: 'GET', headers });
  if ('error' in res) return { kind: 'retry', reason: res.error };
  if (res.status === 304) return { kind: 'unchanged' };
  const body = await json(res);
  if (res.status === 200) {
    // A portal's page is not a config.
    const ok = configResponse.safeParse(body);
    return ok.success
      ? { kind: 'ok', config: ok.data, etag: res.headers.get('etag') }
      : { kind: 'retry', reason: 'bad_response' };
  }
  return failure(res.status, body);
}

export async function health(serverUrl: string): Promise<boolean> {
  const res = await send(apiUrl(serverUrl, '/health'), { method: 'GET' });
  return !('error' in res) && res.ok;
}

/** Shape of the server URL a person types. */
export const serverUrlSchema = z.url({ protocol: /^https?$/, error: 'sync.errors.serverUrl' });
