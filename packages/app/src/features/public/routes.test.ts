import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { assess, type Situation } from '@ponte/rules';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import {
  clockAt,
  getTestDb,
  makeOrg,
  makeTerritory,
  makeUser,
  RULES_DAY,
  testApp,
  testAt,
} from '../../../test/helpers.ts';
import { setClock, todayIso } from '../../platform/clock.ts';
import { translator } from '../../platform/i18n/index.ts';
import { dirOf, renderPublicPage } from '../../platform/ui/public-layout.tsx';
import { amountText } from './views.tsx';
import { decode, dontKnow, hiddenOf, questionOf } from './walk-helpers.ts';

// The benefits check runs only on a day its rules cover (issue 10): each test starts with the clock on RULES_DAY.
const test = testAt(RULES_DAY);

// The public pages leave no trace (product.md): no cookie, no-store, answers only in POSTed bodies, a quick
// exit that clears the site's data; the check follows the engine to a result; shelters are never listed.

/** Every public response: no cookie, never stored, no referrer. */
function assertTraceless(res: LightMyRequestResponse, where: string) {
  assert.equal(res.headers['set-cookie'], undefined, `${where}: a cookie was set`);
  assert.equal(res.headers['cache-control'], 'no-store', `${where}: cache-control`);
  assert.equal(res.headers['referrer-policy'], 'no-referrer', `${where}: referrer-policy`);
}

/** Every form posts, and no link or action of the page carries an answer. */
function assertNoAnswersInUrls(html: string, answers: string[], where: string) {
  for (const m of html.matchAll(/<form[^>]*>/g)) assert.match(m[0], /method="post"/, `${where}: ${m[0]}`);
  const urls = [...html.matchAll(/(?:href|action|src)="([^"]*)"/g)].map((m) => decode(m[1] as string));
  for (const url of urls) {
    for (const a of answers) assert.ok(!url.includes(a), `${where}: "${a}" appears in the URL ${url}`);
  }
}

type Answers = Record<string, Record<string, string>>;

interface Walk {
  asked: string[];
  pages: LightMyRequestResponse[];
  last: LightMyRequestResponse;
}

/** Walks the check from the start page to the result, answering from `answers` (else "I don't know"). */
async function walk(app: FastifyInstance, lang: 'it' | 'en', answers: Answers, headers = {}): Promise<Walk> {
  const start = await app.inject({ method: 'GET', url: `/diritti?lang=${lang}`, headers });
  const pages = [start];
  const asked: string[] = [];
  let body: Record<string, string> = { asked: '', lang };
  for (let i = 0; i < 40; i++) {
    const res = await app.inject({ method: 'POST', url: '/diritti/domanda', payload: body, headers });
    pages.push(res);
    assert.equal(res.statusCode, 200, `step ${i}: ${res.statusCode}`);
    const q = questionOf(res.body);
    if (!q) return { asked, pages, last: res };
    asked.push(q);
    body = { ...hiddenOf(res.body), ...(answers[q] ?? dontKnow(res.body)), nav: 'next' };
  }
  throw new Error('the check never reached a result');
}

const statusOf = (html: string, benefit: string) =>
  new RegExp(`data-benefit="${benefit}" data-status="([a-z_]+)"`).exec(html)?.[1];

function cardOf(html: string, benefit: string): string {
  const i = html.indexOf(`data-benefit="${benefit}"`);
  assert.ok(i >= 0, `no card for ${benefit}`);
  return html.slice(i, html.indexOf('</article>', i));
}

// A mother of one child of five, Italian, resident for 30 years, with an ISEE of 15,000 €, who works alone.
const child = `${Number(RULES_DAY.slice(0, 4)) - 5}-05-10`;
const mother: Answers = {
  sex: { sex: 'yes' },
  birthDate: { birthDate: '15/03/1990' },
  citizenship: { citizenship: 'it' },
  residenceYears: { residenceYears: '30' },
  residenceContinuousYears: { residenceContinuousYears: '30' },
  household: { children: '1', partner: 'no', others: '0' },
  birthDates: { 'm0.birthDate': child.split('-').reverse().join('/') },
  memberDisability: { 'm0.disability': 'none' },
  isee: { isee__kind: 'value', isee: '15.000' },
  iseeMinorenni: { iseeMinorenni__kind: 'value', iseeMinorenni: '15000' },
  bothParentsWork: { bothParentsWork: 'yes' },
  victim: { victim: 'no' },
  comune: { comune: '' },
};

