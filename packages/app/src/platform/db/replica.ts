import { sql } from 'kysely';
import type { FeatureOptions } from '../feature.ts';
import { registerMessages } from '../i18n/index.ts';
import type { Database, Db } from './database.ts';

// Heavy reads from a PostgreSQL streaming replica (issue 18, decision 0056). `DATABASE_READ_URL` opens a second
// pool (server.ts) handed to every feature as `opts.readDatabase`; a feature that reads heavy data asks
// `readerFor(opts)` which database to read, and gets the primary back — with the reason, to say so on the page
// and in the log — when the replica does not answer, is not a replica, or lags beyond PONTE_READ_MAX_LAG_SECONDS.
// Never written to: the replica refuses writes by itself (read-only transactions of a hot standby).

export type ReplicaProblem = 'down' | 'lagging' | 'not_replica';

export interface ReplicaState {
  /** false: no replica configured (reads go to the primary by design, nothing to report). */
  configured: boolean;
  /** The replica is usable for reads now. */
  usable: boolean;
  problem: ReplicaProblem | null;
  /** Seconds behind the primary (0 when it has replayed all it received); null when unknown. */
  lagSeconds: number | null;
  /** What went wrong, for the log and `ponte doctor` (Italian, no secret). */
  detail: string | null;
}

export interface Reader {
  /** Where to read. */
  db: Db;
  /** true: a replica is configured but the reads go to the primary now. */
  fallback: boolean;
  /** Why (null when not a fallback): a message key of the page, `replica.fallback.<problem>`. */
  reason: ReplicaProblem | null;
}

/** Seconds a replica state is kept before it is asked again (one small query, not one per page). */
const STATE_TTL_MS = 5_000;
/** Milliseconds the replica has to answer the state query. */
const ANSWER_MS = 2_000;

const cache = new WeakMap<Database, { at: number; value: Promise<ReplicaState> }>();

/**
 * The state of a replica: whether it answers, is in recovery (a hot standby), and how far behind it is. The lag is
 * the age of the last replayed transaction, unless the replica has replayed everything it received (then 0: an
 * idle primary sends nothing new, and the age of the last transaction says nothing about the replica).
 */
export async function replicaState(replica: Database, maxLagSeconds: number): Promise<ReplicaState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const r = await Promise.race([
      sql<{ in_recovery: boolean; caught_up: boolean | null; lag: number | null }>`
        select pg_is_in_recovery() as in_recovery,
               pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() as caught_up,
               extract(epoch from (now() - pg_last_xact_replay_timestamp()))::float8 as lag`
        .execute(replica.db)
        .then((q) => q.rows[0]!),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`nessuna risposta entro ${ANSWER_MS / 1000} s`)),
          ANSWER_MS,
        );
      }),
    ]);
    if (!r.in_recovery) {
      return {
        configured: true,
        usable: false,
        problem: 'not_replica',
        lagSeconds: null,
        detail: 'DATABASE_READ_URL non è una replica in streaming (pg_is_in_recovery() è falso)',
      };
    }
    // Behind and not a single transaction replayed yet since it started: how far behind is unknown, so too far.
    const lag = r.caught_up ? 0 : r.lag === null ? null : Math.max(0, Number(r.lag));
    if (lag === null || lag > maxLagSeconds) {
      return {
        configured: true,
        usable: false,
        problem: 'lagging',
        lagSeconds: lag,
        detail:
          lag === null
            ? 'la replica sta ancora recuperando il WAL del primario (ritardo non ancora misurabile)'
            : `la replica è indietro di ${Math.round(lag)} s (limite PONTE_READ_MAX_LAG_SECONDS=${maxLagSeconds})`,
      };
    }
    return { configured: true, usable: true, problem: null, lagSeconds: lag, detail: null };
  } catch (e) {
    return {
      configured: true,
      usable: false,
      problem: 'down',
      lagSeconds: null,
      detail: `la replica non risponde: ${(e as Error).message}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The replica's state, asked at most every few seconds per process. */
export function cachedReplicaState(replica: Database, maxLagSeconds: number): Promise<ReplicaState> {
  const t = performance.now();
  const hit = cache.get(replica);
  if (hit && t - hit.at < STATE_TTL_MS) return hit.value;
  const value = replicaState(replica, maxLagSeconds);
  cache.set(replica, { at: t, value });
  return value;
}

/** Forgets the cached state (tests that stop and start a replica). */
export function forgetReplicaState(replica: Database): void {
  cache.delete(replica);
}

/** Something that logs (the request's or the app's logger). */
interface Log {
  warn(obj: object, msg: string): void;
}

/**
 * Where a heavy read goes: the replica when one is configured and usable, else the primary with `fallback: true`
 * and the reason (the page says so with `replica.fallback.<reason>`; the fallback is logged when `log` is given).
 */
export async function readerFor(
  opts: Pick<FeatureOptions, 'database' | 'readDatabase' | 'config'>,
  log?: Log,
): Promise<Reader> {
  if (opts.readDatabase === opts.database) return { db: opts.database.db, fallback: false, reason: null };
  const state = await cachedReplicaState(opts.readDatabase, opts.config.readMaxLagSeconds);
  if (state.usable) return { db: opts.readDatabase.db, fallback: false, reason: null };
  log?.warn({ replica: state.problem, detail: state.detail }, 'heavy reads fall back to the primary');
  return { db: opts.database.db, fallback: true, reason: state.problem };
}

registerMessages({
  it: {
    'replica.fallback.down':
      'La replica del database non risponde: questi dati sono letti dal database principale, e la pagina può essere più lenta.',
    'replica.fallback.lagging':
      'La replica del database è in ritardo: questi dati sono letti dal database principale, per mostrarli aggiornati.',
    'replica.fallback.not_replica':
      'Il database di lettura configurato non è una replica: questi dati sono letti dal database principale.',
  },
  en: {
    'replica.fallback.down':
      'The database replica is not answering: these data are read from the main database, and the page may be slower.',
    'replica.fallback.lagging':
      'The database replica is behind: these data are read from the main database, to show them up to date.',
    'replica.fallback.not_replica':
      'The configured read database is not a replica: these data are read from the main database.',
  },
});
