// The reference upstream server as a Fastify instance: the API under /api/v1, and the app's static files
// with every other path answered by index.html (deep links). `buildServer` does not listen, so tests and
// main.ts choose the port; closing the instance closes the database.
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { registerAdmin } from './admin';
import { registerApi } from './api';
import type { ServerConfig } from './config';
import { registerConsole } from './console';
import { registerCors } from './cors';
import { registerDevices } from './devices';
import { registerErrorHandler } from './errors';
import { openStore } from './open-store';
import { createLimiter, registerRateLimit } from './rate-limit';
import { registerSettings } from './settings';
import type { Store } from './store';
import { registerTallies } from './tallies';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's data, for tests and tools that run in the same process. */
    store: Store;
  }
}

export async function buildServer(config: ServerConfig) {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // The default request serializer leaves headers out; this keeps tokens out even if that changes.
      redact: ['req.headers.authorization', 'headers.authorization'],
    },
    bodyLimit: config.bodyLimit,
    // Long enough that an over-long orgUnit reaches validation and gets a 400 with a reason, not a 404.
    routerOptions: { maxParamLength: 1000 },
    trustProxy: config.trustProxy,
    // A client that trickles its request is cut off rather than holding a connection forever.
    requestTimeout: 30_000,
  });

  const store = await openStore(config);
  app.decorate('store', store);
  // Each open socket costs memory and a file descriptor: past the cap, Node closes new ones at accept.
  app.server.maxConnections = config.maxConnections;
  app.addHook('onClose', async () => store.close());
  if (!config.enrolmentCode) {
    app.log.warn('enrolment is disabled: set PELITA_ENROLMENT_CODE to let devices enrol');
  }

  registerErrorHandler(app, config.bodyLimit);
  await registerCors(app, config.corsOrigins);
  const limit = await registerRateLimit(app);
  const deps = {
    config,
    store,
    deviceLimit: limit('device', createLimiter(config.deviceRate), (req) => req.deviceId ?? 'admin'),
    enrolLimit: limit('enrol', createLimiter(config.enrolRate), (req) => req.ip),
  };
  registerApi(app, deps);
  registerDevices(app, deps);
  registerTallies(app, deps);
  registerSettings(app, deps);
  registerAdmin(app, deps);
  await registerConsole(app, { config, store });

  const serveStatic = config.staticDir !== null && existsSync(config.staticDir);
  if (serveStatic && config.staticDir) {
    await app.register(fastifyStatic, {
      root: config.staticDir,
      // Files are looked up per request, so a new deployment is served without a restart.
      wildcard: true,
      // `npm run build` writes .br and .gz beside each file (scripts/precompress.mjs).
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, path) {
        // The service worker and the shell must be re-checked on every visit, so updates are found.
        if (path.endsWith('sw.js') || path.endsWith('.html') || path.endsWith('.webmanifest')) {
          res.setHeader('Cache-Control', 'no-cache');
        } else if (path.includes('/assets/')) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // A screen's URL (no file extension) gets the app shell; a missing file gets a real 404, so a service
    // worker never caches the shell as a script.
    const path = req.url.split('?')[0] ?? '';
    const isScreen = !/\.[a-z0-9]+$/i.test(path);
    if (serveStatic && req.method === 'GET' && isScreen && !path.startsWith('/api/'))
      return reply.sendFile('index.html');
    return reply.code(404).send({ error: 'not_found' });
  });
  return app;
}
