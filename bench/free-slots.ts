// Benchmark of the booking page (issue 5) over a year of desk days. It builds, in an embedded database (or
// DATABASE_URL), one INPS office with 3 desks and 3 trained officers on recurring rules (every Tuesday, Wednesday
// and Thursday for 12 months: ~150 desk days) and books every third slot, then times the booking page (what
// GET /desks/cards/:id runs: four weeks of free slots from the earliest desk day) and `freeSlotsForCard` over the
// whole year. Baselines, in the same process and database: the single query that lists the desk days concerned,
// which any version of the page must run. Prints desk days, slots offered, median and p95, and the ratios.

import { loadConfig } from '../packages/app/src/config.ts';
import * as repo from '../packages/app/src/features/desks/booking/repository.ts';
import * as svc from '../packages/app/src/features/desks/booking/service.ts';
import * as planSvc from '../packages/app/src/features/desks/planning/desks.ts';
import * as rules from '../packages/app/src/features/desks/planning/service.ts';
import { configureAuditKey } from '../packages/app/src/platform/audit/audit.ts';
import { openDatabase } from '../packages/app/src/platform/db/database.ts';
import { migrateToLatest } from '../packages/app/src/platform/db/migrate.ts';
import { benchNetwork } from './network.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const database = process.env.DATABASE_URL
  ? await openDatabase({ databaseUrl: process.env.DATABASE_URL })
  : await openDatabase({ dataDir: null });
const { db } = database;
await migrateToLatest(db);
// The services audit what they do: with the audit key of this configuration, as a Ponte on this database would.
configureAuditKey(loadConfig().auditKey);

const { office, cav, dirCtx, opCtx, officer: trainedOfficer, card } = await benchNetwork(db);

const from = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
const until = new Date(Date.now() + 360 * 86400_000).toISOString().slice(0, 10);
for (const [i, weekday] of ['2', '3', '4'].entries()) {
  const officer = await trainedOfficer();
  const desk = await planSvc.createDesk(db, dirCtx, { kind: 'phone', name: `Bench ${i}` });
  await rules.createRule(db, dirCtx, desk, {
    officer,
    weekday,
    week_every: '1',
    start: '09:00',
    end: '13:00',
    slot_minutes: '30',
    buffer_minutes: '10',
    valid_from: from,
    valid_until: until,
  } as never);
}
const target = await svc.openCardFor(db, opCtx, await card());
const days = await repo.bookableSessions(db, office, cav, new Date());
let booked = 0;
for (const d of days) {
  const slots = svc.slotsOf(d);
  for (let k = 0; k < slots.length; k += 3) {
    const id = await svc.holdSlot(db, opCtx, await card(), d.id, slots[k]!.starts_at.toISOString());
    await svc.confirm(db, opCtx, id);
    booked++;
  }
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
const free = await svc.freeSlotsForCard(db, opCtx, target);
const offered = free.reduce((n, f) => n + f.slots.length, 0);
const base = await time(() => repo.bookableSessions(db, office, cav, new Date()));
const year = await time(() => svc.freeSlotsForCard(db, opCtx, target));
// What GET /desks/cards/:id runs: the window (four weeks from the earliest desk day, and the next desk day after
// it), then the free slots in it; its baseline is the one query listing the window's desk days.
const { window } = await svc.windowFor(db, opCtx, target, undefined);
const inWindow = await svc.freeSlotsForCard(db, opCtx, target, window);
const windowBase = await time(() => repo.bookableSessions(db, office, cav, new Date(), undefined, window.to));
const page = await time(async () => {
  const w = await svc.windowFor(db, opCtx, target, undefined);
  return svc.freeSlotsForCard(db, opCtx, target, w.window);
});

const ms = (xs: number[]) => `median ${q(xs, 0.5).toFixed(2)} ms, p95 ${q(xs, 0.95).toFixed(2)} ms`;
const ratio = (xs: number[], b: number[]) => `×${(q(xs, 0.5) / q(b, 0.5)).toFixed(1)}`;
console.log(`database: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)'}; ${RUNS} runs each`);
console.log(`desk days: ${days.length}; appointments booked: ${booked}; free slots offered: ${offered}`);
console.log(`the booking page (${svc.BOOKING_WINDOW_DAYS} days, ${inWindow.length} desk days): ${ms(page)}`);
console.log(
  `  baseline (the query listing those desk days): ${ms(windowBase)}; ratio ${ratio(page, windowBase)}`,
);
console.log(`every desk day of the year at once: ${ms(year)}`);
console.log(`  baseline (the query listing the desk days): ${ms(base)}; ratio ${ratio(year, base)}`);
await database.close();
