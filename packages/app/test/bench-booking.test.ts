import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { getTestDb, testConfig } from './helpers.ts';

// The desks benchmarks must keep running as the schema moves (it is not timed here): a small run against the
// PostgreSQL test database, in its own process, must make one booking per slot and no unexpected error.
const root = resolve(import.meta.dirname, '../../..');
// The benchmarks append to the test database's audit log: with its key, and no data folder of their own.
const benchEnv = () => ({ PONTE_AUDIT_KEY: testConfig().auditKey, PONTE_DATA_DIR: ':memory:' });

test('bench/booking runs: one booking per slot, refusals for the rest, the baseline ratio printed', {
  skip: !process.env.DATABASE_URL && 'needs DATABASE_URL (PostgreSQL)',
}, async () => {
  await getTestDb();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/booking.ts'], {
    cwd: root,
    env: { ...process.env, ...benchEnv(), BENCH_N: '60', BENCH_SLOTS: '4', BENCH_POOL: '5' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /bookings made: 4 \(expected 4: one per slot\)/);
  assert.match(r.stdout, /refused with a clear message: 56; unexpected errors: 0/);
  assert.match(r.stdout, /ratio to baseline: p50 ×[\d.]+/);
});

test('bench/free-slots runs: a year of desk days, the slots offered and the ratio printed', {
  skip: !process.env.DATABASE_URL && 'needs DATABASE_URL (PostgreSQL)',
}, async () => {
  await getTestDb();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/free-slots.ts'], {
    cwd: root,
    env: { ...process.env, ...benchEnv(), BENCH_RUNS: '2' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /desk days: 1[45]\d; appointments booked: \d+; free slots offered: \d+/);
  assert.match(r.stdout, /the booking page \(28 days, \d+ desk days\): median [\d.]+ ms/);
  assert.match(r.stdout, /ratio ×[\d.]+\n.*\n.*ratio ×[\d.]+/);
});