test('the start page is neutral, traceless, has the quick exit and 1522, and no form token', async () => {
  const app = await testApp();
  const res = await app.inject({ method: 'GET', url: '/diritti' });
  assert.equal(res.statusCode, 200);
  assertTraceless(res, 'start');
  assert.match(res.body, /<title>Informazioni<\/title>/);
  assert.doesNotMatch(/<title>[^<]*<\/title>/.exec(res.body)?.[0] ?? '', /violen|abus|rifugio/i);
  assert.match(res.body, /<a class="btn quick-exit" href="\/uscita" data-quick-exit/);
  assert.match(res.body, /<script src="\/static\/(?:h\/)?quick-exit(?:\.[0-9a-f]{10})?\.js" defer/);
  assert.match(res.body, /href="tel:1522"/);
  assert.doesNotMatch(res.body, /_csrf/);
  assert.doesNotMatch(res.body, /<script(?![^>]*src=)/, 'no inline script');
  assert.match(res.body, /<html lang="it" dir="ltr"/);
  assert.match(res.body, /data-exit-url="https:\/\/www.google.com\/search\?q=meteo"/);
  const en = await app.inject({ method: 'GET', url: '/diritti', headers: { 'accept-language': 'en-GB' } });
  assert.match(en.body, /<title>Information<\/title>/);
  assert.match(en.body, /<html lang="en"/);
});

test('a staff session cookie is neither read nor refreshed on the public pages', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const org = await makeOrg(db, 'cav');
  const user = await makeUser(db, org.id, ['cav_operator']);
  const res = await app.inject({ method: 'GET', url: '/diritti', headers: { cookie: user.cookie } });
  assertTraceless(res, 'start with a session');
  assert.doesNotMatch(res.body, /Utente di prova/);
});

test('the check walks from the start to a result for a mother with one child: assegno unico as the engine says', async () => {
  const app = await testApp();
  const w = await walk(app, 'it', mother);
  for (const [i, page] of w.pages.entries()) {
    assertTraceless(page, `page ${i}`);
    assertNoAnswersInUrls(page.body, ['15000', '15.000', '1990', child], `page ${i}`);
    assert.equal(page.headers.location, undefined);
  }
  // The questions that decide the assegno unico were asked, the most decisive first, and the place last.
  for (const q of ['citizenship', 'residenceYears', 'household', 'isee']) assert.ok(w.asked.includes(q), q);
  assert.equal(w.asked.at(-1), 'comune');
  assert.ok(w.asked.length <= 16, `${w.asked.length} questions`);
  // The engine, on the same facts, gives the same result.
  const situation: Situation = {
    date: todayIso(),
    person: { sex: 'F', birthDate: '1990-03-15', citizenship: 'it', residenceYears: 30 },
    household: {
      members: [{ relation: 'child', birthDate: child, disability: 'none' }],
      isee: 15000,
      iseeMinorenni: 15000,
      bothParentsWork: true,
    },
  };
  if (w.asked.includes('residenceContinuousYears')) situation.person!.residenceContinuousYears = 30;
  const expected = assess(situation, { lang: 'it' }).results.find((r) => r.benefit === 'assegno_unico')!;
  assert.equal(expected.status, 'eligible');
  assert.ok((expected.amount?.monthly ?? 0) > 150, 'the full amount band for an ISEE of 15,000 €');
  const html = w.last.body;
  assert.match(html, /<h1[^>]*>Cosa potrebbe spettarti<\/h1>/);
  assert.equal(statusOf(html, 'assegno_unico'), 'eligible');
  const card = cardOf(html, 'assegno_unico');
  const amount = amountText(translator('it'), 'it', expected)!;
  assert.ok(card.includes(amount), `${amount} not in the card`);
  assert.match(amount, /al mese/);
  for (const d of expected.documents)
    assert.ok(card.includes(d.replaceAll('&', '&amp;').replaceAll('"', '&quot;')) || card.includes(d), d);
  // Eligible first, then "to be checked"; free help, 1522 and the directory.
  const iEligible = html.indexOf('data-section="eligible"');
  assert.ok(iEligible >= 0);
  const iUndetermined = html.indexOf('data-section="undetermined"');
  if (iUndetermined >= 0) assert.ok(iEligible < iUndetermined);
  assert.match(html, /Aiuto gratuito/);
  assert.match(html, /href="tel:1522"/);
  assert.match(html, /href="\/centri"/);
  // She said she was not a victim of violence: the Reddito di Libertà is not hers.
  assert.equal(statusOf(html, 'reddito_di_liberta'), undefined);
  assert.match(html, /data-section="not_eligible"[\s\S]*Reddito di Libertà/);
});

