import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTestDb, testConfig } from '../../test/helpers.ts';
import { registerJobs } from '../app.ts';
import { type Feature, registerFeatureJobs } from './feature.ts';
import { JobWorker } from './jobs/jobs.ts';

test('each feature brings its own jobs and schedules; the housekeeping is no longer one job enqueuing others', async () => {
  const database = await getTestDb();
  const worker = new JobWorker(database.db);
  registerJobs(worker, { config: testConfig(), database });
  assert.deepEqual(Object.fromEntries(worker.scheduled()), {
    'session.purge': { every: 'hour' },
    'cards.autoclose': { every: 'hour' },
    'cases.retention': { every: 'hour' },
    'roundtables.reminder': { every: 'hour' },
    'training.reminder': { every: 'hour' },
    'training.refreshers': { every: 'hour' },
    'monitoring.refresh': { every: 'hour' },
  });
});

test('two features declaring the same job kind stop the start-up with both names', async () => {
  const database = await getTestDb();
  const job = { kind: 'x.same', handler: async () => {} };
  const a: Feature = { name: 'a', jobs: () => [job] };
  const b: Feature = { name: 'b', jobs: () => [job] };
  assert.throws(
    () =>
      registerFeatureJobs(new JobWorker(database.db), [a, b], {
        config: testConfig(),
        database,
        readDatabase: database,
      }),
    /x\.same is declared by both a and b/,
  );
});
