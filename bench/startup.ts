// Start-up benchmark (issue 16): starts the real `ponte start` process (node packages/app/bin/ponte.js start, as
// `npm start` does) on an empty data folder, then again on the same folder now persistent, and prints the time from
// the spawn to the first page answered (GET /login, 200). The empty start migrates and seeds the demo network
// (with every feature's demo); the persistent one migrates nothing and seeds nothing. BENCH_RUNS (default 3) pairs
// of starts, each on a new folder; the median of each kind is compared with the goals (≤ 5 s empty, ≤ 2.5 s
// persistent). The embedded database (PGlite) is what `npm start` uses with no DATABASE_URL; with DATABASE_URL
// set the bench refuses (it would seed a real database). A shared machine's load shows in the figures: run it at a
// quiet moment and say so. Beside each wall time, the CPU the process had used when it answered (user + system, from
// /proc on Linux: the loaded machine's waits are not in it), and the load average.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// How long a start may take before the bench gives up (a loaded shared machine has taken minutes).
const LIMIT_MS = Number(process.env.BENCH_LIMIT_SECONDS ?? 600) * 1000;
const root = resolve(import.meta.dirname, '..');
if (process.env.DATABASE_URL) {
  console.error('bench/startup runs on the embedded database: unset DATABASE_URL');
  process.exit(2);
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Spawns `ponte start` on `dataDir`; resolves with the seconds to the first 200 of GET /login and the CPU the
 *  process had used by then; then stops it. */
async function timeToFirstPage(dataDir: string): Promise<{ wall: number; cpu: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'packages/app/bin/ponte.js'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      PONTE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  try {
    for (;;) {
      if (exited) throw new Error(`ponte start exited before answering:\n${stderr}`);
      if (performance.now() - started > LIMIT_MS) throw new Error(`no page after ${LIMIT_MS / 1000} s`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/login`, { signal: AbortSignal.timeout(2000) });
        await r.arrayBuffer();
        if (r.status === 200)
          return { wall: (performance.now() - started) / 1000, cpu: cpuSeconds(child.pid) };
      } catch {
        // not listening yet
      }
      await new Promise((ok) => setTimeout(ok, 20));
    }
  } finally {
    if (!exited) {
      const gone = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await gone;
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const empty: number[] = [];
const persistent: number[] = [];
const emptyCpu: number[] = [];
const persistentCpu: number[] = [];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(
  `bench/startup: ponte start on the embedded database, ${RUNS} runs; goals ≤ 5 s empty, ≤ 2.5 s persistent`,
);
for (let i = 0; i < RUNS; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-startup-'));
  try {
    const before = load();
    const e = await timeToFirstPage(dir);
    const p = await timeToFirstPage(dir);
    empty.push(e.wall);
    persistent.push(p.wall);
    emptyCpu.push(e.cpu);
    persistentCpu.push(p.cpu);
    console.log(
      `run ${i + 1}: empty folder ${e.wall.toFixed(2)} s (CPU ${e.cpu.toFixed(2)} s), persistent folder ${p.wall.toFixed(2)} s (CPU ${p.cpu.toFixed(2)} s); load average ${before} → ${load()}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const e = median(empty);
const p = median(persistent);
console.log(
  `median: empty folder (migrations and demo seed) ${e.toFixed(2)} s ${e <= 5 ? 'goal met' : 'GOAL MISSED (≤ 5 s)'}, CPU ${median(emptyCpu).toFixed(2)} s; persistent folder ${p.toFixed(2)} s ${p <= 2.5 ? 'goal met' : 'GOAL MISSED (≤ 2.5 s)'}, CPU ${median(persistentCpu).toFixed(2)} s`,
);
