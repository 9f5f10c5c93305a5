import { constants, existsSync } from 'node:fs';
import { access, statfs } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { auditKeys, KEYED_MARKER } from './audit/audit.ts';
import { forgetOidcDiscovery, OidcUnavailable, oidcClient } from './auth/oidc.ts';
import { DATABASE_CLOCK_MS_SQL, nowMs } from './clock.ts';
import { parseKeyring } from './crypto/index.ts';
import { checkEncryptionKeys } from './crypto/key-check.ts';
import { type Db, openDatabase } from './db/database.ts';
import { knownMigrations } from './db/migrate.ts';
import { type ReplicaState, replicaState } from './db/replica.ts';

// `ponte doctor` and `/readyz` (issue 18, docs/decisions/0051-doctor-and-readiness.md): the checks a deployment
// must pass before it serves, each with a verdict in Italian. `/readyz` runs the cheap ones (database, schema,
// keys, audit key, clock, disk) and keeps the answer a few seconds; the doctor runs all of them, SMTP included.

export type Level = 'ok' | 'avviso' | 'errore';

export interface Check {
  /** Stable name (the JSON of /readyz shows it). */
  id: string;
  level: Level;
  /** What was checked and what was found, in Italian; no secret and nothing a person typed. */
  text: string;
}

const ok = (id: string, text: string): Check => ({ id, level: 'ok', text });
const warn = (id: string, text: string): Check => ({ id, level: 'avviso', text });
const fail = (id: string, text: string): Check => ({ id, level: 'errore', text });

/** Below this free space in the data folder Ponte is not ready; below twice this, a warning. */
export const MIN_FREE_BYTES = 512 * 1024 * 1024;
/** Largest distance tolerated between the application's clock and the database's (TOTP codes live 30 s). */
export const MAX_SKEW_MS = 15_000;

/** A secret that a person or a default could have written: short, or with few different characters. */
function weakness(value: string): string | null {
  if (value.length < 32) return `ha ${value.length} caratteri (ne servono almeno 32)`;
  if (new Set(value).size < 12)
    return 'ha troppo pochi caratteri diversi (usa caratteri casuali, es. openssl rand -base64 32)';
  return null;
}

/** The secrets and the settings production needs, from the configuration alone. */
export function configChecks(config: Config, env: NodeJS.ProcessEnv = process.env): Check[] {
  const out: Check[] = [];
  const production = config.env === 'production';
  const fromFile = (key: string, file: string) =>
    warn(
      key,
      `${key} non è impostato: si usa quello generato in ${config.dataDir ?? 'memoria'}${config.dataDir ? `/${file}` : ''} (solo per sviluppo e prova)`,
    );
  for (const [key, value, file] of [
    ['PONTE_SECRET', config.secret, 'dev-secret'],
    ['PONTE_AUDIT_KEY', config.auditKey, 'dev-audit-key'],
  ] as const) {
    if (!env[key]) {
      out.push(fromFile(key, file));
      continue;
    }
    const weak = weakness(value);
    out.push(weak ? fail(key, `${key} ${weak}`) : ok(key, `${key} presente (${value.length} caratteri)`));
  }
  if (env.PONTE_SECRET && env.PONTE_AUDIT_KEY && env.PONTE_SECRET === env.PONTE_AUDIT_KEY) {
    out.push(
      fail(
        'secrets_distinct',
        'PONTE_SECRET e PONTE_AUDIT_KEY sono uguali: devono essere due segreti diversi',
      ),
    );
  }
  const keyring = parseKeyring(config.encryptionKeys);
  out.push(
    env.PONTE_ENCRYPTION_KEYS
      ? ok(
          'PONTE_ENCRYPTION_KEYS',
          `PONTE_ENCRYPTION_KEYS: ${keyring.keys.size} ${keyring.keys.size === 1 ? 'chiave' : 'chiavi'} di 32 byte, attiva «${keyring.activeId}»`,
        )
      : fromFile('PONTE_ENCRYPTION_KEYS', 'dev-encryption-keys'),
  );
  if (config.metricsToken) {
    const weak = weakness(config.metricsToken);
    out.push(
      weak
        ? fail('PONTE_METRICS_TOKEN', `PONTE_METRICS_TOKEN ${weak}`)
        : ok('PONTE_METRICS_TOKEN', 'PONTE_METRICS_TOKEN presente: /metrics risponde a chi lo presenta'),
    );
  }
  if (production) {
    out.push(
      config.secureCookies
        ? ok('PONTE_SECURE_COOKIES', 'cookie con Secure (Ponte servito in HTTPS)')
        : fail(
            'PONTE_SECURE_COOKIES',
            'PONTE_SECURE_COOKIES=false in produzione: i cookie di sessione viaggerebbero anche in chiaro',
          ),
    );
    out.push(
      config.databaseRole
        ? ok(
            'PONTE_DB_ROLE',
            `l’applicazione lavora con il ruolo ${config.databaseRole} (non può cambiare il registro degli accessi)`,
          )
        : warn(
            'PONTE_DB_ROLE',
            'PONTE_DB_ROLE non è impostato: l’applicazione lavora come proprietaria del database (consigliato: ponte_app)',
          ),
    );
  } else {
    out.push(
      warn(
        'NODE_ENV',
        `NODE_ENV=${config.env}: i controlli sono quelli della produzione, ma questa non lo è`,
      ),
    );
  }
  return out;
}

