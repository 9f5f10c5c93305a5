// Benchmark of the public benefits API under load (issue 11, finding 3): does a stream of anonymous batches keep
// the process answering? It starts Ponte on an embedded database (or DATABASE_URL) on a free local port, then in
// the same process:
//   1. baseline: BENCH_HEALTHZ sequential GET /healthz, nothing else running;
//   2. load: BENCH_CALLERS callers each POST /api/v1/screen in a loop with the largest anonymous batch
//      (SCREEN_LIMITS.batchMax situations, from the generator of bench/rules.ts), each request from another
//      address (X-Forwarded-For, with PONTE_TRUST_PROXY on) so that the limit per address does not stop them,
//      while the same BENCH_HEALTHZ sequential GET /healthz are timed.
//   3. reference (BENCH_REFERENCE=0 skips it): the way the API worked before, 1,000 situations assessed and
//      serialised in one go on the event loop, repeated, while BENCH_REFERENCE_HEALTHZ (10) /healthz are timed.
// Everything goes over HTTP (parsing, validation, the rate limits in the database, compression). Prints /healthz
// p50/p99 and the event loop's delay p99 in each phase, the ratios to the baseline, and the batches' throughput
// and latency. The goal of issue 11: /healthz p99 under 100 ms while batches run. A benchmark, not a test:
// nothing here fails on a slow machine; on a shared machine run it more than once.

import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { assessMany } from '@ponte/rules';
import { buildApp } from '../packages/app/src/app.ts';
import { loadConfig } from '../packages/app/src/config.ts';
import { SCREEN_LIMITS } from '../packages/app/src/features/screening/limits.ts';
import { openDatabase } from '../packages/app/src/platform/db/database.ts';
import { migrateToLatest } from '../packages/app/src/platform/db/migrate.ts';
import { situationLines } from '../packages/rules/test/situations.ts';

const HEALTHZ = Number(process.env.BENCH_HEALTHZ ?? 400);
const CALLERS = Number(process.env.BENCH_CALLERS ?? 4);
const BATCH = Number(process.env.BENCH_BATCH ?? SCREEN_LIMITS.batchMax);
const REFERENCE = process.env.BENCH_REFERENCE !== '0';

const database = process.env.DATABASE_URL
  ? await openDatabase({ databaseUrl: process.env.DATABASE_URL })
  : await openDatabase({ dataDir: null });
await migrateToLatest(database.db);
const config = loadConfig(
  { ...process.env, NODE_ENV: 'development', PONTE_TRUST_PROXY: 'true' },
  { dataDir: null, jobs: false },
);
const app = await buildApp({ config, database, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

// The situations' dates must lie in the rules' years whatever today is: the API's `date` query fixes the day.
const body = JSON.stringify(situationLines(BATCH, 7).map((l) => JSON.parse(l)));
const screenUrl = `${base}/api/v1/screen?date=2026-06-01`;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;

interface Phase {
  p50: number;
  p99: number;
  max: number;
  /** The event loop's delay p99 during the phase (ms). */
  loop: number;
}

async function healthz(n: number): Promise<Phase> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/healthz`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  delay.disable();
  times.sort((a, b) => a - b);
  return {
    p50: pct(times, 50),
    p99: pct(times, 99),
    max: times.at(-1) ?? Number.NaN,
    loop: delay.percentile(99) / 1e6,
  };
}

let addressSeq = 0;
async function batch(): Promise<number> {
  const n = ++addressSeq;
  const t0 = performance.now();
  const res = await fetch(screenUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    },
    body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`/api/v1/screen answered ${res.status}: ${text.slice(0, 200)}`);
  if ((JSON.parse(text) as unknown[]).length !== BATCH) throw new Error('a batch came back incomplete');
  return performance.now() - t0;
}

// Warm-up: the engine, the serializers, the database statements.
for (let i = 0; i < 3; i++) await batch();
await healthz(50);

const alone = await healthz(HEALTHZ);

let running = true;
const batchTimes: number[] = [];
const callers = Array.from({ length: CALLERS }, async () => {
  while (running) batchTimes.push(await batch());
});
const t0 = performance.now();
// Let every caller have a batch in flight before timing.
await new Promise((r) => setTimeout(r, 200));
const loaded = await healthz(HEALTHZ);
running = false;
await Promise.all(callers);
const seconds = (performance.now() - t0) / 1000;
batchTimes.sort((a, b) => a - b);

// The reference: what one request of 1,000 situations did before (assessed and serialised in one go).
let reference: Phase | undefined;
if (REFERENCE) {
  const thousand = situationLines(1000, 9).map((l) => JSON.parse(l));
  let on = true;
  const old = (async () => {
    while (on) {
      JSON.stringify(assessMany(thousand, { lang: 'it', date: '2026-06-01' }));
      await nextTurn();
    }
  })();
  reference = await healthz(Number(process.env.BENCH_REFERENCE_HEALTHZ ?? 10));
  on = false;
  await old;
}

await app.close();
await database.close();

console.log(
  `screen-api: ${CALLERS} callers × batches of ${BATCH} situations (anonymous maximum ${SCREEN_LIMITS.batchMax}); ${HEALTHZ} /healthz each phase`,
);
const line = (label: string, p: Phase) =>
  console.log(
    `  ${label.padEnd(26)}p50 ${ms(p.p50)}  p99 ${ms(p.p99)}  max ${ms(p.max)}  event-loop delay p99 ${ms(p.loop)}`,
  );
const ratio = (label: string, p: Phase) =>
  console.log(
    `  ${label.padEnd(26)}p50 ×${(p.p50 / alone.p50).toFixed(2)}  p99 ×${(p.p99 / alone.p99).toFixed(2)}`,
  );
line('/healthz alone', alone);
line('/healthz under load', loaded);
ratio('ratio (load / alone)', loaded);
if (reference) {
  line('reference: 1,000 at once', reference);
  ratio('ratio (ref. / alone)', reference);
}
console.log(
  `  batches: ${batchTimes.length} in ${seconds.toFixed(1)} s (${((batchTimes.length * BATCH) / seconds).toFixed(0)} situations/s), latency p50 ${ms(pct(batchTimes, 50))}  p99 ${ms(pct(batchTimes, 99))}`,
);
console.log(`  goal: /healthz p99 under 100 ms while batches run: ${loaded.p99 < 100 ? 'met' : 'NOT met'}`);
