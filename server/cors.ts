// Minimal CORS for deployments where the app is served from another origin than the API. Tokens travel in
// the Authorization header, never in cookies, so no credentials mode is needed. No configured origin: the API
// answers its own origin only (browsers block everyone else).
import type { FastifyInstance } from 'fastify';

export function registerCors(app: FastifyInstance, origins: string[]) {
  const any = origins.includes('*');
  const allowed = (origin: string | undefined): origin is string =>
    origin !== undefined && (any || origins.includes(origin));

  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (!req.url.startsWith('/api/') || !allowed(origin)) return;
    reply.header('Access-Control-Allow-Origin', any ? '*' : origin);
    // The app reads Retry-After on a 429 to schedule its next try.
    reply.header('Access-Control-Expose-Headers', 'Retry-After');
    if (!any) reply.header('Vary', 'Origin');
  });

  app.options('/api/*', async (req, reply) => {
    if (!allowed(req.headers.origin)) return reply.code(403).send({ error: 'origin_not_allowed' });
    return reply
      .code(204)
      .header('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS')
      .header('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept')
      .header('Access-Control-Max-Age', '600')
      .send();
  });
}
