import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
function hasBearer(req: FastifyRequest, token: string): boolean {
  const m = /^Bearer ([^\s]+)$/.exec(req.headers.authorization ?? '');
  return m !== null && timingSafeEqual(digest(m[1] as string), digest(token));
}

/**
 * Prometheus metrics at /metrics: process figures and request durations by route pattern (never by URL). Even
 * so, counts per route tell an observer what happens (how many identity reveals were refused, for instance), so
 * they are served only to the bearer token of PONTE_METRICS_TOKEN; without a token the route does not exist.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: { token: string | undefined }) => {
    const { token } = opts;
    if (token === undefined) return;
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const duration = new Histogram({
      name: 'ponte_http_request_duration_seconds',
      help: 'Durata delle richieste HTTP per percorso registrato',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    app.addHook('onResponse', async (req, reply) => {
      // The route pattern (/cases/:id), not the URL: no record id or code ever becomes a label.
      const route = req.routeOptions.url ?? 'unmatched';
      duration.observe(
        { method: req.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
    // Public in the route table: the bearer token, not a staff session, is what opens it.
    app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
      reply.header('cache-control', 'no-store');
      if (!hasBearer(req, token)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="ponte-metrics"')
          .type('text/plain; charset=utf-8')
          .send('Unauthorized\n');
      }
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'ponte-metrics' },
);
