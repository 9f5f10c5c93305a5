// JSON Lines in, JSON Lines out, in order, in constant memory: the input is read chunk by chunk, output is
// written in batches and the reader waits for 'drain' when the output pushes back.
//
// With `threads` > 1 and an input longer than one batch, batches of lines are screened by that many worker threads
// (../screen-worker.mjs) and their bytes written in the order of the input: the output is the same, byte for byte.
import { StringDecoder } from 'node:string_decoder';
import { Worker } from 'node:worker_threads';
import { contractError, type Lang } from '../contract.ts';
import type { AssessOptions, Engine } from './assess.ts';
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
  /**
   * Worker threads to spread the lines over (`ponte screen` passes the available cores). 0 or 1: all in this
   * thread. Workers start only when the input is longer than one batch.
   */
  threads?: number;
  /** With workers, every batch waits for a worker instead of being screened here while they start (tests). */
  waitForWorkers?: boolean;
}

/**
 * What runScreen returns: lines screened (blank ones skipped), invalid lines, and, when threads > 1 were asked
 * for, the batches screened by a worker.
 */
export interface ScreenCounts {
  lines: number;
  invalid: number;
  onWorkers?: number;
}

/** What a worker needs to screen lines as this thread would. */
export interface WorkerSetup {
  lang: Lang;
  date?: string;
  compact: boolean;
}
/**
 * A batch of input lines posted to a worker: one string of whole lines, each ending with '\n' (one string is
 * copied in one piece; an array of strings would be cloned string by string, and the main thread would have cut
 * every line).
 */
export interface BatchIn {
  seq: number;
  text: string;
}
/** A worker's answer: the UTF-8 output lines of the batch and its counts. */
export interface BatchOut {
  seq: number;
  bytes: Uint8Array;
  lines: number;
  invalid: number;
}

// The assessment options of a setup, made once per setup rather than once per line.
const OPTIONS = new WeakMap<WorkerSetup, AssessOptions>();
function optionsOf(setup: WorkerSetup): AssessOptions {
  let o = OPTIONS.get(setup);
  if (o === undefined) {
    o = setup.date === undefined ? { lang: setup.lang } : { lang: setup.lang, date: setup.date };
    OPTIONS.set(setup, o);
  }
  return o;
}

/**
 * The screening of one input line into `sink` (its output line and newline): a blank line is skipped (returns -1),
 * otherwise returns 1 for an invalid line (bad JSON or a situation the contract refuses) and 0 for a valid one.
 */
export function screenLineInto(engine: Engine, setup: WorkerSetup, line: string, sink: ByteSink): number {
  // A situation starts with '{': only another line can be blank (trim copies nothing, but costs a call).
  if (line.length === 0 || (line.charCodeAt(0) !== 0x7b && line.trim().length === 0)) return -1;
  const { lang, compact } = setup;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    const err = contractError('PONTE_ERR_INVALID_JSON', '/', lang, (e as Error).message);
    sink.text(`${JSON.stringify({ rules: engine.rulesVersion, results: [], error: err })}\n`);
    return 1;
  }
  const o = optionsOf(setup);
  let bad: boolean;
  if (compact) {
    const a = engine.assessCompact(value, o);
    bad = a.error !== undefined;
    sink.text(stringifyCompact(a));
  } else {
    const a = engine.assess(value, o);
    bad = a.error !== undefined;
    writeAssessment(a, sink);
  }
  sink.byte(NEWLINE);
  return bad ? 1 : 0;
}

/**
 * Screens whole lines (each ending with '\n'; a CR before it is dropped, as runScreen does) into `sink`; returns
 * the counts of lines screened (blank ones skipped) and of invalid lines.
 */
function screenTextInto(
  engine: Engine,
  setup: WorkerSetup,
  text: string,
  sink: ByteSink,
): { lines: number; invalid: number } {
  let lines = 0;
  let invalid = 0;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const r = screenLineInto(engine, setup, text.slice(start, end), sink);
    start = nl + 1;
    if (r < 0) continue;
    lines++;
    invalid += r;
  }
  return { lines, invalid };
}

/** A batch of whole lines screened in one piece (what a worker does): the output bytes in a buffer of their own. */
export function screenLines(
  engine: Engine,
  setup: WorkerSetup,
  text: string,
): { bytes: Uint8Array; lines: number; invalid: number } {
  // One buffer for the whole batch as a rule (a compact line is about 8 times its input, a full one 65 times).
  const sink = new ByteSink(Math.max(64 * 1024, text.length * (setup.compact ? 10 : 80)));
  const { lines, invalid } = screenTextInto(engine, setup, text, sink);
  const parts = sink.take();
  // The sink's buffers are its own (never a slice of Node's shared pool): their memory can be transferred to the
  // main thread as it is.
  if (parts.length === 1) return { bytes: parts[0], lines, invalid };
  let n = 0;
  for (const p of parts) n += p.length;
  const bytes = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, lines, invalid };
}

