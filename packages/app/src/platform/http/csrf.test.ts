import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookiesOf, testApp } from '../../../test/helpers.ts';

// Forms post their token in the body; the check must run once the body is parsed (security.ts moves a route's
// `onRequest: app.csrfProtection` to preValidation).
test('a form posted with its _csrf field passes the CSRF check; without it, or with a wrong one, 403', async () => {
  const app = await testApp();
  const page = await app.inject({ method: 'GET', url: '/login' });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const cookie = cookiesOf(page);
  const post = (body: string) =>
    app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
    });
  const ok = await post(`_csrf=${encodeURIComponent(token)}&username=nessuna&password=sbagliata`);
  assert.notEqual(ok.statusCode, 403);
  assert.match(ok.body, /Nome utente o password non corretti/);
  assert.equal((await post('username=nessuna&password=sbagliata')).statusCode, 403);
  assert.equal(
    (await post(`_csrf=${encodeURIComponent(`${token}x`)}&username=nessuna&password=x`)).statusCode,
    403,
  );
});

test('a page that renders several forms gives them one token that the cookie accepts, even on a first visit', async () => {
  const app = await testApp();
  const page = await app.inject({ method: 'GET', url: '/login' });
  const tokens = new Set([...page.body.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]));
  assert.equal(tokens.size, 1, 'one token per response');
  assert.equal(page.cookies.filter((c) => c.name === 'ponte_csrf').length, 1);
});
