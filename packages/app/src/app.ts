import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { features } from './features/index.ts';
import { configureAuditKey } from './platform/audit/audit.ts';
import { authHousekeeping } from './platform/auth/housekeeping.ts';
import { authPlugin } from './platform/auth/plugin.ts';
import { configureKeys } from './platform/crypto/index.ts';
import type { Database } from './platform/db/database.ts';
import { type FeatureOptions, registerFeatureJobs, registerFeatureRoutes } from './platform/feature.ts';
import { prepareAssets } from './platform/http/assets.ts';
import { errorHandlerPlugin } from './platform/http/error-handler.tsx';
import { metricsPlugin } from './platform/http/metrics.ts';
import { openapiPlugin } from './platform/http/openapi.ts';
import { securityPlugin } from './platform/http/security.ts';
import { viewsPlugin } from './platform/http/views.ts';
import type { JobWorker } from './platform/jobs/jobs.ts';
import { componentGallery } from './platform/ui/gallery.tsx';
import './platform/http/types.ts';
import './platform/ui/messages.ts';

export interface AppOptions {
  config: Config;
  database: Database;
  /** A read replica for heavy reads (FeatureOptions.readDatabase); the primary when absent. */
  readDatabase?: Database;
  /** Log destination override (tests keep logs silent). */
  logger?: boolean | Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
  }
}

/**
 * The composition root (style.md §1): external plugins, then platform, then features, in a fixed order.
 * It never listens: server.ts does, and tests call app.inject().
 */
export async function buildApp({
  config,
  database,
  readDatabase,
  logger,
}: AppOptions): Promise<FastifyInstance> {
  configureKeys(config.encryptionKeys);
  configureAuditKey(config.auditKey);
  // Nothing identifying in logs: no query strings, no bodies, no cookies. A test that captures the log (a
  // `stream`) keeps these serializers, so it sees what production would write.
  const safe = {
    level: config.logLevel,
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
        id: req.id,
      }),
    },
    redact: ['req.headers.cookie', 'req.headers.authorization'],
  };
  const app = Fastify({
    logger:
      logger === undefined || logger === true ? safe : logger === false ? false : { ...safe, ...logger },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    genReqId: () => crypto.randomUUID(),
  });
  app.decorate('config', config);
  app.decorate('database', database);

  // The cut stylesheet is built (or read from its cache) before any plugin starts: on a fresh clone the build
  // takes seconds, more than a plugin is allowed to take to start when several processes start together.
  await prepareAssets();
  await app.register(securityPlugin, { config, db: database.db });
  await app.register(authPlugin, { config, db: database.db });
  await app.register(viewsPlugin, { config });
  await app.register(errorHandlerPlugin);
  await app.register(openapiPlugin);
  await app.register(metricsPlugin, { token: config.metricsToken });
  await registerFeatureRoutes(app, features, { config, database, readDatabase: readDatabase ?? database });
  // The component gallery, in development only (never in production: platform/ui/gallery.tsx).
  if (config.env === 'development') await app.register(componentGallery);
  await app.ready();
  return app;
}

/** Every background job: the platform's housekeeping, then each feature's own jobs with their schedules. */
export function registerJobs(
  worker: JobWorker,
  opts: Omit<FeatureOptions, 'readDatabase'> & { readDatabase?: Database },
): void {
  worker.registerAll(authHousekeeping);
  registerFeatureJobs(worker, features, { ...opts, readDatabase: opts.readDatabase ?? opts.database });
}
