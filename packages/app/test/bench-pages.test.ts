import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { getTestDb, testConfig } from './helpers.ts';

// bench/pages must keep running as the pages move (it is not timed here): a run of a fraction of a second per page,
// in its own process on the PostgreSQL test database, prints a line per page with its ratio.
const root = resolve(import.meta.dirname, '../../..');

test('bench/pages runs: every page answers and is measured against an authenticated /healthz', {
  // On PGlite the run works too (npm run bench:pages), but its migrations cost the suite most of a minute.
  skip: !process.env.DATABASE_URL && 'needs DATABASE_URL (PostgreSQL)',
}, async () => {
  await getTestDb();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/pages.ts'], {
    cwd: root,
    // The tests' audit key: the bench appends to the same audit chain as every other test of the database.
    env: {
      ...process.env,
      PONTE_AUDIT_KEY: testConfig().auditKey,
      PONTE_DATA_DIR: ':memory:',
      BENCH_SECONDS: '0.3',
      BENCH_CONNECTIONS: '2',
    },
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.equal(r.status, 0, r.stderr);
  for (const page of [
    'case list',
    'case page',
    'INPS inbox',
    'INPS card',
    "officer's agenda",
    'booking page',
  ]) {
    assert.match(
      r.stdout,
      new RegExp(
        `${page} +\\d+ req/s +p50 +\\d+ ms +p99 +\\d+ ms +queries/request [1-9]\\d* +\\d+ % of /healthz`,
      ),
    );
  }
});
