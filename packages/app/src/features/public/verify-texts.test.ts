import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess, catalogue, type Result } from '@ponte/rules';
import { parse } from 'yaml';
import { EXTRA_LANGS, hasPublicMessage, publicTranslator } from '../../platform/i18n/index.ts';
import { deriveVerifyTexts, RULES_BENEFITS } from './engine-verify.ts';
import { VERIFY_TEXTS } from './verify-texts.ts';
import { benefitTexts, verifyPoint } from './views.tsx';
import './messages.ts';
import { RULES_DAY, testAt } from '../../../test/helpers.ts';

// The benefits check runs only on a day its rules cover (issue 10): each test starts with the clock on RULES_DAY.
const test = testAt(RULES_DAY);

// Every "to verify" point the engine can emit is shown translated, one by one, in the languages the engine does
// not speak. The list of points is read from the engine (its rules' verify() calls and its uncertain parameters),
// never written by hand.

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('verify-texts.ts lists exactly the points the engine can emit (else: npx tsx …/engine-verify.ts)', () => {
  const derived = deriveVerifyTexts();
  assert.deepEqual(VERIFY_TEXTS, derived);
  // Sanity of the derivation: both kinds of points are there, from every benefit that has any. The count is a floor
  // against a broken derivation, not a target: it falls whenever a doubtful figure of the law gets verified.
  const keys = Object.keys(derived);
  assert.ok(keys.length >= 70, `${keys.length} points`);
  assert.ok(keys.includes('reddito_di_liberta.verify.regional_budget'), 'a rule’s own verify()');
  assert.ok(keys.includes('bonus_nuovi_nati.verify.permit_type'), 'a verify() of a shared helper');
  assert.ok(keys.includes('assegno_maternita_stato.verify.uncertain_amount.20230101'), 'an uncertain value');
  assert.ok(!keys.includes('naspi.verify.consensual'), 'a code the rule only requires is no point to verify');
});

test('every point to verify has its text in fr, es, ar and uk, with the engine’s placeholders', () => {
  const missing: string[] = [];
  for (const lang of EXTRA_LANGS) {
    const t = publicTranslator(lang);
    for (const [key, v] of Object.entries(VERIFY_TEXTS)) {
      if (!hasPublicMessage(lang, `pub.b.${key}`)) {
        missing.push(`${lang} pub.b.${key}`);
        continue;
      }
      const text = t(`pub.b.${key}`);
      assert.deepEqual(placeholders(text), placeholders(v.it), `${lang} ${key}: placeholders`);
      assert.ok(!/Da verificare|To verify/.test(text), `${lang} ${key}: left in Italian or English`);
    }
  }
  assert.deepEqual(missing, [], `${missing.length} translations missing`);
});

/** Every situation of the engine's own cases, on its day and on a day of each year the engine covers. */
function engineSituations(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const d of readdirSync(RULES_BENEFITS, { withFileTypes: true })) {
    const file = join(RULES_BENEFITS, d.name, 'cases.yaml');
    if (!d.isDirectory() || !existsSync(file)) continue;
    for (const c of parse(readFileSync(file, 'utf8'), { merge: true }) as {
      situation: Record<string, unknown>;
    }[]) {
      out.push(c.situation);
      for (const date of ['2023-06-15', '2024-06-15', '2025-06-15', '2026-06-15'])
        out.push({ ...c.situation, date });
    }
  }
  return out;
}

test('every point the engine emits on its own cases is recognised and shown translated, never generic', () => {
  const seen = new Set<string>();
  const entries = catalogue('it');
  let points = 0;
  for (const s of engineSituations()) {
    const a = assess(s, { lang: 'it' });
    if (a.error) continue;
    for (const r of a.results as Result[]) {
      for (const reason of r.reasons.filter((x) => x.verify)) {
        points++;
        const p = verifyPoint(r.benefit, reason);
        assert.ok(p, `${r.benefit} ${reason.code}: "${reason.text}" is not in verify-texts.ts`);
        seen.add(p.key);
      }
      if (!r.reasons.some((x) => x.verify)) continue;
      for (const lang of EXTRA_LANGS) {
        const t = publicTranslator(lang);
        const shown = benefitTexts(
          t,
          lang,
          r,
          entries.find((e) => e.id === r.benefit),
        ).verify;
        assert.ok(!shown.includes(t('pub.result.verify.generic')), `${lang} ${r.benefit}: generic sentence`);
        assert.equal(shown.length > 0, true);
        for (const x of shown)
          assert.doesNotMatch(x, /\{\w+\}/, `${lang} ${r.benefit}: placeholder left: ${x}`);
      }
    }
  }
  assert.ok(points > 100, `${points} points met`);
  assert.ok(seen.size >= 30, `${seen.size} distinct points met`);
});

test('a point keeps the values the rule wrote (amounts, dates, years) and names a benefit in her language', () => {
  const fr = publicTranslator('fr');
  const entry = catalogue('it').find((e) => e.id === 'carta_dedicata_a_te');
  const result = (reasons: Result['reasons']): Result => ({
    benefit: 'carta_dedicata_a_te',
    name: 'Carta',
    status: 'eligible',
    reasons,
    missing: [],
    documents: [],
    apply: { who: '', channel: '', deadline: '' },
    compatibility: [],
  });
  const doubtful = VERIFY_TEXTS['carta_dedicata_a_te.verify.doubtful_support']?.it ?? '';
  const boundary = VERIFY_TEXTS['carta_dedicata_a_te.verify.ranking_boundary']?.it ?? '';
  const shown = benefitTexts(
    fr,
    'fr',
    result([
      {
        code: 'doubtful_support',
        met: null,
        text: doubtful.replace('{what}', 'Reddito di Libertà'),
        source: 'x',
        verify: true,
      },
      {
        code: 'ranking_boundary',
        met: null,
        text: boundary.replace('{year}', '2012'),
        source: 'x',
        verify: true,
      },
      { code: 'not_known_yet', met: null, text: 'Da verificare: altro', source: 'x', verify: true },
    ]),
    entry,
  ).verify;
  assert.equal(
    shown[0],
    fr('pub.b.carta_dedicata_a_te.verify.doubtful_support', { what: fr('pub.b.reddito_di_liberta.name') }),
  );
  assert.ok(shown[0]?.includes(fr('pub.b.reddito_di_liberta.name')));
  assert.ok(shown[1]?.includes('2012'));
  // A point the public catalogue does not know yet: the generic sentence, once, after the translated ones.
  assert.equal(shown[2], fr('pub.result.verify.generic'));
  assert.equal(shown.length, 3);
});
