import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testAt } from '../../../../test/helpers.ts';
import { nextAllowed, parseContactHours, withinHours } from './reminders.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// Her contact hours are free text (cases: safe contact). Ponte reads the usual ways of writing a range and
// refuses the rest: a time it cannot read is a time it must not guess.

test('contact hours: the usual ways of writing ranges, several allowed; empty means 09:00–19:00', () => {
  const h = (x: number, m = 0) => x * 60 + m;
  assert.deepEqual(parseContactHours(''), [[h(9), h(19)]]);
  assert.deepEqual(parseContactHours(null), [[h(9), h(19)]]);
  assert.deepEqual(parseContactHours('9-13'), [[h(9), h(13)]]);
  assert.deepEqual(parseContactHours('09:00-13:00'), [[h(9), h(13)]]);
  assert.deepEqual(parseContactHours('9.30 – 12'), [[h(9, 30), h(12)]]);
  assert.deepEqual(parseContactHours('dalle 9 alle 13'), [[h(9), h(13)]]);
  assert.deepEqual(parseContactHours('Dalle ore 9 alle ore 13 e dalle 15 alle 18'), [
    [h(9), h(13)],
    [h(15), h(18)],
  ]);
  assert.deepEqual(parseContactHours('15-18, 9-13'), [
    [h(9), h(13)],
    [h(15), h(18)],
  ]);
  assert.deepEqual(parseContactHours('20:00-24:00'), [[h(20), h(24)]]);
});

test('contact hours: anything else is unreadable (null), so not allowed', () => {
  for (const t of [
    'solo la mattina',
    'lunedì 9-13',
    '9-13 ma non il sabato',
    '13-9',
    '25-26',
    '9:75-10',
    'chiamare prima il CAV',
    '9',
  ])
    assert.equal(parseContactHours(t), null, t);
});

test('property: a range written in any of the formats reads back as itself', () => {
  const hm = fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) });
  fc.assert(
    fc.property(hm, hm, fc.integer({ min: 0, max: 3 }), (a, b, style) => {
      const from = a.h * 60 + a.m;
      const to = b.h * 60 + b.m;
      fc.pre(from < to);
      const p = (x: { h: number; m: number }) =>
        style === 1
          ? `${x.h}.${String(x.m).padStart(2, '0')}`
          : `${String(x.h).padStart(2, '0')}:${String(x.m).padStart(2, '0')}`;
      const text =
        style === 2 ? `dalle ${p(a)} alle ${p(b)}` : style === 3 ? `${p(a)} – ${p(b)}` : `${p(a)}-${p(b)}`;
      assert.deepEqual(parseContactHours(text), [[from, to]]);
    }),
  );
});

test('next allowed time: Rome wall clock, across the DST change, never after the deadline', () => {
  const ranges = parseContactHours('9-13, 15-18')!;
  // Monday 29 March 2027 (CEST, UTC+2).
  const at = (iso: string) => new Date(iso);
  assert.ok(withinHours(at('2027-03-29T07:00:00Z'), ranges)); // 09:00
  assert.ok(!withinHours(at('2027-03-29T11:30:00Z'), ranges)); // 13:30
  assert.deepEqual(
    nextAllowed(at('2027-03-29T11:30:00Z'), ranges, at('2027-03-30T06:00:00Z')),
    at('2027-03-29T13:00:00Z'),
  );
  assert.deepEqual(
    nextAllowed(at('2027-03-29T17:00:00Z'), ranges, at('2027-03-31T06:00:00Z')),
    at('2027-03-30T07:00:00Z'),
  );
  assert.equal(nextAllowed(at('2027-03-29T17:00:00Z'), ranges, at('2027-03-30T06:00:00Z')), null);
  // Saturday 27 March 2027 (CET, UTC+1) 20:00 → Sunday 28 March (CEST) 09:00 = 07:00 UTC.
  assert.deepEqual(
    nextAllowed(at('2027-03-27T19:00:00Z'), ranges, at('2027-04-01T00:00:00Z')),
    at('2027-03-28T07:00:00Z'),
  );
});
