import { sql } from 'kysely';
import { now as clockNow, todayInRome } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { enqueue } from '../../platform/jobs/jobs.ts';
import { databaseState } from '../network/index.ts';
import { REFRESH_JOB, refreshRollups } from './refresh.ts';
import { seedSynthetic } from './synthetic.ts';

// The monitoring share of the demo network (`ponte start`): the demo network has three cases, too few for any
// figure to pass the threshold; so, once, a small synthetic network (clearly fictional: "sintetico", "dati di
// fantasia") with three years of history, a Reddito di Libertà budget for its Regione, and a first refresh.
// Idempotent: skipped when synthetic cases exist; never on a database with real data.

export const DEMO_SYNTHETIC_CASES = 1500;

export async function monitoringDemo(db: Db, cases = DEMO_SYNTHETIC_CASES): Promise<void> {
  if ((await databaseState(db)) === 'real') return;
  const has = await sql<{
    n: number;
  }>`select count(*)::integer as n from case_file where code like 'SY%'`.execute(db);
  if (has.rows[0]!.n === 0) {
    await seedSynthetic(db, { cases, batch: 1500 });
    const year = todayInRome().year;
    await sql`
      insert into monitoring_budget (year, territory_id, amount_cents, set_by, set_at)
      select y, 'syn-regione', 250000000, '00000000-0000-4000-8000-00000005e001', ${clockNow()}
      from generate_series(${year - 3}::integer, ${year}::integer) y
      on conflict do nothing`.execute(db);
    // Synthetic rows carry past timestamps, which a watermark cannot see: recompute everything once.
    await refreshRollups(db, { full: true });
    return;
  }
  // A later start: the refresh of what changed since the last one is the refresh job's, run by the worker after the
  // server listens (a second of the start otherwise, issue 16); not the hour's scheduled run, which may be done.
  await enqueue(db, REFRESH_JOB);
}
