import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { registerJobs } from './features/index.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { JobWorker } from './platform/jobs/jobs.ts';

/** Starts a Ponte process: config -> database -> migrations -> app -> listen. Returns the running app. */
export async function startServer(config: Config): Promise<FastifyInstance> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database.db);
  // Migrations need the owner's rights; the app itself then runs as the restricted role, when one is set.
  const appDatabase = config.databaseRole
    ? await openDatabase({ databaseUrl: config.databaseUrl, role: config.databaseRole })
    : database;
  if (appDatabase !== database) await database.close();
  const app = await buildApp({ config, database: appDatabase });
  const worker = new JobWorker(appDatabase.db, {
    onError: (error, job) => app.log.error({ err: error, jobId: job.id, kind: job.kind }, 'job failed'),
  });
  registerJobs(worker, { config, database: appDatabase });
  if (config.jobs) worker.start();
  app.addHook('onClose', async () => {
    await worker.stop();
    await appDatabase.close();
  });
  await app.listen({ port: config.port, host: config.host });
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return app;
}
