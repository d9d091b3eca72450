// The console's one door to DHIS2 (SPEC §14): POST /api/dataValueSets with `idScheme=CODE`,
// `importStrategy=CREATE_AND_UPDATE`, a dry run first when asked. It trusts only a real import summary: a
// redirect (DHIS2's answer to a missing or wrong token is a 302 to its login page) is never followed and is a
// failure, as is a 2xx that is not DHIS2's JSON, a timeout, or a server that cannot be reached. Every failure
// has a code the page turns into words.
import * as z from 'zod/mini';
import type { DataValueSet } from '../../src/export/dhis2';

const count = z._default(z.number(), 0);
const importSummary = z.object({
  status: z.string(),
  importCount: z.object({ imported: count, updated: count, ignored: count, deleted: count }),
  conflicts: z._default(
    z.array(
      z.object({
        object: z.optional(z.string()),
        value: z.optional(z.string()),
        errorCode: z.optional(z.string()),
      }),
    ),
    [],
  ),
});
export type ImportSummary = z.infer<typeof importSummary>;

export type PushResult =
  | { ok: true; status: string; summary: ImportSummary }
  | { ok: false; error: Dhis2Error; httpStatus?: number; summary?: ImportSummary };

export type Dhis2Error =
  | 'unreachable'
  | 'timeout'
  | 'redirected'
  | 'unauthorized'
  | 'not_json'
  | 'conflicts'
  | 'server_error'
  | 'refused';

/** A slow DHIS2 is a failure after this long, not a page that spins for ever. */
export const DHIS2_TIMEOUT_MS = 30_000;

export async function pushDataValueSet(
  baseUrl: string,
  token: string,
  payload: DataValueSet,
  { dryRun, timeoutMs = DHIS2_TIMEOUT_MS }: { dryRun: boolean; timeoutMs?: number },
): Promise<PushResult> {
  const url = new URL('api/dataValueSets', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.search = new URLSearchParams({
    idScheme: 'CODE',
    importStrategy: 'CREATE_AND_UPDATE',
    dryRun: String(dryRun),
  }).toString();
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        authorization: `ApiToken ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const name = (err as Error).name;
    return { ok: false, error: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable' };
  }
  if (res.status >= 300 && res.status < 400)
    return { ok: false, error: 'redirected', httpStatus: res.status };
  if (res.status === 401 || res.status === 403)
    return { ok: false, error: 'unauthorized', httpStatus: res.status };
  const body = await res.json().catch(() => undefined);
  // 2.38+ wraps the summary in a WebMessage (`response`); older versions answer the summary itself.
  const parsed = importSummary.safeParse(
    body && typeof body === 'object' && 'response' in body ? (body as { response: unknown }).response : body,
  );
  if (!parsed.success) {
    if (res.status >= 500) return { ok: false, error: 'server_error', httpStatus: res.status };
    return { ok: false, error: res.ok ? 'not_json' : 'refused', httpStatus: res.status };
  }
  const summary = parsed.data;
  if (res.status === 409 || summary.conflicts.length > 0 || summary.status === 'ERROR')
    return { ok: false, error: 'conflicts', httpStatus: res.status, summary };
  if (!res.ok) return { ok: false, error: 'refused', httpStatus: res.status, summary };
  return { ok: true, status: summary.status, summary };
}
