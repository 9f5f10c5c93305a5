import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testApp } from '../../../test/helpers.ts';

// Every public page leaves no trace (product.md), the landing page included (issue 10): the quick exit, a neutral
// title, `Cache-Control: no-store`, no cookie — walked over the route table, so a new public page cannot forget.

const NEUTRAL = /<title>(Informazioni|Information)<\/title>/;

test('every public page — the landing included — has the quick exit, the neutral title, no-store and no cookie', async () => {
  const app = await testApp();
  const pages = app.routeAccess.filter((r) => r.publicPage && !r.url.includes(':'));
  const urls = pages.map((r) => `${r.method} ${r.url}`);
  for (const expected of ['GET /', 'GET /diritti', 'GET /centri', 'POST /diritti/domanda', 'POST /centri'])
    assert.ok(urls.includes(expected), `${expected} is a public page (${urls.join(', ')})`);
  let html = 0;
  for (const r of pages) {
    const res = await app.inject({
      method: r.method as 'GET' | 'POST',
      url: r.url,
      ...(r.method === 'POST'
        ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' }
        : {}),
    });
    const what = `${r.method} ${r.url} (${res.statusCode})`;
    assert.ok(res.statusCode < 500, what);
    assert.equal(res.headers['set-cookie'], undefined, `${what} sets no cookie`);
    assert.match(String(res.headers['cache-control']), /no-store/, `${what} is not cached`);
    if (String(res.headers['content-type']).startsWith('text/html')) {
      html++;
      assert.match(res.body, NEUTRAL, `${what}: a neutral title`);
      assert.match(
        res.body,
        /<a class="btn quick-exit" href="\/uscita" data-quick-exit/,
        `${what}: quick exit`,
      );
      assert.match(
        res.body,
        /<script src="\/static\/(?:h\/)?quick-exit(?:\.[0-9a-f]{10})?\.js" defer/,
        `${what}: Shift ×3`,
      );
      assert.match(res.body, /href="tel:1522"/, `${what}: the helpline`);
    }
  }
  assert.ok(html >= 5, `${html} public pages checked`);
});

test('the landing page is a public page: neutral title, quick exit, its way into the check replaces the history', async () => {
  const app = await testApp();
  for (const [url, lang, heading] of [
    ['/', 'it', 'Ponte, la rete Inps per tutti'],
    ['/?lang=en', 'en', 'Ponte, the Inps for everyone network'],
  ] as const) {
    const res = await app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`<html lang="${lang}"`));
    assert.match(res.body, NEUTRAL);
    assert.doesNotMatch(res.body, /<title>[^<]*(Ponte|Inps|violen)/i, 'the title names nothing');
    assert.match(res.body, new RegExp(`<h1 class="mb-4">${heading}</h1>`));
    assert.match(res.body, /<a class="btn btn-primary" href="\/diritti(\?lang=en)?" data-replace-history/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['set-cookie'], undefined);
  }
  // The browser's language, without a cookie of any kind.
  const en = await app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
  assert.match(en.body, /<html lang="en"/);
  const cookie = await app.inject({ method: 'GET', url: '/', headers: { cookie: 'ponte_lang=en' } });
  assert.match(cookie.body, /<html lang="it"/, 'no cookie is read on a public page');
});
