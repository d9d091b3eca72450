// The coordinator console (SPEC §12): its API under /console/api and its page under /console/, served by the
// same process as the devices' API. The page is a separate build (console/, vite.console.config.ts) in
// dist-console/: not part of the device app, not in its service worker's precache.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { LocationTree } from '../../src/locations/locations';
import type { ServerConfig } from '../config';
import { createLimiter } from '../rate-limit';
import type { Store } from '../store';
import type { Tree } from '../tree';
import { createAccounts } from './accounts';
import { registerAuthRoutes } from './auth-routes';
import { registerDeviceRoutes } from './device-routes';
import { registerDhis2Routes } from './dhis2-routes';
import { identify } from './session';
import { registerTallyRoutes } from './tally-routes';

export interface ConsoleOptions {
  config: ServerConfig;
  store: Store;
  /** The built console page; null serves the API alone. Default PELITA_CONSOLE_STATIC or dist-console/. */
  staticDir?: string | null;
  /** How long DHIS2 may take to answer a push (tests make it short). */
  dhis2TimeoutMs?: number;
  /** Origins besides the server's own allowed to make changes (PELITA_CONSOLE_ORIGINS). */
  origins?: string[];
}

/** The store's tree as the app's LocationTree (names, children, walks), built once per tree version. */
const trees = new WeakMap<Tree, LocationTree>();
function locationTreeOf(tree: Tree): LocationTree {
  let t = trees.get(tree);
  if (!t) {
    t = new LocationTree(tree.list);
    trees.set(tree, t);
  }
  return t;
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
  const { store } = options;
  const accounts = createAccounts(store.console);
  const tree = () => locationTreeOf(store.tree());
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
    registerTallyRoutes(scope, { store, tree });
    registerDeviceRoutes(scope, { store, tree });
    registerDhis2Routes(scope, { store, tree, timeoutMs: options.dhis2TimeoutMs });

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