/** Database reachable and at this version's schema, keys that open its data, the audit key of its log, the clock. */
export async function databaseChecks(
  db: Db,
  config: Config,
  /**
   * A schema newer than this version: an error for the doctor (run it with the new version), a warning for a running
   * instance's `/readyz` (during a rolling upgrade the old instances serve on until they are replaced).
   */
  { newerSchema = 'errore' as Level } = {},
): Promise<Check[]> {
  const out: Check[] = [];
  let applied: string[];
  try {
    const tables = await sql<{ n: number }>`select count(*) as n from information_schema.tables
      where table_schema = 'public' and table_name = 'kysely_migration'`.execute(db);
    applied =
      Number(tables.rows[0]?.n) > 0
        ? (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map(
            (r) => r.name,
          )
        : [];
  } catch (e) {
    return [fail('database', `database non raggiungibile: ${(e as Error).message}`)];
  }
  out.push(ok('database', 'database raggiungibile'));
  const known = knownMigrations();
  const pending = known.filter((m) => !applied.includes(m));
  const unknown = applied.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    const text = `il database è di una versione di Ponte più recente (migrazioni sconosciute: ${unknown.join(', ')}): aggiorna questa istanza`;
    if (newerSchema === 'errore') {
      out.push(fail('schema', text));
      return out;
    }
    out.push({ id: 'schema', level: newerSchema, text });
  } else if (pending.length > 0) {
    out.push(
      fail(
        'schema',
        `${pending.length === 1 ? 'manca 1 migrazione' : `mancano ${pending.length} migrazioni`} (${pending[0]}${pending.length > 1 ? ' e seguenti' : ''}): esegui ponte migrate (o avvia Ponte una volta)`,
      ),
    );
    return out;
  } else out.push(ok('schema', `schema aggiornato (${known.at(-1)})`));
  try {
    await checkEncryptionKeys(db, parseKeyring(config.encryptionKeys), { record: false });
    out.push(ok('keys', 'le chiavi di PONTE_ENCRYPTION_KEYS aprono i dati cifrati di questo database'));
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    out.push(fail('keys', e.message));
  }
  const marker = await db
    .selectFrom('audit_log')
    .select(sql<string | null>`details->>'keyFingerprint'`.as('fp'))
    .where('action', '=', KEYED_MARKER)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!marker) {
    out.push(
      ok(
        'audit_key',
        'registro degli accessi non ancora firmato: la prima voce firmata la scrive il prossimo avvio',
      ),
    );
  } else if (marker.fp !== auditKeys(config.auditKey).fingerprint) {
    out.push(
      fail(
        'audit_key',
        'PONTE_AUDIT_KEY non è la chiave del registro degli accessi di questo database: Ponte non si avvierebbe',
      ),
    );
  } else {
    out.push(ok('audit_key', 'PONTE_AUDIT_KEY è la chiave del registro degli accessi'));
  }
  out.push(await clockCheck(db));
  return out;
}

/** The application's clock against the database server's (a machine without time sync drifts). */
async function clockCheck(db: Db): Promise<Check> {
  // The database's clock is read only to compare it: the application's time still comes from clock.ts.
  const before = nowMs();
  const row = await sql.raw<{ ms: number }>(DATABASE_CLOCK_MS_SQL).execute(db);
  const app = (before + nowMs()) / 2;
  const skew = app - Number(row.rows[0]?.ms);
  const at = new Date(app).toISOString();
  if (new Date(app).getUTCFullYear() < 2025)
    return fail('clock', `l’orologio di Ponte segna ${at}: la data della macchina è sbagliata`);
  if (Math.abs(skew) > MAX_SKEW_MS) {
    return fail(
      'clock',
      `l’orologio di Ponte (${at}) e quello del database differiscono di ${(Math.abs(skew) / 1000).toFixed(0)} s (massimo ${MAX_SKEW_MS / 1000} s): sincronizza l’ora delle macchine (NTP); i codici del secondo fattore durano 30 s`,
    );
  }
  return ok('clock', `orologio: ${at}, ${Math.abs(skew).toFixed(0)} ms di differenza dal database`);
}

