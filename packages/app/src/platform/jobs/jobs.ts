import { hostname } from 'node:os';
import { sql } from 'kysely';
import { now, nowMs } from '../clock.ts';
import type { Db } from '../db/database.ts';

// Background jobs live in the database (architecture.md §4): any instance may run any job, a job survives a
// restart, and `FOR UPDATE SKIP LOCKED` hands each job to exactly one worker. A job whose worker died is
// picked up again once its lease (`locked_until`) has passed, so every handler must be idempotent.

export type JobHandler = (
  payload: Record<string, unknown>,
  ctx: { db: Db; jobId: number; attempt: number },
) => Promise<void>;

/** When a job runs by itself: once per period, across all instances (the unique key makes the others no-ops). */
export interface Schedule {
  every: 'hour';
}

/** A job a feature (or the platform) declares: its kind, its handler and, when it runs by itself, its schedule. */
export interface JobDefinition {
  kind: string;
  handler: JobHandler;
  schedule?: Schedule;
}

/** The unique key of a scheduled job's run in the period of `at` (e.g. `cards.autoclose:2026-12-07T17`). */
export function periodKey(kind: string, schedule: Schedule, at: Date): string {
  switch (schedule.every) {
    case 'hour':
      return `${kind}:${at.toISOString().slice(0, 13)}`;
  }
}

export interface EnqueueOptions {
  /** A job with the same key is enqueued once (later calls are ignored while it exists). */
  uniqueKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Adds a job; returns its id, or null when a job with the same unique key already exists. */
export async function enqueue(
  db: Db,
  kind: string,
  payload: Record<string, unknown> = {},
  opts: EnqueueOptions = {},
): Promise<number | null> {
  const row = await db
    .insertInto('job')
    .values({
      kind,
      payload: JSON.stringify(payload),
      unique_key: opts.uniqueKey ?? null,
      run_at: opts.runAt ?? now(),
      created_at: now(),
      max_attempts: opts.maxAttempts ?? 5,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

export interface WorkerOptions {
  /** How long a claimed job stays reserved before another worker may take it over. */
  leaseSeconds?: number;
  pollMs?: number;
  workerId?: string;
  onError?: (error: unknown, job: { id: number; kind: string }) => void;
}

/** Claims and runs due jobs of the registered kinds until stopped. */
export class JobWorker {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules = new Map<string, Schedule>();
  private timer: NodeJS.Timeout | undefined;
  private hourly: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  readonly workerId: string;

  constructor(
    private readonly db: Db,
    private readonly opts: WorkerOptions = {},
  ) {
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Registers the handler of a kind; with a schedule, the worker also enqueues it once per period. */
  register(kind: string, handler: JobHandler, opts: { schedule?: Schedule } = {}): this {
    this.handlers.set(kind, handler);
    if (opts.schedule) this.schedules.set(kind, opts.schedule);
    else this.schedules.delete(kind);
    return this;
  }

  /** Registers declared jobs, each with its schedule. */
  registerAll(jobs: readonly JobDefinition[]): this {
    for (const job of jobs) this.register(job.kind, job.handler, { schedule: job.schedule });
    return this;
  }

  /** The kinds that run by themselves, with their schedules. */
  scheduled(): ReadonlyMap<string, Schedule> {
    return this.schedules;
  }

  /** Enqueues each scheduled kind for the current period (a no-op for a kind already enqueued in it). */
  async enqueueScheduled(): Promise<void> {
    const at = now();
    for (const [kind, schedule] of this.schedules) {
      await enqueue(this.db, kind, {}, { uniqueKey: periodKey(kind, schedule, at) });
    }
  }

  /** Claims one due job (or none) in a short transaction. */
  private async claim(): Promise<{
    id: number;
    kind: string;
    payload: Record<string, unknown>;
    attempts: number;
  } | null> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return null;
    const lease = this.opts.leaseSeconds ?? 300;
    return this.db.transaction().execute(async (tx) => {
      const at = now();
      const job = await tx
        .selectFrom('job')
        .select(['id', 'kind', 'payload', 'attempts'])
        .where('kind', 'in', kinds)
        .where('run_at', '<=', at)
        .where((eb) =>
          eb.or([
            eb('status', '=', 'pending'),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<', at)]),
          ]),
        )
        .orderBy('run_at')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!job) return null;
      await tx
        .updateTable('job')
        .set({
          status: 'running',
          locked_by: this.workerId,
          locked_until: new Date(at.getTime() + lease * 1000),
          attempts: sql<number>`attempts + 1`,
        })
        .where('id', '=', job.id)
        .execute();
      const payload = typeof job.payload === 'string' ? JSON.parse(job.payload) : job.payload;
      return { id: Number(job.id), kind: job.kind, payload, attempts: job.attempts + 1 };
    });
  }

  /** Runs due jobs until none is left; returns how many ran. */
  async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const job = await this.claim();
      if (!job) return ran;
      ran++;
      const handler = this.handlers.get(job.kind)!;
      try {
        await handler(job.payload, { db: this.db, jobId: job.id, attempt: job.attempts });
        await this.db
          .updateTable('job')
          .set({ status: 'done', finished_at: now(), locked_until: null, last_error: null })
          .where('id', '=', job.id)
          .where('locked_by', '=', this.workerId)
          .execute();
      } catch (error) {
        this.opts.onError?.(error, job);
        const message = error instanceof Error ? error.message.slice(0, 500) : 'error';
        const row = await this.db
          .selectFrom('job')
          .select('max_attempts')
          .where('id', '=', job.id)
          .executeTakeFirst();
        const final = job.attempts >= (row?.max_attempts ?? 1);
        // Exponential back-off: 30 s, 1 min, 2 min… before the next attempt.
        await this.db
          .updateTable('job')
          .set({
            status: final ? 'failed' : 'pending',
            last_error: message,
            locked_until: null,
            finished_at: final ? now() : null,
            run_at: new Date(nowMs() + 30_000 * 2 ** (job.attempts - 1)),
          })
          .where('id', '=', job.id)
          .execute();
      }
    }
  }

  /** Enqueues the scheduled jobs (now, then every hour), and starts polling: at once, or after one interval. */
  async start(o: { firstPollAfterInterval?: boolean } = {}): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    const schedule = () =>
      this.enqueueScheduled().catch((error) => this.opts.onError?.(error, { id: 0, kind: 'schedule' }));
    await schedule();
    this.hourly = setInterval(schedule, 3600_000);
    this.hourly.unref();
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.drain()
        .then(() => undefined)
        .catch((error) => this.opts.onError?.(error, { id: 0, kind: 'worker' }));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, this.opts.pollMs ?? 2000);
    };
    this.timer = setTimeout(tick, o.firstPollAfterInterval ? (this.opts.pollMs ?? 2000) : 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.hourly);
    clearTimeout(this.timer);
    await this.running;
  }
}
