import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../packages/app/src/app.ts';
import { TestBrowser } from '../../packages/app/src/features/auth/test-browser.ts';
import { makeStaff, TEST_PASSWORD, totpCode } from '../../packages/app/src/features/auth/test-staff.ts';
import {
  csrfFor,
  getTestDb,
  makeOrg,
  makeUser,
  testApp,
  testConfig,
} from '../../packages/app/test/helpers.ts';

// Issue 11, finding 7: the CSRF token was derived from a secret cookie alone, so a token taken before login
// still worked after it, and one user's cookie and token worked in another user's session. The token is now
// bound to the session, the secret is renewed at login, and over HTTPS the cookie carries the `__Host-` prefix.

/** A harmless authenticated form: her language. */
function postLanguage(app: FastifyInstance, cookie: string, token: string) {
  return app.inject({
    method: 'POST',
    url: '/account/language',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ lang: 'it', _csrf: token }).toString(),
  });
}

test('finding 7: a token taken before login is refused after login; the one of a page after login works', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const s = await makeStaff(db, { prefix: 'csrf' });
  const b = new TestBrowser(app);
  await b.get('/login');
  const before = b.csrf!;
  assert.ok(before);
  await b.post('/login', { username: s.username, password: TEST_PASSWORD });
  await b.get('/login/totp');
  const done = await b.post('/login/totp', { code: totpCode(s) });
  assert.equal(done.statusCode, 303);
  const stale = await postLanguage(app, b.cookieHeader(), before);
  assert.equal(stale.statusCode, 403, 'the pre-login token must not work in the logged-in session');
  await b.get('/account');
  assert.notEqual(b.csrf, before);
  const fresh = await postLanguage(app, b.cookieHeader(), b.csrf!);
  assert.equal(fresh.statusCode, 303);
});

test('finding 7: the CSRF secret cookie is renewed when the login completes', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const s = await makeStaff(db, { prefix: 'csrf' });
  const b = new TestBrowser(app);
  await b.get('/login');
  const secretBefore = b.jar.get('ponte_csrf');
  assert.ok(secretBefore);
  await b.post('/login', { username: s.username, password: TEST_PASSWORD });
  await b.get('/login/totp');
  const done = await b.post('/login/totp', { code: totpCode(s) });
  const set = done.cookies.find((c) => c.name === 'ponte_csrf');
  assert.ok(set, 'the response that completes the login sets a new CSRF secret');
  assert.notEqual(set.value, secretBefore);
});

test("finding 7: one user's CSRF cookie and token do not work in another user's session", async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const org = await makeOrg(db, 'cav');
  const alice = await makeUser(db, org.id, ['cav_operator']);
  const bea = await makeUser(db, org.id, ['cav_operator']);
  const a = await csrfFor(app, alice.cookie, '/account');
  const csrfCookie = a.cookie.split('; ').find((c) => c.startsWith('ponte_csrf='))!;
  const own = await postLanguage(app, a.cookie, a.token);
  assert.equal(own.statusCode, 303, "Alice's token works in Alice's session");
  const crossed = await postLanguage(app, `${bea.cookie}; ${csrfCookie}`, a.token);
  assert.equal(crossed.statusCode, 403, "Alice's token must not work in Bea's session");
});

test('finding 7: over HTTPS the CSRF cookie is `__Host-` (Secure, Path=/, no Domain) and the forms work with it', async () => {
  const database = await getTestDb();
  const app = await buildApp({
    config: testConfig({ secureCookies: true, env: 'production' }),
    database,
    logger: false,
  });
  try {
    const s = await makeStaff(database.db, { prefix: 'csrf' });
    const b = new TestBrowser(app);
    const page = await b.get('/login');
    const line = ([] as string[])
      .concat((page.headers['set-cookie'] as string | string[] | undefined) ?? [])
      .find((l) => l.includes('csrf'));
    assert.ok(line, 'the login page sets the CSRF cookie');
    assert.match(line, /^__Host-ponte_csrf=/);
    assert.match(line, /; Secure/i);
    assert.match(line, /; Path=\/(;|$)/);
    assert.doesNotMatch(line, /; Domain=/i);
    assert.equal(b.jar.has('ponte_csrf'), false);
    const pending = await b.post('/login', { username: s.username, password: TEST_PASSWORD });
    assert.equal(pending.statusCode, 303);
    await b.get('/login/totp');
    const done = await b.post('/login/totp', { code: totpCode(s) });
    assert.equal(done.statusCode, 303);
    await b.get('/account');
    const saved = await postLanguage(app, b.cookieHeader(), b.csrf!);
    assert.equal(saved.statusCode, 303);
  } finally {
    await app.close();
  }
});
