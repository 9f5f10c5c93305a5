// Benchmark of the benefits engine: 100,000 varied situations (deterministic seed) through the same path as
// `ponte screen` (JSON.parse → assess → UTF-8 bytes of the assessment line), in one process, then through runScreen
// itself. Prints µs per situation (median, p99), situations per second, and the ratio to the cost of only
// JSON.parse + JSON.stringify of the same lines (docs/decisions/0034-rules-engine-speed.md).
// `BENCH_ONLY=screen` runs only the end-to-end part: runScreen full and --compact, in one thread and on a worker
// thread per core (what `ponte screen` does), in situations/s and as a ratio to the baseline (decision 0064).

import { availableParallelism, loadavg } from 'node:os';
import { Readable, Writable } from 'node:stream';
import { benefits } from '../packages/rules/src/benefits/index.ts';
import { type Situation, validateSituation } from '../packages/rules/src/contract.ts';
import { dayNum } from '../packages/rules/src/engine/dates.ts';
import { deriveFacts } from '../packages/rules/src/engine/facts.ts';
import { ByteSink, stringifyAssessment, writeAssessment } from '../packages/rules/src/engine/serialize.ts';
import { assess, rulesVersion, runScreen } from '../packages/rules/src/index.ts';
import { situationLines } from '../packages/rules/test/situations.ts';

const N = Number(process.env.BENCH_N ?? 100_000);
const SEED = 20251126;

const lines = situationLines(N, SEED);
const ONLY_SCREEN = process.env.BENCH_ONLY === 'screen';

// The output bytes of `ponte screen`, dropped every 64 KiB as runScreen hands them to the stream.
const bytes = new ByteSink();
const emit = (a: unknown): number => {
  const before = bytes.pending;
  writeAssessment(a, bytes);
  bytes.byte(10);
  const n = bytes.pending - before;
  if (bytes.pending >= 64 * 1024) bytes.take();
  return n;
};

// CPU time of this process (µs): less disturbed than wall time when other processes share the machine.
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

// Baseline: only JSON.parse + JSON.stringify of the same lines.
let sink = 0;
const b0 = process.hrtime.bigint();
const bc = cpu();
for (let i = 0; i < N; i++) sink += JSON.stringify(JSON.parse(lines[i])).length;
const baselineNs = Number(process.hrtime.bigint() - b0);
const baselineCpu = cpu() - bc;

if (!ONLY_SCREEN) inProcess();

function inProcess() {
  // Warm-up, so that the figures measure optimised code.
  for (let i = 0; i < 5000; i++) emit(assess(JSON.parse(lines[i % N])));

  // Engine: the path of `ponte screen`, each situation timed on its own.
  const per = new Float64Array(N);
  let outBytes = 0;
  let invalid = 0;
  const t0 = process.hrtime.bigint();
  const tc = cpu();
  for (let i = 0; i < N; i++) {
    const s = process.hrtime.bigint();
    const a = assess(JSON.parse(lines[i]));
    const n = emit(a);
    per[i] = Number(process.hrtime.bigint() - s);
    outBytes += n;
    if (a.error) invalid++;
  }
  const totalNs = Number(process.hrtime.bigint() - t0);
  const totalCpu = cpu() - tc;

  // Engine alone, without the output serialization (what the HTTP API and the app pay before their own JSON).
  const e0 = process.hrtime.bigint();
  const ec = cpu();
  for (let i = 0; i < N; i++) sink += assess(JSON.parse(lines[i])).results.length;
  const engineNs = Number(process.hrtime.bigint() - e0);
  const engineCpu = cpu() - ec;

  // Cost of each benefit's rule on the same situations (validated once, facts shared as in assess).
  const M = Math.min(N, 20_000);
  const prepared: { s: Situation; day: number }[] = [];
  for (let i = 0; i < M; i++) {
    const v = validateSituation(JSON.parse(lines[i]));
    if (v.ok) prepared.push({ s: v.value, day: dayNum(v.value.date) });
  }
  const perBenefit = benefits.map((b) => {
    const c0 = cpu();
    for (const p of prepared) sink += b.run(p.s, deriveFacts(p.s, p.day), 'it').reasons.length;
    return { id: b.id, us: (cpu() - c0) / prepared.length };
  });
  // The I/O floor of `ponte screen`: parse the line and JSON.stringify an assessment already computed.
  const done = prepared.slice(0, 5000).map((_, i) => assess(JSON.parse(lines[i])));
  const io0 = cpu();
  for (let i = 0; i < done.length; i++)
    sink += JSON.parse(lines[i]).date.length + JSON.stringify(done[i]).length;
  const ioFloorUs = (cpu() - io0) / done.length;
  // Serialization alone: the bytes of `ponte screen`, the string serializer, and plain JSON.stringify encoded to
  // UTF-8 (what the bytes replace), each on its own freshly computed assessments (a second pass over the same ones
  // would find their filled-in texts already flattened and look cheaper than the real path).
  const serUs = (f: (a: unknown) => unknown) => {
    const fresh = lines.slice(0, 5000).map((l) => assess(JSON.parse(l)));
    const c0 = cpu();
    for (let i = 0; i < fresh.length; i++) f(fresh[i]);
    return (cpu() - c0) / fresh.length;
  };
  const serBytesUs = serUs(emit);
  const serStringUs = serUs((a) => (sink += stringifyAssessment(a).length));
  const scratch = Buffer.allocUnsafe(4 * 1024 * 1024);
  const serStringUtf8Us = serUs((a) => (sink += scratch.write(stringifyAssessment(a), 0, 'utf8')));
  const serPlainUs = serUs((a) => (sink += scratch.write(JSON.stringify(a), 0, 'utf8')));
  const f0 = cpu();
  for (const p of prepared) sink += deriveFacts(p.s, p.day).members.length;
  const factsUs = (cpu() - f0) / prepared.length;

  per.sort();
  const us = (ns: number) => (ns / 1000).toFixed(1);
  const median = per[Math.floor(N / 2)];
  const p99 = per[Math.floor(N * 0.99)];
  console.log(
    `rules ${rulesVersion}; ${benefits.length} benefits; ${N} situations (seed ${SEED}); ${invalid} invalid; ` +
      `output ${(outBytes / N / 1024).toFixed(1)} KiB of UTF-8 per assessment line`,
  );
  console.log(
    `per situation (parse + assess + serialize): median ${us(median)} µs, p99 ${us(p99)} µs (wall)`,
  );
  console.log(
    `throughput: ${Math.round(N / (totalNs / 1e9))} situations/s (${(totalNs / 1e9).toFixed(2)} s wall, ` +
      `${(totalCpu / N).toFixed(1)} µs CPU per situation)`,
  );
  console.log(
    `engine only (parse + assess, no output): ${us(engineNs / N)} µs wall, ${(engineCpu / N).toFixed(1)} µs CPU per situation`,
  );
  console.log(
    `baseline JSON.parse + JSON.stringify of the same lines: ${us(baselineNs / N)} µs wall, ${(baselineCpu / N).toFixed(1)} µs CPU per line`,
  );
  console.log(
    `ratio to baseline: ${(totalNs / baselineNs).toFixed(1)} wall, ${(totalCpu / baselineCpu).toFixed(1)} CPU ` +
      `(engine only: ${(engineNs / baselineNs).toFixed(1)} wall, ${(engineCpu / baselineCpu).toFixed(1)} CPU)`,
  );
  console.log(
    `I/O floor (JSON.parse of the line + JSON.stringify of its assessment): ${ioFloorUs.toFixed(1)} µs CPU; ` +
      `ratio to it: ${(totalCpu / N / ioFloorUs).toFixed(1)}`,
  );
  console.log(
    `serialization alone, µs CPU per assessment: UTF-8 bytes (ponte screen) ${serBytesUs.toFixed(1)}, ` +
      `string ${serStringUs.toFixed(1)}, string + UTF-8 (ponte screen before 0034) ${serStringUtf8Us.toFixed(1)}, ` +
      `JSON.stringify + UTF-8 ${serPlainUs.toFixed(1)}`,
  );
  console.log(
    `per benefit, µs CPU per situation: ${perBenefit.map((b) => `${b.id} ${b.us.toFixed(1)}`).join(', ')}; shared facts ${factsUs.toFixed(1)}`,
  );
}

