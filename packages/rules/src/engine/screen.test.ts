// `ponte screen` spread over worker threads writes the same bytes, in the same order, with the same counts, as
// the same run in one thread: full and compact, with bad lines, blank lines and CRLF among the situations.
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { situationLines } from '../../test/situations.ts';
import { runScreen } from '../index.ts';

async function screen(
  input: string,
  compact: boolean,
  threads: number,
  date?: string,
  waitForWorkers = true,
) {
  const chunks: Buffer[] = [];
  const output = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      // Push back now and then, so that the ordered writer has to wait for 'drain'.
      if (chunks.length % 7 === 0) setImmediate(cb);
      else cb();
    },
    highWaterMark: 16 * 1024,
  });
  // Chunks cut anywhere, even inside a line or a multi-byte character.
  const bytes = Buffer.from(input, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 40_001) parts.push(bytes.subarray(i, i + 40_001));
  const counts = await runScreen({
    input: Readable.from(parts),
    output,
    compact,
    threads,
    date,
    waitForWorkers,
  });
  return { counts, bytes: Buffer.concat(chunks) };
}

function mixedInput(n: number, seed: number): string {
  const lines = situationLines(n, seed);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i] as string);
    if (i % 97 === 5) out.push('not json');
    if (i % 131 === 7) out.push('{"date":"2026-01-01","household":"x"}');
    if (i % 89 === 3) out.push('   ');
    if (i % 113 === 9) out.push('{"id":"àèì — €","date":"2026-13-01"}');
  }
  return `${out.join('\n').replace(/\n(?=\{"id":"à)/g, '\r\n')}\n{"date":"2025-05-05"}`;
}

describe('ponte screen on worker threads', () => {
  for (const [compact, n] of [
    [true, 2600],
    [false, 700],
  ] as const) {
    test(`${compact ? 'compact' : 'full'}: ${n} situations with bad lines, 2 workers = one thread, byte for byte`, async () => {
      const input = mixedInput(n, 777 + n);
      const one = await screen(input, compact, 0);
      const two = await screen(input, compact, 2);
      assert.ok(one.counts.invalid > 20, 'the input has invalid lines');
      assert.ok(one.counts.lines > n, 'and more lines than situations');
      assert.equal(one.counts.onWorkers, undefined);
      assert.ok((two.counts.onWorkers ?? 0) > 2, 'the batches went to the workers');
      assert.deepEqual({ lines: two.counts.lines, invalid: two.counts.invalid }, one.counts);
      assert.equal(two.bytes.length, one.bytes.length);
      assert.ok(two.bytes.equals(one.bytes), 'the same bytes in the same order');
      // The bad lines are reported at their place, as in one thread.
      const out = two.bytes.toString('utf8').trimEnd().split('\n');
      assert.equal(out.length, one.counts.lines);
      assert.match(out[6] as string, /"code":"PONTE_ERR_INVALID_JSON"/);
    });
  }

  test('--date applies in the workers too', async () => {
    const input = mixedInput(1200, 4242);
    const one = await screen(input, true, 0, '2024-07-15');
    const two = await screen(input, true, 3, '2024-07-15');
    assert.ok((two.counts.onWorkers ?? 0) > 0);
    assert.deepEqual({ lines: two.counts.lines, invalid: two.counts.invalid }, one.counts);
    assert.ok(two.bytes.equals(one.bytes));
    assert.match(two.bytes.toString('utf8'), /"date":"2024-07-15"/);
  });

  test('a short input starts no worker; a long one is screened here while the workers start', async () => {
    const short = mixedInput(40, 5);
    const one = await screen(short, true, 0);
    const two = await screen(short, true, 2);
    assert.deepEqual(two.counts, { ...one.counts, onWorkers: 0 });
    assert.ok(two.bytes.equals(one.bytes));
    const long = mixedInput(1600, 6);
    const a = await screen(long, true, 0);
    const b = await screen(long, true, 2, undefined, false);
    assert.deepEqual({ lines: b.counts.lines, invalid: b.counts.invalid }, a.counts);
    assert.ok(b.bytes.equals(a.bytes));
  });

  test('a failing output stops the run with its error, workers or not', async () => {
    for (const threads of [0, 2]) {
      const output = new Writable({
        write(_chunk, _enc, cb) {
          cb(new Error('disk full'));
        },
      });
      output.on('error', () => {});
      await assert.rejects(
        runScreen({
          input: Readable.from([mixedInput(1500, 8)]),
          output,
          compact: true,
          threads,
          waitForWorkers: true,
        }),
        /disk full/,
      );
    }
  });
});
