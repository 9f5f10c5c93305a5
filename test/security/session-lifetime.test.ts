import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApp } from '../../packages/app/src/app.ts';
import { ConfigError, loadConfig } from '../../packages/app/src/config.ts';
import { hashToken, SESSION_COOKIE } from '../../packages/app/src/platform/auth/sessions.ts';
import { nowMs } from '../../packages/app/src/platform/clock.ts';
import {
  getPage,
  getTestDb,
  makeOrg,
  makeUser,
  testApp,
  testConfig,
} from '../../packages/app/test/helpers.ts';

// Issue 11, finding 10: a session that stayed active never ended (only the idle expiry, slid forward at every
// request). A session now ends at the latest PONTE_SESSION_MAX_HOURS (default 12) after the login.

const HOUR = 3600_000;

/** Makes her session look as if the login happened `hours` ago, while she kept it active until now. */
async function agedSession(cookie: string, hours: number) {
  const { db } = await getTestDb();
  const token = cookie.slice(`${SESSION_COOKIE}=`.length);
  await db
    .updateTable('session')
    .set({
      created_at: new Date(nowMs() - hours * HOUR),
      last_seen_at: new Date(nowMs() - 60_000),
      expires_at: new Date(nowMs() + 14 * 60_000),
    })
    .where('id', '=', hashToken(token))
    .execute();
  return hashToken(token);
}

test('finding 10: an active session ends 12 hours after the login, however busy', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const org = await makeOrg(db, 'cav');
  const young = await makeUser(db, org.id, ['cav_operator']);
  await agedSession(young.cookie, 11.5);
  assert.equal((await getPage(app, young, '/home')).statusCode, 200, 'eleven and a half hours: still on');

  const old = await makeUser(db, org.id, ['cav_operator']);
  await agedSession(old.cookie, 12.5);
  const res = await getPage(app, old, '/home');
  assert.equal(res.statusCode, 302, 'twelve and a half hours after the login the session is over');
  assert.match(String(res.headers.location), /^\/login/);
});

test('finding 10: sliding the idle expiry never takes a session past its absolute end', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);
  const id = await agedSession(user.cookie, 11.95);
  assert.equal((await getPage(app, user, '/home')).statusCode, 200);
  const row = await db
    .selectFrom('session')
    .select(['created_at', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const end = new Date(row.created_at).getTime() + 12 * HOUR;
  assert.ok(new Date(row.expires_at).getTime() <= end, 'the idle expiry stops at the absolute end');
});

test('finding 10: PONTE_SESSION_MAX_HOURS sets the lifetime (default 12)', async () => {
  const env = { NODE_ENV: 'test', PONTE_SECRET: 'test-secret-test-secret-test-secret-0123' };
  assert.equal(loadConfig(env, { dataDir: null }).sessionMaxHours, 12);
  assert.equal(loadConfig({ ...env, PONTE_SESSION_MAX_HOURS: '2' }, { dataDir: null }).sessionMaxHours, 2);
  for (const bad of ['0', '-1', 'x', '1000']) {
    assert.throws(
      () => loadConfig({ ...env, PONTE_SESSION_MAX_HOURS: bad }, { dataDir: null }),
      (e: unknown) => e instanceof ConfigError && /PONTE_SESSION_MAX_HOURS/.test(e.message),
      bad,
    );
  }
  const database = await getTestDb();
  const app = await buildApp({ config: testConfig({ sessionMaxHours: 2 }), database, logger: false });
  try {
    const org = await makeOrg(database.db, 'cav');
    const user = await makeUser(database.db, org.id, ['cav_operator']);
    await agedSession(user.cookie, 2.5);
    assert.equal((await getPage(app, user, '/home')).statusCode, 302);
  } finally {
    await app.close();
  }
});
