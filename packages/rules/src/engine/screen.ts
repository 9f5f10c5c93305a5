// JSON Lines in, JSON Lines out, in order, in constant memory: the input is read chunk by chunk, output is
// written in batches and the reader waits for 'drain' when the output pushes back.
import { StringDecoder } from 'node:string_decoder';
import { contractError, type Lang } from '../contract.ts';
import type { Engine } from './assess.ts';
import { ByteSink, stringifyCompact, writeAssessment } from './serialize.ts';

/** Options of runScreen: streams, and the `--date` override and language of the messages. */
export interface ScreenOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  date?: string;
  lang?: Lang;
  /**
   * The compact line of each assessment (CompactAssessmentSchema: statuses, amounts, missing facts and reason
   * codes, no texts — they stay in the catalogue) instead of the full one.
   */
  compact?: boolean;
}

// Batches of about 64 KiB keep the number of write() calls low without holding much in memory.
const BATCH = 64 * 1024;
const NEWLINE = 0x0a;

function waitDrain(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (e?: unknown) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (e) reject(e);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (e: unknown) => done(e);
    // A stream destroyed without an error never drains: stop instead of waiting for ever.
    const onClose = () => done(new Error('output closed before all assessments were written'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** Screens a JSON Lines stream with `engine`; blank lines are skipped; returns the counts of lines and invalid lines. */
export async function runScreenWith(
  engine: Engine,
  opts: ScreenOptions,
): Promise<{ lines: number; invalid: number }> {
  const lang: Lang = opts.lang === 'en' ? 'en' : 'it';
  const { input, output } = opts;
  const compact = opts.compact === true;
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lines = 0;
  let invalid = 0;

  // An output that fails (a closed pipe, a full disk) stops the run with that error instead of crashing the process.
  let failed: unknown;
  const onError = (e: unknown) => {
    failed ??= e;
  };
  output.on('error', onError);

  // Each output line is written as UTF-8 into the sink's pooled buffers as soon as it is made (a long string
  // built from many lines would cost more to flatten than to encode).
  const sink = new ByteSink();

  const flush = async () => {
    if (failed) throw failed;
    const ready = sink.take();
    for (let i = 0; i < ready.length; i++) {
      const ok = output.write(ready[i]);
      if (!ok) await waitDrain(output);
      if (failed) throw failed;
    }
  };

  const handle = (line: string) => {
    if (line.length === 0 || line.trim().length === 0) return;
    lines++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      invalid++;
      const err = contractError('PONTE_ERR_INVALID_JSON', '/', lang, (e as Error).message);
      sink.text(`${JSON.stringify({ rules: engine.rulesVersion, results: [], error: err })}\n`);
      return;
    }
    const o = opts.date === undefined ? { lang } : { lang, date: opts.date };
    if (compact) {
      const a = engine.assessCompact(value, o);
      if (a.error) invalid++;
      sink.text(stringifyCompact(a));
    } else {
      const a = engine.assess(value, o);
      if (a.error) invalid++;
      writeAssessment(a, sink);
    }
    sink.byte(NEWLINE);
  };

  try {
    await pump();
  } finally {
    output.off('error', onError);
  }
  return { lines, invalid };

  async function pump() {
    for await (const chunk of input) {
      const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
      let start = 0;
      let nl = text.indexOf('\n', start);
      while (nl !== -1) {
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        handle(text.slice(start, end));
        if (sink.pending >= BATCH) await flush();
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      rest = text.slice(start);
    }
    rest += decoder.end();
    if (rest.length > 0) handle(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
    await flush();
  }
}
