import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkCharacter, validateCodiceFiscale } from './codice-fiscale.ts';

test('codice fiscale: valid codes (a man, a woman, lower case with spaces) pass and come back normalised', () => {
  assert.deepEqual(validateCodiceFiscale('RSSMRA85T10A562S'), { ok: true, value: 'RSSMRA85T10A562S' });
  assert.deepEqual(validateCodiceFiscale('bnclra80a41h501d'), { ok: true, value: 'BNCLRA80A41H501D' });
  assert.deepEqual(validateCodiceFiscale(' MRTMTT 25D09 F205Z '), { ok: true, value: 'MRTMTT25D09F205Z' });
});

test('codice fiscale: omocodia (digits replaced by letters) is valid with its own check character', () => {
  assert.deepEqual(validateCodiceFiscale('RSSMRA85T10A56NH'), { ok: true, value: 'RSSMRA85T10A56NH' });
  assert.equal(validateCodiceFiscale('RSSMRA85T10A56NS').ok, false);
  // Every position may be omocode: all seven replaced.
  const all = 'RSSMRAURTLMALRNP'.slice(0, 15);
  assert.deepEqual(validateCodiceFiscale(all + checkCharacter(all)), {
    ok: true,
    value: all + checkCharacter(all),
  });
});

test('codice fiscale: a wrong check character, shape or date is refused with its reason', () => {
  assert.deepEqual(validateCodiceFiscale('RSSMRA85T10A562T'), { ok: false, problem: 'check' });
  assert.deepEqual(validateCodiceFiscale('RSSMRA85T10A562'), { ok: false, problem: 'format' });
  assert.deepEqual(validateCodiceFiscale('12345678901'), { ok: false, problem: 'format' });
  assert.deepEqual(validateCodiceFiscale('RSSMRA85Z10A562S'), { ok: false, problem: 'format' });
  const feb30 = 'RSSMRA85B30A562';
  assert.deepEqual(validateCodiceFiscale(feb30 + checkCharacter(feb30)), { ok: false, problem: 'date' });
  const day35 = 'RSSMRA85B35A562';
  assert.deepEqual(validateCodiceFiscale(day35 + checkCharacter(day35)), { ok: false, problem: 'date' });
});

test('codice fiscale: changing any one character of a valid code makes it invalid', () => {
  const valid = 'BNCLRA80A41H501D';
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 15 }),
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
      (i, c) => {
        fc.pre(valid[i] !== c);
        const changed = valid.slice(0, i) + c + valid.slice(i + 1);
        // A swap between a digit and its omocodia letter keeps the same person but changes the check character.
        assert.equal(validateCodiceFiscale(changed).ok, false);
      },
    ),
    { seed: 4 },
  );
});
