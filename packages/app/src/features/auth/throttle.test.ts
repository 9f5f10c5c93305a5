import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { getTestDb, testApp, testConfig } from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import { LOGIN_THROTTLE, throttleKey } from '../../platform/auth/throttle.ts';
import { now as clockNow, nowMs } from '../../platform/clock.ts';
import { TestBrowser } from './test-browser.ts';
import { loginSetup, makeStaff, TEST_PASSWORD, totpCode } from './test-staff.ts';

// Login throttling through the real routes: per account (5 failures / 15 min, on any step) and per address
// (20 failures / 15 min), shared through the `throttle` table, audited once when the lock engages.

async function tryPassword(b: TestBrowser, username: string, password: string) {
  await b.get('/login');
  return b.post('/login', { username, password });
}

function assertThrottled(res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  assert.equal(res.statusCode, 429);
  assert.match(res.body, /Troppi tentativi di accesso/);
  assert.match(res.body, /Potrai riprovare dalle \d{2}:\d{2} \(tra circa \d+ minuti\)/);
  const retry = Number(res.headers['retry-after']);
  assert.ok(retry > 0 && retry <= 15 * 60, `Retry-After ${retry}`);
}

test('per account: five failures from any address lock the account, even for the right password, until the window ends', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const s = await makeStaff(db, { prefix: 'th' });
  for (let i = 1; i <= LOGIN_THROTTLE.account.limit; i++) {
    const r = await tryPassword(new TestBrowser(app), s.username, `wrong-password-${i}`);
    if (i < LOGIN_THROTTLE.account.limit) assert.equal(r.statusCode, 422, `attempt ${i}`);
    else assertThrottled(r);
  }
  const b = new TestBrowser(app);
  assertThrottled(await tryPassword(b, s.username, TEST_PASSWORD));
  assert.equal(b.sessionToken, undefined);
  const locks = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('actor_user_id', '=', s.id)
    .where('action', '=', 'auth.throttled')
    .execute();
  assert.equal(locks.length, 1, 'the lock is audited once');
  assert.equal((locks[0]!.details as { scope: string }).scope, 'account');
  const failed = await db
    .selectFrom('audit_log')
    .select('id')
    .where('actor_user_id', '=', s.id)
    .where('action', '=', 'auth.login_failed')
    .execute();
  assert.equal(failed.length, 5, 'refused attempts during the lock are not counted again');

  // When the window is over, the right password works again.
  await db
    .updateTable('throttle')
    .set({ window_start: new Date(nowMs() - 960_000) })
    .where('key', '=', throttleKey('login-account', `user:${s.id}`))
    .execute();
  const r = await tryPassword(b, s.username, TEST_PASSWORD);
  assert.equal(r.statusCode, 303);
});

test('per account: failed TOTP codes count too, and the lock holds at the second factor', async () => {
  const { app, s, b } = await loginSetup({ prefix: 'th' });
  assert.equal((await tryPassword(b, s.username, TEST_PASSWORD)).statusCode, 303);
  await b.get('/login/totp');
  const good = totpCode(s);
  const bad = good === '123456' ? '654321' : '123456';
  for (let i = 1; i < LOGIN_THROTTLE.account.limit; i++) {
    assert.equal((await b.post('/login/totp', { code: bad })).statusCode, 422);
  }
  assertThrottled(await b.post('/login/totp', { code: bad }));
  assertThrottled(await b.post('/login/totp', { code: good }));
  assertThrottled(await b.post('/login/recovery', { code: 'AAAA-BBBB-CCCC-DDDD' }));
  assertThrottled(await tryPassword(new TestBrowser(app), s.username, TEST_PASSWORD));
});

test('an unknown username is throttled exactly like a real one, so the lock reveals nothing', async () => {
  const app = await testApp();
  const ghost = `ghost.${randomUUID().slice(0, 8)}`;
  for (let i = 1; i < LOGIN_THROTTLE.account.limit; i++) {
    assert.equal((await tryPassword(new TestBrowser(app), ghost, 'some-password')).statusCode, 422);
  }
  assertThrottled(await tryPassword(new TestBrowser(app), ghost, 'some-password'));
  assertThrottled(await tryPassword(new TestBrowser(app), ghost, 'another-password'));
});

