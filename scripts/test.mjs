#!/usr/bin/env node
// Runs the suite: every *.test.ts(x) under packages/ in ONE process (so the tests share one migrated
// database, as docs/decisions/0003-test-layout.md explains), then the browser journeys in test/e2e/.
// Flags: --unit (packages only), --e2e (browser only), --db (only the files that use the database).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

function run(files, label) {
  if (files.length === 0) return 0;
  console.log(`\n== ${label}: ${files.length} file(s) ==`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', join(root, 'scripts/all-tests.ts')],
    {
      stdio: 'inherit',
      cwd: root,
      env: { ...process.env, PONTE_TEST_FILES: files.join('\n'), NODE_ENV: 'test' },
    },
  );
  return r.status ?? 1;
}

const match = (f) => filters.length === 0 || filters.some((s) => f.includes(s));
let status = 0;
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
