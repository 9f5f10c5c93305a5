// Benchmark of the benefits engine: 100,000 varied situations (deterministic seed) through the same path as
// `ponte screen` (JSON.parse → assess → serialize), in one process, then through runScreen itself. Prints µs per situation (median, p99),
// situations per second, and the ratio to the cost of only JSON.parse + JSON.stringify of the same lines.

import { Readable, Writable } from 'node:stream';
import { benefits } from '../packages/rules/src/benefits/index.ts';
import { type Situation, validateSituation } from '../packages/rules/src/contract.ts';
import { dayNum } from '../packages/rules/src/engine/dates.ts';
import { deriveFacts } from '../packages/rules/src/engine/facts.ts';
import { stringifyAssessment } from '../packages/rules/src/engine/serialize.ts';
import { assess, rulesVersion, runScreen } from '../packages/rules/src/index.ts';

const N = Number(process.env.BENCH_N ?? 100_000);
const SEED = 20251126;

// mulberry32: small, fast, deterministic.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = rng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const maybe = <T>(p: number, v: () => T): T | undefined => (r() < p ? v() : undefined);
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const date = (y: number) => `${y}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
/** A day between `minYears` and `maxYears` before `d` (so birth dates are never after the assessed day). */
const before = (d: string, minYears: number, maxYears: number) => {
  const ms = Date.parse(d) - int(Math.round(minYears * 365.25), Math.round(maxYears * 365.25)) * 864e5;
  return new Date(ms).toISOString().slice(0, 10);
};

function situation(i: number): Record<string, unknown> {
  const year = int(2023, 2026);
  const d = date(year);
  const children = int(0, 4);
  const members: Record<string, unknown>[] = [];
  for (let c = 0; c < children; c++) {
    members.push({
      relation: 'child',
      birthDate: before(d, 0, 22),
      disability: pick(['none', 'none', 'none', 'medium', 'severe']),
      inEducation: maybe(0.8, () => r() < 0.7),
      nursery: maybe(0.5, () => r() < 0.3),
    });
  }
  if (r() < 0.3)
    members.push({ relation: 'partner', birthDate: before(d, 20, 60), earnsFromWork: r() < 0.5 });
  const isee = r() < 0.1 ? null : r() < 0.15 ? undefined : Math.round(r() * 5_000_000) / 100;
  return {
    id: `b${i}`,
    date: d,
    region: pick(['marche', 'lazio', 'calabria', 'lombardia']),
    person: {
      birthDate: before(d, 18, 75),
      sex: r() < 0.9 ? 'F' : 'M',
      citizenship: pick(['it', 'it', 'it', 'eu', 'non_eu_long_term', 'non_eu_permit', 'refugee', 'none']),
      permitMonths: maybe(0.5, () => int(3, 24)),
      residenceYears: maybe(0.9, () => int(0, 40)),
      work: pick([
        'employee_private',
        'employee_public',
        'domestic',
        'self_employed',
        'unemployed',
        'inactive',
        'retired',
      ]),
      disability: pick(['none', 'none', 'medium']),
      income: maybe(0.4, () => int(0, 30000)),
      married: maybe(0.5, () => r() < 0.4),
      training: maybe(0.4, () => r() < 0.5),
      violence: maybe(0.8, () => ({
        victim: r() < 0.9,
        cav: maybe(0.8, () => r() < 0.8),
        socialServices: maybe(0.8, () => r() < 0.7),
        stateOfNeed: maybe(0.7, () => r() < 0.6),
        pathStart: before(d, 0, 3),
      })),
      congedoDaysUsed: maybe(0.3, () => int(0, 90)),
      lastJob: maybe(0.5, () => ({
        endDate: before(d, 0, 1.5),
        endReason: pick([
          'dismissal',
          'contract_end',
          'resignation',
          'resignation_just_cause',
          'resignation_violence',
        ]),
        contributionWeeks4y: int(0, 208),
        monthlyReferencePay: int(500, 3000),
      })),
      maternityPay: maybe(0.2, () => int(0, 3000)),
    },
    household: {
      members,
      isee,
      familyIncome: maybe(0.6, () => int(0, 20000)),
      rentAnnual: maybe(0.5, () => int(0, 9000)),
      movableAssets: maybe(0.6, () => int(0, 20000)),
      realEstate: maybe(0.5, () => int(0, 40000)),
      bothParentsWork: maybe(0.6, () => r() < 0.4),
      auuAnnual: maybe(0.3, () => int(0, 4000)),
    },
  };
}

const lines: string[] = new Array(N);
for (let i = 0; i < N; i++) lines[i] = JSON.stringify(situation(i));

// Warm-up, so that the figures measure optimised code.
for (let i = 0; i < 5000; i++) stringifyAssessment(assess(JSON.parse(lines[i % N])));

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

// Engine: the path of `ponte screen`, each situation timed on its own.
const per = new Float64Array(N);
let outBytes = 0;
let invalid = 0;
const t0 = process.hrtime.bigint();
const tc = cpu();
for (let i = 0; i < N; i++) {
  const s = process.hrtime.bigint();
  const a = assess(JSON.parse(lines[i]));
  const out = stringifyAssessment(a);
  per[i] = Number(process.hrtime.bigint() - s);
  outBytes += out.length;
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
const f0 = cpu();
for (const p of prepared) sink += deriveFacts(p.s, p.day).members.length;
const factsUs = (cpu() - f0) / prepared.length;

per.sort();
const us = (ns: number) => (ns / 1000).toFixed(1);
const median = per[Math.floor(N / 2)];
const p99 = per[Math.floor(N * 0.99)];
console.log(
  `rules ${rulesVersion}; ${benefits.length} benefits; ${N} situations (seed ${SEED}); ${invalid} invalid; ` +
    `output ${(outBytes / N / 1024).toFixed(1)} KiB per assessment`,
);
console.log(`per situation (parse + assess + serialize): median ${us(median)} µs, p99 ${us(p99)} µs (wall)`);
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
  `per benefit, µs CPU per situation: ${perBenefit.map((b) => `${b.id} ${b.us.toFixed(1)}`).join(', ')}; shared facts ${factsUs.toFixed(1)}`,
);
// End to end through runScreen (streams, batching, UTF-8 encoding), into a writable that discards the bytes.
let next = 0;
const input = new Readable({
  read() {
    if (next >= N) return this.push(null);
    const end = Math.min(N, next + 200);
    this.push(`${lines.slice(next, end).join('\n')}\n`);
    next = end;
  },
});
let screenBytes = 0;
const output = new Writable({
  write(chunk: Buffer, _enc, cb) {
    screenBytes += chunk.length;
    cb();
  },
});
const sc0 = process.hrtime.bigint();
const screened = await runScreen({ input, output });
const screenS = Number(process.hrtime.bigint() - sc0) / 1e9;
console.log(
  `runScreen end to end: ${screened.lines} lines in ${screenS.toFixed(2)} s = ${Math.round(screened.lines / screenS)} situations/s, ` +
    `${((screenS * 1e6) / screened.lines).toFixed(1)} µs per line, ${(screenBytes / 1e9).toFixed(2)} GB written`,
);
if (sink < 0) console.log(sink);