test('English works from the start to the result', async () => {
  const app = await testApp();
  const start = await app.inject({ method: 'GET', url: '/diritti?lang=en' });
  assert.match(start.body, /Start in English/);
  const w = await walk(app, 'en', mother);
  for (const page of w.pages.slice(1, -1)) {
    assert.match(page.body, /<html lang="en" dir="ltr"/);
    assert.match(page.body, /Leave now/);
    assert.match(page.body, /Question \d+/);
  }
  assert.match(w.last.body, /<h1[^>]*>What you may be entitled to<\/h1>/);
  assert.equal(statusOf(w.last.body, 'assegno_unico'), 'eligible');
  assert.match(cardOf(w.last.body, 'assegno_unico'), /per month/);
  assert.match(w.last.body, /Free help/);
});

async function stepTo(app: FastifyInstance, target: string, answers: Answers) {
  let body: Record<string, string> = { asked: '', lang: 'it' };
  for (let i = 0; i < 30; i++) {
    const res = await app.inject({ method: 'POST', url: '/diritti/domanda', payload: body });
    const q = questionOf(res.body);
    if (q === target) return res;
    assert.ok(q, `the check ended before asking ${target}`);
    body = { ...hiddenOf(res.body), ...(answers[q] ?? dontKnow(res.body)) };
  }
  throw new Error(`${target} never asked`);
}

test('a non-number ISEE answers the same step again, with the error next to the field and the text kept', async () => {
  const app = await testApp();
  const page = await stepTo(app, 'isee', mother);
  const res = await app.inject({
    method: 'POST',
    url: '/diritti/domanda',
    payload: { ...hiddenOf(page.body), isee__kind: 'value', isee: 'quindicimila' },
  });
  assert.equal(res.statusCode, 200);
  assertTraceless(res, 'isee error');
  assert.equal(questionOf(res.body), 'isee');
  assert.match(res.body, /id="field-isee-error"[^>]*>Scrivi l’importo solo in cifre/);
  assert.match(res.body, /<input id="field-isee" name="isee" type="text"[^>]*value="quindicimila"/);
  assert.match(res.body, /data-error-summary[\s\S]*href="#field-isee"/);
  // The earlier answers are still carried.
  assert.deepEqual(Object.keys(hiddenOf(res.body)).sort(), Object.keys(hiddenOf(page.body)).sort());
  // "I don't have an ISEE" is an answer (none), "I don't know" another (unknown): both move on.
  for (const kind of ['none', 'unknown']) {
    const ok = await app.inject({
      method: 'POST',
      url: '/diritti/domanda',
      payload: { ...hiddenOf(page.body), isee__kind: kind, isee: '' },
    });
    assert.equal(ok.statusCode, 200);
    assert.notEqual(questionOf(ok.body), 'isee');
    assert.equal(hiddenOf(ok.body)['a.isee'], kind);
  }
});

