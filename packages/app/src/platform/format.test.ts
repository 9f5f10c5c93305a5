import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Temporal } from 'temporal-polyfill';
import { freezeClock, isoDateInRome, resetClock, todayIso } from './clock.ts';
import {
  formatCents,
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
  formatDay,
  formatMoney,
  formatNumber,
  formatTime,
  formatWeekday,
  formatWeekdayDay,
  formatWeekdayNoYear,
  formatWeekdayTime,
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

test('formatting 1,000 rows builds no Intl or Temporal object: formatters are made once per language', (t) => {
  t.after(() => resetClock());
  freezeClock('2026-12-07T10:00');
  const base = Date.UTC(2026, 11, 7, 0, 0);
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    at: new Date(base + i * 60_000), // every minute of 7 December in Rome from 01:00
    day: `2026-12-${String((i % 28) + 1).padStart(2, '0')}`,
    cents: i * 12_345,
  }));
  const out: string[] = [];
  const render = (langs: string[]) => {
    for (const lang of langs) {
      for (const r of rows) {
        out.push(
          formatDate(r.at, lang),
          formatDateTime(r.at, lang),
          formatDateTimeSeconds(r.at, lang),
          formatWeekdayTime(r.at, lang),
          formatWeekdayNoYear(r.at, lang),
          formatDay(r.day, lang),
          formatWeekdayDay(r.day, lang),
          formatCents(r.cents, lang),
          formatNumber(r.cents / 7, lang),
          isoDateInRome(r.at),
          todayIso(),
        );
      }
    }
  };
  render(['it', 'en']); // the first call of each kind and language builds its formatter
  const made: string[] = [];
  const counted = <C extends object>(name: string, C: C): C =>
    new Proxy(C, {
      construct(target, args, newTarget) {
        made.push(name);
        return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget);
      },
    });
  const saved = {
    dtf: Intl.DateTimeFormat,
    nf: Intl.NumberFormat,
    instant: Temporal.Instant.fromEpochMilliseconds,
  };
  Intl.DateTimeFormat = counted('Intl.DateTimeFormat', saved.dtf);
  Intl.NumberFormat = counted('Intl.NumberFormat', saved.nf);
  Temporal.Instant.fromEpochMilliseconds = (ms: number) => {
    made.push('Temporal.Instant');
    return saved.instant(ms);
  };
  try {
    out.length = 0;
    render(['it', 'en']);
    assert.equal(out.length, 2 * 1000 * 11);
    assert.equal(made.length, 0, 'no formatter or Temporal object is built per row');
    // The counter counts: a language never seen builds its formatters, another day its bounds.
    formatDate(rows[0]?.at as Date, 'fr');
    isoDateInRome(new Date('2027-03-01T12:00:00Z'));
    assert.ok(made.includes('Intl.DateTimeFormat') && made.includes('Temporal.Instant'), made.join());
  } finally {
    Intl.DateTimeFormat = saved.dtf;
    Intl.NumberFormat = saved.nf;
    Temporal.Instant.fromEpochMilliseconds = saved.instant;
  }
  assert.equal(isoDateInRome(new Date('2026-12-07T22:59:59.999Z')), '2026-12-07');
  assert.equal(isoDateInRome(new Date('2026-12-07T23:00:00Z')), '2026-12-08', 'midnight in Rome');
  assert.equal(isoDateInRome(new Date('2026-03-29T00:59:59Z')), '2026-03-29', 'the night the clocks change');
  assert.equal(isoDateInRome(new Date('2026-03-28T22:59:59Z')), '2026-03-28');
  assert.equal(isoDateInRome(new Date('2026-03-28T23:00:00Z')), '2026-03-29');
  assert.equal(isoDateInRome(new Date('2026-10-25T21:59:59Z')), '2026-10-25');
  assert.equal(isoDateInRome(new Date('2026-10-25T23:00:00Z')), '2026-10-26', '25 October has 25 hours');
  assert.equal(isoDateInRome(new Date('2026-10-25T22:59:59Z')), '2026-10-25');
});
