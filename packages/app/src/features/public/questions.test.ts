import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAmount, parseDate, parseField, questionForPath } from './questions.ts';

test('amounts are read the Italian and the English way, and nothing else', () => {
  assert.equal(parseAmount('15.000'), 15000);
  assert.equal(parseAmount('15.000,50'), 15000.5);
  assert.equal(parseAmount('15000'), 15000);
  assert.equal(parseAmount('€ 1.234.567'), 1234567);
  assert.equal(parseAmount('1,234.56'), 1234.56);
  assert.equal(parseAmount('900,5'), 900.5);
  assert.equal(parseAmount('1.57'), 1.57);
  for (const bad of ['', 'abc', '12a', '-5', '1.2.3,4,5', '15,0001', '1e5', '0.001'])
    assert.equal(parseAmount(bad), undefined, bad);
});

test('dates are read as YYYY-MM-DD or DD/MM/YYYY, and must exist', () => {
  assert.equal(parseDate('1990-03-15'), '1990-03-15');
  assert.equal(parseDate('15/3/1990'), '1990-03-15');
  assert.equal(parseDate('15.03.1990'), '1990-03-15');
  assert.equal(parseDate('29/02/2024'), '2024-02-29');
  for (const bad of ['29/02/2023', '31/04/2020', '1990', 'ieri', '15/03/90'])
    assert.equal(parseDate(bad), undefined, bad);
  const f = { name: 'd', kind: 'date' as const, label: 'x' };
  assert.deepEqual(parseField(f, { d: '01/01/2030' }, '2026-01-01'), {
    ok: false,
    error: 'pub.err.date.future',
  });
  assert.deepEqual(parseField(f, { d: '' }, '2026-01-01'), { ok: false, error: 'pub.err.date.required' });
  // A wrong year is said as such, not as a date that does not exist (issue 10).
  assert.deepEqual(parseField(f, { d: '01/01/1900' }, '2026-01-01'), {
    ok: false,
    error: 'pub.err.date.old',
  });
  assert.deepEqual(parseField(f, { d: '02/01/1906' }, '2026-01-01'), { ok: true, value: '1906-01-02' });
});

test('contract paths, also of one member, find their question', () => {
  assert.equal(questionForPath('household.members')?.id, 'household');
  assert.equal(questionForPath('household.members[].disability')?.id, 'memberDisability');
  assert.equal(questionForPath('household.members[2].birthDate')?.id, 'birthDates');
  assert.equal(questionForPath('/person/violence/cav')?.id, 'cav');
  assert.equal(questionForPath('person.lastJob.monthlyReferencePay')?.id, 'monthlyReferencePay');
  assert.equal(questionForPath('household.receiving'), undefined);
});
