import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Database, Db } from './db/database.ts';
import type { JobDefinition, JobWorker } from './jobs/jobs.ts';

// The feature contract (docs/architecture.md): what a vertical slice gives the platform. A feature is a value its
// index.ts exports; features/index.ts only lists them; the platform registers their routes and their jobs, each
// job with its own schedule, so a new feature adds its housekeeping without touching another's code.

/** What the composition root hands every feature. */
export interface FeatureOptions {
  config: Config;
  database: Database;
  /** Where heavy reads (monitoring views, exports) go: a streaming replica when `DATABASE_READ_URL` is set,
   *  else the same database as `database`. Never written to. */
  readDatabase: Database;
}

export interface Feature {
  /** A short English name, for errors and the architecture test. */
  name: string;
  /** Registers its routes (a Fastify plugin, encapsulated). */
  routes?: (app: FastifyInstance, opts: FeatureOptions) => Promise<void>;
  /** Its background jobs, each handler idempotent (a job may run again after a crash). */
  jobs?: (opts: FeatureOptions) => readonly JobDefinition[];
  /** Its share of the demo network, run by `ponte start` on a demo network after the network, its desks and its
   *  cases, in the order of features/index.ts; idempotent (does nothing when its demo records exist). */
  demo?: (db: Db, config: Config) => Promise<void>;
}

/** Registers the routes of the features, in the order given. */
export async function registerFeatureRoutes(
  app: FastifyInstance,
  features: readonly Feature[],
  opts: FeatureOptions,
): Promise<void> {
  for (const feature of features) if (feature.routes) await app.register(feature.routes, opts);
}

/** Registers the jobs of the features on the worker; two features declaring the same kind is a start-up error. */
export function registerFeatureJobs(
  worker: JobWorker,
  features: readonly Feature[],
  opts: FeatureOptions,
): void {
  const owner = new Map<string, string>();
  for (const feature of features) {
    for (const job of feature.jobs?.(opts) ?? []) {
      const other = owner.get(job.kind);
      if (other) throw new Error(`job ${job.kind} is declared by both ${other} and ${feature.name}`);
      owner.set(job.kind, feature.name);
      worker.register(job.kind, job.handler, { schedule: job.schedule });
    }
  }
}