test('a birth date in the future answers the same step again with the error and what was typed', async () => {
  const app = await testApp();
  const page = await stepTo(app, 'birthDate', mother);
  const next = `${Number(todayIso().slice(0, 4)) + 1}-01-01`;
  const typed = next.split('-').reverse().join('/');
  const res = await app.inject({
    method: 'POST',
    url: '/diritti/domanda',
    payload: { ...hiddenOf(page.body), birthDate: typed },
  });
  assert.equal(res.statusCode, 200);
  assert.equal(questionOf(res.body), 'birthDate');
  assert.match(res.body, /id="field-birthDate-error"[^>]*>La data non può essere nel futuro/);
  assert.ok(res.body.includes(`value="${typed}"`));
  const bad = await app.inject({
    method: 'POST',
    url: '/diritti/domanda',
    payload: { ...hiddenOf(page.body), birthDate: '31/02/1990' },
  });
  assert.equal(bad.statusCode, 200);
  assert.match(bad.body, /Questa data non esiste/);
});

test('Back shows the previous question with its answer; an altered hidden answer is asked again, never a 5xx', async () => {
  const app = await testApp();
  const page = await stepTo(app, 'isee', mother);
  const hidden = hiddenOf(page.body);
  const asked = hidden.asked!.split(' ');
  const back = await app.inject({
    method: 'POST',
    url: '/diritti/domanda',
    payload: { ...hidden, nav: 'back' },
  });
  assert.equal(back.statusCode, 200);
  assert.equal(questionOf(back.body), asked.at(-1));
  assert.equal(hiddenOf(back.body).asked, asked.slice(0, -1).join(' '));

  const altered = await app.inject({
    method: 'POST',
    url: '/diritti/domanda',
    payload: { ...hidden, q: '', 'a.residenceYears': '<script>', asked: `${hidden.asked} nonsense` },
  });
  assert.equal(altered.statusCode, 200);
  // The altered answer is dropped, so its question comes back (it is the most decisive one left).
  assert.ok(!hiddenOf(altered.body).asked?.split(' ').includes('residenceYears'));
  assert.ok(!hiddenOf(altered.body).asked?.includes('nonsense'));
  assert.doesNotMatch(altered.body, /<script>/);
  // Back from the very first question returns to the start page.
  const first = await app.inject({
    method: 'POST',
    url: '/diritti/domanda',
    payload: { lang: 'it', asked: '', nav: 'back' },
  });
  assert.equal(first.statusCode, 303);
  assert.equal(first.headers.location, '/diritti');
  assert.equal(first.headers['set-cookie'], undefined);
  // Garbage never breaks the page.
  for (const payload of [
    '',
    'lang=xx&asked=%00%01',
    'q=isee&isee__kind=value&isee=1e400',
    'q=household&children=-1',
  ]) {
    const res = await app.inject({
      method: 'POST',
      url: '/diritti/domanda',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload,
    });
    assert.ok(res.statusCode < 500, `${payload}: ${res.statusCode}`);
    assertTraceless(res, payload);
  }
});

