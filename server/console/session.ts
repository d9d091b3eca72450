// The console's session cookie and the checks every console request goes through. The cookie is HttpOnly
// (no script reads it), SameSite=Strict (no other site's page sends it), Secure when the request came over
// TLS (req.protocol: X-Forwarded-Proto counts only when PELITA_TRUST_PROXY trusts the proxy), limited to
// /console. Every change (POST, PUT, DELETE) must also carry an Origin header naming this server: a browser
// always sends it on such requests, and another site cannot forge it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearer, sameSecret } from '../auth';
import type { Account, Accounts } from './accounts';

export const COOKIE = 'pelita_console';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readCookie(header: string | undefined, name = COOKIE): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

export function sessionCookie(req: FastifyRequest, token: string, expiresAt: Date): string {
  const parts = [
    `${COOKIE}=${token}`,
    'Path=/console',
    'HttpOnly',
    'SameSite=Strict',
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (req.protocol === 'https') parts.push('Secure');
  return parts.join('; ');
}

export function clearedCookie(req: FastifyRequest): string {
  const parts = [`${COOKIE}=`, 'Path=/console', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0'];
  if (req.protocol === 'https') parts.push('Secure');
  return parts.join('; ');
}

/** This server's own origin as the browser sees it (`https://host:port`). */
export const ownOrigin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

export interface SessionDeps {
  accounts: Accounts;
  adminToken: string | null;
  /** Extra origins allowed to make changes (a console served from another name of this host). */
  origins: readonly string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in console account; for the admin token, a built-in administrator of everything. */
    account: Account | null;
  }
}

/** The administrator the server's admin token stands for: every location, no session. */
export const TOKEN_ADMIN: Account = {
  id: 0,
  username: '(admin token)',
  role: 'admin',
  scope: null,
  createdAt: '',
};

/**
 * onRequest hook for /console/api: finds the account (session cookie, or the admin token for tools), and
 * refuses a change whose Origin is not this server's. The admin token travels in a header a browser never
 * adds by itself, so it needs no Origin check.
 */
export function identify({ accounts, adminToken, origins }: SessionDeps) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const token = bearer(req.headers.authorization);
    if (token && adminToken && sameSecret(token, adminToken)) {
      req.account = TOKEN_ADMIN;
      return;
    }
    if (!SAFE.has(req.method)) {
      const origin = req.headers.origin;
      if (!origin || (origin !== ownOrigin(req) && !origins.includes(origin))) {
        req.log.info({ origin }, 'console change refused: foreign origin');
        return reply.code(403).send({ error: 'bad_origin' });
      }
    }
    const cookie = readCookie(req.headers.cookie);
    req.account = cookie ? ((await accounts.sessionAccount(cookie)) ?? null) : null;
  };
}

/** preHandler: a signed-in account is needed (and with `admin`, an administrator). */
export function requireAccount({ admin = false } = {}) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.account) return reply.code(401).send({ error: 'signed_out' });
    if (admin && req.account.role !== 'admin') return reply.code(403).send({ error: 'admins_only' });
  };
}
