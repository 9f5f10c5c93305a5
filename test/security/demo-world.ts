import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../packages/app/src/app.ts';
import { seedDemoCases, seedDemoDesks } from '../../packages/app/src/features/desks/index.ts';
import { seedDemo } from '../../packages/app/src/features/network/index.ts';
import { createSession, SESSION_COOKIE } from '../../packages/app/src/platform/auth/sessions.ts';
import type { Database } from '../../packages/app/src/platform/db/database.ts';
import type { Role } from '../../packages/app/src/platform/db/schema.ts';
import { ownTestDb, testConfig } from '../../packages/app/test/helpers.ts';

/** Everything the app wrote to its log, one parsed JSON line each, plus the raw text to search. */
export class CapturedLog {
  readonly lines: string[] = [];
  readonly stream = { write: (line: string) => void this.lines.push(line) };
  get text(): string {
    return this.lines.join('');
  }
  entries(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  clear(): void {
    this.lines.length = 0;
  }
}

/** An app on a database of its own, with a captured log at `level`. */
export async function appWithLog(
  database: Database,
  level = 'info',
): Promise<{ app: FastifyInstance; log: CapturedLog }> {
  const log = new CapturedLog();
  const app = await buildApp({ config: testConfig(), database, logger: { level, stream: log.stream } });
  return { app, log };
}

export interface DemoWorld {
  database: Database;
  app: FastifyInstance;
  log: CapturedLog;
  /** A logged-in session cookie per demo role. */
  users: Map<Role, { cookie: string; userId: string; orgId: string }>;
  close(): Promise<void>;
}

/**
 * The demo network (organisations, users of every role, desks, cases, cards sent to INPS, a booking) on a database
 * of its own, with a logged-in session for each role and the app's log captured. Call with the clock set.
 */
export async function demoWorld(): Promise<DemoWorld> {
  const database = await ownTestDb();
  const { db } = database;
  // The app first: building it configures the encryption keys that the demo cases' identities need.
  const { app, log } = await appWithLog(database);
  await seedDemo(db);
  await seedDemoDesks(db);
  await seedDemoCases(db);
  const members = await db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.organisation_id', 'm.role'])
    .where('u.demo', '=', true)
    .execute();
  const users = new Map<Role, { cookie: string; userId: string; orgId: string }>();
  for (const m of members) {
    if (users.has(m.role)) continue;
    const token = await createSession(
      db,
      { userId: m.user_id, stage: 'active', organisationId: m.organisation_id },
      60,
    );
    users.set(m.role, { cookie: `${SESSION_COOKIE}=${token}`, userId: m.user_id, orgId: m.organisation_id });
  }
  return {
    database,
    app,
    log,
    users,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
