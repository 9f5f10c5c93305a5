import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import { countingLog } from './query-count.ts';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;

/** How a Ponte process reaches its database. */
export interface DbOptions {
  /** A PostgreSQL server; when absent, the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; `null` or absent keeps it in memory. */
  dataDir?: string | null | undefined;
  /** A prepared PGlite data snapshot to start from (tests restore one migrated instance this way). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
  /** Let the process exit while idle connections remain open (tests and one-shot commands). */
  allowExitOnIdle?: boolean;
  /** On a server, the role every connection switches to (`ponte_app`: may not change the audit log). */
  role?: string | undefined;
  /** On a server: milliseconds a new connection may take (a replica that is down must not hold a request). */
  connectTimeoutMs?: number;
  /** On a server: do not try a first query at opening (a read replica may be down when Ponte starts). */
  lazy?: boolean;
}

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The raw PGlite instance, when embedded (used to take snapshots in tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

// Both engines give the same JavaScript values: int8 and count(*) as numbers (Ponte's counts stay far below
// 2^53), dates as 'YYYY-MM-DD' strings (benefit periods are calendar dates, never instants).
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;
const parsers = {
  [INT8]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
  [NUMERIC]: (v: string) => Number(v),
};

/** Opens the database named by the options: PostgreSQL when `databaseUrl` is set, otherwise PGlite. */
export async function openDatabase(options: DbOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      allowExitOnIdle: options.allowExitOnIdle ?? false,
      ...(options.connectTimeoutMs ? { connectionTimeoutMillis: options.connectTimeoutMs } : {}),
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          (parsers as Record<number, (v: string) => unknown>)[oid] ??
          pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    if (options.role) {
      if (!/^[a-z_][a-z0-9_]*$/.test(options.role)) throw new Error('invalid database role name');
      const role = options.role;
      pool.on('connect', (client) => {
        client
          .query(`set role ${role}`)
          .catch(() => client.release(new Error(`cannot switch to role ${role}`)));
      });
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: countingLog });
    // A read replica's idle connection that breaks (the replica went away) is not the process's crash: the
    // reads fall back to the primary (platform/db/replica.ts).
    if (options.lazy) pool.on('error', () => {});
    else await sql`select 1`.execute(db);
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: options.dataDir ?? undefined,
      loadDataDir: options.loadDataDir,
      extensions: { btree_gist, pgcrypto },
      parsers,
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }), log: countingLog });
  return {
    db,
    engine: 'pglite',
    pglite,
    close: async () => {
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

/** The file that says which process has a PGlite data folder open. */
export const LOCK_FILE = 'ponte.lock';

export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
}

const heldLocks = new Map<string, number>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite has no lock of its own: a second process opening the same data folder (a `ponte backup` or
 * `ponte audit verify` while Ponte runs) would write to it behind the first one's back. Each opening takes
 * `<data>/ponte.lock` (the process id); another live process holding it is refused with a message saying what to do,
 * a lock left by a process that no longer runs is taken over. Re-entrant within one process. Returns the release.
 */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const n = (heldLocks.get(dir) ?? 1) - 1;
    if (n > 0) heldLocks.set(dir, n);
    else {
      heldLocks.delete(dir);
      rmSync(file, { force: true });
    }
  };
  const held = heldLocks.get(dir);
  if (held) {
    heldLocks.set(dir, held + 1);
    return release;
  }
  mkdirSync(dir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      heldLocks.set(dir, 1);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let pid = Number.NaN;
      try {
        pid = Number(readFileSync(file, 'utf8').trim());
      } catch {
        // Removed in between: try again.
      }
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataDirBusyError(
          `il database incorporato in ${dir} è già aperto dal processo ${pid} (Ponte è avviato?). PGlite si apre ` +
            `da un solo processo alla volta: ferma Ponte e riprova. Se nessun Ponte è in esecuzione, cancella ${file}.`,
        );
      }
      // Left by a process that has ended.
      rmSync(file, { force: true });
    }
  }
  throw new DataDirBusyError(`impossibile prendere ${file}`);
}
