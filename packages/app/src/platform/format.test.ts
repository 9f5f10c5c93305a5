import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatCents,
  formatDate,
  formatDateTime,
  formatDay,
  formatMoney,
  formatNumber,
  formatTime,
  formatWeekday,
  unformatted,
} from './format.ts';

// Decision 0047: one format for people, in Italian and English.
const at = new Date('2026-12-07T08:00:00Z'); // 09:00 in Rome

test('dates read "7 dicembre 2026", times "09:00", in Rome, never ISO or two-digit years', () => {
  assert.equal(formatDate(at, 'it'), '7 dicembre 2026');
  assert.equal(formatDate(at, 'en'), '7 December 2026');
  assert.equal(formatTime(at, 'it'), '09:00');
  assert.equal(formatDateTime(at, 'it'), '7 dicembre 2026, 09:00');
  assert.equal(formatDateTime(at, 'en'), '7 December 2026, 09:00');
  assert.equal(formatWeekday(at, 'it'), 'lunedì 7 dicembre 2026');
  assert.equal(formatDay('2027-01-01', 'it'), '1 gennaio 2027');
  assert.equal(formatDay('2026-03-29T00:00:00', 'en'), '29 March 2026');
  // 23:30 UTC on 31 December is already 1 January in Rome.
  assert.equal(formatDate(new Date('2026-12-31T23:30:00Z'), 'it'), '1 gennaio 2027');
  assert.equal(formatDate(null, 'it'), '');
});

test('money reads "6.360,00 €" (English "€6,360.00"): grouped from four digits, always with cents', () => {
  assert.equal(formatMoney(6360, 'it'), '6.360,00\u00a0€');
  assert.equal(formatMoney(57.5, 'it'), '57,50\u00a0€');
  assert.equal(formatMoney(6360, 'en'), '€6,360.00');
  assert.equal(formatCents(1722733, 'it'), '17.227,33\u00a0€');
  assert.equal(formatNumber(17.3, 'it'), '17,3');
});

test('unformatted() finds ISO dates, two-digit years and euros in any other shape', () => {
  assert.deepEqual(unformatted('il 2026-12-07 alle 09:00'), ['2026-12-07']);
  assert.deepEqual(unformatted('alle 2026-12-07T09:00'), ['2026-12-07T09:00']);
  // Digits inside a code are no date: a fictional case code of the tests made a route test fail by chance.
  assert.deepEqual(unformatted('caso ABCD-5142-10-03 e PC-2026-11-05X'), []);
  assert.deepEqual(unformatted('il 07/12/26'), ['07/12/26']);
  assert.deepEqual(unformatted('6360,00 € e 6.360 € e €6,360'), ['6360,00 €', '6.360 €', '€6,360']);
  assert.deepEqual(
    unformatted(`${formatMoney(6360, 'it')} ${formatMoney(6360, 'en')} ${formatDate(at, 'it')}`),
    [],
  );
});
