import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csrfFor, getTestDb, makeOrg, makeUser, testApp, testConfig } from '../test/helpers.ts';
import { buildApp } from './app.ts';
import { catalogueGaps } from './platform/i18n/index.ts';

test('the landing page is served in Italian with the 1522 helpline and a strict CSP', async () => {
  const app = await testApp();
  const res = await app.inject({ method: 'GET', url: '/' });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<html lang="it"/);
  assert.match(res.body, /1522/);
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['referrer-policy'], 'no-referrer');
});

test('English is served when asked for', async () => {
  const app = await testApp();
  const res = await app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
  assert.match(res.body, /<html lang="en"/);
  assert.match(res.body, /helpline 1522/);
});

test('an unknown page answers 404 in the user language, never a stack trace', async () => {
  const app = await testApp();
  const res = await app.inject({ method: 'GET', url: '/nessuna-pagina' });
  assert.equal(res.statusCode, 404);
  assert.match(res.body, /Pagina non trovata/);
  const api = await app.inject({ method: 'GET', url: '/api/v1/nothing' });
  assert.equal(api.statusCode, 404);
  assert.equal(api.json().error.code, 'PONTE_ERR_NOT_FOUND');
});

test('home requires a session and shows the roles of the logged-in user', async () => {
  const app = await testApp();
  const anon = await app.inject({ method: 'GET', url: '/home' });
  assert.equal(anon.statusCode, 302);
  assert.match(String(anon.headers.location), /^\/login\?next=/);
  const { db } = await getTestDb();
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);
  const res = await app.inject({ method: 'GET', url: '/home', headers: { cookie: user.cookie } });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Operatrice del centro antiviolenza/);
});

test('Bootstrap Italia and the fonts are served locally, compressed', async () => {
  const app = await testApp();
  const css = await app.inject({
    method: 'GET',
    url: '/static/bi/css/bootstrap-italia.min.css',
    headers: { 'accept-encoding': 'br, gzip' },
  });
  assert.equal(css.statusCode, 200);
  assert.match(String(css.headers['content-encoding']), /br|gzip/);
  const fonts = await app.inject({ method: 'GET', url: '/static/fonts.css' });
  assert.match(fonts.body, /Titillium Web/);
});

test('Italian and English catalogues have the same keys', () => {
  const gaps = catalogueGaps();
  assert.deepEqual(gaps, { missingInEn: [], missingInIt: [] });
});

test('/metrics exposes request durations by route pattern, never by URL', async () => {
  const token = 'metrics-token-of-app-test-0123456789abcdef';
  const app = await buildApp({
    config: testConfig({ metricsToken: token }),
    database: await getTestDb(),
    logger: false,
  });
  try {
    await app.inject({ method: 'GET', url: '/nessuna-pagina-abc123' });
    const res = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /ponte_http_request_duration_seconds_bucket/);
    assert.doesNotMatch(res.body, /abc123/);
  } finally {
    await app.close();
  }
});

test('an anonymous visitor gets no cookie from the landing page, a 404, or a public page', async () => {
  const app = await testApp();
  for (const url of ['/', '/nessuna-pagina', '/diritti/xyz', '/favicon.ico']) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.headers['set-cookie'], undefined, `${url} set a cookie`);
  }
  const lang = await app.inject({ method: 'POST', url: '/language', payload: { lang: 'en', back: '/' } });
  assert.equal(lang.statusCode, 303);
  assert.match(String(lang.headers['set-cookie']), /ponte_lang=en/);
});

test('a logged-in user needs the CSRF token to switch language', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);
  const refused = await app.inject({
    method: 'POST',
    url: '/language',
    headers: { cookie: user.cookie },
    payload: { lang: 'en' },
  });
  assert.equal(refused.statusCode, 403);
  const { cookie, token } = await csrfFor(app, user.cookie);
  const ok = await app.inject({
    method: 'POST',
    url: '/language',
    headers: { cookie },
    payload: { lang: 'en', _csrf: token },
  });
  assert.equal(ok.statusCode, 303);
});
