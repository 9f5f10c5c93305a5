import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assessMany } from '@ponte/rules';
import { buildApp } from '../../packages/app/src/app.ts';
import { SCREEN_LIMITS } from '../../packages/app/src/features/screening/limits.ts';
import { advanceClock } from '../../packages/app/src/platform/clock.ts';
import { clockAt, getTestDb, RULES_DAY, testApp, testConfig } from '../../packages/app/test/helpers.ts';
import { situationLines } from '../../packages/rules/test/situations.ts';

// Issue 11, finding 3: one anonymous request of 1,000 situations kept the event loop busy for seconds, and an
// address could send 120 of them a minute. An anonymous batch is now small (SCREEN_LIMITS.batchMax), the limit
// per address counts situations (SCREEN_LIMITS.perMinute) in the database shared by every instance, and the
// work yields between small slices (bench/screen-api.ts measures /healthz meanwhile: no timing here).

const situations: object[] = situationLines(SCREEN_LIMITS.batchMax, 11).map((l) => JSON.parse(l) as object);
let seq = 0;
const address = () => `10.11.${process.pid % 250}.${++seq % 250}`;

test('finding 3: the anonymous limits are much lower than the old 1,000 situations × 120 requests', () => {
  assert.ok(SCREEN_LIMITS.batchMax <= 100, 'an anonymous batch holds at most 100 situations');
  assert.ok(SCREEN_LIMITS.perMinute <= 1000, 'at most 1,000 situations a minute per address');
  assert.ok(SCREEN_LIMITS.perMinute >= SCREEN_LIMITS.batchMax);
});

test('finding 3: a batch answers every situation, in order, as the engine does', async (t) => {
  clockAt(t, RULES_DAY);
  const app = await testApp();
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/screen?lang=en',
    payload: [...situations.slice(0, 9), { id: 'bad', date: 'not-a-date' }],
    remoteAddress: address(),
  });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  assert.equal(res.headers['cache-control'], 'no-store');
  const body = res.json() as unknown[];
  const expected = JSON.parse(
    JSON.stringify(
      assessMany([...situations.slice(0, 9), { id: 'bad', date: 'not-a-date' }], { lang: 'en' }),
    ),
  );
  assert.equal(body.length, 10);
  assert.deepEqual(body, expected);
});

test('finding 3: a batch above the anonymous size is refused with 413 and a clear message, and costs nothing', async (t) => {
  clockAt(t, RULES_DAY);
  const app = await testApp();
  const from = address();
  const big = Array.from({ length: SCREEN_LIMITS.batchMax + 1 }, (_, i) => situations[i % situations.length]);
  for (const lang of ['it', 'en'] as const) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/screen?lang=${lang}`,
      payload: big,
      remoteAddress: from,
    });
    assert.equal(res.statusCode, 413);
    const error = res.json().error;
    assert.equal(error.code, 'PONTE_ERR_PAYLOAD_TOO_LARGE');
    assert.match(error.message, new RegExp(String(SCREEN_LIMITS.batchMax)));
    assert.match(error.message, lang === 'it' ? /situazioni/ : /situations/);
    assert.equal(error.details[0].maxSituations, SCREEN_LIMITS.batchMax);
  }
  // Nothing was counted: the whole minute's budget is still there.
  const full = Math.floor(SCREEN_LIMITS.perMinute / SCREEN_LIMITS.batchMax);
  for (let i = 0; i < full; i++) {
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/screen',
      payload: situations,
      remoteAddress: from,
    });
    assert.equal(ok.statusCode, 200, `batch ${i + 1}`);
  }
});

test('finding 3: the limit counts situations per address, on every instance, and frees itself after the minute', async (t) => {
  clockAt(t, RULES_DAY);
  const app = await testApp();
  const other = await buildApp({ config: testConfig(), database: await getTestDb(), logger: false });
  try {
    const from = address();
    const post = (a: typeof app, payload: object, remoteAddress = from) =>
      a.inject({ method: 'POST', url: '/api/v1/screen', payload, remoteAddress });
    const batches = Math.floor(SCREEN_LIMITS.perMinute / SCREEN_LIMITS.batchMax);
    let spent = 0;
    for (let i = 0; i < batches; i++) {
      const res = await post(i % 2 ? other : app, situations);
      assert.equal(res.statusCode, 200, `batch ${i + 1} of ${batches}`);
      spent += situations.length;
    }
    // Far fewer requests than the per-request limit (120), but the situations of the minute are spent.
    const left = SCREEN_LIMITS.perMinute - spent;
    if (left > 0) assert.equal((await post(app, situations.slice(0, left))).statusCode, 200);
    for (const a of [app, other]) {
      const refused = await post(a, situations[0]);
      assert.equal(refused.statusCode, 429);
      const error = refused.json().error;
      assert.equal(error.code, 'PONTE_ERR_TOO_MANY_REQUESTS');
      assert.match(error.message, new RegExp(String(SCREEN_LIMITS.perMinute)));
      const retry = Number(refused.headers['retry-after']);
      assert.ok(retry >= 1 && retry <= 60, `retry-after ${retry}`);
    }
    // A batch that would pass the limit is refused whole, not cut.
    assert.equal((await post(other, situations.slice(0, 2))).statusCode, 429);
    // Another address has its own budget.
    assert.equal((await post(app, situations, address())).statusCode, 200);
    // The address is stored only hashed.
    const keys = await (await getTestDb()).db.selectFrom('throttle').select('key').execute();
    assert.ok(!keys.some((k) => k.key.includes(from)));
    // A minute later the budget is whole again.
    advanceClock(61_000);
    assert.equal((await post(other, situations)).statusCode, 200);
  } finally {
    await other.close();
  }
});
