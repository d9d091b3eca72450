// GET /api/v1/config: the deployment's settings a device applies (SPEC §6): the location tree, home country,
// counting thresholds and DHIS2 mapping, versioned. The ETag is the version, so a device that already holds
// it gets a 304 with no body.
import type { FastifyInstance } from 'fastify';
import type { ConfigResponse } from '../src/sync/protocol';
import { type ApiDeps, authenticate } from './api';
import type { Store } from './store';

export function configBody(store: Store): ConfigResponse {
  const c = store.config();
  return {
    version: c.version,
    homeCountry: c.homeCountry,
    locations: [...store.tree().list],
    thresholds: c.thresholds,
    dhis2Mapping: c.dhis2Mapping,
  };
}

/** True when an If-None-Match header names this ETag (or `*`); weak and strong compare alike. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

export function registerSettings(app: FastifyInstance, deps: ApiDeps) {
  app.get('/api/v1/config', { onRequest: authenticate(deps, { admin: true }) }, async (req, reply) => {
    const etag = `"${deps.store.config().version}"`;
    reply.header('ETag', etag).header('Cache-Control', 'no-cache');
    if (matchesEtag(req.headers['if-none-match'], etag)) return reply.code(304).send();
    return configBody(deps.store);
  });
}
