// The coordinator console (SPEC §12): its API under /console/api and its page under /console/, served by the
// same process as the devices' API. The page is a separate build (console/, vite.console.config.ts) in
// dist-console/: not part of the device app, not in its service worker's precache.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { type Location, LocationTree } from '../../src/locations/locations';
import type { ServerConfig } from '../config';
import type { Db } from '../db';
import { createLimiter } from '../rate-limit';
import { createAccounts } from './accounts';
import { registerAuthRoutes } from './auth-routes';
import { identify } from './session';
import { createSource } from './source';
import { registerTallyRoutes } from './tally-routes';

export interface ConsoleOptions {
  config: ServerConfig;
  db: Db;
  /** The deployment's location tree; default the shipped ASEAN list. */
  tree?: () => LocationTree;
  /** The built console page; null serves the API alone. Default PELITA_CONSOLE_STATIC or dist-console/. */
  staticDir?: string | null;
  /** Origins besides the server's own allowed to make changes (PELITA_CONSOLE_ORIGINS). */
  origins?: string[];
}

let asean: LocationTree | null = null;
function aseanTree(): LocationTree {
  asean ??= new LocationTree(
    JSON.parse(
      readFileSync(new URL('../../src/locations/asean.json', import.meta.url), 'utf8'),
    ) as Location[],
  );
  return asean;
}

/** Sign-in attempts: per client address and per username, a few a minute after a burst of ten. */
const SIGN_IN_RATE = { perSecond: 5 / 60, burst: 10 };

const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export async function registerConsole(app: FastifyInstance, options: ConsoleOptions) {
  const accounts = createAccounts(options.db);
  const source = createSource(options.db);
  const tree = options.tree ?? aseanTree;
  const origins =
    options.origins ??
    (process.env.PELITA_CONSOLE_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean);
  app.decorateRequest('account', null);

  await app.register(async (scope) => {
    scope.addHook('onRequest', identify({ accounts, adminToken: options.config.adminToken, origins }));
    scope.addHook('onSend', async (_req, reply) => {
      reply.headers(SECURITY_HEADERS);
    });
    registerAuthRoutes(scope, {
      accounts,
      tree,
      signInByIp: createLimiter(SIGN_IN_RATE),
      signInByName: createLimiter(SIGN_IN_RATE),
    });
    registerTallyRoutes(scope, { source, tree });

    const dir =
      options.staticDir === undefined
        ? resolve(process.env.PELITA_CONSOLE_STATIC || 'dist-console')
        : options.staticDir;
    if (dir && existsSync(dir)) {
      await scope.register(fastifyStatic, {
        root: dir,
        prefix: '/console/',
        decorateReply: false,
        preCompressed: true,
        cacheControl: false,
        setHeaders(res, path) {
          if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
          else if (path.includes('/assets/'))
            res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        },
      });
      scope.get('/console', async (_req, reply) => reply.redirect('/console/'));
    }
  });
  return { accounts };
}
