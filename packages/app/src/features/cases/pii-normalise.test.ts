import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { digitLookalikes, normalise, originalSpan, spellDigits } from './pii-normalise.ts';

test('normalise: look-alikes, full-width forms, dashes and invisible characters become plain ASCII', () => {
  assert.equal(normalise('РССМРА').text, 'PCCMPA');
  assert.equal(normalise('ΑΗΟ').text, 'AHO');
  assert.equal(normalise('３３９＠ｇ').text, '339@g');
  assert.equal(normalise('339–12\u200B34\u00A05').text, '339-1234 5');
});

test('normalise: every character maps back to what was typed', () => {
  const raw = 'cf Р\u200BС\uFF33 end';
  const n = normalise(raw);
  assert.equal(n.text, 'cf PCS end');
  const at = n.text.indexOf('PCS');
  const [s, e] = originalSpan(n, at, at + 3);
  assert.equal(raw.slice(s, e), 'Р\u200BС\uFF33');
});

test('digit look-alikes: O and I or l inside a run of digits only', () => {
  assert.equal(digitLookalikes(normalise('cell 339 12345O7')).text, 'cell 339 1234507');
  assert.equal(digitLookalikes(normalise('nel 2O24')).text, 'nel 2024');
  // Not in words, not in a codice fiscale's letters, not where letters outnumber digits.
  assert.equal(digitLookalikes(normalise('Il sole OIl 0')).text, 'Il sole OIl 0');
  assert.equal(digitLookalikes(normalise('H501 A8O')).text, 'H501 A8O');
});

test('spelled digits: a run of number words with six digits or more; short ones stay words', () => {
  assert.equal(spellDigits(normalise('tre tre nove uno due tre')).text, '3 3 9 1 2 3');
  assert.equal(spellDigits(normalise('339 poi 123 poi 4567')).text, '339   123   4567');
  assert.equal(spellDigits(normalise('tre figli di due e sei anni')).text, 'tre figli di due e sei anni');
  assert.equal(spellDigits(normalise('nel 2023 punto 4')).text, 'nel 2023 punto 4');
});

test('normalise: the map is monotonic and inside the note, for any text', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (raw) => {
      for (const n of [normalise(raw), spellDigits(digitLookalikes(normalise(raw)))]) {
        assert.equal(n.starts.length, n.text.length);
        for (let i = 0; i < n.text.length; i++) {
          assert.ok(n.starts[i]! >= 0 && n.starts[i]! < n.ends[i]! && n.ends[i]! <= raw.length);
          if (i > 0) assert.ok(n.starts[i]! >= n.starts[i - 1]!);
        }
      }
    }),
  );
});
