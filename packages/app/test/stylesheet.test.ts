import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { makeCard, world } from '../src/features/desks/test-fixtures.ts';
import { SAFELIST } from '../src/platform/http/assets.ts';
import { getPage, getTestDb, makeOrg, makeUser, testApp } from './helpers.ts';

// Issue 16: the first staff page links a stylesheet cut down to what Ponte uses (≤ 40 KB compressed), under a
// name with a content hash, cached for a year; and every class a page uses exists in the stylesheets it links.

/** Class names with no rule of their own: hooks for scripts and tests, or names that only describe. */
const NO_STYLE = new Set([
  'public-page', // the public layout's body, read by quick-exit.js
  'char-count', // a field's limit, found and updated by char-count.js
  // The menu's structure classes: every rule Bootstrap Italia has for them also needs a class of its menu
  // script (.navbar-collapsable, .megamenu, .nav-tabs) that Ponte does not ship, so none applies even in full.
  'nav-item',
  'has-megamenu',
]);

const hrefsOf = (html: string) =>
  [...html.matchAll(/<(?:link[^>]*href|script[^>]*src)="(\/static\/h\/[^"]+)"/g)].map((m) => m[1] as string);
const classesOf = (html: string) =>
  [...html.matchAll(/\sclass="([^"]*)"/g)].flatMap((m) => (m[1] as string).split(/\s+/).filter(Boolean));

test('the staff stylesheet is served with a content hash, a year of caching and ≤ 40 KB gzipped', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);
  const home = await getPage(app, user, '/home');
  assert.equal(home.statusCode, 200);
  const links = hrefsOf(home.body);
  const bi = links.find((h) => /\/bootstrap-italia\.[0-9a-f]{10}\.css$/.test(h));
  assert.ok(bi, `no hashed Bootstrap Italia among ${links.join(', ')}`);
  assert.ok(links.some((h) => /\/ponte\.[0-9a-f]{10}\.css$/.test(h)));
  assert.ok(links.some((h) => /\/ponte\.[0-9a-f]{10}\.js$/.test(h)));
  assert.doesNotMatch(home.body, /bootstrap-italia\.min\.css/);
  const res = await app.inject({ method: 'GET', url: bi, headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.match(String(res.headers['content-type']), /^text\/css/);
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.ok(res.rawPayload.length <= 40 * 1024, `gzipped ${res.rawPayload.length} bytes`);
  const css = gunzipSync(res.rawPayload).toString('utf8');
  // Still Bootstrap Italia: the grid, the buttons, the header of the Italian public administration.
  for (const sel of ['.container', '.btn-primary', '.it-header-slim-wrapper', '.form-control', '.table']) {
    assert.ok(css.includes(sel), `${sel} missing`);
  }
  // The full stylesheet's rules for components Ponte never shows are gone.
  assert.ok(!css.includes('.carousel-item'), 'the carousel is still there');
  const unknown = await app.inject({ method: 'GET', url: '/static/h/bootstrap-italia.0000000000.css' });
  assert.equal(unknown.statusCode, 404);
});

test('every class on the staff and public pages has a rule in the stylesheets the page links', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const coordinatorOrg = await makeOrg(db, 'cav');
  const coordinator = await makeUser(db, coordinatorOrg.id, ['cav_coordinator']);
  const stylesheets = new Map<string, string>();
  const missing = new Set<string>();
  let pages = 0;
  const check = async (html: string, where: string) => {
    pages++;
    let css = '';
    for (const href of hrefsOf(html).filter((h) => h.endsWith('.css'))) {
      if (!stylesheets.has(href))
        stylesheets.set(href, (await app.inject({ method: 'GET', url: href })).body);
      css += stylesheets.get(href);
    }
    for (const c of new Set(classesOf(html))) {
      const escaped = c.replace(/[^\w-]/g, (ch) => `\\${ch}`);
      if (
        !NO_STYLE.has(c) &&
        !new RegExp(`\\.${escaped.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}(?![\\w-])`).test(css)
      ) {
        missing.add(`${c} (${where})`);
      }
    }
  };
  for (const user of [w.operator, w.officer, w.director, coordinator]) {
    const home = await getPage(app, user, '/home');
    assert.equal(home.statusCode, 200);
    await check(home.body, '/home');
    // Every page of the user's menu.
    const menu = [...home.body.matchAll(/class="nav-link[^"]*" href="(\/[^"]*)"/g)].map(
      (m) => m[1] as string,
    );
    for (const url of new Set(menu)) {
      const page = await getPage(app, user, url);
      if (page.statusCode === 200 && /^text\/html/.test(String(page.headers['content-type']))) {
        await check(page.body, url);
      }
    }
  }
  for (const url of ['/login', '/']) {
    const page = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    if (page.statusCode === 200) await check(page.body, url);
  }
  assert.ok(pages >= 8, `only ${pages} pages checked`);
  assert.deepEqual([...missing], []);
});

test('no class name is assembled from a prefix and a value unless the stylesheet keeps all of them (SAFELIST)', () => {
  // The cut keeps the rules of the class names written in the sources; `bg-${kind}` names none, so its rules were
  // cut and the badges it made had no colour. The only prefixes allowed are those SAFELIST keeps whole.
  const src = join(import.meta.dirname, '../src');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
        for (const m of readFileSync(p, 'utf8').matchAll(/class(?:Name)?=\{`[^`]*?([a-z][\w-]*-)\$\{/g)) {
          const prefix = m[1] as string;
          if (!SAFELIST.some((re) => re.source.startsWith(`^${prefix}`)))
            found.push(`${relative(src, p)}: ${prefix}\${…}`);
        }
    }
  };
  walk(src);
  assert.deepEqual(found, []);
});
