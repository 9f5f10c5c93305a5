import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { translate } from '../i18n/index.ts';
import { aroundToday, checkDate, dateInUrl, plausibleFuture, plausiblePast, readDate } from './date.ts';

const TODAY = Temporal.PlainDate.from('2026-12-07');

test('a typed date: YYYY-MM-DD or gg/mm/aaaa, four-digit years, real calendar days only', () => {
  for (const [raw, iso] of [
    ['2026-12-07', '2026-12-07'],
    ['7/12/2026', '2026-12-07'],
    ['07.12.2026', '2026-12-07'],
    ['07-12-2026', '2026-12-07'],
    [' 29/02/2028 ', '2028-02-29'],
    ['29/02/2026', null],
    ['2026-02-30', null],
    ['2026-13-01', null],
    ['00/00/0000', null],
    ['0000-01-01', null],
    ['07/12/26', null],
    ['26-12-07', null],
    ['+275760-09-13', null],
    ['99999-01-01', null],
    ['domani', null],
    ['', null],
  ] as const)
    assert.equal(readDate(raw)?.toString() ?? null, iso, raw);
});

test('each failure says what to do: four digits, a day that exists, the range allowed', () => {
  const past = plausiblePast();
  const check = (raw: string, rule = past) => checkDate(raw, rule, { today: TODAY });
  assert.deepEqual(check('07/12/26'), { ok: false, error: 'forms.date.year' });
  assert.deepEqual(check('30/02/2026'), { ok: false, error: 'forms.date.none' });
  assert.deepEqual(check('ieri'), { ok: false, error: 'forms.date.format' });
  assert.deepEqual(check('01/01/1900'), { ok: false, error: 'forms.date.untilToday?min=2000-01-01' });
  assert.deepEqual(check('08/12/2026'), { ok: false, error: 'forms.date.untilToday?min=2000-01-01' });
  assert.equal(check('07/12/2026').ok, true);
  assert.equal(check('01/01/2000').ok, true);
  assert.deepEqual(checkDate('', past, { today: TODAY }), { ok: true, date: null, iso: '' });
  assert.deepEqual(checkDate(' ', past, { today: TODAY, required: true }), {
    ok: false,
    error: 'forms.date.required',
  });
  assert.deepEqual(checkDate('', past, { today: TODAY, required: 'cases.err.date.required' }), {
    ok: false,
    error: 'cases.err.date.required',
  });
  const ahead = plausibleFuture({ years: 2 });
  assert.deepEqual(check('06/12/2026', ahead), { ok: false, error: 'forms.date.fromToday?max=2028-12-07' });
  assert.deepEqual(check('31/12/9999', ahead), { ok: false, error: 'forms.date.fromToday?max=2028-12-07' });
  assert.deepEqual(check('01/01/2026', aroundToday({ months: 6 }, { years: 1 })), {
    ok: false,
    error: 'forms.date.between?min=2026-06-07&max=2027-12-07',
  });
});

test('the range is said as people read dates, "today" as today, in Italian and in English', () => {
  assert.equal(
    translate('it', 'forms.date.untilToday?min=2000-01-01'),
    'La data deve essere tra il 1° gennaio 2000 e oggi.',
  );
  assert.equal(
    translate('en', 'forms.date.untilToday?min=2000-01-01'),
    'The date must be between 1 January 2000 and today.',
  );
  assert.equal(
    translate('it', 'forms.date.between?min=2026-06-08&max=2027-12-11'),
    'La data deve essere tra l’8 giugno 2026 e l’11 dicembre 2027.',
  );
  assert.equal(
    translate('it', 'forms.date.fromToday?max=2028-12-07'),
    'La data deve essere tra oggi e il 7 dicembre 2028.',
  );
});

test('a date in a URL: the nearest date that can be shown, and the message that says it moved', () => {
  assert.equal(dateInUrl('2026-12-07', undefined, TODAY)?.moved, null);
  const early = dateInUrl('0001-01-01', undefined, TODAY);
  assert.equal(early?.date.toString(), '2000-01-01');
  assert.equal(early?.moved, 'forms.date.moved?min=2000-01-01&max=2099-12-31');
  assert.equal(dateInUrl('9999-12-31', undefined, TODAY)?.date.toString(), '2099-12-31');
  for (const raw of ['2026-02-30', 'x', undefined, 42, '1'.repeat(100)]) assert.equal(dateInUrl(raw), null);
  assert.equal(dateInUrl(['2026-12-08', '2026-12-09'], undefined, TODAY)?.date.toString(), '2026-12-08');
});
