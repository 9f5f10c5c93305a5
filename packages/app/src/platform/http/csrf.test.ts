import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookiesOf, testApp } from '../../../test/helpers.ts';

// Forms post their token in the body; the check must run once the body is parsed (security.ts moves a route's
// `onRequest: app.csrfProtection` to preValidation).
test('a form posted with its _csrf field passes the CSRF check; without it, or with a wrong one, 403', async () => {
  const app = await testApp();
  const page = await app.inject({ method: 'GET', url: '/' });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const cookie = cookiesOf(page);
  const post = (body: string) =>
    app.inject({
      method: 'POST',
      url: '/language',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
    });
  const ok = await post(`_csrf=${encodeURIComponent(token)}&lang=en&back=%2F`);
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/');
  assert.equal((await post('lang=en&back=%2F')).statusCode, 403);
  assert.equal((await post(`_csrf=${encodeURIComponent(`${token}x`)}&lang=en`)).statusCode, 403);
});

test('a page that renders several forms gives them one token that the cookie accepts, even on a first visit', async () => {
  const app = await testApp();
  const page = await app.inject({ method: 'GET', url: '/login' });
  const tokens = new Set([...page.body.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]));
  assert.equal(tokens.size, 1, 'one token per response');
  assert.equal(page.cookies.filter((c) => c.name === 'ponte_csrf').length, 1);
});
