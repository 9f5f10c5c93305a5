import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { benefits } from '../benefits/index.ts';
import {
  type Assessment,
  assess,
  catalogue,
  type Result,
  rulesVersion,
  runScreen,
  validateSituation,
} from '../index.ts';
import { sortMissing } from './assess.ts';
import { addDays, ageMonths, ageYears, dayBefore, dayNum, dayStr, formatDay } from './dates.ts';
import { formatEuro, roundHalfUp, toCents } from './money.ts';
import { parseParameters } from './params.ts';
import { and3, not3, or3 } from './three.ts';

const woman = {
  date: '2025-06-01',
  person: {
    birthDate: '1985-03-01',
    sex: 'F',
    citizenship: 'it',
    residenceYears: 30,
    violence: { victim: true, cav: true, socialServices: true, stateOfNeed: true },
  },
  household: { members: [] },
};
const rdl = (a: Assessment) => a.results.find((r) => r.benefit === 'reddito_di_liberta');

describe('contract validation', () => {
  test('a missing date is reported at /date, in Italian and English', () => {
    const it = validateSituation({}, 'it');
    const en = validateSituation({}, 'en');
    assert.equal(it.ok, false);
    assert.equal(en.ok, false);
    if (it.ok || en.ok) return;
    assert.equal(it.errors[0].code, 'PONTE_ERR_INVALID_SITUATION');
    assert.equal(it.errors[0].path, '/date');
    assert.match(it.errors[0].message, /obbligatorio/);
    assert.match(en.errors[0].message, /required/);
  });

  test('wrong enum, negative money, impossible and future dates give their JSON paths', () => {
    const cases: [unknown, string][] = [
      [{ ...woman, person: { ...woman.person, citizenship: 'xx' } }, '/person/citizenship'],
      [{ ...woman, household: { isee: -1 } }, '/household/isee'],
      [{ ...woman, date: '2025-02-29' }, '/date'],
      [{ ...woman, person: { birthDate: '2030-01-01' } }, '/person/birthDate'],
      [
        { ...woman, household: { members: [{ relation: 'child', birthDate: '2026-01-01' }] } },
        '/household/members/0/birthDate',
      ],
      [{ ...woman, person: { violence: { cav: 'yes' } } }, '/person/violence/cav'],
      [{ ...woman, household: { isee: 1e12 } }, '/household/isee'],
      [
        { ...woman, household: { members: Array.from({ length: 41 }, () => ({ relation: 'other' })) } },
        '/household/members',
      ],
    ];
    for (const [s, path] of cases) {
      const v = validateSituation(s);
      assert.equal(v.ok, false, path);
      if (!v.ok) assert.equal(v.errors[0].path, path);
    }
  });

  test('null is accepted for ISEE (known none) and extra fields are tolerated', () => {
    const v = validateSituation({ ...woman, household: { isee: null, iseeMinorenni: null }, extra: 1 });
    assert.equal(v.ok, true);
  });
});

