// The serializers of `ponte screen` give exactly the bytes of JSON.stringify, on thousands of generated situations
// (the generator of bench/rules.ts), in both languages and on several dates, and on results changed by a caller.
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { projected } from '../../test/compact.ts';
import { situationLines } from '../../test/situations.ts';
import { type Assessment, assess, assessCompact, runScreen } from '../index.ts';
import { ByteSink, stringifyAssessment, stringifyCompact, writeAssessment } from './serialize.ts';

const bytesOf = (a: unknown, sink = new ByteSink()): Buffer => {
  writeAssessment(a, sink);
  return Buffer.concat(sink.take());
};

describe('byte-identical output', () => {
  const lines = situationLines(500, 424242);
  for (const lang of ['it', 'en'] as const) {
    for (const date of [undefined, '2023-01-01', '2024-07-15', '2025-03-31', '2026-12-31']) {
      test(`${lines.length} generated situations, ${lang}, date ${date ?? 'of each situation'}`, () => {
        // A small pool, so that many assessments span two pooled buffers.
        const sink = new ByteSink(4096);
        let differ = 0;
        for (const line of lines) {
          const a = assess(JSON.parse(line), date === undefined ? { lang } : { lang, date });
          const expected = JSON.stringify(a);
          writeAssessment(a, sink);
          const got = Buffer.concat(sink.take());
          if (!got.equals(Buffer.from(expected, 'utf8')) || stringifyAssessment(a) !== expected) {
            differ++;
            if (differ === 1) assert.equal(got.toString('utf8'), expected, line);
          }
        }
        assert.equal(differ, 0);
      });
    }
  }

  test('runScreen writes JSON.stringify of each assessment, one per line, through pooled buffers', async () => {
    const input = [
      ...situationLines(400, 7),
      '{not json',
      JSON.stringify({ id: 'perché €', date: '2025-02-30' }),
    ];
    for (const lang of ['it', 'en'] as const) {
      const chunks: Buffer[] = [];
      const output = new Writable({
        write(chunk: Buffer, _enc, cb) {
          chunks.push(chunk);
          cb();
        },
      });
      await runScreen({ input: Readable.from([`${input.join('\n')}\n`]), output, lang, date: '2025-06-01' });
      const got = Buffer.concat(chunks).toString('utf8').split('\n');
      assert.equal(got.pop(), '');
      assert.equal(got.length, input.length);
      for (let i = 0; i < input.length - 2; i++) {
        const expected = JSON.stringify(assess(JSON.parse(input[i]), { lang, date: '2025-06-01' }));
        assert.equal(got[i], expected);
      }
      assert.equal((JSON.parse(got[input.length - 2]) as Assessment).error?.code, 'PONTE_ERR_INVALID_JSON');
      assert.equal(
        got[input.length - 1],
        JSON.stringify(assess(JSON.parse(input[input.length - 1]), { lang, date: '2025-06-01' })),
      );
    }
  });

  test('results and reasons changed by a caller leave the fast paths and still match JSON.stringify', () => {
    const base = () => assess(JSON.parse(situationLines(1, 3)[0]));
    const variants: ((a: Assessment) => unknown)[] = [
      (a) => {
        a.results[0].name = 'altro nome';
        return a;
      },
      (a) => {
        a.results[1].documents = [...a.results[1].documents, 'in più'];
        return a;
      },
      (a) => {
        (a.results[2] as unknown as Record<string, unknown>).extra = { when: new Date(0) };
        return a;
      },
      (a) => {
        const { benefit, ...rest } = a.results[3];
        a.results[3] = { ...rest, benefit };
        return a;
      },
      (a) => {
        (a.results[4] as unknown as Record<string, unknown>).status = undefined;
        (a.results[4] as unknown as Record<string, unknown>).missing = () => 1;
        return a;
      },
      (a) => {
        a.results[5].reasons = [
          { code: 'x', met: true, text: 'ü€\u2028"', source: 's' },
          { code: 'y', met: 1 as unknown as boolean, text: 't', source: 's' },
          { code: 'z', met: null, text: 't', source: 's', verify: false as unknown as true },
          { met: null, code: 'w', text: 't', source: 's' },
          { code: 'v', met: false, text: undefined as unknown as string, source: 's' },
          { code: 'u', met: false, text: 't', source: 's', verify: true },
        ];
        return a;
      },
      (a) => {
        (a.results[6] as unknown as Record<string, unknown>).amount = {
          monthly: Number.NaN,
          months: -0,
          x: 1e21,
        };
        return a;
      },
      (a) => {
        const texts = [
          'a\\b',
          'x\u0001\u001f',
          '\ud83d\ude00 ok',
          'lone \ud800',
          'lone \udfff end',
          'è€'.repeat(80),
        ];
        a.results[7].reasons = texts.map((text) => ({ code: text, met: true, text, source: text }));
        a.results[7].missing = texts;
        return a;
      },
      (a) => ({ ...a, when: { toJSON: () => undefined }, deep: [[[[[[[{ a: [1, undefined] }]]]]]]] }),
    ];
    for (const change of variants) {
      const a = change(base());
      assert.equal(bytesOf(a).toString('utf8'), JSON.stringify(a));
      assert.equal(stringifyAssessment(a), JSON.stringify(a));
    }
  });
});

