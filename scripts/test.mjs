#!/usr/bin/env node
// Runs the suite: every *.test.ts(x) under packages/ and test/security/ in two processes (each process's files
// share one migrated database, as docs/decisions/0003-test-layout.md explains; 0059 for the split), beside the
// browser journeys of test/e2e/ in two workers (0043).
// Flags: --unit (packages only), --e2e (browser only), --db (only the files that use the database),
// --dates (the tests that read the application's clock, once per fixed date: see DATES below and
// docs/decisions/0039-one-clock-fixed-dates.md), --save-times (a whole run rewrites scripts/test-times.json).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
// The browser journeys run in two processes side by side, each with its own server, database and browser
// (docs/decisions/0043-test-suite-speed.md).
const E2E_WORKERS = 2;
// The unit and route tests (and `--db`) run in two processes side by side, each with its own database (0059).
const UNIT_PROCESSES = 2;
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const testArgs = ['--import', 'tsx', '--test', '--test-reporter=spec', join(root, 'scripts/all-tests.ts')];
const testEnv = (files, env = {}) => ({
  ...process.env,
  PONTE_TEST_FILES: files.join('\n'),
  NODE_ENV: 'test',
  ...env,
});

/** CPU milliseconds of this script's ended children and their descendants (Linux; 0 elsewhere). */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return 0;
  }
}

/**
 * Runs `files` in one test process. Its output goes to the terminal as it comes (`live`) or whole at the end,
 * so that processes side by side never mix. Resolves with the exit status, the wall time, the summary node:test
 * printed (tests, pass, fail…) and what the process counted (scripts/test-stats.ts: per-file times, axe scans).
 */
