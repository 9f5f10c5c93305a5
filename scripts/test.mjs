#!/usr/bin/env node
// Runs the suite: every *.test.ts(x) under packages/ in ONE process (so the tests share one migrated
// database, as docs/decisions/0003-test-layout.md explains), then the browser journeys in test/e2e/.
// Flags: --unit (packages only), --e2e (browser only), --db (only the files that use the database),
// --dates (the tests that read the application's clock, once per fixed date: see DATES below and
// docs/decisions/0039-one-clock-fixed-dates.md).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
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

function run(files, label) {
  if (files.length === 0) return 0;
  console.log(`\n== ${label}: ${files.length} file(s) ==`);
  const r = spawnSync(process.execPath, testArgs, { stdio: 'inherit', cwd: root, env: testEnv(files) });
  return r.status ?? 1;
}

/** One dated run in the background; its output is printed whole when it ends, so runs side by side never mix. */
function runDated(files, date, why) {
  return new Promise((done) => {
    const t0 = Date.now();
    const out = [];
    const child = spawn(process.execPath, testArgs, {
      cwd: root,
      env: testEnv(files, { PONTE_TEST_NOW: date }),
    });
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => out.push(b));
    child.on('close', (code) => {
      const secs = ((Date.now() - t0) / 1000).toFixed(0);
      console.log(`\n== dated run at ${date} (${why}): ${files.length} file(s) ==`);
      process.stdout.write(Buffer.concat(out));
      console.log(`-- ${date}: ${code === 0 ? 'passed' : 'FAILED'} in ${secs} s`);
      done(code ?? 1);
    });
  });
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
  'packages/app/src/features/desks/today.test.ts',
  'packages/app/src/features/desks/demo-cases.test.ts',
];

const match = (f) => filters.length === 0 || filters.some((s) => f.includes(s));
let status = 0;
if (args.has('--dates')) {
  // Each run is one process with its own embedded database, mostly single-threaded: two at a time use two cores.
  const started = Date.now();
  const files = DATED.map((f) => join(root, f)).filter(match);
  const queue = [...DATES];
  const failed = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if ((await runDated(files, next[0], next[1])) !== 0) failed.push(next[0]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, worker));
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `\n== dated runs: ${DATES.length} dates in ${secs} s; ${failed.length ? `FAILED at ${failed.join(', ')}` : 'all passed'} ==`,
  );
  process.exit(failed.length ? 1 : 0);
}
if (!args.has('--e2e')) {
  // test/security/ (issue 11) runs with the unit and route tests, in the same process.
  const security = join(root, 'test/security');
  let files = [...walk(join(root, 'packages')), ...(existsSync(security) ? walk(security) : [])]
    .filter(match)
    .sort();
  if (args.has('--db'))
    files = files.filter((f) => /getTestDb|testApp|ownTestDb/.test(readFileSync(f, 'utf8')));
  status ||= run(files, args.has('--db') ? 'database tests' : 'unit and route tests');
}
if (!args.has('--unit') && !args.has('--db')) {
  const e2e = existsSync(join(root, 'test/e2e')) ? walk(join(root, 'test/e2e')).filter(match).sort() : [];
  status = run(e2e, 'browser journeys') || status;
}
process.exit(status);
