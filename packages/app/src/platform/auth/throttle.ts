import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { now, nowMs } from '../clock.ts';
import type { Db } from '../db/database.ts';

// Fixed-window failure counters in the `throttle` table, so that every instance behind a load balancer sees the
// same counts (architecture.md §4). A key is blocked once it has `limit` failures inside a window that started
// at its first failure; it frees itself when that window ends. Times come from the application's clock
// (platform/clock.ts), passed to the database as a parameter, so that a test can move time; the instances' system
// clocks are kept in step (NTP), well within the seconds that these windows count.

export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
}

/** The login limits (docs/decisions/0011-staff-login.md). */
export const LOGIN_THROTTLE = {
  /** Per account: five failures (password, TOTP or recovery code) in 15 minutes lock the account until the window ends. */
  account: { limit: 5, windowSeconds: 15 * 60 },
  /** Per client address: twenty failures in 15 minutes, whatever the accounts tried. */
  ip: { limit: 20, windowSeconds: 15 * 60 },
} as const satisfies Record<string, ThrottleRule>;

/** A fixed-length key that names no one: the SHA-256 of its scope and value. */
export function throttleKey(scope: string, value: string): string {
  return `${scope}:${createHash('sha256').update(`${scope}\u0000${value}`).digest('hex')}`;
}

/** When a blocked key frees itself, or null when it is not blocked. */
export async function blockedUntil(db: Db, key: string, rule: ThrottleRule): Promise<Date | null> {
  const row = await db
    .selectFrom('throttle')
    .select(sql<Date>`window_start + ${rule.windowSeconds}::int * interval '1 second'`.as('until'))
    .where('key', '=', key)
    .where('hits', '>=', rule.limit)
    .where(
      sql<boolean>`window_start + ${rule.windowSeconds}::int * interval '1 second' > ${now()}::timestamptz`,
    )
    .where('window_start', '<=', now())
    .executeTakeFirst();
  return row ? new Date(row.until) : null;
}

/**
 * Counts one failure for `key` in one atomic statement (safe under concurrency and across instances) and
 * returns the count in the current window and when that window ends.
 */
export async function recordFailure(
  db: Db,
  key: string,
  rule: ThrottleRule,
): Promise<{ hits: number; until: Date; blocked: boolean }> {
  const window = sql`${rule.windowSeconds}::int * interval '1 second'`;
  const at = sql`${now()}::timestamptz`;
  // A window that ended, or that starts after now (the clock was set back: a test, a corrected system clock), is over.
  const over = sql`(throttle.window_start + ${window} <= ${at} or throttle.window_start > ${at})`;
  const r = await sql<{ hits: number; until: Date }>`
    insert into throttle (key, window_start, hits) values (${key}, ${at}, 1)
    on conflict (key) do update set
      hits = case when ${over} then 1 else throttle.hits + 1 end,
      window_start = case when ${over} then ${at} else throttle.window_start end
    returning hits, window_start + ${window} as until`.execute(db);
  const row = r.rows[0]!;
  const hits = Number(row.hits);
  return { hits, until: new Date(row.until), blocked: hits >= rule.limit };
}

/** Forgets the failures of a key (after a successful login, for the account key only). */
export async function resetThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('throttle').where('key', '=', key).execute();
}

/** Removes counters whose window ended long ago (housekeeping; a job may call it). */
export async function purgeThrottle(db: Db, olderThanSeconds = 24 * 3600): Promise<number> {
  const r = await db
    .deleteFrom('throttle')
    .where('window_start', '<', new Date(nowMs() - olderThanSeconds * 1000))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
