import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { forgetReplicaState, readerFor } from '../src/platform/db/replica.ts';
import { replicaCheck } from '../src/platform/doctor.ts';
import { getPage, getTestDb, makeOrg, makeUser, testConfig } from './helpers.ts';

// Heavy reads from a PostgreSQL streaming replica (decision 0056), on a real replica: `.ci/replica.sh` makes one of
// the machine's PostgreSQL with `pg_basebackup -R` on another port, then runs this file with
// PONTE_TEST_REPLICA_URL (the same database on the replica) and PONTE_TEST_REPLICA_STOP (the command that stops
// it). Writes go to the primary, `readerFor` reads them from the replica; when the replica lags or is down the reads
// fall back to the primary and say why; /readyz and `ponte doctor` report it. Without a replica it is skipped.

const REPLICA_URL = process.env.PONTE_TEST_REPLICA_URL;
const STOP = process.env.PONTE_TEST_REPLICA_STOP;
const skip = !REPLICA_URL || !STOP || !process.env.DATABASE_URL ? 'no replica (run .ci/replica.sh)' : false;

let replica: Database | undefined;
after(async () => {
  await replica?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 180_000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

test('writes go to the primary, heavy reads come from the replica; lagging or down, they fall back to the primary and say so', {
  skip,
}, async () => {
  const primary = await getTestDb();
  replica = await openDatabase({
    databaseUrl: REPLICA_URL,
    lazy: true,
    connectTimeoutMs: 2_000,
    allowExitOnIdle: true,
    poolSize: 2,
  });
  const config = testConfig({ databaseReadUrl: REPLICA_URL, readMaxLagSeconds: 30 });
  const opts = { config, database: primary, readDatabase: replica };

  // A write on the primary, read back through the reader from the replica once replayed.
  const org = await makeOrg(primary.db, 'cav');
  const seen = await until('the replica to replay the write', async () => {
    forgetReplicaState(replica!);
    const r = await readerFor(opts);
    if (r.fallback) return undefined;
    // The replica may not have replayed even the schema of this run yet.
    const row = await r.db
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', org.id)
      .executeTakeFirst()
      .catch(() => undefined);
    return row ? { r, row } : undefined;
  });
  assert.equal(seen.row.name, org.name);
  assert.equal(seen.r.db, replica.db);
  const rec = await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(seen.r.db);
  assert.equal(rec.rows[0]!.r, true, 'the reader is the streaming replica');
  await assert.rejects(
    sql`update organisation set name = name where id = ${org.id}`.execute(seen.r.db),
    /read-only/,
    'the replica refuses writes',
  );

  // /readyz of an instance with the replica reports it.
  const app = await buildApp({ config, database: primary, readDatabase: replica, logger: false });
  try {
    const ok = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().checks.replica, 'ok');
    assert.equal((await replicaCheck(config)).level, 'ok');

    // The monitoring dashboard of that instance reads from the replica: no notice of a fallback.
    const coordinator = await makeUser(primary.db, org.id, ['cav_coordinator']);
    const dashboard = await getPage(app, coordinator, '/monitoring');
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /data-table="funnel"/);
    assert.doesNotMatch(dashboard.body, /data-replica-fallback/);

    // Lagging: the replica stops replaying (what a long query on it or a slow disk does); a new write on the
    // primary is then beyond the limit of 1 s: the reads go to the primary, which has it, and the reason is said.
    await sql`select pg_wal_replay_pause()`.execute(replica.db);
    try {
      const late = await makeOrg(primary.db, 'cav');
      const strict = { ...opts, config: testConfig({ databaseReadUrl: REPLICA_URL, readMaxLagSeconds: 1 }) };
      const lagging = await until('the lag to pass 1 s', async () => {
        forgetReplicaState(replica!);
        const r = await readerFor(strict);
        return r.fallback ? r : undefined;
      });
      assert.equal(lagging.reason, 'lagging');
      assert.equal(lagging.db, primary.db);
      const row = await lagging.db
        .selectFrom('organisation')
        .select('id')
        .where('id', '=', late.id)
        .executeTakeFirst();
      assert.ok(row, 'the primary has the new write');
      const onReplica = await replica.db
        .selectFrom('organisation')
        .select('id')
        .where('id', '=', late.id)
        .executeTakeFirst();
      assert.equal(onReplica, undefined, 'the paused replica does not have it yet');
    } finally {
      await sql`select pg_wal_replay_resume()`.execute(replica.db);
    }

    // Down: the reads go to the primary, /readyz stays 200 and says `avviso` for the replica, the doctor fails.
    execSync(STOP!, { stdio: 'inherit' });
    forgetReplicaState(replica);
    const logged: object[] = [];
    const down = await readerFor(opts, { warn: (o) => logged.push(o) });
    assert.equal(down.fallback, true);
    assert.equal(down.reason, 'down');
    assert.equal(down.db, primary.db);
    assert.equal(logged.length, 1);
    const row = await down.db
      .selectFrom('organisation')
      .select('id')
      .where('id', '=', org.id)
      .executeTakeFirst();
    assert.ok(row);
    await sleep(5_100); // /readyz keeps its answer 5 s
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().checks.replica, 'avviso');
    const doctor = await replicaCheck(config);
    assert.equal(doctor.level, 'errore');
    assert.match(doctor.text, /la replica non risponde/);
    // …and the dashboard reads from the primary, saying so on the page.
    const fallback = await getPage(app, coordinator, '/monitoring');
    assert.equal(fallback.statusCode, 200);
    assert.match(fallback.body, /data-replica-fallback/);
    assert.match(fallback.body, /data-table="funnel"/);
  } finally {
    await app.close();
  }
});

test('without a replica the reader is the primary, with no fallback to report', async () => {
  const primary = await getTestDb();
  const r = await readerFor({ config: testConfig(), database: primary, readDatabase: primary });
  assert.deepEqual(r, { db: primary.db, fallback: false, reason: null });
});