// Lines per batch sent to a worker: enough to make a message's cost negligible, few enough to keep memory low
// (a full assessment is about 42 KB, a compact one about 5 KB).
const BATCH_LINES = { full: 100, compact: 500 };

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
export async function runScreenWith(engine: Engine, opts: ScreenOptions): Promise<ScreenCounts> {
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

  const setup: WorkerSetup = opts.date === undefined ? { lang, compact } : { lang, compact, date: opts.date };
  const handle = (line: string) => {
    const r = screenLineInto(engine, setup, line, sink);
    if (r < 0) return;
    lines++;
    invalid += r;
  };

  const threads = Math.max(0, Math.floor(opts.threads ?? 0));
  const batchLines = compact ? BATCH_LINES.compact : BATCH_LINES.full;
  let pool: WorkerPool | undefined;

  try {
    if (threads > 1) await pumpBatches();
    else await pump();
  } finally {
    await pool?.close();
    output.off('error', onError);
  }
  return threads > 1 ? { lines, invalid, onWorkers: pool?.onWorkers ?? 0 } : { lines, invalid };

  // One thread: each line screened as soon as it is complete. Returns a promise only when the caller must wait
  // for the output, so no promise is made per line.
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

  // Workers: the input is cut into batches of whole lines, each one string, without cutting the lines apart here
  // (the workers do). The first batch starts the workers: a shorter input is screened in this thread.
  async function pumpBatches() {
    let parts: string[] = [];
    let count = 0;
    const send = (text: string) => {
      pool ??= new WorkerPool(threads, engine, setup, output, () => failed, opts.waitForWorkers === true);
      return pool.send(text);
    };
    for await (const chunk of input) {
      const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
      let start = 0;
      let last = -1;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
        last = nl;
        if (++count < batchLines) continue;
        parts.push(text.slice(start, nl + 1));
        start = nl + 1;
        const batch = parts.length === 1 ? parts[0] : parts.join('');
        parts = [];
        count = 0;
        await send(batch);
      }
      if (last >= start) {
        parts.push(text.slice(start, last + 1));
        start = last + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.end();
    // The last line without its newline: the newline added is cut again with its CR, as in one thread.
    if (rest.length > 0) parts.push(`${rest}\n`);
    const tail = parts.join('');
    if (pool) {
      if (tail.length > 0) await pool.send(tail);
      const counts = await pool.end();
      lines += counts.lines;
      invalid += counts.invalid;
    } else {
      const counts = screenTextInto(engine, setup, tail, sink);
      lines += counts.lines;
      invalid += counts.invalid;
    }
    await flush();
  }
}

/**
 * Worker threads screening batches in turn. At most two batches per worker are in flight; the answers are written
 * to the output in the order the batches were sent, whatever order they come back in.
 */
class WorkerPool {
  private readonly workers: Worker[] = [];
  /** The workers that have loaded the engine (a start takes a second or two): batches go to these only. */
  private readonly ready: Worker[] = [];
  /** Batches screened by a worker (the others, by this thread while none was ready). */
  onWorkers = 0;
  private next = 0;
  private sent = 0;
  private written = 0;
  private readonly done = new Map<number, BatchOut>();
  private lines = 0;
  private invalid = 0;
  private error: unknown;
  private wake: (() => void) | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    n: number,
    private readonly engine: Engine,
    private readonly setup: WorkerSetup,
    private readonly output: NodeJS.WritableStream,
    private readonly outputFailed: () => unknown,
    private readonly waitForWorkers: boolean,
  ) {
    const url = new URL('../screen-worker.mjs', import.meta.url);
    for (let i = 0; i < n; i++) {
      const w = new Worker(url, { workerData: setup });
      w.on('message', (m: BatchOut | { ready: true }) => {
        if ('seq' in m) {
          this.done.set(m.seq, m);
          this.drain();
        } else {
          this.ready.push(w);
          this.notify();
        }
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`ponte screen: a worker thread stopped (exit code ${code})`));
      });
      this.workers.push(w);
    }
  }

  private fail(e: unknown): void {
    this.error ??= e;
    this.notify();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  // Writes the answers that are next in order; a write that pushes back holds the following ones.
  private drain(): void {
    this.writing = this.writing.then(async () => {
      for (let m = this.done.get(this.written); m !== undefined; m = this.done.get(this.written)) {
        this.done.delete(this.written);
        this.written++;
        this.lines += m.lines;
        this.invalid += m.invalid;
        const err = this.outputFailed();
        if (err) return this.fail(err);
        if (
          m.bytes.length > 0 &&
          !this.output.write(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.length))
        )
          await waitDrain(this.output).catch((e) => this.fail(e));
      }
      this.notify();
    });
  }

  private async until(ok: () => boolean): Promise<void> {
    while (!ok()) {
      if (this.error) throw this.error;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    if (this.error) throw this.error;
  }

  /**
   * Posts a batch to the next ready worker, once fewer than two batches per worker wait to be written; until a
   * worker is ready, this thread screens the batch itself.
   */
  async send(text: string): Promise<void> {
    if (this.ready.length === 0 && !this.waitForWorkers) {
      const r = screenLines(this.engine, this.setup, text);
      this.done.set(this.sent, { seq: this.sent, ...r });
      this.sent++;
      this.drain();
      // A turn of the event loop, so that a worker's "ready" is heard even when the input never waits on I/O.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.until(() => this.sent - this.written < 2 * this.workers.length);
      return;
    }
    await this.until(() => this.ready.length > 0 && this.sent - this.written < 2 * this.workers.length);
    this.onWorkers++;
    const m: BatchIn = { seq: this.sent++, text };
    this.ready[this.next % this.ready.length].postMessage(m);
    this.next++;
  }

  /** Waits until every batch sent is written; returns the counts of its lines. */
  async end(): Promise<{ lines: number; invalid: number }> {
    await this.until(() => this.written === this.sent);
    await this.writing;
    if (this.error) throw this.error;
    return { lines: this.lines, invalid: this.invalid };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