test('GET /uscita clears the site data and goes to the neutral site; POST /uscita does it in the background', async () => {
  const app = await testApp();
  const res = await app.inject({ method: 'GET', url: '/uscita' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, app.config.quickExitUrl);
  assert.equal(res.headers['clear-site-data'], '"cache", "cookies", "storage"');
  assertTraceless(res, 'exit');
  const beacon = await app.inject({ method: 'POST', url: '/uscita' });
  assert.equal(beacon.statusCode, 204);
  assert.equal(beacon.headers['clear-site-data'], '"cache", "cookies", "storage"');
  assert.equal(beacon.headers['set-cookie'], undefined);
});

test('the directory lists public CAV only, searchable by Comune; shelters, unlisted and closed centres never appear', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const place = await makeTerritory(db);
  const tag = randomUUID().slice(0, 8);
  const add = async (kind: 'cav' | 'shelter', name: string, extra: Record<string, unknown> = {}) => {
    const id = randomUUID();
    const managing = kind === 'shelter' ? (await makeOrg(db, 'cav', place.comune)).id : null;
    await db
      .insertInto('organisation')
      .values({ id, kind, name, territory_id: place.comune, managing_cav_id: managing, ...extra })
      .execute();
    return id;
  };
  await add('cav', `Centro Aurora ${tag}`, {
    public_listing: true,
    phone: '071 123456',
    opening_hours: 'lun–ven 9–18',
    website: 'https://aurora.example.org',
  });
  await add('cav', `Centro Riservato ${tag}`);
  await add('cav', `Centro Chiuso ${tag}`, { public_listing: true, active: false });
  await add('shelter', `Casa Rifugio ${tag}`);

  const list = await app.inject({ method: 'GET', url: '/centri' });
  assert.equal(list.statusCode, 200);
  assertTraceless(list, 'directory');
  assert.match(list.body, new RegExp(`Centro Aurora ${tag}`));
  assert.doesNotMatch(list.body, new RegExp(`(Riservato|Chiuso|Casa Rifugio) ${tag}`));

  const comune = (
    await db.selectFrom('territory').select('name').where('id', '=', place.comune).executeTakeFirstOrThrow()
  ).name;
  for (const q of [comune, comune.toUpperCase(), tag, `Rifugio ${tag}`]) {
    const found = await app.inject({ method: 'POST', url: '/centri', payload: { q } });
    assert.equal(found.statusCode, 200);
    assertTraceless(found, `search ${q}`);
    assert.doesNotMatch(found.body, /Casa Rifugio/);
    assert.doesNotMatch(found.body, new RegExp(`(Riservato|Chiuso) ${tag}`));
    if (q.startsWith('Rifugio')) assert.match(found.body, /Nessun centro trovato/);
    else {
      assert.match(found.body, new RegExp(`Centro Aurora ${tag}`));
      assert.match(found.body, /href="tel:071123456"/);
      assert.match(found.body, /lun–ven 9–18/);
      assert.match(found.body, /href="https:\/\/aurora.example.org"/);
      assert.ok(found.body.includes(comune));
    }
  }
  const wild = await app.inject({ method: 'POST', url: '/centri', payload: { q: '%', page: 'x' } });
  assert.equal(wild.statusCode, 200);
  assert.match(wild.body, /Nessun centro trovato/);

  // The result of the check shows the nearest public centre for the Comune she gave, never the shelter.
  const w = await walk(app, 'it', { ...mother, comune: { comune } });
  assert.match(w.last.body, new RegExp(`Centro Aurora ${tag}`));
  assert.doesNotMatch(w.last.body, /Casa Rifugio/);
  const unknownPlace = await walk(app, 'it', { ...mother, comune: { comune: 'Paese inesistente' } });
  assert.match(unknownPlace.last.body, /Non abbiamo trovato il Comune «Paese inesistente»/);
});

