// A `ponte screen` worker thread: screens the batches of lines the main thread posts and answers, per batch, the
// UTF-8 bytes of the output lines (transferred, not copied) and the counts of lines and invalid lines.
import { parentPort, workerData } from 'node:worker_threads';
import { benefits } from './benefits/index.ts';
import { createEngine } from './engine/assess.ts';
import { type BatchIn, type BatchOut, screenLines, type WorkerSetup } from './engine/screen.ts';

export function start(): void {
  const port = parentPort;
  if (!port) throw new Error('screen-worker: not in a worker thread');
  const setup = workerData as WorkerSetup;
  const engine = createEngine(benefits);
  port.on('message', (m: BatchIn) => {
    const r = screenLines(engine, setup, m.text);
    const out: BatchOut = { seq: m.seq, bytes: r.bytes, lines: r.lines, invalid: r.invalid };
    port.postMessage(out, [r.bytes.buffer as ArrayBuffer]);
  });
  port.postMessage({ ready: true, rules: engine.rulesVersion });
}
