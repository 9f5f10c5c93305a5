import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTestDb } from '../../../test/helpers.ts';
import { nowMs } from '../clock.ts';
import { enqueue, JobWorker } from './jobs.ts';

test('a job runs once, survives a failure with a retry, and a unique key enqueues once', async () => {
  const { db } = await getTestDb();
  const kind = `test.count.${Date.now()}`;
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
  const kind = `test.parallel.${Date.now()}`;
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
