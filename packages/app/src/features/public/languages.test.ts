import assert from 'node:assert/strict';
import { catalogue } from '@ponte/rules';
import { RULES_DAY, testApp, testAt } from '../../../test/helpers.ts';
import {
  EXTRA_LANGS,
  isLang,
  LANGS,
  langFromHeader,
  PUBLIC_LANGS,
  publicCatalogueGaps,
  publicLangFromHeader,
  publicTranslator,
  translate,
} from '../../platform/i18n/index.ts';
import { ar } from './lang/ar.ts';
import { es } from './lang/es.ts';
import { fr } from './lang/fr.ts';
import { uk } from './lang/uk.ts';
import './messages.ts';
import '../../platform/ui/public-layout.tsx';
import { decode, expectedVerifyPoints, resultForm, walkAsMother as walk } from './walk-helpers.ts';

// The benefits check runs only on a day its rules cover (issue 10): each test starts with the clock on RULES_DAY.
const test = testAt(RULES_DAY);

// The public check in six languages (issue 6): every public text exists in all of them, each benefit has its
// plain texts in the languages the engine does not speak, and a page in one language has no text of another.

test('every public key exists in it, en, fr, es, ar and uk, with the same placeholders', () => {
  const gaps = publicCatalogueGaps(['pub.', 'public.'], ['pub.b.']);
  for (const lang of PUBLIC_LANGS) assert.deepEqual(gaps[lang], [], `${lang} lacks keys`);
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const it = publicTranslator('it');
  for (const [lang, messages] of Object.entries({ fr, es, ar, uk })) {
    for (const [key, text] of Object.entries(messages)) {
      if (key.startsWith('pub.b.')) continue;
      assert.deepEqual(placeholders(text), placeholders(it(key)), `${lang} ${key}`);
    }
  }
});

test('each benefit of the engine has its plain texts in every language the engine does not speak', () => {
  const parts = ['name', 'desc', 'gather', 'who', 'where', 'when'];
  for (const lang of EXTRA_LANGS) {
    const t = publicTranslator(lang);
    for (const b of catalogue('it'))
      for (const part of parts) assert.ok(t(`pub.b.${b.id}.${part}`).length > 1, `${lang} ${b.id}.${part}`);
  }
});

test('staff languages are unchanged: it and en only, the others are public only', () => {
  assert.deepEqual([...LANGS], ['it', 'en']);
  assert.equal(isLang('fr'), false);
  assert.equal(isLang('ar'), false);
  assert.equal(langFromHeader('fr-FR'), 'it');
  assert.equal(langFromHeader('uk'), 'it');
  assert.equal(translate('en', 'pub.start.begin'), 'Start in English');
  assert.equal(publicTranslator('fr')('pub.start.begin'), 'Commencer en français');
  assert.throws(() => publicTranslator('fr')('pub.no.such.key'), /missing fr message/);
  // The public pages follow the browser's language among the six.
  assert.equal(publicLangFromHeader('uk-UA,uk;q=0.9,en;q=0.8'), 'uk');
  assert.equal(publicLangFromHeader('de-DE,ar;q=0.5'), 'ar');
  assert.equal(publicLangFromHeader('de-DE'), 'it');
  assert.equal(publicLangFromHeader(undefined), 'it');
});

test('the start page and the directory follow the browser language; ?lang= wins', async () => {
  const app = await testApp();
  const es = await app.inject({
    method: 'GET',
    url: '/diritti',
    headers: { 'accept-language': 'es-ES,es;q=0.9' },
  });
  assert.match(es.body, /<html lang="es" dir="ltr"/);
  const ar = await app.inject({ method: 'GET', url: '/centri', headers: { 'accept-language': 'ar' } });
  assert.match(ar.body, /<html lang="ar" dir="rtl"/);
  const fr = await app.inject({
    method: 'GET',
    url: '/diritti?lang=fr',
    headers: { 'accept-language': 'uk' },
  });
  assert.match(fr.body, /<html lang="fr" dir="ltr"/);
});

// ---- a walk in each language ----

/** The visible text of a page (without tags, scripts and attribute values). */
function textOf(html: string): string {
  return decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

// Words that give away a page left in Italian or English (the acts' citations and the benefits' Italian proper
// names are allowed: "Reddito di Libertà", "Assegno Unico"…).
const ITALIAN =
  /\b(Domanda|Continua|Indietro|Non lo so|al mese|Chi fa la domanda|Cosa preparare|Entro quando)\b/;
const ENGLISH = /\b(Continue|Back|I don’t know|per month|Who applies|What to prepare|By when)\b/;

for (const lang of EXTRA_LANGS) {
  test(`the check in ${lang}: every page in ${lang}, lang and dir set, the result from the ${lang} catalogue`, async () => {
    const app = await testApp();
    const t = publicTranslator(lang);
    const pages = await walk(app, lang);
    const dir = lang === 'ar' ? 'rtl' : 'ltr';
    for (const [i, page] of pages.entries()) {
      assert.match(page.body, new RegExp(`<html lang="${lang}" dir="${dir}"`), `page ${i}`);
      assert.equal(page.headers['set-cookie'], undefined);
      const text = textOf(page.body.slice(page.body.indexOf('<body')));
      // The start page names each language in itself; elsewhere no Italian or English text.
      if (i > 0) {
        assert.doesNotMatch(text, ITALIAN, `${lang} page ${i} has Italian`);
        assert.doesNotMatch(text, ENGLISH, `${lang} page ${i} has English`);
      }
      assert.ok(text.includes(t('public.exit')), `page ${i}: quick exit in ${lang}`);
    }
    const result = pages.at(-1)?.body ?? '';
    assert.ok(result.includes(`>${t('pub.result.heading')}</h1>`));
    const card = result.slice(result.indexOf('data-benefit="assegno_unico"'));
    assert.ok(card.includes(t('pub.b.assegno_unico.name')));
    assert.ok(decode(card).includes(t('pub.b.assegno_unico.gather')));
    assert.ok(card.includes(t('pub.amt.monthly', { eur: '' }).trim()), 'the amount in words');
    for (const b of catalogue('it')) assert.ok(!result.includes(b.description), `${b.id}: engine text shown`);
  });
}

// ---- the points to verify, one by one ----

for (const lang of EXTRA_LANGS) {
  test(`the result in ${lang} shows each point to verify translated, in its card, never the generic sentence`, async () => {
    const app = await testApp();
    const t = publicTranslator(lang);
    const html = decode((await walk(app, lang)).at(-1)?.body ?? '');
    const points = expectedVerifyPoints(resultForm(html), lang);
    assert.ok(points.length >= 3, `the walk meets points to verify (${points.length})`);
    for (const p of points) {
      const start = html.indexOf(`data-benefit="${p.benefit}"`);
      assert.ok(start >= 0, `${p.benefit}: card`);
      const card = html.slice(start, html.indexOf('</article>', start));
      assert.ok(card.includes(`<li>${p.text}</li>`), `${lang} ${p.benefit}: "${p.text}" not in its card`);
      assert.ok(!html.includes(p.italian), `${lang}: the Italian text is shown`);
    }
    assert.ok(!html.includes(t('pub.result.verify.generic')), `${lang}: the generic sentence is shown`);
  });
}
