import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'preact-render-to-string';
import { ownTestDb, testConfig } from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import { translator } from '../i18n/index.ts';
import * as components from './components.tsx';
import type { PageContext } from './context.ts';
import { examples } from './examples.tsx';
import { GALLERY_PATH } from './gallery.tsx';
import './messages.ts';

// Every shared component renders its examples (examples.tsx): the values are escaped, every control has its
// label, an error stands next to its field and is announced with it, nothing assumes left-to-right; and the
// gallery page that shows them exists in development only. The browser journey test/e2e/components.test.ts runs
// axe on the gallery.

const ctx: PageContext = {
  lang: 'it',
  t: translator('it'),
  nonce: 'n',
  csrfToken: 'TOKEN',
  path: '/',
  menu: [],
};
const html = (e: (typeof examples)[number]) => render(e.render(ctx));

test('every exported component has at least one example', () => {
  const exported = Object.entries(components)
    .filter(([name, v]) => typeof v === 'function' && /^[A-Z]/.test(name))
    .map(([name]) => name);
  const shown = new Set(examples.map((e) => e.component));
  // Form and FormPage are frames around the others: the examples of Confirmation and the gallery page show them.
  const missing = exported.filter((n) => !shown.has(n) && n !== 'Form' && n !== 'FormPage');
  assert.deepEqual(missing, []);
  for (const name of shown) assert.ok(exported.includes(name), `${name} is a component of components.tsx`);
});

test('the examples escape what they are given: no markup of a value reaches the page', () => {
  for (const e of examples) {
    const out = html(e);
    assert.doesNotMatch(out, /<script/i, `${e.component}: ${e.name}`);
  }
  const escaped = examples.filter((e) => html(e).includes('&lt;script>alert(&quot;x&quot;)'));
  assert.ok(escaped.length >= 3, 'the hostile examples are there, escaped');
});

test('every control of every example has a label (or its group a legend), and ids are unique', () => {
  for (const e of examples) {
    const out = html(e);
    const ids = [...out.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!);
    for (const id of ids) assert.match(out, new RegExp(`<label[^>]*for="${id}"`), `${e.component}: ${id}`);
    const controls = [...out.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)].filter(
      (m) => !/type="hidden"/.test(m[0]),
    );
    assert.equal(controls.length, ids.length, `${e.component}: ${e.name}: every visible control has an id`);
    if (/<fieldset/.test(out)) assert.match(out, /<legend/, `${e.component}: a group has its legend`);
  }
  const all = examples.flatMap((e) => [...html(e).matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]));
  assert.deepEqual(
    all.filter((id, i) => all.indexOf(id) !== i),
    [],
    'the gallery page shows every example at once',
  );
});

test('an error stands next to its field, is announced with it, and marks it invalid; the error summary links to it', () => {
  const withErrors = examples.filter((e) => /with an error/.test(e.name));
  assert.ok(withErrors.length >= 4);
  for (const e of withErrors) {
    const out = html(e);
    const m = /<div id="(field-[^"]+)-error" class="invalid-feedback d-block fw-semibold">/.exec(out);
    assert.ok(m, `${e.component}: ${e.name}`);
    assert.match(
      out,
      new RegExp(`aria-describedby="[^"]*${m[1]}-error`),
      `${e.component}: described by its error`,
    );
    assert.match(out, /is-invalid/, `${e.component}: marked invalid`);
  }
  const summary = html(examples.find((e) => e.component === 'ErrorSummary')!);
  const targets = [...summary.matchAll(/href="#(field-[^"]+)"/g)].map((m) => m[1]!);
  assert.deepEqual(targets, ['field-birth', 'field-channels']);
  const page = examples.map(html).join('');
  for (const id of targets)
    assert.match(page, new RegExp(`id="${id}"`), `the summary's link ${id} has a target`);
  // What she typed is kept, even when it is not a date.
  assert.match(
    html(examples.find((e) => e.name === 'with an error, keeping what was typed')!),
    /value="31\/02\/1990"/,
  );
});

test('right to left: the components use logical sides only, and an Arabic example keeps its text and direction', () => {
  for (const e of examples) {
    assert.doesNotMatch(
      html(e),
      /class="[^"]*\b(text-left|text-right|float-left|float-right|m[lr]-\d|p[lr]-\d|border-left|border-right)\b/,
      `${e.component}: ${e.name}`,
    );
  }
  const ar = examples.find((e) => e.lang === 'ar')!;
  assert.match(html(ar), /هل لديك أطفال؟/);
  assert.match(html(ar), /يرجى اختيار إجابة/);
});

test('a date field shows a Date as its day in Italy, and the checkbox and radio groups check what they are given', () => {
  assert.match(
    html(examples.find((e) => e.name === 'from a Date, shown as its day in Italy')!),
    /value="2027-01-01"/,
  );
  const boxes = html(examples.find((e) => e.name === 'choose all that apply, two checked')!);
  assert.deepEqual(
    [...boxes.matchAll(/<input[^>]*value="(\w+)"[^>]*?( checked)?\/?>/g)].map((m) => [m[1], Boolean(m[2])]),
    [
      ['phone', true],
      ['sms', false],
      ['email', true],
    ],
  );
  assert.match(boxes, /id="field-safe_channels"[^>]*value="phone"/, 'the first box carries the field id');
  const radios = html(examples.find((e) => e.name === 'required, none preselected')!);
  assert.doesNotMatch(radios, /checked/);
  assert.equal(radios.match(/ required/g)?.length, 3);
  const own = html(examples.find((e) => e.name === 'each box a field of its own')!);
  assert.match(own, /name="mon" value="1" checked/);
  assert.match(own, /name="tue" value="1"\/?>/);
});

test('a summary list pairs each term with its value, leaves out the falsy rows and lays out side by side when asked', () => {
  const facts = html(examples.find((e) => e.name === 'facts, one left out, a value to escape')!);
  assert.equal(
    facts,
    '<dl class="mb-0"><dt>Quando</dt><dd>lunedì 14 dicembre 2026, 10:00 – 10:30</dd><dt>Sportello</dt>' +
      '<dd>&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; &quot;virgolette&quot;</dd><dt>Stato</dt><dd>Prenotato</dd></dl>',
  );
  const row = html(examples.find((e) => e.name === 'term and value side by side')!);
  assert.match(
    row,
    /^<dl class="row"><dt class="col-sm-3">Nome utente<\/dt><dd class="col-sm-9">operatrice.ancona<\/dd>/,
  );
});

test('the gallery is served in development only: never in production, nor in tests', async () => {
  const database = await ownTestDb();
  try {
    const status = async (env: 'development' | 'test' | 'production') => {
      const app = await buildApp({ config: testConfig({ env }), database, logger: false });
      try {
        const res = await app.inject({ method: 'GET', url: GALLERY_PATH });
        return { status: res.statusCode, body: res.body };
      } finally {
        await app.close();
      }
    };
    const dev = await status('development');
    assert.equal(dev.status, 200);
    for (const name of new Set(examples.map((e) => e.component)))
      assert.match(dev.body, new RegExp(`<code>${name}</code>`));
    assert.match(dev.body, /<title>Componenti/);
    assert.equal((await status('test')).status, 404);
    assert.equal((await status('production')).status, 404);
  } finally {
    await database.close();
  }
});
