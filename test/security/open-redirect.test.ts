import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestBrowser } from '../../packages/app/src/features/auth/test-browser.ts';
import { makeStaff, TEST_PASSWORD, totpCode } from '../../packages/app/src/features/auth/test-staff.ts';
import { getTestDb, makeOrg, makeUser, testApp } from '../../packages/app/test/helpers.ts';

// Issue 11, finding 1: after login, `next` must bring her back to a page of Ponte and nowhere else. The probe
// found that a path normalised by the URL parser (`/./`, `/../`) turned into a protocol-relative `//host`.

const ORIGIN = 'http://ponte.test';

/** The attempts of the probe, and the other spellings a browser reads as "another host". */
const HOSTILE = [
  '/.//evil.example',
  '/..//evil.example/x',
  '/a/..//evil.example',
  '/a/../..//evil.example',
  '/%2e//evil.example',
  '/%2e%2e//evil.example/x',
  '/.%2f/evil.example',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '/%5Cevil.example',
  '/%09/evil.example',
  'https://evil.example/',
  '/./\t/evil.example',
];

/** A Location that a browser resolves on Ponte's own origin, to a single-slash path. */
function assertLocal(location: unknown, label: string) {
  const loc = String(location);
  assert.ok(loc.startsWith('/') && !loc.startsWith('//') && !loc.includes('\\'), `${label} → ${loc}`);
  assert.equal(new URL(loc, ORIGIN).origin, ORIGIN, `${label} → ${loc}`);
  assert.doesNotMatch(loc, /evil/, `${label} → ${loc}`);
}

test('finding 1: a logged-in visit of /login?next=… never redirects to another host', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);
  for (const next of HOSTILE) {
    const res = await app.inject({
      method: 'GET',
      url: `/login?next=${encodeURIComponent(next)}`,
      headers: { cookie: user.cookie },
    });
    assert.equal(res.statusCode, 303, next);
    assertLocal(res.headers.location, next);
  }
});

// On main this path held by accident: the route and the service both applied safeNext, and the second call
// refused the `//host` that the first one produced. It stays as a guard.
test('finding 1: the `next` of the login form never leads to another host after the second factor', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  for (const next of ['/.//evil.example', '/..//evil.example/x', '/a/..//evil.example']) {
    const s = await makeStaff(db, { prefix: 'redir' });
    const b = new TestBrowser(app);
    await b.get(`/login?next=${encodeURIComponent(next)}`);
    const pending = await b.post('/login', { username: s.username, password: TEST_PASSWORD, next });
    assert.equal(pending.statusCode, 303);
    await b.get('/login/totp');
    const done = await b.post('/login/totp', { code: totpCode(s) });
    assert.equal(done.statusCode, 303, next);
    assertLocal(done.headers.location, next);
  }
});

test('finding 1: only a path under a route of Ponte passes; a known page keeps its query string', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);
  const go = async (next: string) =>
    (
      await app.inject({
        method: 'GET',
        url: `/login?next=${encodeURIComponent(next)}`,
        headers: { cookie: user.cookie },
      })
    ).headers.location;
  assert.equal(await go('/account'), '/account');
  assert.equal(await go('/cases?page=2'), '/cases?page=2');
  assert.equal(await go('/nessuna-pagina-di-ponte/x'), '/home');
  assert.equal(await go('/static/ponte.css'), '/home');
  assert.equal(await go('/login'), '/home');
});
