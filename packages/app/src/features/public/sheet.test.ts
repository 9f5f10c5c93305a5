import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { catalogue, type Result } from '@ponte/rules';
import { RULES_DAY, testApp, testAt } from '../../../test/helpers.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { EXTRA_LANGS, PUBLIC_LANGS, type PublicLang, publicTranslator } from '../../platform/i18n/index.ts';
import './messages.ts';
import { bidiRuns, rightsSheet, sheetFont, sheetLangs } from './sheet.ts';
import { VERIFY_TEXTS } from './verify-texts.ts';
import { benefitTexts } from './views.tsx';
import { expectedVerifyPoints, hiddenOf, walkAsMother as walk } from './walk-helpers.ts';

// The benefits check runs only on a day its rules cover (issue 10): each test starts with the clock on RULES_DAY.
const test = testAt(RULES_DAY);

// The rights sheet (issue 6): the result as a PDF in her language, downloaded with a neutral name, never
// stored; read back here from the PDF itself (plain streams, glyphs mapped to text by the font's ToUnicode).

// ---- a walk in each language ----

/** The sheet form of the result page, as the browser posts it. */
function sheetForm(html: string): Record<string, string> {
  const i = html.indexOf('action="/diritti/foglio"');
  assert.ok(i >= 0, 'the result offers the sheet');
  return hiddenOf(html.slice(i, html.indexOf('</form>', i)));
}

const squash = (s: string) => s.replace(/\s+/g, '');

test('right-to-left lines are split in runs: Arabic reversed by the font, numbers and Latin words kept', () => {
  assert.deepEqual(bidiRuns('اتصلي بالرقم 1522 مجاناً'), [
    { rtl: true, text: 'اتصلي بالرقم ' },
    { rtl: false, text: '1522' },
    { rtl: true, text: ' مجاناً' },
  ]);
  assert.deepEqual(bidiRuns('Reddito di Libertà (دخل الحرية)'), [
    { rtl: false, text: 'Reddito di Libertà' },
    { rtl: true, text: ' )دخل الحرية(' },
  ]);
});

test('the PDF font comes from node_modules (no system font needed), and every language gets its sheet', async () => {
  const font = sheetFont();
  assert.match(font, /[/\\]node_modules[/\\]dejavu-fonts-ttf[/\\]ttf[/\\]DejaVuSans\.ttf$/);
  assert.ok(!font.startsWith('/usr/share/fonts'), 'never the system lookup');
  assert.ok(existsSync(font), 'installed by npm ci');
  assert.deepEqual([...(await sheetLangs())].sort(), [...PUBLIC_LANGS].sort());
});

