// Devices and enrolment codes in the console (SPEC §12): every account sees the devices and codes of its own
// subtree; administrators make codes for a location inside it (the code is shown once), revoke them, and
// retire a device (its numbers kept or removed). The same store calls as the admin API (server/admin.ts).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { LocationTree } from '../../src/locations/locations';
import { newCodeBody, retireBody } from '../admin';
import { enrolmentCodeHash, newEnrolmentCode } from '../auth';
import { toIssues } from '../errors';
import type { DeviceInfo, Store } from '../store';
import { inScope } from './rollup';
import { requireAccount } from './session';

export interface DeviceDeps {
  store: Store;
  tree: () => LocationTree;
}

export function registerDeviceRoutes(app: FastifyInstance, { store, tree }: DeviceDeps) {
  const visible = (scope: string | null, place: string | null) =>
    scope === null || (place !== null && inScope(tree(), scope, place));
  /**
   * A device enrolled for a wider area (the bootstrap code: everywhere) belongs to every area it reported
   * in, as in completeness; otherwise to its enrolment scope.
   */
  const devicesOf = async (scope: string | null): Promise<DeviceInfo[]> => {
    const places = await store.console.placesOf();
    const wider = (d: DeviceInfo) => d.scope === null || (scope !== null && inScope(tree(), d.scope, scope));
    return (await store.devices()).filter(
      (d) =>
        visible(scope, d.scope) ||
        (wider(d) && (places.get(d.deviceId) ?? []).some((p) => visible(scope, p))),
    );
  };

  app.get('/console/api/devices', { preHandler: requireAccount() }, async (req) => ({
    devices: await devicesOf(req.account!.scope),
  }));

  app.post<{ Params: { id: string } }>(
    '/console/api/devices/:id/retire',
    { preHandler: requireAccount({ admin: true }) },
    async (req, reply) => {
      const body = retireBody.safeParse(req.body);
      if (!body.success) return reply.code(400).send({ error: 'invalid_body', issues: toIssues(body.error) });
      const device = (await devicesOf(req.account!.scope)).find((d) => d.deviceId === req.params.id);
      if (!device) return reply.code(404).send({ error: 'not_found' });
      const retired = await store.retire(device.deviceId, body.data.numbers, new Date().toISOString());
      req.log.info(
        { deviceId: device.deviceId, numbers: body.data.numbers, by: req.account!.id },
        'device retired',
      );
      return { device: retired };
    },
  );

  app.get('/console/api/codes', { preHandler: requireAccount() }, async (req) => ({
    codes: (await store.codes()).filter((c) => visible(req.account!.scope, c.orgUnit)),
  }));

  app.post('/console/api/codes', { preHandler: requireAccount({ admin: true }) }, async (req, reply) => {
    const body = newCodeBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid_body', issues: toIssues(body.error) });
    const { orgUnit, label, expiresAt, maxUses } = body.data;
    if (orgUnit !== null && !tree().has(orgUnit)) return reply.code(400).send({ error: 'unknown_location' });
    if (!visible(req.account!.scope, orgUnit)) return reply.code(403).send({ error: 'out_of_scope' });
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
    req.log.info({ codeId: info.id, orgUnit, by: req.account!.id }, 'enrolment code made in the console');
    // The code itself is in this answer only: the server keeps its hash.
    return reply.code(201).send({ ...info, code });
  });

  app.delete<{ Params: { id: string } }>(
    '/console/api/codes/:id',
    { preHandler: requireAccount({ admin: true }) },
    async (req, reply) => {
      const code = (await store.codes()).find((c) => c.id === req.params.id);
      if (!code || !visible(req.account!.scope, code.orgUnit))
        return reply.code(404).send({ error: 'not_found' });
      return { code: await store.revokeCode(code.id, new Date().toISOString()) };
    },
  );
}