describe('assess', () => {
  test('never throws on bad input and returns an error', () => {
    for (const bad of [null, 42, 'x', [], { date: 5 }, { date: '2025-06-01', person: 'F' }, undefined]) {
      const a = assess(bad);
      assert.ok(a.error, JSON.stringify(bad));
      assert.equal(a.rules, rulesVersion);
      assert.deepEqual(a.results, []);
    }
  });

  test('echoes the id, even on invalid input', () => {
    assert.equal(assess({ ...woman, id: 'c1' }).id, 'c1');
    assert.equal(assess({ id: 'c2' }).id, 'c2');
  });

  test('a date outside 2023-01-01..2026-12-31 is an error, never a stale value', () => {
    for (const date of ['2022-12-31', '2027-01-01']) {
      const a = assess({ ...woman, date });
      assert.equal(a.error?.code, 'PONTE_ERR_DATE_OUT_OF_RANGE', date);
    }
    assert.equal(assess({ ...woman, date: '2023-01-01' }).error, undefined);
    assert.equal(assess({ ...woman, date: '2026-12-31' }).error, undefined);
  });

  test('opts.date overrides the situation date without modifying the input', () => {
    const input = { ...woman, date: '2024-06-01' };
    const a = assess(input, { date: '2025-06-01' });
    assert.equal(a.date, '2025-06-01');
    assert.equal(rdl(a)?.amount?.monthly, 500);
    assert.equal(input.date, '2024-06-01');
    assert.equal(assess(input, { date: '2025-13-01' }).error?.path, '/date');
  });

  test('English texts when lang is en', () => {
    const r = rdl(assess(woman, { lang: 'en' }));
    assert.ok(r);
    assert.equal(r.reasons[0].text, 'The applicant is a woman');
    assert.ok(r.apply.channel.includes('Comune'));
  });

  test('an UNCERTAIN parameter value adds a "to verify" reason and keeps the status', () => {
    const r = rdl(assess({ ...woman, date: '2026-06-01' }));
    assert.equal(r?.status, 'eligible');
    const v = r?.reasons.find((x) => x.code === 'uncertain_monthly_max');
    assert.ok(v, 'uncertain reason present');
    assert.equal(v.met, null);
    assert.equal(v.verify, true);
    assert.match(v.text, /^Da verificare/);
    assert.ok(!rdl(assess(woman))?.reasons.some((x) => x.code === 'uncertain_monthly_max'));
  });

  test('status from the trace: known false wins, unknown gives undetermined with missing paths', () => {
    const unknown = rdl(assess({ date: '2025-06-01', person: { sex: 'F' } }));
    assert.equal(unknown?.status, 'undetermined');
    assert.ok(unknown?.missing.includes('person.violence.cav'));
    const failed = rdl(assess({ date: '2025-06-01', person: { sex: 'M' } }));
    assert.equal(failed?.status, 'not_eligible');
    assert.deepEqual(failed?.missing, []);
    assert.equal(failed?.amount, undefined);
  });

  test('every registered benefit gives one result, in the contract order, with sources on every reason', () => {
    const a = assess(woman);
    assert.equal(a.results.length, benefits.length);
    for (const r of a.results) {
      for (const reason of r.reasons)
        assert.ok(reason.source.length > 2, `${r.benefit}.${reason.code} has a source`);
      assert.ok(r.apply.who && r.apply.channel && r.apply.deadline, `${r.benefit} apply`);
    }
  });
});

test('sortMissing puts the paths that settle more results first, stably', () => {
  const mk = (benefit: string, missing: string[]): Result => ({
    benefit,
    name: benefit,
    status: 'undetermined',
    reasons: [],
    missing,
    documents: [],
    apply: { who: '', channel: '', deadline: '' },
    compatibility: [],
  });
  const rs = [mk('a', ['x', 'y', 'z']), mk('b', ['z', 'y']), mk('c', ['z'])];
  sortMissing(rs);
  assert.deepEqual(rs[0].missing, ['z', 'y', 'x']);
  assert.deepEqual(rs[1].missing, ['z', 'y']);
  // Paths of the same count keep the rule's order; a result with one path or none is left alone.
  const more = [mk('a', ['p', 'q', 'r', 's']), mk('b', ['s', 'r']), mk('c', ['q']), mk('d', [])];
  sortMissing(more);
  assert.deepEqual(more[0].missing, ['q', 'r', 's', 'p']);
  assert.deepEqual(more[1].missing, ['s', 'r']);
  assert.deepEqual(more[2].missing, ['q']);
});

test('catalogue: every registered benefit, in Italian and English', () => {
  const it = catalogue('it');
  const en = catalogue('en');
  assert.equal(it.length, benefits.length);
  for (let i = 0; i < it.length; i++) {
    assert.equal(it[i].id, en[i].id);
    assert.ok(it[i].name && en[i].name && it[i].description && en[i].description);
    assert.ok(it[i].acts.length > 0 && it[i].documents.length > 0);
    assert.ok(it[i].apply.who && it[i].apply.channel);
  }
  assert.match(rulesVersion, /^1\.[0-9a-f]{12}$/);
});

