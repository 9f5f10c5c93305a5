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
