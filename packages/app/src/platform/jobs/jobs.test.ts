import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { clockAt, getTestDb } from '../../../test/helpers.ts';
import { nowMs } from '../clock.ts';
import { enqueue, JobWorker, periodKey } from './jobs.ts';

test('a job runs once, survives a failure with a retry, and a unique key enqueues once', async () => {
  const { db } = await getTestDb();
  const kind = `test.count.${randomUUID()}`;
  const seen: string[] = [];
  let fail = true;
  const worker = new JobWorker(db).register(kind, async (payload) => {
    if (fail) {
      fail = false;
      throw new Error('first attempt fails');
    }
    seen.push(String(payload.n));
  });
  const first = await enqueue(db, kind, { n: 1 }, { uniqueKey: `${kind}:1` });
  const again = await enqueue(db, kind, { n: 1 }, { uniqueKey: `${kind}:1` });
  assert.ok(first);
  assert.equal(again, null);
  assert.equal(await worker.drain(), 1);
  const failed = await db.selectFrom('job').selectAll().where('id', '=', first).executeTakeFirstOrThrow();
  assert.equal(failed.status, 'pending');
  assert.equal(failed.attempts, 1);
  assert.match(String(failed.last_error), /first attempt fails/);
  // The retry is scheduled in the future; make it due now, as time passing would.
  await db
    .updateTable('job')
    .set({ run_at: new Date(nowMs() - 1000) })
    .where('id', '=', first)
    .execute();
  assert.equal(await worker.drain(), 1);
  assert.deepEqual(seen, ['1']);
  const done = await db.selectFrom('job').selectAll().where('id', '=', first).executeTakeFirstOrThrow();
  assert.equal(done.status, 'done');
});

test('two workers never run the same job, and a job whose worker died is taken over after its lease', async () => {
  const { db } = await getTestDb();
  const kind = `test.parallel.${randomUUID()}`;
  const runs: number[] = [];
  const handler = async (payload: Record<string, unknown>) => {
    runs.push(Number(payload.n));
  };
  const a = new JobWorker(db, { workerId: 'a' }).register(kind, handler);
  const b = new JobWorker(db, { workerId: 'b' }).register(kind, handler);
  for (let n = 0; n < 20; n++) await enqueue(db, kind, { n });
  const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
  assert.equal(ra + rb, 20);
  assert.deepEqual(
    [...runs].sort((x, y) => x - y),
    Array.from({ length: 20 }, (_, i) => i),
  );

  // A worker that claimed a job and died: the row stays 'running' with an expired lease.
  const id = await enqueue(db, kind, { n: 99 });
  await db
    .updateTable('job')
    .set({ status: 'running', locked_by: 'dead', locked_until: new Date(nowMs() - 1000), attempts: 1 })
    .where('id', '=', id)
    .execute();
  assert.equal(await a.drain(), 1);
  assert.ok(runs.includes(99));
});

test('a scheduled job is enqueued once per hour across workers, and runs by itself; an unscheduled one is not', async (t) => {
  clockAt(t, '2026-12-07T10:20');
  const { db } = await getTestDb();
  const kind = `test.hourly.${randomUUID()}`;
  const plain = `test.plain.${randomUUID()}`;
  let runs = 0;
  const job = { kind, handler: async () => void runs++, schedule: { every: 'hour' } } as const;
  const a = new JobWorker(db, { workerId: 'a' }).registerAll([job, { kind: plain, handler: async () => {} }]);
  const b = new JobWorker(db, { workerId: 'b' }).registerAll([job]);
  assert.deepEqual([...a.scheduled().keys()], [kind]);
  await a.enqueueScheduled();
  await b.enqueueScheduled();
  const rows = () => db.selectFrom('job').select(['unique_key']).where('kind', 'in', [kind, plain]).execute();
  // 10:20 in Rome is 09:20 UTC: the key names the UTC hour, as the hourly housekeeping always did.
  assert.deepEqual(await rows(), [{ unique_key: `${kind}:2026-12-07T09` }]);
  assert.equal(periodKey(kind, job.schedule, new Date('2026-12-07T09:59:59Z')), `${kind}:2026-12-07T09`);
  assert.equal(await a.drain(), 1);
  assert.equal(runs, 1);
  clockAt(t, '2026-12-07T11:05');
  await b.enqueueScheduled();
  assert.equal(await b.drain(), 1);
  assert.equal(runs, 2);
  assert.equal((await rows()).length, 2);
});
