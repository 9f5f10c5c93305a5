import { sql } from 'kysely';
import { throttleKey } from '../auth/throttle.ts';
import { now } from '../clock.ts';
import type { Db } from '../db/database.ts';

// A store for @fastify/rate-limit on the `throttle` table, so that every instance behind a load balancer counts
// the same requests (architecture.md §4). One atomic upsert per request; the key is a hash of the route and the
// client address, never the address itself. "Now" is the application's clock (platform/clock.ts), passed as a
// parameter.

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface RouteOptions {
  routeInfo?: { method?: string; url?: string };
}

export function databaseRateLimitStore(db: Db) {
  return class DatabaseRateLimitStore {
    private readonly scope: string;

    constructor(_options?: unknown, scope = 'rate') {
      this.scope = scope;
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const window = sql`${Math.max(1, Math.ceil(timeWindow / 1000))}::int * interval '1 second'`;
      const at = sql`${now()}::timestamptz`;
      // A window that ended, or that starts after now (the clock was set back), is over.
      const over = sql`(throttle.window_start + ${window} <= ${at} or throttle.window_start > ${at})`;
      sql<{ hits: number; ttl: number }>`
        insert into throttle (key, window_start, hits) values (${throttleKey(this.scope, key)}, ${at}, 1)
        on conflict (key) do update set
          hits = case when ${over} then 1 else throttle.hits + 1 end,
          window_start = case when ${over} then ${at} else throttle.window_start end
        returning hits, ceil(extract(epoch from (window_start + ${window} - ${at})) * 1000)::int as ttl`
        .execute(db)
        .then(
          (r) => {
            const row = r.rows[0];
            cb(null, { current: Number(row?.hits ?? 1), ttl: Math.max(0, Number(row?.ttl ?? timeWindow)) });
          },
          (error: Error) => cb(error),
        );
    }

    read(key: string, cb: Callback, timeWindow: number): void {
      const window = sql`${Math.max(1, Math.ceil(timeWindow / 1000))}::int * interval '1 second'`;
      const at = sql`${now()}::timestamptz`;
      sql<{ hits: number; ttl: number }>`
        select hits, ceil(extract(epoch from (window_start + ${window} - ${at})) * 1000)::int as ttl
        from throttle where key = ${throttleKey(this.scope, key)} and window_start + ${window} > ${at} and window_start <= ${at}`
        .execute(db)
        .then(
          (r) => {
            const row = r.rows[0];
            cb(
              null,
              row ? { current: Number(row.hits), ttl: Number(row.ttl) } : { current: 0, ttl: timeWindow },
            );
          },
          (error: Error) => cb(error),
        );
    }

    child(routeOptions: object): DatabaseRateLimitStore {
      const r = (routeOptions as RouteOptions).routeInfo;
      return new DatabaseRateLimitStore(routeOptions, `rate:${r?.method ?? ''}:${r?.url ?? ''}`);
    }
  };
}

/** What spending a budget answered: allowed, or refused with the seconds until the window ends. */
export type BudgetAnswer =
  | { ok: true; spent: number; retryAfterSeconds: number }
  | { ok: false; spent: number; retryAfterSeconds: number };

/**
 * Spends `cost` units of the budget `limit` per window of `windowSeconds` for `key` (already hashed, e.g. with
 * throttleKey), in one atomic statement on the `throttle` table, so every instance counts the same units. A
 * request that would pass the limit is refused whole and spends nothing; a window that ended (or starts after
 * now: the clock was set back) starts again.
 */
export async function spendBudget(
  db: Db,
  key: string,
  cost: number,
  rule: { limit: number; windowSeconds: number },
): Promise<BudgetAnswer> {
  const window = sql`${rule.windowSeconds}::int * interval '1 second'`;
  const at = sql`${now()}::timestamptz`;
  const over = sql`(throttle.window_start + ${window} <= ${at} or throttle.window_start > ${at})`;
  const ttl = (start: ReturnType<typeof sql>) =>
    sql<number>`ceil(extract(epoch from (${start} + ${window} - ${at})))::int`;
  if (cost > rule.limit) return { ok: false, spent: 0, retryAfterSeconds: rule.windowSeconds };
  const r = await sql<{ hits: number; ttl: number }>`
    insert into throttle (key, window_start, hits) values (${key}, ${at}, ${cost})
    on conflict (key) do update set
      hits = case when ${over} then excluded.hits else throttle.hits + excluded.hits end,
      window_start = case when ${over} then ${at} else throttle.window_start end
    where ${over} or throttle.hits + excluded.hits <= ${rule.limit}
    returning hits, ${ttl(sql`window_start`)} as ttl`.execute(db);
  const row = r.rows[0];
  if (row) return { ok: true, spent: Number(row.hits), retryAfterSeconds: Math.max(1, Number(row.ttl)) };
  const held = await sql<{ hits: number; ttl: number }>`
    select hits, ${ttl(sql`window_start`)} as ttl from throttle where key = ${key}`.execute(db);
  const h = held.rows[0];
  return {
    ok: false,
    spent: Number(h?.hits ?? rule.limit),
    retryAfterSeconds: Math.min(rule.windowSeconds, Math.max(1, Number(h?.ttl ?? rule.windowSeconds))),
  };
}
