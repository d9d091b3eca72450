// The API of SPEC §6: enrolment, report upload and health. Tallies are in tallies.ts. Checks run cheapest
// first and before the body is read: token (401), rate (429), device (403); then path (400), body (413/400).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { enrolmentBody, reportBody, reportParams } from '../src/sync/protocol';
import { bearer, newDevice, sameHash, sameSecret, sha256 } from './auth';
import type { ServerConfig } from './config';
import { sendInvalid, toIssues } from './errors';
import type { Limiter } from './rate-limit';
import type { Store } from './store';

declare module 'fastify' {
  interface FastifyRequest {
    /** The enrolled device the bearer token belongs to; null for the admin token or before authentication. */
    deviceId: string | null;
  }
}

export interface ApiDeps {
  config: ServerConfig;
  store: Store;
  deviceLimiter: Limiter;
  ipLimiter: Limiter;
}

export function tooMany(reply: FastifyReply, retryAfter: number) {
  return reply
    .code(429)
    .header('Retry-After', String(retryAfter))
    .send({ error: 'rate_limited', retryAfter });
}

export function unauthorized(reply: FastifyReply) {
  return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: 'unauthorized' });
}

/** onRequest hook: a device's bearer token, its rate limit, and (with `admin`) the server's admin token. */
export function authenticate({ config, store, deviceLimiter }: ApiDeps, { admin }: { admin: boolean }) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const token = bearer(req.headers.authorization);
    if (!token) return unauthorized(reply);
    const hash = sha256(token);
    const device = store.deviceByTokenHash(hash);
    let key: string;
    if (device && sameHash(device.tokenHash, hash)) {
      req.deviceId = device.id;
      key = device.id;
    } else if (admin && config.adminToken && sameSecret(token, config.adminToken)) {
      key = 'admin';
    } else {
      return unauthorized(reply);
    }
    const limit = deviceLimiter.take(key);
    if (!limit.ok) return tooMany(reply, limit.retryAfter);
  };
}

export function registerApi(app: FastifyInstance, deps: ApiDeps) {
  const { config, store, ipLimiter } = deps;
  app.decorateRequest('deviceId', null);

  app.get('/api/v1/health', async (_req, reply) =>
    store.ping() ? { status: 'ok' } : reply.code(503).send({ status: 'unavailable' }),
  );

  app.post(
    '/api/v1/devices',
    {
      onRequest: async (req, reply) => {
        // Per client address: enrolment is the one door open without a token, so guessing codes is slow.
        const limit = ipLimiter.take(req.ip);
        if (!limit.ok) return tooMany(reply, limit.retryAfter);
      },
    },
    async (req, reply) => {
      if (!config.enrolmentCode) {
        return reply.code(403).send({
          error: 'enrolment_disabled',
          reason: 'The server has no enrolment code (PELITA_ENROLMENT_CODE); ask its administrator.',
        });
      }
      const body = enrolmentBody.safeParse(req.body);
      if (!body.success) return sendInvalid(reply, toIssues(body.error));
      if (!sameSecret(body.data.enrolmentCode, config.enrolmentCode)) {
        req.log.info('enrolment refused: wrong code');
        return reply.code(403).send({ error: 'wrong_enrolment_code' });
      }
      const { deviceId, token, tokenHash } = newDevice();
      store.addDevice(deviceId, body.data.label, tokenHash, new Date().toISOString());
      req.log.info({ deviceId }, 'device enrolled');
      // The token is shown this once; no cache may keep it.
      return reply.code(201).header('Cache-Control', 'no-store').send({ deviceId, token });
    },
  );

  app.put<{ Params: { deviceId: string; period: string; orgUnit: string } }>(
    '/api/v1/reports/:deviceId/:period/:orgUnit',
    {
      onRequest: [
        authenticate(deps, { admin: false }),
        async (req, reply) => {
          // A device writes only its own reports.
          if (req.deviceId !== req.params.deviceId) {
            return reply.code(403).send({ error: 'wrong_device' });
          }
        },
      ],
    },
    async (req, reply) => {
      const params = reportParams.safeParse(req.params);
      if (!params.success) {
        return reply.code(400).send({ error: 'invalid_path', issues: toIssues(params.error) });
      }
      const body = reportBody.safeParse(req.body);
      if (!body.success) return sendInvalid(reply, toIssues(body.error));
      const { deviceId, period, orgUnit } = params.data;
      const result = store.putReport(deviceId, period, orgUnit, body.data, new Date().toISOString());
      if (result.status === 'stale') {
        return reply.code(409).send({ error: 'stale_revision', currentRevision: result.currentRevision });
      }
      return result;
    },
  );
}
