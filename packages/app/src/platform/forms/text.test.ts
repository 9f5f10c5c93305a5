import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translate } from '../i18n/index.ts';
import { charCount, checkText, checkTexts, forbiddenChar, limitHint } from './text.ts';

test('an over-long text names the limit and what was written, in the reader’s number format', () => {
  const r = checkText('a'.repeat(10_000), { max: 2000, multiline: true });
  assert.equal(r.value.length, 10_000, 'what was typed comes back whole');
  assert.ok(r.error);
  assert.equal(translate('it', r.error), 'Al massimo 2.000 caratteri: ne hai scritti 10.000.');
  assert.equal(translate('en', r.error), 'At most 2,000 characters: you wrote 10,000.');
  assert.equal(translate('it', limitHint(200)), 'Al massimo 200 caratteri.');
  assert.equal(checkText('a'.repeat(2000), { max: 2000 }).error, undefined);
});

test('control characters are refused with the character and where it is; tab and newline only in multi-line text', () => {
  const nul = checkText('null\u0000byte', { max: 100 });
  assert.ok(nul.error);
  assert.match(translate('it', nul.error), /U\+0000, al carattere 5/);
  assert.ok(checkText('a\tb', { max: 100 }).error, 'a tab in a one-line field');
  assert.ok(checkText('a\nb', { max: 100 }).error, 'a newline in a one-line field');
  assert.equal(checkText('a\tb\r\nc', { max: 100, multiline: true }).error, undefined);
  assert.equal(checkText('a\r\nb\rc', { max: 100, multiline: true }).value, 'a\nb\nc');
  for (const bad of [
    '\u0007',
    '\u001b[31m',
    '\u007f',
    '\u0085',
    '\u202e',
    '\u2066',
    '\ud800',
    'x\udc00',
    '\ufffd',
    '\uffff',
    '\u{1fffe}',
  ])
    assert.ok(checkText(`ok ${bad} ok`, { max: 100, multiline: true }).error, JSON.stringify(bad));
});

test('letters of every script, emoji and joiners are text, counted as a person counts them', () => {
  for (const good of ['Maria Rossi', 'مريم', 'Олена', '👩🏽‍⚕️', 'e\u0301', 'زن\u200cها', '\u200f', 'Ñandú'])
    assert.equal(checkText(good, { max: 100 }).error, undefined, good);
  assert.equal(charCount('👩🏽'), 2);
  assert.equal(checkText('😀'.repeat(3), { max: 3 }).error, undefined, 'an emoji is one character, not two');
  assert.equal(forbiddenChar('abc'), undefined);
});

test('absent, repeated and non-string values; several fields at once', () => {
  assert.deepEqual(checkText(undefined, { max: 5 }), { value: '' });
  assert.deepEqual(checkText(['  ab  ', 'x'], { max: 5 }), { value: 'ab' });
  const { values, errors } = checkTexts({ a: ' x ', b: 'y\u0000' }, { a: { max: 5 }, b: { max: 5 } });
  assert.deepEqual(values, { a: 'x', b: 'y\u0000' });
  assert.deepEqual(Object.keys(errors), ['b']);
});
