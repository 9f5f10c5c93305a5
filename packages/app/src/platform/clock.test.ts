import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import {
  advanceClock,
  clockFromEnvironment,
  freezeClock,
  isoDateInRome,
  now,
  nowInRome,
  nowMs,
  resetClock,
  setClock,
  todayIso,
} from './clock.ts';

// The one clock (issue 10): tests and dated CI runs move it, and the whole application follows.

test('setClock moves now and lets it run; a bare date is 09:00 in Italy; freeze stops it; advance moves it', async (t) => {
  t.after(() => resetClock());
  setClock('2026-12-24');
  assert.equal(nowInRome().toString({ smallestUnit: 'minute' }), '2026-12-24T09:00+01:00[Europe/Rome]');
  const a = nowMs();
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(nowMs() > a, 'a set clock runs');
  freezeClock('2027-03-28T01:30');
  assert.equal(now().toISOString(), '2027-03-28T00:30:00.000Z');
  advanceClock(3600_000); // 02:30 does not exist that night: one hour later it is 03:30 summer time.
  assert.equal(nowInRome().toString({ smallestUnit: 'minute' }), '2027-03-28T03:30+02:00[Europe/Rome]');
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(now().toISOString(), '2027-03-28T01:30:00.000Z', 'a frozen clock stays');
  setClock('2026-12-31T23:30');
  assert.equal(todayIso(), '2026-12-31', 'still 2026 in Italy');
  assert.equal(now().getUTCFullYear(), 2026);
  advanceClock(31 * 60_000);
  assert.equal(todayIso(), '2027-01-01', 'the year turns at midnight in Italy, an hour before UTC');
  setClock(new Date('2028-02-29T12:00:00Z'));
  assert.equal(todayIso(), '2028-02-29');
  assert.throws(() => setClock('not a date'), /unreadable instant/);
});

test('resetClock goes back to the system clock when no dated run set it', (t) => {
  t.after(() => resetClock());
  setClock('2001-01-01');
  resetClock();
  // In a dated run (PONTE_TEST_NOW) resetting lands back on that run's clock instead.
  if (!process.env.PONTE_TEST_NOW) assert.ok(Math.abs(nowMs() - Date.now()) < 1000);
  assert.notEqual(todayIso(), '2001-01-01');
});

test('isoDateInRome names the Italian calendar day of an instant', () => {
  assert.equal(isoDateInRome(new Date('2026-12-31T22:59:59Z')), '2026-12-31');
  assert.equal(isoDateInRome(new Date('2026-12-31T23:00:00Z')), '2027-01-01');
  assert.equal(isoDateInRome(Date.UTC(2027, 9, 30, 22, 30)), '2027-10-31', 'summer time: UTC+2');
});

test('PONTE_TEST_NOW sets the clock of a whole process, never in production; a bad value stops it', () => {
  const script = "import('./clock.ts').then((c) => console.log(c.todayIso(), c.nowInRome().offset))";
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: resolve(import.meta.dirname),
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
  const dated = run({ NODE_ENV: 'test', PONTE_TEST_NOW: '2027-10-31T02:30' });
  assert.equal(dated.status, 0, dated.stderr);
  // 02:30 happens twice that night: the first one, still in summer time.
  assert.equal(dated.stdout.trim(), '2027-10-31 +02:00');
  const production = run({ NODE_ENV: 'production', PONTE_TEST_NOW: '2027-10-31T02:30' });
  assert.equal(production.status, 0, production.stderr);
  assert.notEqual(production.stdout.trim().slice(0, 10), '2027-10-31');
  const bad = run({ NODE_ENV: 'test', PONTE_TEST_NOW: 'tomorrow' });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /unreadable instant/);
  // The function itself ignores production too.
  clockFromEnvironment({ NODE_ENV: 'production', PONTE_TEST_NOW: '2001-01-01' });
  assert.notEqual(todayIso(), '2001-01-01');
});
