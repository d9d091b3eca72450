// The device-facing API of SPEC §6 (docs/protocol.md): report upload and health here; enrolment, absorb and
// status in devices.ts; tallies in tallies.ts; settings in settings.ts. Checks run cheapest first and before the
// body is read: token (401), rate (429), device (403); then path (400), location (400/403), body (413/400).
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { cellKey, reportBody, reportParams } from '../src/sync/protocol';
import { bearer, sameHash, sameSecret, sha256 } from './auth';
import type { ServerConfig } from './config';
import { MAX_ISSUES, sendInvalid, toIssues } from './errors';
import { fastReport } from './fast-report';
import type { Store } from './store';

declare module 'fastify' {
  interface FastifyRequest {
    /** The enrolled device the bearer token belongs to; null for the admin token or before authentication. */
    deviceId: string | null;
    /** That device's subtree root; null: every location (the bootstrap code, or the admin token). */
    scope: string | null;
  }
}

export interface ApiDeps {
  config: ServerConfig;
  store: Store;
  /** Per device (or the admin token), after authentication; throws RateLimited when over. */
  deviceLimit: onRequestHookHandler;
  /** Per client address, for enrolment. */
  enrolLimit: onRequestHookHandler;
}

export function unauthorized(reply: FastifyReply) {
  return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: 'unauthorized' });
}

export function outOfScope(reply: FastifyReply) {
  return reply.code(403).send({ error: 'out_of_scope' });
}

export function unknownOrgUnit(reply: FastifyReply, path: string[]) {
  return reply.code(400).send({
    error: 'unknown_org_unit',
    reason: "The server's location list has no such location.",
    issues: [{ path, code: 'unknown_org_unit', message: 'errors.orgUnit' }],
  });
}

/**
 * onRequest hook: a bearer token of an enrolled, not retired device (`device: true`) or the server's admin
 * token (`admin: true`), then that caller's rate limit.
 */
export function authenticate(
  { config, store, deviceLimit }: ApiDeps,
  { admin, device = true }: { admin: boolean; device?: boolean },
) {
  return async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
    const token = bearer(req.headers.authorization);
    if (!token) return unauthorized(reply);
    if (!(admin && config.adminToken && sameSecret(token, config.adminToken))) {
      const hash = sha256(token);
      const found = device ? await store.deviceByTokenHash(hash) : null;
      if (!found || !sameHash(found.tokenHash, hash)) return unauthorized(reply);
      req.deviceId = found.id;
      req.scope = found.scope;
    }
    // Keyed by req.deviceId, or 'admin' (app.ts).
    await deviceLimit.call(this, req, reply, () => {});
  };
}

/** onRequest hook after `authenticate`: the device in the path must be the token's own. */
export async function ownDevice(req: FastifyRequest<{ Params: { deviceId: string } }>, reply: FastifyReply) {
  if (req.deviceId !== req.params.deviceId) return reply.code(403).send({ error: 'wrong_device' });
}

type Issue = ReturnType<typeof toIssues>[number];

/** Past this many cells, duplicates are refused before each cell is checked (~10 µs a cell). */
export const EARLY_CHECK_CELLS = 1_000;

/** Too many cells, or (in a big report) the same cell twice, up to MAX_ISSUES, read from the raw body in one pass. */
export function precheckReport(body: unknown, maxCells: number): Issue[] {
  const values = (body as { values?: unknown } | null)?.values;
  if (!Array.isArray(values)) return [];
  if (values.length > maxCells) {
    return [{ path: ['values'], code: 'too_big', message: 'errors.tooManyCounts' }];
  }
  // A small report gets the full check, which lists every problem in order; it costs little.
  if (values.length <= EARLY_CHECK_CELLS) return [];
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (let i = 0; i < values.length && issues.length < MAX_ISSUES; i++) {
    const c = values[i] as { indicator?: unknown; disaggregation?: unknown } | null;
    if (!c || typeof c.indicator !== 'string' || !c.disaggregation || typeof c.disaggregation !== 'object')
      continue;
    const key = cellKey(c as Parameters<typeof cellKey>[0]);
    if (seen.has(key)) issues.push({ path: ['values', i], code: 'custom', message: 'errors.duplicateCount' });
    seen.add(key);
  }
  return issues;
}

export function registerApi(app: FastifyInstance, deps: ApiDeps) {
  const { config, store } = deps;
  app.decorateRequest('deviceId', null);
  app.decorateRequest('scope', null);

  app.get('/api/v1/health', async (_req, reply) =>
    (await store.healthy()) ? { status: 'ok' } : reply.code(503).send({ status: 'unavailable' }),
  );

  app.put<{ Params: { deviceId: string; period: string; orgUnit: string } }>(
    '/api/v1/reports/:deviceId/:period/:orgUnit',
    { onRequest: [authenticate(deps, { admin: false }), ownDevice] },
    async (req, reply) => {
      const params = reportParams.safeParse(req.params);
      if (!params.success) {
        return reply.code(400).send({ error: 'invalid_path', issues: toIssues(params.error) });
      }
      const { deviceId, period, orgUnit } = params.data;
      const tree = store.tree();
      if (!tree.has(orgUnit)) return unknownOrgUnit(reply, ['orgUnit']);
      if (!tree.within(orgUnit, req.scope)) return outOfScope(reply);
      // Cheap refusals before the full check, which costs ~10 µs a cell: one device cannot make the server
      // spend 100 ms on 10,000 copies of one cell.
      const early = precheckReport(req.body, config.maxCells);
      if (early.length) return sendInvalid(reply, early);
      // The fast check for the common case; zod for anything it doubts, and for the reasons of a refusal.
      const fast = fastReport(req.body);
      const body = fast ? { success: true as const, data: fast } : reportBody.safeParse(req.body);
      if (!body.success) return sendInvalid(reply, toIssues(body.error));
      const result = await store.putReport(deviceId, period, orgUnit, body.data, new Date().toISOString(), {
        maxPairs: config.maxPairs,
      });
      if (result.status === 'stale') {
        return reply.code(409).send({ error: 'stale_revision', currentRevision: result.currentRevision });
      }
      if (result.status === 'too_many_pairs') {
        return reply.code(422).send({ error: 'too_many_pairs', limit: result.limit });
      }
      return result;
    },
  );
}