test('a step opened by its address goes back to the start, without a cookie; right-to-left languages are ready', async () => {
  const app = await testApp();
  const res = await app.inject({ method: 'GET', url: '/diritti/domanda' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/diritti');
  assertTraceless(res, 'GET step');
  assert.equal(dirOf('ar'), 'rtl');
  assert.equal(dirOf('it'), 'ltr');
  const html = renderPublicPage({
    lang: 'ar',
    t: translator('it'),
    exitUrl: 'https://example.org/',
    heading: 'x',
    children: null,
  });
  assert.match(html, /<html lang="ar" dir="rtl"/);
});

test('the landing page links to the check', async () => {
  const app = await testApp();
  const res = await app.inject({ method: 'GET', url: '/' });
  assert.match(res.body, /href="\/diritti"/);
});

/** A small deterministic generator, so that a failing walk can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('random answers (valid, invalid, unknown) always give a page, never a cookie, and end in a result', async () => {
  const app = await testApp();
  const pool = ['0', '1', '2', '3', '15000', '15.000,50', 'abc', '', '01/01/2000', '31/12/2099', '-1', '1e9'];
  for (let seed = 1; seed <= 25; seed++) {
    const rnd = prng(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
    let body: Record<string, string> = { asked: '', lang: pick(['it', 'en']) };
    let steps = 0;
    let lastQ: string | undefined;
    let retries = 0;
    for (;;) {
      // One visitor per walk (the steps are rate-limited per address).
      const res = await app.inject({
        method: 'POST',
        url: '/diritti/domanda',
        payload: body,
        remoteAddress: `10.9.0.${seed}`,
      });
      assert.equal(res.statusCode, 200, `seed ${seed}, step ${steps}: ${res.statusCode}`);
      assertTraceless(res, `seed ${seed}`);
      const q = questionOf(res.body);
      if (!q) {
        assert.match(res.body, /<h1[^>]*>(Cosa potrebbe spettarti|What you may be entitled to)</);
        break;
      }
      retries = q === lastQ ? retries + 1 : 0;
      lastQ = q;
      assert.ok(++steps < 80, `seed ${seed}: no result after 80 posts`);
      const answer: Record<string, string> = {};
      const radios = new Map<string, string[]>();
      for (const m of res.body.matchAll(
        /type="(?:radio|checkbox)" id="[^"]*" name="([^"]+)" value="([^"]+)"/g,
      )) {
        const list = radios.get(m[1] as string) ?? [];
        list.push(m[2] as string);
        radios.set(m[1] as string, list);
      }
      for (const [name, values] of radios) {
        answer[name] = retries > 1 && values.includes('unknown') ? 'unknown' : pick(values);
      }
      for (const m of res.body.matchAll(/<input id="[^"]*" name="([^"]+)" type="text"/g)) {
        const name = decode(m[1] as string);
        answer[name] =
          retries > 1 ? (/birthDate|Date|pathStart/.test(name) ? '01/01/2000' : '1') : pick(pool);
        if (retries > 1 && `${name}__kind` in answer) answer[`${name}__kind`] = 'value';
      }
      body = { ...hiddenOf(res.body), ...answer };
    }
  }
});

test('outside the years of the engine’s rules the check says it is unavailable (503), never an empty result', async (t) => {
  const app = await testApp();
  // The last covered evening (the clock is read in Italy: 23:30 on 31 December is still 2026) works as usual…
  clockAt(t, '2026-12-31T23:30');
  assert.equal((await app.inject({ method: 'GET', url: '/diritti' })).statusCode, 200);
  // …from 1 January 2027 the engine refuses the date: every page of the check says why and where to turn.
  setClock('2027-01-05');
  const start = await app.inject({ method: 'GET', url: '/diritti' });
  assert.equal(start.statusCode, 503);
  assertTraceless(start, 'start out of the rules');
  assert.match(start.body, /Il controllo dei diritti non è disponibile in questo momento/);
  assert.match(start.body, /non sono ancora aggiornate per la data di oggi/);
  assert.match(start.body, /href="\/centri"/);
  assert.match(start.body, /href="tel:1522"/);
  assert.doesNotMatch(start.body, /action="\/diritti\/domanda"/, 'no walk to start');
  const step = await app.inject({
    method: 'POST',
    url: '/diritti/domanda',
    payload: { asked: '', lang: 'en' },
  });
  assert.equal(step.statusCode, 503);
  assert.match(step.body, /The rights check is not available at the moment/);
  assert.doesNotMatch(step.body, /name="q"/, 'no question asked');
  const sheet = await app.inject({
    method: 'POST',
    url: '/diritti/foglio',
    payload: { asked: '', lang: 'it' },
  });
  assert.equal(sheet.statusCode, 503);
  assert.match(String(sheet.headers['content-type']), /^text\/html/);
  for (const lang of ['fr', 'es', 'ar', 'uk']) {
    const res = await app.inject({ method: 'GET', url: `/diritti?lang=${lang}` });
    assert.equal(res.statusCode, 503, lang);
    assert.match(res.body, new RegExp(`<html lang="${lang}"`), lang);
  }
});