// End to end through runScreen (streams, batching, UTF-8 encoding), into a writable that discards the bytes: full
// and compact, in this thread and on a worker thread per core as `ponte screen` runs. The full output can be run on
// fewer situations (BENCH_FULL_N) when the machine is slow: it writes about 42 KB per line.
const FULL_N = Math.min(N, Number(process.env.BENCH_FULL_N ?? N));
const linesInput = (n: number) => {
  let next = 0;
  return new Readable({
    read() {
      if (next >= n) return this.push(null);
      const end = Math.min(n, next + 200);
      this.push(`${lines.slice(next, end).join('\n')}\n`);
      next = end;
    },
  });
};
const baselinePerS = N / (baselineNs / 1e9);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const cores = availableParallelism();
console.log(
  `end to end (runScreen), ${cores} cores; baseline JSON.parse + JSON.stringify ${Math.round(baselinePerS)} lines/s; load average ${load()}`,
);
const endToEnd = async (compact: boolean, threads: number) => {
  const n = compact ? N : FULL_N;
  let outBytes = 0;
  const output = new Writable({
    write(chunk: Buffer, _enc, cb) {
      outBytes += chunk.length;
      cb();
    },
  });
  const t0 = process.hrtime.bigint();
  const c0 = cpu();
  const r = await runScreen({ input: linesInput(n), output, compact, threads });
  const cpuUs = cpu() - c0; // process.cpuUsage() counts every thread of the process, workers included
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const perS = r.lines / s;
  console.log(
    `runScreen ${compact ? '--compact' : 'full     '} ${threads > 1 ? `${threads} workers` : '1 thread '}: ${r.lines} lines in ${s.toFixed(2)} s = ` +
      `${Math.round(perS)} situations/s (${(perS / baselinePerS).toFixed(3)} of the baseline's lines/s), ` +
      `${(cpuUs / r.lines).toFixed(1)} µs CPU per line (process), ${(outBytes / r.lines).toFixed(0)} bytes per line, ` +
      `${r.onWorkers ?? 0} batches on workers; load average ${load()}`,
  );
  return perS;
};
const full1 = await endToEnd(false, 1);
const fullN = await endToEnd(false, cores);
const compact1 = await endToEnd(true, 1);
const compactN = await endToEnd(true, cores);
console.log(
  `workers vs one thread: full ${(fullN / full1).toFixed(2)}×, compact ${(compactN / compact1).toFixed(2)}×; ` +
    `compact vs full (workers) ${(compactN / fullN).toFixed(1)}×; goal of issue 16 for --compact, 40,000 situations/s on 2 cores: ` +
    `${compactN >= 40_000 ? 'met' : 'not met'} in this run (${Math.round(compactN)}/s)`,
);
if (sink < 0) console.log(sink);
