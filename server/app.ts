// The reference upstream server as a Fastify instance: the API under /api/v1, and the app's static files
// with every other path answered by index.html (deep links).
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { ServerConfig } from './config';

export async function buildServer(config: ServerConfig) {
  const app = Fastify({ logger: { level: config.logLevel } });

  app.get('/api/v1/health', async () => ({ status: 'ok' }));

  if (config.staticDir && existsSync(config.staticDir)) {
    await app.register(fastifyStatic, {
      root: config.staticDir,
      wildcard: false,
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
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: 'not_found' });
    });
  }
  return app;
}