describe('helpers', () => {
  test('dates, ages, money', () => {
    assert.equal(dayNum('2025-03-05'), 20250305);
    // Every day of two centuries, against the yyyy-mm-dd text read by parts.
    for (let n = 19000101; n <= 21001231; n = addDays(n, 1)) {
      const s = dayStr(n);
      assert.equal(
        dayNum(s),
        Number(s.slice(0, 4)) * 10000 + Number(s.slice(5, 7)) * 100 + Number(s.slice(8)),
      );
    }
    assert.equal(dayBefore(20250101), 20241231);
    assert.equal(dayBefore(20240301), 20240229);
    assert.equal(ageYears(20050601, 20250601), 20);
    assert.equal(ageYears(20050602, 20250601), 19);
    assert.equal(ageMonths(20250110, 20250601), 4);
    assert.equal(ageMonths(20250301, 20250228), -1);
    assert.equal(toCents(0.29), 29);
    assert.equal(roundHalfUp(5405, 10), 5410);
    assert.equal(roundHalfUp(5404, 10), 5400);
    assert.equal(formatEuro(1722733, 'it'), '17.227,33\u00a0€');
    assert.equal(formatEuro(636000, 'it'), '6.360,00\u00a0€');
    assert.equal(formatDay(20261207, 'it'), '7 dicembre 2026');
    assert.equal(formatDay(20260101, 'en'), '1 January 2026');
    assert.equal(formatEuro(600000, 'en'), '€6,000.00');
  });
  test('three-valued logic', () => {
    assert.equal(and3(true, null), null);
    assert.equal(and3(null, false), false);
    assert.equal(or3(false, null), null);
    assert.equal(or3(null, true), true);
    assert.equal(not3(null), null);
  });
});

describe('parameters.yaml loader', () => {
  const ok = `benefit: x
parameters:
  a:
    unit: eur
    description: A
    values:
      - { from: 2023-01-01, value: 10.5, ref: L. 1/2023 art. 1, published: 2022-12-30 }
      - { from: 2024-01-01, value: 11, ref: L. 1/2023 art. 1, published: 2023-12-30 }
`;
  test('loads, converts euros to cents and picks the value in force', () => {
    const p = parseParameters(ok, 't.yaml', ['a']);
    assert.equal(p.at('a', 20231231).value, 1050);
    assert.equal(p.param('a').values[0].to, 20231231);
    assert.equal(p.at('a', 20240101).value, 1100);
    assert.throws(() => p.at('a', 20221231), /PONTE_ERR_DATE_OUT_OF_RANGE|outside/);
    assert.throws(
      () => p.at('a', 20270101),
      (e: Error & { code?: string }) => e.code === 'PONTE_ERR_DATE_OUT_OF_RANGE',
    );
  });
  const broken: [string, RegExp][] = [
    [ok.replace('description: A', 'description: A\n    colour: red'), /unknown key "colour"/],
    [ok.replace('from: 2024-01-01', 'from: 2022-06-01'), /sorted/],
    [ok.replace(', ref: L. 1/2023 art. 1, published: 2023-12-30', ', published: 2023-12-30'), /ref/],
    [ok.replace(', published: 2023-12-30', ''), /published/],
    [ok.replace('value: 10.5', 'value: 10.555'), /two decimals/],
    [ok.replace('value: 11,', 'value: 11, status: uncertain,'), /needs a note/],
    [ok.replace('  a:', '  b:'), /not declared/],
    [ok.replace('from: 2023-01-01', 'from: 2023-02-30'), /date/],
    [ok.replace('value: 10.5, ref', 'to: 2024-06-01, value: 10.5, ref'), /overlaps/],
  ];
  for (const [text, re] of broken) {
    test(`rejects: ${re}`, () => assert.throws(() => parseParameters(text, 't.yaml', ['a']), re));
  }
  test('a declared parameter missing from the file is an error', () => {
    assert.throws(() => parseParameters(ok, 't.yaml', ['a', 'b']), /parameters\.b: missing/);
  });
});