function runFiles(files, label, { env = {}, live = false } = {}) {
  return new Promise((done) => {
    const t0 = Date.now();
    const statsFile = join(tmpdir(), `ponte-test-stats-${process.pid}-${++runs}.json`);
    const out = [];
    console.log(`\n== ${label}: ${files.length} file(s)${live ? '' : ', printed whole when they end'} ==`);
    const child = spawn(process.execPath, testArgs, {
      cwd: root,
      env: testEnv(files, { PONTE_TEST_STATS: statsFile, ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const take = (stream, to) =>
      stream.on('data', (b) => {
        out.push(b);
        if (live) to.write(b);
      });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    child.on('close', (code) => {
      const wallMs = Date.now() - t0;
      const text = Buffer.concat(out).toString('utf8');
      if (!live) {
        console.log(`\n== ${label}: ${files.length} file(s) ==`);
        process.stdout.write(text);
      }
      // The summary node:test prints last: "ℹ tests 672", "ℹ pass 671"…
      const summary = {};
      for (const m of stripVTControlCharacters(text).matchAll(/^ℹ (\w+) (\d+(?:\.\d+)?)$/gm))
        summary[m[1]] = Number(m[2]);
      let counted = { files: {}, axeScans: 0, axeRuns: 0 };
      try {
        counted = JSON.parse(readFileSync(statsFile, 'utf8'));
        rmSync(statsFile);
      } catch {
        // the process died before writing it: the summary says so by its missing counts
      }
      done({ status: code ?? 1, label, wallMs, summary, counted });
    });
  });
}
let runs = 0;

/**
 * Splits `files` into at most `n` groups of about the same time: the longest first, each to the group with the
 * least so far (each group is one process). Files of one `together` list stay in one group. The weights are the
 * seconds each file took when last measured (see `weightOf`).
 */
function split(files, n, together = []) {
  const units = [];
  for (const f of files) {
    const tag = together.find((group) => group.includes(relative(root, f)));
    const unit = tag && units.find((u) => u.tag === tag);
    if (unit) unit.files.push(f);
    else units.push({ tag, files: [f] });
  }
  const groups = Array.from({ length: Math.min(n, units.length) }, () => ({ files: [], weight: 0 }));
  const unitWeight = (u) => u.files.reduce((w, f) => w + weightOf(f), 0);
  for (const u of units.sort((a, b) => unitWeight(b) - unitWeight(a))) {
    const g = groups.reduce((a, b) => (b.weight < a.weight ? b : a));
    g.files.push(...u.files);
    g.weight += unitWeight(u);
  }
  return groups
    .filter((g) => g.files.length > 0)
    .sort((a, b) => b.weight - a.weight)
    .map((g) => ({ files: g.files.sort(), weight: g.weight }));
}

// Each file's wall seconds when last measured: `scripts/test-times.json` (committed, from a whole run on a quiet
// 2-core machine: what a fresh clone balances by), overridden by this checkout's own last runs, which every run
// writes to node_modules/.cache/ponte-test-times.json. A file never measured (a new journey) counts as
// DEFAULT_SECONDS of its kind until its first run.
const TIMES_FILE = join(root, 'scripts/test-times.json');
const LOCAL_TIMES_FILE = join(root, 'node_modules/.cache/ponte-test-times.json');
const LAST_RUN_FILE = join(root, 'node_modules/.cache/ponte-test-last-run.json');
const readTimes = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
};
const committedTimes = readTimes(TIMES_FILE);
const localTimes = readTimes(LOCAL_TIMES_FILE);
const DEFAULT_SECONDS = { e2e: 20, unit: 1 };
function weightOf(f) {
  const key = relative(root, f);
  return (
    localTimes[key] ?? committedTimes[key] ?? DEFAULT_SECONDS[key.startsWith('test/e2e/') ? 'e2e' : 'unit']
  );
}
/** Keeps the wall seconds of every file measured in this run for the next run's split. */
function saveTimes(results, { commit = false } = {}) {
  const measured = {};
  for (const r of results)
    for (const [file, s] of Object.entries(r.counted.files)) measured[file] = Math.round(s.wallMs / 100) / 10;
  if (Object.keys(measured).length === 0) return;
  try {
    mkdirSync(dirname(LOCAL_TIMES_FILE), { recursive: true });
    // Every file's wall and CPU of this run, for a person looking for where the time goes.
    writeFileSync(
      LAST_RUN_FILE,
      `${JSON.stringify(Object.assign({}, ...results.map((r) => r.counted.files)), null, 2)}\n`,
    );
    writeFileSync(LOCAL_TIMES_FILE, `${JSON.stringify({ ...localTimes, ...measured }, null, 2)}\n`);
    if (commit) {
      const all = { ...committedTimes, ...measured };
      const sorted = Object.fromEntries(
        Object.keys(all)
          .sort()
          .map((k) => [k, all[k]]),
      );
      writeFileSync(TIMES_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
      console.log(`times of ${Object.keys(measured).length} files written to ${relative(root, TIMES_FILE)}`);
    }
  } catch (e) {
    console.warn(`cannot keep the test times: ${e.message}`);
  }
}

// Files that share a server of their own stay in one journey worker (the public check's rights*.test.ts).
const E2E_TOGETHER = [['test/e2e/rights.test.ts', 'test/e2e/rights-languages.test.ts']];

/**
 * The unit and route test files that start processes of their own (`ponte backup`, `ponte doctor`, the CLI, the
 * benchmarks): they stay in one process, whose work is mostly in its children, apart from the files that work in
 * the test process itself.
 */
const spawnsProcesses = (f) =>
  /\b(spawn|spawnSync|execFile|execFileSync|fork)\(/.test(readFileSync(f, 'utf8'));

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The machine's CPU time so far, busy and idle, in milliseconds (Linux's /proc/stat; null elsewhere): the busy
 * share over a run says whether the suite waited (idle cores) or had every core at work, whatever the processes
 * (the browser's helpers included, which leave the process tree).
 */
function machineCpuMs() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + f[4];
    const all = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (all - idle) * 10, idle: idle * 10 };
  } catch {
    return null;
  }
}

/** The end of a run: per phase, the slowest files, the counts of tests and of accessibility scans. */
function summarise(results, startedMs, cpu0, machine0) {
  const files = results.flatMap((r) => Object.entries(r.counted.files).map(([file, s]) => ({ file, ...s })));
  const total = (key) => results.reduce((n, r) => n + (r.summary[key] ?? 0), 0);
  console.log('\n== summary ==');
  console.log(
    'slowest test files (wall; CPU of the test process and, for the journeys, of its browser, read from /proc: approximate):',
  );
  for (const f of files.sort((a, b) => b.wallMs - a.wallMs).slice(0, 10))
    console.log(
      `  ${secs(f.wallMs).padStart(8)} wall ${secs(f.cpuMs).padStart(8)} CPU  ${f.file} (${f.tests} tests)`,
    );
  console.log('phases (side by side, so their walls overlap):');
  for (const r of results) {
    const s = r.summary;
    console.log(
      `  ${r.label}: ${secs(r.wallMs)} wall, ~${r.counted.cpuMs === undefined ? '?' : secs(r.counted.cpuMs)} CPU; tests ${s.tests ?? '?'} (pass ${s.pass ?? '?'}, fail ${s.fail ?? '?'}, skipped ${s.skipped ?? '?'}, todo ${s.todo ?? '?'})${r.status ? ' FAILED' : ''}`,
    );
  }
  const scans = results.reduce((n, r) => n + r.counted.axeScans, 0);
  const ran = results.reduce((n, r) => n + r.counted.axeRuns, 0);
  const axeMs = results.reduce((n, r) => n + (r.counted.axeMs ?? 0), 0);
  console.log(
    `total: ${secs(Date.now() - startedMs)} wall, ${secs(childrenCpuMs() - cpu0 + results.reduce((n, r) => n + (r.counted.orphanCpuMs ?? 0), 0))} CPU; tests ${total('tests')} (pass ${total('pass')}, fail ${total('fail')}, skipped ${total('skipped')}); axe scans ${scans} (${ran} run by axe, ${scans - ran} of a page already scanned in the same state; ${secs(axeMs)} in the scans)`,
  );
  const machine = machineCpuMs();
  if (machine && machine0) {
    const busy = machine.busy - machine0.busy;
    const idle = machine.idle - machine0.idle;
    console.log(
      `machine: ${secs(busy)} CPU busy, ${secs(idle)} idle over ${availableParallelism()} cores (${Math.round((100 * busy) / (busy + idle))} % busy; other work on the machine counts too)`,
    );
  }
}

// The dates of `--dates` (issue 10), each read in Italy (a bare date is 09:00 that day), and the tests that take
// "today" from the application's clock instead of pinning it: they run once per date, with PONTE_TEST_NOW set for
// the whole process (platform/clock.ts). Everything else pins its own dates and gains nothing from these runs.
const DATES = [
  ['2026-12-24', 'Christmas Eve: Christmas, Santo Stefano and the New Year ahead'],
  ['2026-12-26', 'Saturday 26 December, a public holiday'],
  ['2026-12-31T23:30', 'New Year’s Eve: the year turns during the run'],
  ['2027-03-28T01:30', 'the night the clocks go forward'],
  ['2027-03-29', 'Easter Monday 2027'],
  ['2027-10-31T02:30', 'the night the clocks go back (the first 02:30)'],
  ['2028-02-29', '29 February'],
];
const DATED = [
  'packages/app/src/platform/auth/throttle.test.ts',
  'packages/app/src/platform/jobs/jobs.test.ts',
  'packages/app/src/features/auth/login.test.ts',
  'packages/app/src/features/auth/throttle.test.ts',
  'packages/app/src/features/cases/cases.test.ts',
  'packages/app/src/features/cases/retention.test.ts',
  'packages/app/src/features/cards/cards.test.ts',
  'packages/app/src/features/desks/booking/today.test.ts',
  'packages/app/src/features/desks/demo/demo-cases.test.ts',
];

/**
 * The environment of the `i`-th unit process: on a PostgreSQL server (DATABASE_URL), each process rebuilds the
 * `public` schema of a database of its own — the first the one given, the others beside it with a suffix
 * (`test`, `test_2`…), created here when missing.
 */
async function databaseOf(i) {
  const url = process.env.DATABASE_URL;
  if (!url || i === 0) return {};
  const own = new URL(url);
  const name = `${decodeURIComponent(own.pathname.slice(1))}_${i + 1}`;
  own.pathname = `/${encodeURIComponent(name)}`;
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  return { DATABASE_URL: own.toString() };
}

const match = (f) => filters.length === 0 || filters.some((s) => f.includes(s));

// Made once here, before the test processes start, so that on a fresh clone they do not all make them at the same
// time: the staff stylesheet cut from Bootstrap Italia (platform/http/assets.ts), and the migrated PGlite image
// every test database and journey server starts from (packages/app/test/helpers.ts, `migratedPglite`); both are
// kept in node_modules/.cache, so a later run only checks them.
{
  const built = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "await Promise.all([(await import('./packages/app/src/platform/http/assets.ts')).buildStylesheet(), (await import('./packages/app/test/helpers.ts')).migratedPglite()])",
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  );
  if (built.status !== 0) {
    console.error('cannot build the staff stylesheet or the migrated test database');
    process.exit(1);
  }
}

if (args.has('--dates')) {
  // Each run is one process with its own embedded database, mostly single-threaded: two at a time use two cores.
  const started = Date.now();
  const files = DATED.map((f) => join(root, f)).filter(match);
  const queue = [...DATES];
  const failed = [];
  const results = [];
  const cpu0 = childrenCpuMs();
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const r = await runFiles(files, `dated run at ${next[0]} (${next[1]})`, {
        env: { PONTE_TEST_NOW: next[0] },
      });
      results.push(r);
      console.log(
        `-- ${next[0]}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${(r.wallMs / 1000).toFixed(0)} s, ~${r.counted.cpuMs === undefined ? '?' : (r.counted.cpuMs / 1000).toFixed(0)} s CPU, ${r.summary.tests ?? '?'} tests`,
      );
      if (r.status !== 0) failed.push(next[0]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, worker));
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  // Per file, over all the dates: where the dated runs spend their time.
  const perFile = {};
  for (const r of results)
    for (const [file, f] of Object.entries(r.counted.files)) {
      perFile[file] ??= { wallMs: 0, cpuMs: 0 };
      perFile[file].wallMs += f.wallMs;
      perFile[file].cpuMs += f.cpuMs;
    }
  for (const [file, f] of Object.entries(perFile).sort((a, b) => b[1].wallMs - a[1].wallMs))
    console.log(
      `  ${(f.wallMs / 1000).toFixed(1).padStart(7)} s wall ${(f.cpuMs / 1000).toFixed(1).padStart(7)} s CPU  ${file}`,
    );
  console.log(
    `\n== dated runs: ${DATES.length} dates in ${secs} s wall, ${((childrenCpuMs() - cpu0) / 1000).toFixed(0)} s CPU, ${results.reduce((n, r) => n + (r.summary.tests ?? 0), 0)} tests; ${failed.length ? `FAILED at ${failed.join(', ')}` : 'all passed'} ==`,
  );
  process.exit(failed.length ? 1 : 0);
}
const started = Date.now();
const cpu0 = childrenCpuMs();
const machine0 = machineCpuMs();
const phases = [];
if (!args.has('--e2e')) {
  // test/security/ (issue 11) runs with the unit and route tests.
  const security = join(root, 'test/security');
  let files = [...walk(join(root, 'packages')), ...(existsSync(security) ? walk(security) : [])]
    .filter(match)
    .sort();
  if (args.has('--db'))
    files = files.filter((f) => /getTestDb|testApp|ownTestDb/.test(readFileSync(f, 'utf8')));
  // UNIT_PROCESSES processes side by side, each with its own migrated database (0003, 0059); the files that start
  // processes of their own together in one of them. A run of a few seconds stays in one process.
  const total = files.reduce((w, f) => w + weightOf(f), 0);
  const spawning = files.filter(spawnsProcesses).map((f) => relative(root, f));
  const groups = split(files, total < 30 ? 1 : UNIT_PROCESSES, [spawning]);
  const what = args.has('--db') ? 'database tests' : 'unit and route tests';
  for (const [i, g] of groups.entries()) {
    phases.push(
      runFiles(g.files, groups.length > 1 ? `${what}, process ${i + 1} of ${groups.length}` : what, {
        env: await databaseOf(i),
        live: groups.length === 1,
      }),
    );
  }
}
if (!args.has('--unit') && !args.has('--db')) {
  const e2e = existsSync(join(root, 'test/e2e')) ? walk(join(root, 'test/e2e')).filter(match).sort() : [];
  const groups = split(e2e, E2E_WORKERS, E2E_TOGETHER);
  const alone = phases.length === 0 && groups.length === 1;
  groups.forEach((g, i) => {
    phases.push(
      runFiles(
        g.files,
        groups.length > 1 ? `browser journeys, worker ${i + 1} of ${groups.length}` : 'browser journeys',
        { env: { PONTE_TEST_TREE_CPU: '1' }, live: alone },
      ),
    );
  });
}
const results = await Promise.all(phases);
summarise(results, started, cpu0, machine0);
// Only a whole `npm test` (no filter, no other engine or date) rewrites the committed table, and only when asked.
saveTimes(results, { commit: args.has('--save-times') && filters.length === 0 && !args.has('--db') });
process.exit(results.some((r) => r.status !== 0) ? 1 : 0);
