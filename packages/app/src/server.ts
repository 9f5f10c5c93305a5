import type { FastifyInstance } from 'fastify';
import { buildApp, registerJobs } from './app.ts';
import type { Config } from './config.ts';
import { configureAuditKey, ensureKeyedChain } from './platform/audit/audit.ts';
import { writeCheckpoint } from './platform/audit/checkpoints.ts';
import { configureKeys, parseKeyring } from './platform/crypto/index.ts';
import { checkEncryptionKeys } from './platform/crypto/key-check.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { openMigrated } from './platform/db/migrated-image.ts';
import { loggableError } from './platform/http/error-handler.tsx';
import { JobWorker } from './platform/jobs/jobs.ts';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/** Starts a Ponte process: config -> database -> migrations -> app -> jobs -> listen. */
export async function startServer(
  config: Config,
  /** Runs after the migrations, on the same connection (the demo seed of `ponte start`). */
  afterMigrate?: (db: Database['db']) => Promise<void>,
): Promise<RunningServer> {
  // Opened and migrated; an empty data folder from the migrated image of this version when one is kept.
  const database = await openMigrated({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    configureKeys(config.encryptionKeys);
    configureAuditKey(config.auditKey);
    // Keys that cannot open the data stop the start-up here, with a message naming PONTE_ENCRYPTION_KEYS.
    await checkEncryptionKeys(database.db, parseKeyring(config.encryptionKeys));
    // The audit chain's keyed links begin at the first start of this version (decision 0037).
    await ensureKeyedChain(database.db);
    if (afterMigrate) await afterMigrate(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  // Migrations need the owner's rights; the app itself then runs as the restricted role, when one is set.
  const appDatabase = config.databaseRole
    ? await openDatabase({ databaseUrl: config.databaseUrl, role: config.databaseRole })
    : database;
  if (appDatabase !== database) await database.close();
  // Heavy reads from a streaming replica when one is configured (decision 0056): its own pool, opened without a
  // first query, so that a replica that is down does not stop the start (the reads fall back to the primary).
  const readDatabase = config.databaseReadUrl
    ? await openDatabase({
        databaseUrl: config.databaseReadUrl,
        role: config.databaseRole,
        lazy: true,
        connectTimeoutMs: 2_000,
      })
    : appDatabase;
  const app = await buildApp({ config, database: appDatabase, readDatabase });
  const worker = new JobWorker(appDatabase.db, {
    onError: (error, job) =>
      app.log.error({ error: loggableError(error), jobId: job.id, kind: job.kind }, 'job failed'),
  });
  registerJobs(worker, { config, database: appDatabase, readDatabase });
  // The signed checkpoint of the audit chain's head, outside the database: to the file and to the log.
  worker.register(
    'audit.checkpoint',
    async (_payload, { db }) => {
      const out = await writeCheckpoint(db, { file: config.auditCheckpointFile });
      if (out.kind === 'written') app.log.info({ auditCheckpoint: out.checkpoint }, 'audit checkpoint');
      else if (out.kind === 'broken') {
        app.log.error(
          { auditChain: out.chain?.firstBroken ?? null, auditAnchor: out.finding ?? null },
          'audit chain does not verify: no checkpoint written (run `ponte audit verify`)',
        );
      }
    },
    { schedule: { every: 'hour' } },
  );
  const address = await app.listen({ port: config.port, host: config.host });
  // Scheduled jobs are enqueued once per hour across all instances (the unique key makes the others no-ops).
  // After the server listens, and the first poll one interval later: the jobs' first run (the monitoring refresh
  // and its charts take seconds on the demo network) does not stand between the start and the first page.
  if (config.jobs) await worker.start({ firstPollAfterInterval: true });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await worker.stop();
      await app.close();
      await appDatabase.close();
      if (readDatabase !== appDatabase) await readDatabase.close();
    })();
    return stopping;
  };
  const onSignal = () => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { app, url: address, stop };
}
