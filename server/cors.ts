// CORS through @fastify/cors, for deployments where the app is served from another origin than the API.
// Tokens travel in the Authorization header, never in cookies, so no credentials mode is needed. No configured
// origin: the API answers its own origin only (browsers block everyone else), and a preflight from elsewhere
// gets 403. The headers are set in onRequest, before authentication, so even a refusal (401, 429) can be read.
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export async function registerCors(app: FastifyInstance, origins: string[]) {
  const any = origins.includes('*');
  const allowed = (req: FastifyRequest) => {
    const origin = req.headers.origin;
    return req.url.startsWith('/api/') && origin !== undefined && (any || origins.includes(origin));
  };
  await app.register(
    fastifyCors,
    () => (req: FastifyRequest, cb: (error: Error | null, options: FastifyCorsOptions) => void) =>
      cb(
        null,
        allowed(req)
          ? {
              origin: any ? '*' : origins,
              methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
              allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'If-None-Match'],
              // The app reads Retry-After on a 429 to schedule its next try (the config's version is in its body).
              exposedHeaders: 'Retry-After',
              maxAge: 600,
              strictPreflight: false,
            }
          : { origin: false },
      ),
  );
  // A preflight the plugin did not answer comes from an origin that is not allowed.
  app.options('/api/*', async (_req, reply) => reply.code(403).send({ error: 'origin_not_allowed' }));
}
