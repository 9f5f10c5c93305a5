import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assess } from '../../index.ts';

// A support whose effect on the card is unclear is named by the benefit's own name in her language, never by code.
test('carta dedicata a te: a doubtful support is named in words (it and en), not by its code', () => {
  const situation = {
    date: '2025-09-01',
    person: { birthDate: '1988-01-01', sex: 'F', citizenship: 'it', residenceYears: 37 },
    household: {
      members: [
        { relation: 'child', birthDate: '2015-01-01' },
        { relation: 'child', birthDate: '2018-06-01' },
      ],
      isee: 10000,
      receiving: ['reddito_di_liberta', 'assegno_sociale'],
    },
  };
  for (const [lang, names] of [
    ['it', ['Reddito di Libertà', 'Assegno sociale']],
    ['en', ['Reddito di Libertà (freedom income)', 'Assegno sociale (old-age social allowance)']],
  ] as const) {
    const a = assess(situation, { lang });
    const carta = a.results?.find((r) => r.benefit === 'carta_dedicata_a_te');
    const texts = (carta?.reasons ?? []).filter((r) => r.code === 'doubtful_support').map((r) => r.text);
    assert.equal(texts.length, 2, lang);
    for (const [i, name] of names.entries()) assert.ok(texts[i]?.includes(name), `${lang}: ${texts[i]}`);
    assert.ok(!texts.some((t) => /reddito_di_liberta|assegno_sociale/.test(t)), lang);
  }
});
