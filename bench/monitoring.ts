// Benchmark of the monitoring dashboard (issue 15) on PostgreSQL (DATABASE_URL, required; use a database of its
// own: synthetic cases are added to it). For each size of BENCH_SIZES (default 100000,1000000) it tops the
// synthetic network up to that many cases (`seedSynthetic`, progress on stderr), refreshes the rollups (the time of
// that refresh, which recomputes every touched cohort), then an incremental refresh after revoking 100 consents,
// then draws the charts of the default views ahead (as the job does), then times each dashboard view — the
// protected tables and their SVG charts, as the page builds them — and a plain
// `count(*)` over case_file in the same run: median of BENCH_RUNS runs (default 5). Goal: every view ≤ 1 s at 1M.

import { sql } from 'kysely';
import { loadConfig } from '../packages/app/src/config.ts';
import { chartsOf, forgetCharts } from '../packages/app/src/features/monitoring/charts.ts';
import '../packages/app/src/features/monitoring/messages.ts';
import {
  predrawCharts,
  refreshRollups,
  seedSynthetic,
} from '../packages/app/src/features/monitoring/index.ts';
import {
  benefitName,
  buildDashboard,
  type Filter,
  OUTSIDER,
} from '../packages/app/src/features/monitoring/service.ts';
import { progressBar } from '../packages/app/src/features/monitoring/synthetic.ts';
import { configureAuditKey } from '../packages/app/src/platform/audit/audit.ts';
import { todayInRome } from '../packages/app/src/platform/clock.ts';
import { openDatabase } from '../packages/app/src/platform/db/database.ts';
import { migrateToLatest } from '../packages/app/src/platform/db/migrate.ts';
import { translator } from '../packages/app/src/platform/i18n/index.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'bench/monitoring: set DATABASE_URL to a PostgreSQL database of its own (synthetic cases are added).',
  );
  process.exit(2);
}
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// BENCH_REFRESH=0 times the views only (on rollups already refreshed by an earlier run).
const REFRESH = process.env.BENCH_REFRESH !== '0';

const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
const { db } = database;
await migrateToLatest(db);
configureAuditKey(loadConfig().auditKey);
const t = translator('it');
const names = benefitName('it');

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const today = todayInRome();
const thisMonth = today.with({ day: 1 });
const views: { name: string; filter: Filter }[] = [
  {
    name: 'network, last 12 months',
    filter: {
      from: thisMonth.subtract({ months: 11 }).toString(),
      to: thisMonth.toString(),
      territory: null,
      orgKind: null,
    },
  },
  {
    name: 'network, three years',
    filter: {
      from: thisMonth.subtract({ months: 35 }).toString(),
      to: thisMonth.toString(),
      territory: null,
      orgKind: null,
    },
  },
  {
    name: 'one Regione, last 12 months',
    filter: {
      from: thisMonth.subtract({ months: 11 }).toString(),
      to: thisMonth.toString(),
      territory: 'syn-regione',
      orgKind: null,
    },
  },
  {
    name: 'one province, CAVs, three years',
    filter: {
      from: thisMonth.subtract({ months: 35 }).toString(),
      to: thisMonth.toString(),
      territory: 'syn-prov-1',
      orgKind: 'cav',
    },
  },
];
// A viewer from no organisation of the network (the organisation rule applies in full).
const viewer = OUTSIDER;

for (const size of SIZES) {
  const have = (
    await sql<{ n: number }>`select count(*)::integer as n from case_file where code like 'SY%'`.execute(db)
  ).rows[0]!.n;
  if (have < size) {
    const t0 = performance.now();
    await seedSynthetic(db, {
      cases: size - have,
      batch: 50_000,
      progress: (done, total) => process.stderr.write(`\r${progressBar(done, total)}`),
    });
    process.stderr.write('\n');
    console.log(`seeded ${size - have} synthetic cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  await sql`analyze`.execute(db);
  const total = (await sql<{ n: number }>`select count(*)::integer as n from case_file`.execute(db)).rows[0]!
    .n;
  if (!REFRESH) {
    const count = await median(() => sql`select count(*) from case_file`.execute(db));
    console.log(
      `\n== ${total.toLocaleString('en')} cases (views only) ==\nplain count(*) over case_file: ${count.toFixed(1)} ms`,
    );
    await timeViews(count);
    continue;
  }
  const r1 = await refreshRollups(db, { full: true });
  // A small change: 100 consents revoked, then the incremental refresh.
  await sql`update consent set revoked_at = now(), revoked_by = opened_by
    from case_file where case_file.id = consent.case_id and consent.id in (
      select id from consent where purpose = 'statistics' and revoked_at is null limit 100)`.execute(db);
  const r2 = await refreshRollups(db);
  const count = await median(() => sql`select count(*) from case_file`.execute(db));
  console.log(`\n== ${total.toLocaleString('en')} cases ==`);
  console.log(
    `full refresh: ${r1.ms} ms (${r1.cohorts} cohorts, ${r1.deskMonths} desk months, full: ${r1.full})`,
  );
  console.log(`incremental refresh after 100 revocations: ${r2.ms} ms (${r2.cohorts} cohorts)`);
  console.log(`plain count(*) over case_file: ${count.toFixed(1)} ms`);
  await timeViews(count);
}

await database.close();

async function timeViews(count: number): Promise<void> {
  // What the refresh job does after the rollups change: the charts of the default views drawn ahead (predraw.ts).
  const pre = await predrawCharts(db);
  console.log(
    `charts drawn ahead: ${pre.charts} charts of ${pre.views} views, ${pre.drawn} drawn now, ${pre.ms} ms`,
  );
  for (const v of views) {
    const view = async () => {
      const d = await buildDashboard(db, v.filter, viewer, t, names);
      await chartsOf(db, d.tables, t);
    };
    // First as a fresh process meets it (nothing in memory, templates not compiled): the charts come from those
    // drawn ahead when the view is one of them, else they are drawn; then the first time in a warm process (its
    // templates compiled); then the median, charts from the process's cache.
    forgetCharts({ templates: true });
    let t0 = performance.now();
    await view();
    const cold = performance.now() - t0;
    forgetCharts();
    t0 = performance.now();
    await view();
    const first = performance.now() - t0;
    const tables = await median(() => buildDashboard(db, v.filter, viewer, t, names));
    const ms = await median(view);
    console.log(
      `view "${v.name}": first in a fresh process ${cold.toFixed(0)} ms, first ${first.toFixed(0)} ms (${(first / count).toFixed(2)}× count(*)), then ${ms.toFixed(1)} ms (${(ms / count).toFixed(2)}× count(*)); tables alone ${tables.toFixed(1)} ms${Math.max(cold, first, ms) > 1000 ? '  ABOVE 1 s' : ''}`,
    );
  }
}
