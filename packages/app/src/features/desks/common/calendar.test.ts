import assert from 'node:assert/strict';
import { Temporal } from 'temporal-polyfill';
import { testAt } from '../../../../test/helpers.ts';
import { easterSunday, isItalianHoliday, italianHolidays, parseTime, romeInstant } from './calendar.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

test('Easter Sunday and Easter Monday are computed for known years', () => {
  assert.equal(easterSunday(2024).toString(), '2024-03-31');
  assert.equal(easterSunday(2025).toString(), '2025-04-20');
  assert.equal(easterSunday(2026).toString(), '2026-04-05');
  assert.equal(easterSunday(2027).toString(), '2027-03-28');
  assert.equal(easterSunday(2038).toString(), '2038-04-25');
  assert.ok(italianHolidays(2027).has('2027-03-29'), 'Easter Monday 2027');
  assert.ok(italianHolidays(2026).has('2026-04-06'), 'Easter Monday 2026');
  assert.ok(!italianHolidays(2026).has('2026-04-07'));
});

test('the fixed national holidays are closed days, ordinary days are not', () => {
  for (const d of [
    '2027-01-01',
    '2027-01-06',
    '2027-04-25',
    '2027-05-01',
    '2027-06-02',
    '2027-08-15',
    '2027-11-01',
    '2027-12-08',
    '2027-12-25',
    '2027-12-26',
    '2027-10-04',
  ])
    assert.ok(isItalianHoliday(Temporal.PlainDate.from(d)), d);
  for (const d of ['2027-01-07', '2027-03-30', '2027-10-05', '2027-12-24'])
    assert.ok(!isItalianHoliday(Temporal.PlainDate.from(d)), d);
  assert.ok(!italianHolidays(2025).has('2025-10-04'), 'San Francesco is a holiday only from 2026');
});

test('Rome wall-clock times map to UTC across both daylight-saving changes', () => {
  const at = (d: string, t: string) =>
    romeInstant(Temporal.PlainDate.from(d), Temporal.PlainTime.from(t))?.toISOString();
  assert.equal(at('2027-03-27', '09:00'), '2027-03-27T08:00:00.000Z');
  assert.equal(at('2027-03-28', '09:00'), '2027-03-28T07:00:00.000Z');
  assert.equal(at('2027-10-30', '09:00'), '2027-10-30T07:00:00.000Z');
  assert.equal(at('2027-10-31', '09:00'), '2027-10-31T08:00:00.000Z');
  assert.equal(at('2027-03-28', '02:30'), undefined, 'the skipped hour does not exist');
  assert.equal(parseTime('25:00'), null);
});
