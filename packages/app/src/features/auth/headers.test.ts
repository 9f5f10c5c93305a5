import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { getTestDb, makeOrg, testApp, testConfig } from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { newTotpSecret } from '../../platform/auth/totp.ts';
import type { Db } from '../../platform/db/database.ts';
import { currentTotp } from './index.ts';
import { TestBrowser } from './test-browser.ts';

// What /login and the session cookie send (issue 2, "Done when").

async function staff(db: Db) {
  const id = randomUUID();
  const username = `h.${id.slice(0, 8)}`;
  const secret = newTotpSecret();
  await db
    .insertInto('app_user')
    .values({
      id,
      username,
      display_name: 'Persona di prova',
      password_hash: await hashPassword('una-password-di-prova'),
      totp_secret: secret,
      totp_enrolled_at: new Date(),
    })
    .execute();
  const org = await makeOrg(db, 'cav');
  await db
    .insertInto('membership')
    .values({ user_id: id, organisation_id: org.id, role: 'cav_operator' })
    .execute();
  return { username, secret };
}

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
  const app = await testApp();
  const { db } = await getTestDb();
  const s = await staff(db);
  const b = new TestBrowser(app);
  await b.get('/login');
  const pending = await b.post('/login', { username: s.username, password: 'una-password-di-prova' });
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
    const s = await staff(database.db);
    const b = new TestBrowser(app);
    await b.get('/login');
    const pending = await b.post('/login', { username: s.username, password: 'una-password-di-prova' });
    assert.match(sessionCookieLine(pending.headers), /; Secure/i);
    await b.get('/login/totp');
    const active = await b.post('/login/totp', { code: currentTotp(s.secret) });
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