test('per address: twenty failures on any accounts block every login from that address, audited once', async () => {
  const { app, db, s, b } = await loginSetup({ prefix: 'th' });
  for (let i = 1; i <= LOGIN_THROTTLE.ip.limit; i++) {
    const r = await tryPassword(b, `spray.${i}.${randomUUID().slice(0, 6)}`, 'Password123!');
    if (i < LOGIN_THROTTLE.ip.limit) assert.equal(r.statusCode, 422, `attempt ${i}`);
    else assertThrottled(r);
  }
  assertThrottled(await tryPassword(b, s.username, TEST_PASSWORD));
  // Another address is not affected.
  assert.equal((await tryPassword(new TestBrowser(app), s.username, TEST_PASSWORD)).statusCode, 303);
  const locks = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('ip', '=', b.ip)
    .where('action', '=', 'auth.throttled')
    .execute();
  assert.equal(locks.length, 1);
  assert.equal((locks[0]!.details as { scope: string }).scope, 'ip');
});

test('a successful login resets its account counter but never the address counter', async () => {
  const { app, db, s, b } = await loginSetup({ prefix: 'th' });
  // Two failures on her own account, then failures spread over other names up to one short of the address limit.
  await tryPassword(b, s.username, 'wrong-1');
  await tryPassword(b, s.username, 'wrong-2');
  for (let i = 3; i < LOGIN_THROTTLE.ip.limit; i++) {
    assert.equal(
      (await tryPassword(b, `spray.${i}.${randomUUID().slice(0, 6)}`, 'x-password')).statusCode,
      422,
    );
  }
  // A full success from the same address (an attacker with one valid account of her own could do this).
  assert.equal((await tryPassword(b, s.username, TEST_PASSWORD)).statusCode, 303);
  await b.get('/login/totp');
  assert.equal((await b.post('/login/totp', { code: totpCode(s) })).statusCode, 303);
  const acct = await db
    .selectFrom('throttle')
    .select('hits')
    .where('key', '=', throttleKey('login-account', `user:${s.id}`))
    .executeTakeFirst();
  assert.equal(acct, undefined, 'the account counter is reset by the success');
  // One more failure from that address reaches the limit: the success did not wipe the address counter.
  assertThrottled(
    await tryPassword(new TestBrowser(app, b.ip), `spray.last.${randomUUID().slice(0, 6)}`, 'x'),
  );
});

test('the counters are shared by every instance: failures on two instances add up to one lock', async () => {
  const database = await getTestDb();
  const { db } = database;
  const s = await makeStaff(db, { prefix: 'th' });
  const one = await testApp();
  const two = await buildApp({ config: testConfig(), database, logger: false });
  try {
    for (let i = 1; i < LOGIN_THROTTLE.account.limit; i++) {
      const app = i % 2 === 0 ? one : two;
      assert.equal((await tryPassword(new TestBrowser(app), s.username, `wrong-${i}`)).statusCode, 422);
    }
    assertThrottled(await tryPassword(new TestBrowser(two), s.username, 'wrong-last'));
    assertThrottled(await tryPassword(new TestBrowser(one), s.username, TEST_PASSWORD));
  } finally {
    await two.close();
  }
});

test('the hourly housekeeping forgets counters whose window ended more than a day ago, and keeps the others', async () => {
  const { db } = await getTestDb();
  const { JobWorker } = await import('../../platform/jobs/jobs.ts');
  const { registerJobs } = await import('../../app.ts');
  const old = throttleKey('test', randomUUID());
  const recent = throttleKey('test', randomUUID());
  await db
    .insertInto('throttle')
    .values([
      { key: old, window_start: new Date(nowMs() - 172_800_000), hits: 3 },
      { key: recent, window_start: clockNow(), hits: 1 },
    ])
    .execute();
  const worker = new JobWorker(db);
  registerJobs(worker, { config: testConfig(), database: await getTestDb() });
  assert.deepEqual(worker.scheduled().get('session.purge'), { every: 'hour' });
  await db
    .deleteFrom('job')
    .where('kind', 'in', [...worker.scheduled().keys()])
    .execute();
  await worker.enqueueScheduled();
  await worker.drain();
  const left = await db.selectFrom('throttle').select('key').where('key', 'in', [old, recent]).execute();
  assert.deepEqual(
    left.map((r) => r.key),
    [recent],
  );
});
