// Two Ponte instances against one PostgreSQL server (architecture.md §4: app processes are stateless). Runs in
// the database group only (`DATABASE_URL=… node scripts/test.mjs --db`): PGlite is one process's database.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { appendAudit, verifyAuditChain } from '../src/platform/audit/audit.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { enqueue, JobWorker } from '../src/platform/jobs/jobs.ts';
import { getTestDb, makeOrg, makeUser, testConfig } from './helpers.ts';

const url = process.env.DATABASE_URL;
const skip = url ? false : 'needs a PostgreSQL server (DATABASE_URL)';

interface Instance {
  app: FastifyInstance;
  database: Database;
  base: string;
}

const open: Instance[] = [];
after(async () => {
  for (const i of open) {
    await i.app.close();
    await i.database.close();
  }
});

/** One more Ponte process: its own connection pool, its own HTTP server on a free port. */
async function instance(): Promise<Instance> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  const app = await buildApp({ config: testConfig({ databaseUrl: url }), database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const i = { app, database, base: `http://127.0.0.1:${address.port}` };
  open.push(i);
  return i;
}

test('a session opened on one instance carries on on the other, and ends on both', { skip }, async () => {
  const { db } = await getTestDb();
  const [a, b] = [await instance(), await instance()];
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);

  const onA = await fetch(`${a.base}/home`, { headers: { cookie: user.cookie }, redirect: 'manual' });
  assert.equal(onA.status, 200);
  assert.match(await onA.text(), new RegExp(user.username.slice(0, 6)));
  const onB = await fetch(`${b.base}/home`, { headers: { cookie: user.cookie }, redirect: 'manual' });
  assert.equal(onB.status, 200);

  // The session row is the only state: once it is gone (logout anywhere), neither instance knows the cookie.
  await db.deleteFrom('session').where('user_id', '=', user.id).execute();
  for (const i of [a, b]) {
    const res = await fetch(`${i.base}/home`, { headers: { cookie: user.cookie }, redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.match(String(res.headers.get('location')), /^\/login/);
  }
});

test('jobs enqueued on one instance run exactly once across the workers of both', { skip }, async () => {
  const [a, b] = [await instance(), await instance()];
  const kind = `test.multi.${Date.now()}`;
  const runs: string[] = [];
  const handler = (who: string) => async (payload: Record<string, unknown>) => {
    runs.push(`${who}:${payload.n}`);
  };
  for (let n = 0; n < 30; n++) await enqueue(a.database.db, kind, { n });
  const wa = new JobWorker(a.database.db, { workerId: 'instance-a' }).register(kind, handler('a'));
  const wb = new JobWorker(b.database.db, { workerId: 'instance-b' }).register(kind, handler('b'));
  const [ra, rb] = await Promise.all([wa.drain(), wb.drain()]);
  assert.equal(ra + rb, 30);
  const ns = runs.map((r) => Number(r.split(':')[1])).sort((x, y) => x - y);
  assert.deepEqual(
    ns,
    Array.from({ length: 30 }, (_, i) => i),
  );
});

test('audit entries appended at once from both instances keep one unbroken chain', { skip }, async () => {
  const [a, b] = [await instance(), await instance()];
  await Promise.all(
    Array.from({ length: 20 }, (_, n) =>
      appendAudit((n % 2 ? a : b).database.db, { action: 'test.multi_instance', details: { n } }),
    ),
  );
  const result = await verifyAuditChain(a.database.db);
  assert.equal(result.ok, true, JSON.stringify(result.firstBroken));
  assert.ok(result.checked >= 20);
});
