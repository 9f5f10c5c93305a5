import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogEvent } from 'kysely';

/**
 * Counts the database round trips made inside a piece of asynchronous work (issue 16): a test pins the number of
 * queries of a page, so a page that starts querying once per row fails a count, not a timing. Outside
 * `countQueries` the hook costs one AsyncLocalStorage lookup per query.
 */
const counters = new AsyncLocalStorage<{ n: number; sql: string[] }>();

/** Kysely's `log` option: counts each executed query (and each failed one) in the current counter, if any. */
export function countingLog(event: LogEvent): void {
  const c = counters.getStore();
  if (!c) return;
  c.n += 1;
  c.sql.push(event.query.sql);
}

/** Runs `work` and returns its result with the number of queries it made (and their SQL, to explain a count). */
export async function countQueries<T>(
  work: () => Promise<T>,
): Promise<{ result: T; queries: number; sql: string[] }> {
  const c = { n: 0, sql: [] as string[] };
  const result = await counters.run(c, work);
  return { result, queries: c.n, sql: c.sql };
}
