import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { purgeThrottle } from '../platform/auth/throttle.ts';
import { now, nowMs } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import { enqueue, type JobWorker } from '../platform/jobs/jobs.ts';
import { auditFeature } from './audit/index.ts';
import { authFeature, registerAuthJobs } from './auth/index.ts';
import { cardsFeature, registerCardJobs } from './cards/index.ts';
import { casesFeature, registerCaseJobs } from './cases/index.ts';
import { desksFeature, registerDeskJobs } from './desks/index.ts';
import { homeFeature } from './home/routes.tsx';
import { networkFeature } from './network/index.ts';
import { publicFeature } from './public/index.ts';
import { screeningFeature } from './screening/routes.ts';

export interface FeatureOptions {
  config: Config;
  database: Database;
}

/** Every feature, in the order their routes are registered. */
export async function registerFeatures(app: FastifyInstance, opts: FeatureOptions): Promise<void> {
  await app.register(homeFeature, opts);
  await app.register(authFeature, opts);
  await app.register(screeningFeature, opts);
  await app.register(networkFeature, opts);
  await app.register(casesFeature, opts);
  await app.register(cardsFeature, opts);
  await app.register(desksFeature, opts);
  await app.register(auditFeature, opts);
  await app.register(publicFeature, opts);
}

/** Every feature's background jobs (each handler idempotent: a job may run again after a crash). */
export function registerJobs(worker: JobWorker, opts: FeatureOptions): void {
  worker.register('session.purge', async (_payload, { db }) => {
    await db
      .deleteFrom('session')
      .where('expires_at', '<', new Date(nowMs() - 24 * 3600_000))
      .execute();
    // Login and rate-limit counters whose window ended a day ago count nothing any more.
    await purgeThrottle(db);
    // The hourly housekeeping also schedules the closing of cards past their last outcome (once per hour).
    await enqueue(
      db,
      'cards.autoclose',
      {},
      { uniqueKey: `cards.autoclose:${now().toISOString().slice(0, 13)}` },
    );
    // …and the erasure of identifying data past its retention (once per hour).
    await enqueue(
      db,
      'cases.retention',
      {},
      { uniqueKey: `cases.retention:${now().toISOString().slice(0, 13)}` },
    );
  });
  registerAuthJobs(worker, opts.config);
  registerCardJobs(worker, opts.config.cardCloseDays);
  registerCaseJobs(worker, opts.config.identityRetentionMonths);
  registerDeskJobs(worker, opts.config);
  void opts;
}
