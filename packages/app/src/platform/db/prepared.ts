import { type Compilable, CompiledQuery } from 'kysely';
import type { Db } from './database.ts';

/**
 * A query built and compiled once per database, then only bound to its values at each call (decision 0069).
 * Building a Kysely query and compiling it to SQL was a fifth of a staff page's CPU (the case page's one query of
 * JSON aggregates is a tree of hundreds of nodes): a page's hot queries are the same SQL at every request, with
 * other values.
 *
 * `build` receives stand-ins (strings) for its arguments and must use each of them as a plain value of the query
 * (a parameter `$n`: a string, a number, a Date…), never to choose its shape: no `if (arg)`, no `in` list of a
 * varying length, no `sql.lit`. The first compilation checks what it can: every stand-in must be a parameter, and
 * none may be in the SQL's text. The values then reach the driver exactly as the built query would pass them.
 */
export function prepared<A extends unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Promise<R[]> {
  const compiled = new WeakMap<Db, { sql: string; parameters: readonly unknown[]; slots: number[] }>();
  return async (db, ...args) => {
    let c = compiled.get(db);
    if (!c) {
      const marks = args.map((_, i) => `\u0000ponte-prepared-${i}\u0000`);
      const query = build(db, ...(marks as A)).compile();
      const slots = query.parameters.map((p) => (typeof p === 'string' ? marks.indexOf(p) : -1));
      marks.forEach((mark, i) => {
        if (query.sql.includes(mark) || !slots.includes(i)) {
          throw new Error(`prepared query: argument ${i} is not a parameter of the query`);
        }
      });
      c = { sql: query.sql, parameters: query.parameters, slots };
      compiled.set(db, c);
    }
    const { sql, parameters, slots } = c;
    const values = parameters.map((p, i) => {
      const slot = slots[i] as number;
      return slot >= 0 ? args[slot] : p;
    });
    const result = await db.executeQuery<R>(CompiledQuery.raw(sql, values));
    return result.rows;
  };
}
