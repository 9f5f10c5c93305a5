import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { getTestDb } from '../../../test/helpers.ts';
import { advanceClock, nowMs, resetClock } from '../clock.ts';
import { blockedUntil, purgeThrottle, recordFailure, resetThrottle, throttleKey } from './throttle.ts';

const rule = { limit: 3, windowSeconds: 600 };

test('a key is blocked at the limit until its window ends, then counts from one again', async (t) => {
  t.after(() => resetClock());
  const { db } = await getTestDb();
  const key = throttleKey('test', randomUUID());
  assert.equal(await blockedUntil(db, key, rule), null);
  const first = await recordFailure(db, key, rule);
  assert.deepEqual([first.hits, first.blocked], [1, false]);
  const ends = first.until.getTime();
  assert.ok(
    Math.abs(ends - (nowMs() + 600_000)) < 5_000,
    'the window ends 10 minutes after the first failure',
  );
  await recordFailure(db, key, rule);
  const third = await recordFailure(db, key, rule);
  assert.deepEqual([third.hits, third.blocked], [3, true]);
  assert.equal(third.until.getTime(), ends, 'the window does not slide');
  assert.equal((await blockedUntil(db, key, rule))?.getTime(), ends);
  assert.equal(await blockedUntil(db, key, { ...rule, limit: 4 }), null);

  advanceClock(9 * 60_000);
  assert.equal((await blockedUntil(db, key, rule))?.getTime(), ends, 'still blocked after 9 minutes');
  advanceClock(2 * 60_000);
  assert.equal(await blockedUntil(db, key, rule), null, 'free once the window is over');
  const again = await recordFailure(db, key, rule);
  assert.deepEqual([again.hits, again.blocked], [1, false]);
});

test('a window that starts after now (the clock was set back) is over: it neither blocks nor counts on', async (t) => {
  t.after(() => resetClock());
  const { db } = await getTestDb();
  const key = throttleKey('test', randomUUID());
  for (let i = 0; i < 3; i++) await recordFailure(db, key, rule);
  assert.ok(await blockedUntil(db, key, rule));
  advanceClock(-3600_000);
  assert.equal(await blockedUntil(db, key, rule), null);
  const again = await recordFailure(db, key, rule);
  assert.deepEqual([again.hits, again.blocked], [1, false]);
  assert.ok(Math.abs(again.until.getTime() - (nowMs() + 600_000)) < 5_000);
});

test('concurrent failures are all counted (one atomic statement each)', async () => {
  const { db } = await getTestDb();
  const key = throttleKey('test', randomUUID());
  await Promise.all(
    Array.from({ length: 10 }, () => recordFailure(db, key, { limit: 100, windowSeconds: 60 })),
  );
  const row = await db.selectFrom('throttle').select('hits').where('key', '=', key).executeTakeFirstOrThrow();
  assert.equal(Number(row.hits), 10);
});

test('reset forgets a key; purge removes old windows only; keys name no one', async (t) => {
  t.after(() => resetClock());
  const { db } = await getTestDb();
  const who = `someone-${randomUUID()}`;
  const key = throttleKey('test', who);
  assert.ok(!key.includes(who));
  assert.match(key, /^test:[0-9a-f]{64}$/);
  await recordFailure(db, key, rule);
  await resetThrottle(db, key);
  assert.equal(
    await db.selectFrom('throttle').select('key').where('key', '=', key).executeTakeFirst(),
    undefined,
  );
  const old = throttleKey('test', randomUUID());
  const fresh = throttleKey('test', randomUUID());
  advanceClock(-2 * 86400_000);
  await recordFailure(db, old, rule);
  resetClock();
  await recordFailure(db, fresh, rule);
  assert.ok((await purgeThrottle(db)) >= 1);
  const left = await db.selectFrom('throttle').select('key').where('key', 'in', [old, fresh]).execute();
  assert.deepEqual(
    left.map((r) => r.key),
    [fresh],
  );
});
