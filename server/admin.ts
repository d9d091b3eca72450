// The administrator's API (admin token only; docs/protocol.md "Endpoints for the administrator"): enrolment
// codes per subtree, the device list and retirement, the location tree, the deployment settings. The console
// (SPEC §12) calls the same store methods; these routes are for scripts and for a server without the console.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as z from 'zod/mini';
import { parseMapping } from '../src/export/dhis2';
import { parseLocationFile } from '../src/locations/import';
import { orgUnit, thresholds } from '../src/sync/protocol';
import { type ApiDeps, authenticate, unknownOrgUnit } from './api';
import { enrolmentCodeHash, newEnrolmentCode } from './auth';
import { sendInvalid, toIssues } from './errors';
import { configBody } from './settings';

export const newCodeBody = z.strictObject(
  {
    orgUnit: z.nullable(orgUnit),
    label: z._default(z.string('errors.required').check(z.trim(), z.maxLength(100, 'errors.tooLong')), ''),
    expiresAt: z.optional(z.iso.datetime({ offset: true, error: 'errors.timestamp' })),
    maxUses: z.optional(z.int('errors.wholeNumber').check(z.minimum(1), z.maximum(1_000_000))),
  },
  'errors.unknownField',
);

export const retireBody = z.strictObject(
  { numbers: z.enum(['keep', 'remove'], 'errors.chooseOne') },
  'errors.unknownField',
);

export const configPatchBody = z
  .strictObject(
    {
      homeCountry: z.optional(z.nullable(orgUnit)),
      thresholds: z.optional(z.nullable(thresholds)),
      dhis2Mapping: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
    },
    'errors.unknownField',
  )
  .check(
    z.superRefine((b, ctx) => {
      const t = b.thresholds;
      if (t && !(t.lightWorkAge < t.minimumAge))
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', 'lightWorkAge'],
          message: 'errors.age',
          input: t,
        });
    }),
  );

/** A location file may be far larger than a report: 50,000 rows of code, name and parent. */
const LOCATIONS_LIMIT = 8 * 1024 * 1024;

export function registerAdmin(app: FastifyInstance, deps: ApiDeps) {
  const { store } = deps;
  const admin = { onRequest: authenticate(deps, { admin: true, device: false }) };
  const notFound = (reply: FastifyReply) => reply.code(404).send({ error: 'not_found' });

  app.post('/api/v1/admin/enrolment-codes', admin, async (req, reply) => {
    const body = newCodeBody.safeParse(req.body);
    if (!body.success) return sendInvalid(reply, toIssues(body.error));
    const { orgUnit, label, expiresAt, maxUses } = body.data;
    if (orgUnit !== null && !store.tree().has(orgUnit)) return unknownOrgUnit(reply, ['orgUnit']);
    const code = newEnrolmentCode();
    const info = {
      id: randomUUID(),
      label,
      orgUnit,
      expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null,
      maxUses: maxUses ?? null,
      uses: 0,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    };
    await store.addCode({ ...info, hash: enrolmentCodeHash(code) });
    req.log.info({ codeId: info.id, orgUnit }, 'enrolment code made');
    return reply
      .code(201)
      .header('Cache-Control', 'no-store')
      .send({ ...info, code });
  });

  app.get('/api/v1/admin/enrolment-codes', admin, async () => ({ codes: await store.codes() }));

  app.delete<{ Params: { id: string } }>('/api/v1/admin/enrolment-codes/:id', admin, async (req, reply) => {
    const code = await store.revokeCode(req.params.id, new Date().toISOString());
    return code ?? notFound(reply);
  });

  app.get('/api/v1/admin/devices', admin, async () => ({ devices: await store.devices() }));

  app.post<{ Params: { deviceId: string } }>(
    '/api/v1/admin/devices/:deviceId/retire',
    admin,
    async (req, reply) => {
      const body = retireBody.safeParse(req.body);
      if (!body.success) return sendInvalid(reply, toIssues(body.error));
      const device = await store.retire(req.params.deviceId, body.data.numbers, new Date().toISOString());
      if (!device) return notFound(reply);
      req.log.info({ deviceId: device.deviceId, numbers: body.data.numbers }, 'device retired');
      return device;
    },
  );

  app.get('/api/v1/admin/locations', admin, async () => ({
    version: store.config().version,
    locations: store.tree().list,
  }));

  // The file itself is the body, CSV or JSON, read as text so the app's own reader can name its lines.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: LOCATIONS_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    scope.put('/api/v1/admin/locations', admin, async (req, reply) => {
      const text = typeof req.body === 'string' ? req.body : '';
      const json = /json/i.test(req.headers['content-type'] ?? '');
      const parsed = parseLocationFile(text, json ? 'locations.json' : 'locations.csv');
      if (!parsed.ok) {
        return reply.code(400).send({ error: 'invalid_locations', problems: parsed.problems.slice(0, 1000) });
      }
      const inUse = await store.locationsInUse(parsed.locations);
      if (inUse.length)
        return reply.code(409).send({ error: 'locations_in_use', codes: inUse.slice(0, 1000) });
      const config = await store.replaceLocations(parsed.locations);
      req.log.info({ count: parsed.locations.length, version: config.version }, 'location tree replaced');
      return { version: config.version, count: parsed.locations.length };
    });
  });

  app.delete('/api/v1/admin/locations', admin, async (req, reply) => {
    const { DEFAULT_LOCATIONS } = await import('./tree');
    const inUse = await store.locationsInUse(DEFAULT_LOCATIONS);
    if (inUse.length) return reply.code(409).send({ error: 'locations_in_use', codes: inUse.slice(0, 1000) });
    const config = await store.replaceLocations(null);
    req.log.info({ version: config.version }, 'location tree back to the shipped list');
    return { version: config.version, count: DEFAULT_LOCATIONS.length };
  });

  app.put('/api/v1/admin/config', admin, async (req, reply) => {
    const body = configPatchBody.safeParse(req.body);
    if (!body.success) return sendInvalid(reply, toIssues(body.error));
    const patch = body.data;
    const tree = store.tree();
    if (patch.homeCountry && !tree.roots().includes(patch.homeCountry))
      return unknownOrgUnit(reply, ['homeCountry']);
    if (patch.dhis2Mapping) {
      const mapping = parseMapping(patch.dhis2Mapping);
      if (!mapping.success) {
        const issues = toIssues(mapping.error).map((i) => ({ ...i, path: ['dhis2Mapping', ...i.path] }));
        return sendInvalid(reply, issues);
      }
    }
    await store.updateConfig(patch);
    return configBody(store);
  });
}