describe('runScreen', () => {
  const collect = () => {
    const chunks: string[] = [];
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk, _enc, cb) {
        chunks.push(String(chunk));
        setImmediate(cb); // a slow consumer: write() returns false and the producer must wait for 'drain'
      },
    });
    return { out, text: () => chunks.join('') };
  };

  test('same order, one line per non-blank input line, errors per line and processing goes on', async () => {
    const lines = [
      JSON.stringify({ ...woman, id: 'a' }),
      '{not json',
      '',
      JSON.stringify({ id: 'b', date: 'nope' }),
      JSON.stringify({ ...woman, id: 'c' }),
    ];
    const { out, text } = collect();
    const r = await runScreen({ input: Readable.from([`${lines.join('\r\n')}\n`]), output: out });
    assert.deepEqual(r, { lines: 4, invalid: 2 });
    const got = text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Assessment);
    assert.deepEqual(
      got.map((a) => a.id ?? null),
      ['a', null, 'b', 'c'],
    );
    assert.equal(got[1].error?.code, 'PONTE_ERR_INVALID_JSON');
    assert.equal(got[2].error?.path, '/date');
  });

  test('lines split across chunks and multi-byte characters split across buffers', async () => {
    const line = `${JSON.stringify({ ...woman, id: 'perché' })}\n`;
    const buf = Buffer.from(line + line);
    const cut = buf.indexOf(Buffer.from('é')) + 1; // inside the two-byte é
    const { out, text } = collect();
    const r = await runScreen({
      input: Readable.from([buf.subarray(0, cut), buf.subarray(cut)]),
      output: out,
    });
    assert.deepEqual(r, { lines: 2, invalid: 0 });
    assert.equal((JSON.parse(text().split('\n')[0]) as Assessment).id, 'perché');
  });

  test('a failing output rejects the run instead of crashing the process', async () => {
    const out = new Writable({
      highWaterMark: 1,
      write(_chunk, _enc, cb) {
        cb(new Error('EPIPE'));
      },
    });
    const lines = `${JSON.stringify(woman)}\n`.repeat(50);
    await assert.rejects(runScreen({ input: Readable.from([lines]), output: out }), /EPIPE/);
  });

  test('date override applies to every line', async () => {
    const { out, text } = collect();
    await runScreen({
      input: Readable.from([JSON.stringify({ ...woman, date: '2023-05-05' })]),
      output: out,
      date: '2025-06-01',
    });
    const a = JSON.parse(text()) as Assessment;
    assert.equal(a.date, '2025-06-01');
  });

  test('100,000 lines stream through in constant memory with backpressure', async () => {
    // One line in 20 is a full situation (about 40 KiB of output with every benefit); the others are invalid lines
    // with short error outputs, so the test checks streaming and memory, not engine speed (see bench/rules.ts).
    const N = 100_000;
    const valid = `${JSON.stringify(woman)}\n`;
    const bad = `${JSON.stringify({ date: 'x' })}\n`;
    let produced = 0;
    const input = new Readable({
      read() {
        if (produced >= N) return this.push(null);
        this.push(valid + bad.repeat(19));
        produced += 20;
      },
    });
    let count = 0;
    let bytes = 0;
    let maxRss = 0;
    let waits = 0;
    const out = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _enc, cb) {
        for (const b of chunk) if (b === 10) count++;
        bytes += chunk.length;
        maxRss = Math.max(maxRss, process.memoryUsage().rss);
        waits++;
        setImmediate(cb);
      },
    });
    const rssBefore = process.memoryUsage().rss;
    const r = await runScreen({ input, output: out });
    assert.deepEqual(r, { lines: N, invalid: N - N / 20 });
    assert.equal(count, N);
    const grew = maxRss - rssBefore;
    // Holding the output would need at least `bytes` of memory; streaming stays far below it.
    assert.ok(bytes > 150 * 1024 * 1024, `output ${Math.round(bytes / 1e6)} MB`);
    assert.ok(
      grew < bytes / 2,
      `rss grew by ${Math.round(grew / 1e6)} MB for ${Math.round(bytes / 1e6)} MB of output`,
    );
    assert.ok(waits > 100, 'written in many chunks');
  });
});

test('stringifyAssessment gives exactly JSON.stringify, also on repeated and English assessments', async () => {
  const { stringifyAssessment } = await import('./serialize.ts');
  const samples = [
    woman,
    { ...woman, date: '2026-06-01' },
    { date: '2025-06-01' },
    {
      id: 'x',
      date: '2024-01-31',
      household: { members: [{ relation: 'child', birthDate: '2023-01-01' }], isee: 9000 },
    },
    { bad: true },
  ];
  for (const lang of ['it', 'en'] as const) {
    for (const s of samples) {
      const a = assess(s, { lang });
      assert.equal(stringifyAssessment(a), JSON.stringify(a));
      assert.equal(stringifyAssessment(a), JSON.stringify(a), 'second time, from the cache');
    }
  }
});
