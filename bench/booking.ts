// Benchmark of desk booking (issue 5): 1,000 concurrent conflicting hold requests against PostgreSQL
// (DATABASE_URL, required). It migrates the database if needed, creates its own INPS office, CAV, officer,
// cards and one desk day (in fresh rows: nothing existing is touched), then fires BENCH_N requests (default
// 1,000) spread over BENCH_SLOTS slots (default 25) all at once, through the same service the routes call.
// Prints bookings made (must equal the number of slots: one per slot), refusals, p50/p99 latency, throughput.

import { loadConfig } from '../packages/app/src/config.ts';
import * as svc from '../packages/app/src/features/desks/booking/service.ts';
import { isItalianHoliday } from '../packages/app/src/features/desks/index.ts';
import * as planSvc from '../packages/app/src/features/desks/planning/desks.ts';
import { configureAuditKey } from '../packages/app/src/platform/audit/audit.ts';
import { todayInRome } from '../packages/app/src/platform/clock.ts';
import { openDatabase } from '../packages/app/src/platform/db/database.ts';
import { migrateToLatest } from '../packages/app/src/platform/db/migrate.ts';
import { benchNetwork } from './network.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'bench/booking: set DATABASE_URL to a PostgreSQL database (it is migrated, and rows are added).',
  );
  process.exit(2);
}
const N = Number(process.env.BENCH_N ?? 1000);
const SLOTS = Number(process.env.BENCH_SLOTS ?? 25);
const POOL = Number(process.env.BENCH_POOL ?? 20);

const database = await openDatabase({ databaseUrl: url, poolSize: POOL });
const { db } = database;
await migrateToLatest(db);
// The services audit what they do: with the audit key of this configuration, as a Ponte on this database would.
configureAuditKey(loadConfig().auditKey);

const { tag, dirCtx, opCtx, officer: trainedOfficer, card } = await benchNetwork(db);
const officer = await trainedOfficer();
const cards: string[] = [];
for (let i = 0; i < 20; i++) cards.push(await card());

// A desk day far enough ahead, on a working day: SLOTS slots of 10 minutes without buffer, from 08:00 Rome.
const desk = await planSvc.createDesk(db, dirCtx, { kind: 'phone', name: `Bench ${tag}` });
const endMinutes = 8 * 60 + SLOTS * 10;
const end = `${String(Math.floor(endMinutes / 60)).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
// A Tuesday about two months ahead that is no public holiday (desk days may be planned up to two years ahead).
let day = todayInRome().add({ days: 60 });
while (day.dayOfWeek !== 2 || isItalianHoliday(day)) day = day.add({ days: 1 });
const session = await planSvc.createSession(db, dirCtx, desk, {
  officer,
  date: day.toString(),
  start: '08:00',
  end,
  slot_minutes: '10',
  buffer_minutes: '0',
});
const row = await db
  .selectFrom('desk_session')
  .selectAll()
  .where('id', '=', session)
  .executeTakeFirstOrThrow();
const slots = svc.slotsOf(row).map((s) => s.starts_at.toISOString());

// Baseline, in the same process and pool: N concurrent transactions that each read the desk day and write nothing
// (one round trip of the same shape without any conflict), so the ratio shows what booking itself costs.
async function baseline(): Promise<{ p50: number; p99: number; perSecond: number }> {
  const times: number[] = [];
  const b0 = performance.now();
  await Promise.all(
    Array.from({ length: N }, async () => {
      const start = performance.now();
      await db
        .transaction()
        .execute((tx) =>
          tx.selectFrom('desk_session').select('id').where('id', '=', session).executeTakeFirst(),
        );
      times.push(performance.now() - start);
    }),
  );
  const seconds = (performance.now() - b0) / 1000;
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), perSecond: N / seconds };
}
const base = await baseline();

const latencies: number[] = [];
let booked = 0;
let refused = 0;
let failed = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: N }, async (_, i) => {
    const start = performance.now();
    try {
      await svc.holdSlot(
        db,
        opCtx,
        cards[i % cards.length] as string,
        session,
        slots[i % slots.length] as string,
      );
      booked++;
    } catch (e) {
      if (e instanceof svc.FormError) refused++;
      else {
        failed++;
        console.error(e);
      }
    } finally {
      latencies.push(performance.now() - start);
    }
  }),
);
const elapsed = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;

console.log(`requests: ${N} over ${slots.length} slots, pool ${POOL}`);
console.log(`bookings made: ${booked} (expected ${slots.length}: one per slot)`);
console.log(`refused with a clear message: ${refused}; unexpected errors: ${failed}`);
console.log(`latency p50: ${q(0.5).toFixed(1)} ms, p99: ${q(0.99).toFixed(1)} ms`);
console.log(`throughput: ${(N / elapsed).toFixed(0)} requests/s (${elapsed.toFixed(2)} s)`);
console.log(
  `baseline (${N} concurrent read-only transactions, same pool): p50 ${base.p50.toFixed(1)} ms, p99 ${base.p99.toFixed(1)} ms, ${base.perSecond.toFixed(0)} /s`,
);
console.log(
  `ratio to baseline: p50 ×${(q(0.5) / base.p50).toFixed(1)}, p99 ×${(q(0.99) / base.p99).toFixed(1)}, throughput ×${(N / elapsed / base.perSecond).toFixed(2)}`,
);
await database.close();
if (booked !== slots.length || failed > 0) process.exit(1);