/** Free space where the data folder (and the audit checkpoints) are written. */
export async function diskCheck(config: Config): Promise<Check[]> {
  const out: Check[] = [];
  if (config.dataDir !== null) {
    let dir = config.dataDir;
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    const s = await statfs(dir);
    const free = s.bavail * s.bsize;
    const gib = (free / 1024 ** 3).toFixed(1);
    if (free < MIN_FREE_BYTES)
      out.push(
        fail(
          'disk',
          `spazio libero nella cartella dati ${config.dataDir}: ${gib} GiB (servono almeno ${MIN_FREE_BYTES / 1024 ** 2} MiB)`,
        ),
      );
    else if (free < 2 * MIN_FREE_BYTES)
      out.push(warn('disk', `spazio libero nella cartella dati ${config.dataDir}: solo ${gib} GiB`));
    else out.push(ok('disk', `spazio libero nella cartella dati ${config.dataDir}: ${gib} GiB`));
  }
  if (config.auditCheckpointFile) {
    let dir = dirname(config.auditCheckpointFile);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    try {
      await access(dir, constants.W_OK);
      out.push(
        ok('checkpoints', `punti di controllo del registro scrivibili in ${config.auditCheckpointFile}`),
      );
    } catch {
      out.push(
        fail(
          'checkpoints',
          `non si può scrivere in ${dir}: i punti di controllo del registro (PONTE_AUDIT_CHECKPOINTS) andrebbero persi`,
        ),
      );
    }
  }
  return out;
}

/** The SMTP server answers and accepts the configured login (nothing is sent). */
export async function smtpCheck(config: Config, timeoutMs = 10_000): Promise<Check> {
  if (!config.smtpUrl) {
    return config.env === 'production'
      ? warn('smtp', 'SMTP_URL non è impostato: Ponte non manda e-mail (promemoria e avvisi al personale)')
      : ok(
          'smtp',
          'SMTP_URL non è impostato: in sviluppo le e-mail restano in file .eml nella cartella dati',
        );
  }
  const u = new URL(config.smtpUrl);
  const where = `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? 465 : 587)}`;
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(config.smtpUrl, {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as object);
  try {
    await transport.verify();
    return ok('smtp', `server SMTP ${where} raggiungibile`);
  } catch (e) {
    const { code, message } = e as { code?: string; message: string };
    const why = /ECONNREFUSED/.test(message)
      ? 'connessione rifiutata'
      : /ETIMEDOUT|timeout/i.test(`${code} ${message}`)
        ? `nessuna risposta entro ${timeoutMs / 1000} s`
        : /ENOTFOUND|EAI_AGAIN/.test(message)
          ? 'nome del server sconosciuto'
          : code === 'EAUTH'
            ? 'utente o password rifiutati'
            : /certificate|TLS|SSL/i.test(message)
              ? 'errore TLS (certificato o protocollo)'
              : `errore ${code ?? 'sconosciuto'}`;
    return fail('smtp', `server SMTP ${where} non raggiungibile: ${why}`);
  } finally {
    transport.close();
  }
}

/** The organisation's identity provider answers its discovery and offers what Ponte needs (when configured). */
export async function oidcCheck(config: Config): Promise<Check> {
  const cfg = config.oidc;
  if (!cfg) return ok('oidc', 'accesso con l’account dell’ente non configurato: solo accesso locale');
  forgetOidcDiscovery();
  try {
    const meta = (await oidcClient(cfg)).serverMetadata();
    const methods = meta.code_challenge_methods_supported;
    if (Array.isArray(methods) && !methods.includes('S256')) {
      return fail('oidc', `il provider ${cfg.issuer} non dichiara PKCE S256: Ponte non può usarlo`);
    }
    const logout = meta.end_session_endpoint
      ? 'con logout dell’ente'
      : 'senza logout dell’ente (end_session_endpoint)';
    return ok('oidc', `provider OpenID Connect ${cfg.issuer} raggiungibile (${logout})`);
  } catch (e) {
    if (e instanceof OidcUnavailable) return fail('oidc', e.message);
    throw e;
  } finally {
    forgetOidcDiscovery();
  }
}

/** The verdict on a replica's state: `down` and `not_replica` are `whenBroken` (an error for the doctor, a warning
 *  for /readyz: the instance serves on, its heavy reads from the primary), a lag a warning. */
export function replicaVerdict(state: ReplicaState, whenBroken: 'errore' | 'avviso'): Check {
  if (!state.configured)
    return ok('replica', 'nessuna replica (DATABASE_READ_URL): tutte le letture dal primario');
  if (state.usable) {
    return ok(
      'replica',
      `replica in streaming raggiungibile, indietro di ${Math.round(state.lagSeconds ?? 0)} s`,
    );
  }
  const text = `${state.detail}: le letture pesanti vanno al primario`;
  return state.problem === 'lagging' ? warn('replica', text) : { id: 'replica', level: whenBroken, text };
}

/** `ponte doctor`'s check of DATABASE_READ_URL: opened as the application opens it. */
export async function replicaCheck(config: Config): Promise<Check> {
  if (!config.databaseReadUrl) return replicaVerdict({ configured: false } as ReplicaState, 'errore');
  const replica = await openDatabase({
    databaseUrl: config.databaseReadUrl,
    role: config.databaseRole,
    poolSize: 1,
    allowExitOnIdle: true,
    lazy: true,
    connectTimeoutMs: 2_000,
  });
  try {
    return replicaVerdict(await replicaState(replica, config.readMaxLagSeconds), 'errore');
  } finally {
    await replica.close();
  }
}

/** `ponte doctor`: every check, from the environment; never throws for a bad configuration (it is a finding). */
export async function runDoctor(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ config: Config | null; checks: Check[] }> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { config: null, checks: [fail('config', `configurazione non valida: ${e.message}`)] };
  }
  const checks = configChecks(config, env);
  if (!config.databaseUrl && config.dataDir !== null && !existsSync(join(config.dataDir, 'PG_VERSION'))) {
    // The doctor does not create the embedded database it was asked to check.
    checks.push(
      fail(
        'database',
        `nessun database in ${config.dataDir}: esegui ponte migrate (o avvia Ponte una volta)`,
      ),
    );
    checks.push(...(await diskCheck(config)), await smtpCheck(config), await oidcCheck(config));
    return { config, checks };
  }
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      // As the application connects: the checks prove that its role can read what it needs.
      role: config.databaseRole,
      poolSize: 1,
      allowExitOnIdle: true,
    });
    try {
      checks.push(...(await databaseChecks(database.db, config)));
    } finally {
      await database.close();
    }
  } catch (e) {
    checks.push(fail('database', `database non raggiungibile: ${(e as Error).message}`));
  }
  checks.push(...(await diskCheck(config)));
  checks.push(await replicaCheck(config));
  checks.push(await smtpCheck(config));
  checks.push(await oidcCheck(config));
  return { config, checks };
}

