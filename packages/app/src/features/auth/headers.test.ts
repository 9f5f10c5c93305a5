import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTestDb, testApp, testConfig } from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import { TestBrowser } from './test-browser.ts';
import { loginSetup, makeStaff, TEST_PASSWORD, totpCode } from './test-staff.ts';

// What /login and the session cookie send (issue 2, "Done when").

/** The Set-Cookie line of the session cookie in a response. */
function sessionCookieLine(headers: Record<string, unknown>): string {
  const raw = headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw : [String(raw ?? '')];
  const line = lines.find((l: string) => l.startsWith('ponte_sid='));
  assert.ok(line, 'a session cookie is set');
  return line;
}

test('/login sends a strict CSP, nosniff, no framing, no referrer, and no caching', async () => {
  const app = await testApp();
  const res = await app.inject({ method: 'GET', url: '/login' });
  assert.equal(res.statusCode, 200);
  const csp = String(res.headers['content-security-policy']);
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  assert.ok(scriptSrc.includes("'self'"), csp);
  assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval/);
  assert.doesNotMatch(csp, /unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /img-src [^;]*data:/, 'the QR code is a data: image');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['referrer-policy'], 'no-referrer');
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.match(res.body, /autocomplete="current-password"/);
});

test('the session cookie is HttpOnly, SameSite=Strict, Path=/, without Secure over plain HTTP', async () => {
  const { s, b } = await loginSetup({ prefix: 'h' });
  await b.get('/login');
  const pending = await b.post('/login', { username: s.username, password: TEST_PASSWORD });
  assert.equal(pending.statusCode, 303);
  const line = sessionCookieLine(pending.headers);
  assert.match(line, /; HttpOnly/i);
  assert.match(line, /; SameSite=Strict/i);
  assert.match(line, /; Path=\//);
  assert.doesNotMatch(line, /; Secure/i);
  assert.doesNotMatch(
    line,
    /Max-Age|Expires/i,
    'a browser-session cookie; the server enforces the idle time',
  );
  assert.doesNotMatch(
    String(pending.headers.location),
    /username|ponte_sid/,
    'nothing identifying in the URL',
  );
});

test('with secureCookies the session cookie is also Secure, at both steps', async () => {
  const database = await getTestDb();
  const app = await buildApp({ config: testConfig({ secureCookies: true }), database, logger: false });
  try {
    const s = await makeStaff(database.db, { prefix: 'h' });
    const b = new TestBrowser(app);
    await b.get('/login');
    const pending = await b.post('/login', { username: s.username, password: TEST_PASSWORD });
    assert.match(sessionCookieLine(pending.headers), /; Secure/i);
    await b.get('/login/totp');
    const active = await b.post('/login/totp', { code: totpCode(s) });
    assert.equal(active.statusCode, 303);
    const line = sessionCookieLine(active.headers);
    assert.match(line, /; Secure/i);
    assert.match(line, /; HttpOnly/i);
    assert.match(line, /; SameSite=Strict/i);
    assert.match(String(active.headers['strict-transport-security']), /max-age=/);
  } finally {
    await app.close();
  }
});
