// Signing in and out, and the accounts an administrator manages. Sign-in is rate-limited per client address
// and per username, and a wrong username costs the same scrypt work as a wrong password, so neither timing
// nor the answer tells which accounts exist.
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as z from 'zod/mini';
import type { LocationTree } from '../../src/locations/locations';
import { orgUnit } from '../../src/sync/protocol';
import { toIssues } from '../errors';
import type { Limiter } from '../rate-limit';
import { type Accounts, ROLES } from './accounts';
import { dummyHash, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';
import { inScope } from './rollup';
import { clearedCookie, readCookie, requireAccount, sessionCookie } from './session';

const username = z
  .string('console.errors.username')
  .check(z.trim(), z.regex(/^[A-Za-z0-9._@-]{3,64}$/, 'console.errors.username'));
const password = z
  .string('console.errors.password')
  .check(
    z.minLength(1, 'console.errors.password'),
    z.maxLength(MAX_PASSWORD_LENGTH, 'console.errors.password'),
  );

const signInBody = z.object({ username, password });
export const newAccountBody = z.object({
  username,
  password: z
    .string('console.errors.passwordShort')
    .check(
      z.minLength(MIN_PASSWORD_LENGTH, 'console.errors.passwordShort'),
      z.maxLength(MAX_PASSWORD_LENGTH, 'console.errors.password'),
    ),
  role: z.enum(ROLES, 'console.errors.role'),
  scope: z.nullable(orgUnit),
});

/** `429` with `Retry-After`, in the API's shape. */
function tooMany(reply: FastifyReply, retryAfter: number) {
  return reply
    .code(429)
    .header('Retry-After', String(retryAfter))
    .send({ error: 'rate_limited', retryAfter });
}

export interface AuthDeps {
  accounts: Accounts;
  tree: () => LocationTree;
  signInByIp: Limiter;
  signInByName: Limiter;
}

export function registerAuthRoutes(app: FastifyInstance, deps: AuthDeps) {
  const { accounts } = deps;

  app.post('/console/api/sign-in', async (req, reply) => {
    const ip = deps.signInByIp.take(req.ip);
    if (!ip.ok) return tooMany(reply, ip.retryAfter);
    const body = signInBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid_body', issues: toIssues(body.error) });
    const name = deps.signInByName.take(body.data.username.toLowerCase());
    if (!name.ok) return tooMany(reply, name.retryAfter);
    const found = await accounts.withHash(body.data.username);
    const ok = await verifyPassword(body.data.password, found?.passwordHash ?? (await dummyHash()));
    if (!found || !ok) {
      req.log.info('console sign-in refused');
      return reply.code(401).send({ error: 'wrong_credentials' });
    }
    const { passwordHash: _, ...account } = found;
    const { token, expiresAt } = await accounts.openSession(account.id);
    req.log.info({ account: account.id }, 'console sign-in');
    return reply
      .header('Set-Cookie', sessionCookie(req, token, expiresAt))
      .header('Cache-Control', 'no-store')
      .send({ account });
  });

  app.post('/console/api/sign-out', async (req, reply) => {
    const cookie = readCookie(req.headers.cookie);
    if (cookie) await accounts.closeSession(cookie);
    return reply.code(204).header('Set-Cookie', clearedCookie(req)).send();
  });

  app.get('/console/api/me', { preHandler: requireAccount() }, async (req, reply) =>
    reply.header('Cache-Control', 'no-store').send({ account: req.account }),
  );

  // Administrators manage accounts inside their own scope; the admin token (scope: everything) makes the first.
  app.get('/console/api/accounts', { preHandler: requireAccount({ admin: true }) }, async (req) => {
    const tree = deps.tree();
    const scope = req.account!.scope;
    return {
      accounts: (await accounts.list()).filter(
        (a) => scope === null || (a.scope !== null && inScope(tree, scope, a.scope)),
      ),
    };
  });

  app.post('/console/api/accounts', { preHandler: requireAccount({ admin: true }) }, async (req, reply) => {
    const body = newAccountBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid_body', issues: toIssues(body.error) });
    const tree = deps.tree();
    const { scope } = body.data;
    if (scope !== null && !tree.has(scope)) return reply.code(400).send({ error: 'unknown_location' });
    if (body.data.role === 'coordinator' && scope === null)
      return reply.code(400).send({ error: 'scope_required' });
    const mine = req.account!.scope;
    if (mine !== null && (scope === null || !inScope(tree, mine, scope)))
      return reply.code(403).send({ error: 'out_of_scope' });
    const made = await accounts.create(body.data);
    if (!made.ok) return reply.code(409).send({ error: made.error });
    req.log.info({ account: made.account.id, by: req.account!.id }, 'console account created');
    return reply.code(201).send({ account: made.account });
  });

  app.delete<{ Params: { id: string } }>(
    '/console/api/accounts/:id',
    { preHandler: requireAccount({ admin: true }) },
    async (req, reply) => {
      const target = await accounts.get(Number(req.params.id));
      const mine = req.account!.scope;
      if (!target) return reply.code(404).send({ error: 'not_found' });
      if (mine !== null && (target.scope === null || !inScope(deps.tree(), mine, target.scope)))
        return reply.code(403).send({ error: 'out_of_scope' });
      if (target.id === req.account!.id) return reply.code(409).send({ error: 'cannot_remove_self' });
      await accounts.remove(target.id);
      return reply.code(204).send();
    },
  );
}
