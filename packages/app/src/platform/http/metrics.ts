import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics at /metrics: process figures and request durations by route pattern (never by URL). */
export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
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
    app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply
        .header('content-type', registry.contentType)
        .header('cache-control', 'no-store')
        .send(await registry.metrics()),
    );
  },
  { name: 'ponte-metrics' },
);
