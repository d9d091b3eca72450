// A device's own life on the server (docs/protocol.md): enrolment (one device per installation), taking another
// installation over after a restore (absorb), and "heard from" at the end of every sync run.
import type { FastifyInstance } from 'fastify';
import { absorbBody, enrolmentBody, statusBody } from '../src/sync/protocol';
import { type ApiDeps, authenticate, ownDevice } from './api';
import { enrolmentCodeHash, newDevice, sameSecret, sha256 } from './auth';
import { sendInvalid, toIssues } from './errors';

const ENROL_STATUS = {
  wrong_enrolment_code: 403,
  enrolment_code_expired: 403,
  enrolment_code_used_up: 403,
  install_conflict: 409,
  install_absorbed: 409,
} as const;

export function registerDevices(app: FastifyInstance, deps: ApiDeps) {
  const { config, store } = deps;

  app.post(
    '/api/v1/devices',
    // Per client address: enrolment is the one door open without a token, so guessing codes is slow.
    { onRequest: deps.enrolLimit },
    async (req, reply) => {
      const body = enrolmentBody.safeParse(req.body);
      if (!config.enrolmentCode && !(body.success && (await hasCodes()))) {
        return reply.code(403).send({
          error: 'enrolment_disabled',
          reason: 'The server has no enrolment code (PELITA_ENROLMENT_CODE); ask its administrator.',
        });
      }
      if (!body.success) return sendInvalid(reply, toIssues(body.error));
      const { enrolmentCode, label, installId, installKey } = body.data;
      const bootstrap = config.enrolmentCode !== null && sameSecret(enrolmentCode, config.enrolmentCode);
      const { deviceId: newDeviceId, token, tokenHash } = newDevice();
      const result = await store.enrol({
        code: bootstrap ? { bootstrap: true } : { bootstrap: false, hash: enrolmentCodeHash(enrolmentCode) },
        label,
        install: installId && installKey ? { id: installId, keyHash: sha256(installKey) } : null,
        newDeviceId,
        tokenHash,
        now: new Date().toISOString(),
      });
      if (!result.ok) {
        req.log.info({ error: result.error }, 'enrolment refused');
        return reply.code(ENROL_STATUS[result.error]).send({ error: result.error });
      }
      const again = result.deviceId !== newDeviceId;
      req.log.info({ deviceId: result.deviceId, again }, again ? 'device enrolled again' : 'device enrolled');
      // The token is shown this once; no cache may keep it.
      return reply.code(201).header('Cache-Control', 'no-store').send({
        deviceId: result.deviceId,
        token,
        scope: result.scope,
        resend: result.resend,
        configVersion: store.config().version,
      });
    },
  );

  /** Administrators' codes open enrolment even where the environment sets no bootstrap code. */
  async function hasCodes() {
    return (await store.codes()).some((c) => c.revokedAt === null);
  }

  app.post<{ Params: { deviceId: string } }>(
    '/api/v1/devices/:deviceId/absorb',
    { onRequest: [authenticate(deps, { admin: false }), ownDevice] },
    async (req, reply) => {
      const body = absorbBody.safeParse(req.body);
      if (!body.success) return sendInvalid(reply, toIssues(body.error));
      const tree = store.tree();
      const scope = req.scope;
      const result = await store.absorb(
        req.params.deviceId,
        { id: body.data.installId, keyHash: sha256(body.data.installKey) },
        // Only a subtree inside this device's own: absorbing takes the other device's numbers out of the sums.
        (theirs) => scope === null || (theirs !== null && tree.within(theirs, scope)),
        new Date().toISOString(),
      );
      if (!result.ok) {
        const status = { install_conflict: 409, cannot_absorb_self: 400, out_of_scope: 403 }[result.error];
        return reply.code(status).send({ error: result.error });
      }
      req.log.info({ deviceId: req.params.deviceId, absorbed: result.absorbed }, 'installation absorbed');
      return { absorbed: result.absorbed };
    },
  );

  app.put<{ Params: { deviceId: string } }>(
    '/api/v1/devices/:deviceId/status',
    { onRequest: [authenticate(deps, { admin: false }), ownDevice] },
    async (req, reply) => {
      const body = statusBody.safeParse(req.body);
      if (!body.success) return sendInvalid(reply, toIssues(body.error));
      const heardAt = new Date().toISOString();
      await store.setStatus(req.params.deviceId, body.data, heardAt);
      return { status: 'recorded', heardAt };
    },
  );
}