// The compact output (`ponte screen --compact`, `?compact=1`): the full assessment read back with, in each result,
// only the keys the compact contract keeps, in their order in the full output, and each reason cut to its code,
// met and verify. Written by its own serializer, it must be exactly that, on the same generated situations.
describe('compact output', () => {
  const lines = situationLines(500, 515151);
  for (const lang of ['it', 'en'] as const) {
    for (const date of [undefined, '2024-07-15', '2026-12-31', '1999-01-01', '2026-02-30']) {
      test(`${lines.length} generated situations, ${lang}, date ${date ?? 'of each situation'}: the full output without its texts`, () => {
        let differ = 0;
        let texts = 0;
        for (const line of lines) {
          const opts = date === undefined ? { lang } : { lang, date };
          const a = assess(JSON.parse(line), opts);
          const want = JSON.stringify(projected(a));
          // Both ways: the full assessment cut by the serializer, and assessCompact that fills in no text.
          const cut = stringifyCompact(a);
          const got = stringifyCompact(assessCompact(JSON.parse(line), opts));
          if (got !== want || cut !== want) {
            differ++;
            if (differ === 1) {
              assert.equal(cut, want, line);
              assert.equal(got, want, line);
            }
          }
          if (/"(text|name|source|documents|apply|compatibility)":/.test(got)) texts++;
        }
        assert.equal(differ, 0);
        assert.equal(texts, 0, 'no text of the catalogue in a compact line');
      });
    }
  }

  test('runScreen --compact: one compact line per situation, the same statuses as the full run', async () => {
    const input = [...situationLines(300, 99), 'not json', '{"date":"2026-01-01"}'];
    const run = async (compact: boolean) => {
      const chunks: Buffer[] = [];
      const output = new Writable({
        write(chunk: Buffer, _enc, cb) {
          chunks.push(chunk);
          cb();
        },
      });
      const counts = await runScreen({ input: Readable.from([`${input.join('\n')}\n`]), output, compact });
      return { counts, lines: Buffer.concat(chunks).toString('utf8').trimEnd().split('\n') };
    };
    const full = await run(false);
    const compact = await run(true);
    assert.deepEqual(compact.counts, full.counts);
    assert.equal(compact.lines.length, input.length);
    for (let i = 0; i < input.length; i++) {
      const f = JSON.parse(full.lines[i] as string) as Assessment;
      assert.equal(compact.lines[i], JSON.stringify(projected(f)), `line ${i + 1}`);
    }
    assert.ok(Buffer.byteLength(compact.lines.join('\n')) * 5 < Buffer.byteLength(full.lines.join('\n')));
  });
});