/** The report of `ponte doctor`, one line per check, and the verdict. */
export function doctorReport(config: Config | null, checks: Check[]): string {
  const label = { ok: 'OK     ', avviso: 'AVVISO ', errore: 'ERRORE ' } as const;
  const errors = checks.filter((c) => c.level === 'errore').length;
  const warnings = checks.filter((c) => c.level === 'avviso').length;
  const where = config
    ? config.databaseUrl
      ? 'PostgreSQL'
      : `database incorporato in ${config.dataDir ?? 'memoria'}`
    : '';
  return [
    `Controllo della configurazione di Ponte${config ? ` (NODE_ENV=${config.env}, ${where})` : ''}:`,
    ...checks.map((c) => `  ${label[c.level]}${c.text}`),
    '',
    errors > 0
      ? `Esito: ${errors} ${errors === 1 ? 'errore' : 'errori'}${warnings ? `, ${warnings} ${warnings === 1 ? 'avviso' : 'avvisi'}` : ''}. Ponte NON è pronto: correggi gli errori e ripeti ponte doctor.`
      : `Esito: nessun errore${warnings ? `, ${warnings} ${warnings === 1 ? 'avviso' : 'avvisi'}` : ''}. Ponte è pronto.`,
  ].join('\n');
}

/** `/readyz`: the cheap checks, on the app's own database connection, kept for `ttlMs`. */
export function readiness(
  db: Db,
  config: Config,
  ttlMs = 5_000,
  /** The state of the read replica, when one is configured (reported; never makes the instance unready). */
  replica?: () => Promise<ReplicaState>,
): () => Promise<{ ready: boolean; checks: Check[] }> {
  let cached: { at: number; value: Promise<{ ready: boolean; checks: Check[] }> } | undefined;
  return () => {
    // Elapsed time for the cache, not a date: the monotonic clock.
    const t = performance.now();
    if (!cached || t - cached.at > ttlMs) {
      const value = (async () => {
        let checks: Check[];
        try {
          checks = [
            ...(await databaseChecks(db, config, { newerSchema: 'avviso' })),
            ...(await diskCheck(config)),
            ...(replica ? [replicaVerdict(await replica(), 'avviso')] : []),
          ];
        } catch (e) {
          checks = [fail('database', `controllo non riuscito: ${(e as Error).message}`)];
        }
        return { ready: checks.every((c) => c.level !== 'errore'), checks };
      })();
      cached = { at: t, value };
    }
    return cached.value;
  };
}