for (const lang of PUBLIC_LANGS) {
  test(`the rights sheet in ${lang}: a PDF download named neutrally, no cookie, the result's texts in ${lang}`, async () => {
    const app = await testApp();
    const t = publicTranslator(lang as PublicLang);
    const pages = await walk(app, lang);
    const form = sheetForm(pages.at(-1)?.body ?? '');
    const res = await app.inject({
      method: 'POST',
      url: '/diritti/foglio',
      payload: { ...form, plain: '1' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="informazioni.pdf"');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['set-cookie'], undefined);
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = squash(pdfText(res.rawPayload));
    const expected = [
      t('pub.sheet.title'),
      t('pub.result.eligible'),
      t('pub.help.1522'),
      lang === 'it' || lang === 'en' ? '' : t('pub.b.assegno_unico.name'),
      lang === 'it' || lang === 'en' ? '' : t('pub.b.assegno_unico.who'),
      lang === 'it' ? 'Assegno Unico' : '',
      // Each point to verify, translated one by one (never the generic sentence) in the languages the engine
      // does not speak.
      ...(lang === 'it' || lang === 'en' ? [] : expectedVerifyPoints(form, lang).map((p) => p.text)),
    ].filter(Boolean);
    if (lang !== 'it' && lang !== 'en') {
      assert.ok(expected.length > 8, `${lang}: the walk meets points to verify`);
      assert.ok(!text.includes(squash(t('pub.result.verify.generic'))), `${lang}: the generic sentence`);
    }
    // The title is one right-to-left run in Arabic: read back whole, it proves the words are in reading order.
    assert.ok(text.includes(squash(t('pub.sheet.title'))), `${lang}: the title`);
    if (lang !== 'ar')
      for (const s of expected) assert.ok(text.includes(squash(s)), `${lang}: "${s}" not in the PDF`);
    else {
      // Arabic: marks (tanween…) are drawn as glyphs of their own, placed by the font, so the stream order of
      // marks and punctuation is not the reading order: every word, letters only, must read back in order.
      const letters = (s: string) => s.replace(/[\u064b-\u065f\u0670]|[^\p{L}\p{N}\s]/gu, '');
      const all = letters(pdfText(res.rawPayload));
      for (const s of expected)
        for (const word of letters(s).split(/\s+/).filter(Boolean))
          assert.ok(all.includes(word), `ar: "${word}" (of "${s}") not in the PDF`);
    }
    assert.ok(!text.includes('\ufffd'), 'every glyph maps back to text');
    assert.ok(!text.includes('\u0000'), 'no missing glyph (a box) in the PDF');
  });
}

test('the sheet of an altered or empty form is still a sheet, never a 5xx', async () => {
  const app = await testApp();
  const res = await app.inject({
    method: 'POST',
    url: '/diritti/foglio',
    payload: { lang: 'uk', asked: 'isee nothing', 'a.isee': 'abc' },
  });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/pdf');
});

// ---- every point to verify, in every language the engine does not speak ----

/** Values of the kind each rule writes into its points (amounts, dates, years, a benefit's code). */
const SAMPLE: Record<string, string> = {
  minimum: '480 €',
  renters: '10.140 €',
  age: '70',
  what: 'reddito_di_liberta',
  year: '2012',
  birthday: '10/05/2023',
  from: '22/10/2025',
};

for (const lang of EXTRA_LANGS) {
  test(`the rights sheet in ${lang} prints every point to verify the engine can emit, translated`, async () => {
    const t = publicTranslator(lang);
    const byBenefit = new Map<string, Result['reasons']>();
    for (const v of Object.values(VERIFY_TEXTS)) {
      const text = v.it.replace(
        /\{(\w+)\}/g,
        (_, name: string) => SAMPLE[name] ?? assert.fail(`no sample {${name}}`),
      );
      byBenefit.set(v.benefit, [
        ...(byBenefit.get(v.benefit) ?? []),
        { code: v.code, met: null, text, source: 'x', verify: true },
      ]);
    }
    const entries = catalogue('it');
    const results: Result[] = [...byBenefit].map(([benefit, reasons]) => ({
      benefit: benefit as Result['benefit'],
      name: benefit,
      status: 'eligible',
      reasons,
      missing: [],
      documents: [],
      apply: { who: '', channel: '', deadline: '' },
      compatibility: [],
    }));
    const pdf = await rightsSheet({ lang, results, catalogue: entries, date: '2026-11-26', compress: false });
    const raw = pdfText(pdf);
    assert.ok(!raw.includes('\ufffd') && !raw.includes('\u0000'), 'every glyph in the font and mapped back');
    const shown = results.flatMap(
      (r) =>
        benefitTexts(
          t,
          lang,
          r,
          entries.find((e) => e.id === r.benefit),
        ).verify,
    );
    assert.ok(!shown.includes(t('pub.result.verify.generic')), 'no point left to the generic sentence');
    assert.equal(new Set(shown).size, new Set(Object.keys(VERIFY_TEXTS).map((k) => t(`pub.b.${k}`))).size);
    if (lang !== 'ar') {
      const text = squash(raw);
      for (const s of shown) assert.ok(text.includes(squash(s)), `${lang}: "${s}" not in the PDF`);
    } else {
      const letters = (s: string) => s.replace(/[\u064b-\u065f\u0670]|[^\p{L}\p{N}\s]/gu, '');
      const all = letters(raw);
      for (const s of shown)
        for (const word of letters(s).split(/\s+/).filter(Boolean))
          assert.ok(all.includes(word), `ar: "${word}" (of "${s}") not in the PDF`);
    }
  });
}
