import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { activeAuditKeys, KEYED_MARKER } from '../audit/audit.ts';
import { openTotpSecret } from '../auth/totp-secret.ts';
import { nowMs } from '../clock.ts';
import { CryptoError, type Keyring } from '../crypto/index.ts';
import { keyOpensCheckValue } from '../crypto/key-check.ts';
import { lockDataDir, openDatabase } from './database.ts';
import { knownMigrations } from './migrate.ts';

// `ponte backup FILE` and `ponte restore FILE` (issue 18, docs/decisions/0050-backup-and-restore.md).
//
// A backup is one file:
//   PONTE-BACKUP 1\n
//   <manifest, one line of JSON>\n
//   <payload: pg_dump's custom format on PostgreSQL, a gzipped tar of the PGlite data folder on PGlite>
//   \nSHA-256 <hex of every byte before this line>\n
// plus `FILE.sha256` beside it, in the format of `sha256sum -c`. The manifest is taken in the same snapshot as the
// payload (PostgreSQL: an exported snapshot that pg_dump reuses; PGlite: this process holds the only opening).
// The keys are never in a backup: they are kept apart (PONTE_ENCRYPTION_KEYS, PONTE_AUDIT_KEY), and `restore`
// checks that the configured ones open the backup before it touches anything.

const MAGIC = 'PONTE-BACKUP 1';
const TRAILER_LENGTH = '\nSHA-256 '.length + 64 + 1;

export class BackupError extends Error {
  override name = 'BackupError';
}

export interface Manifest {
  format: 'ponte-backup';
  version: 1;
  engine: 'pglite' | 'postgres';
  /** When the backup was taken, from the application's clock (ISO 8601, UTC). */
  createdAt: string;
  /** The last migration applied: the schema version. */
  schemaVersion: string;
  migrations: string[];
  rulesVersion: string;
  /** The database server's version (PostgreSQL or PGlite's PostgreSQL). */
  serverVersion: string;
  /** The version of pg_dump that wrote the payload (PostgreSQL only). */
  pgDumpVersion: string | null;
  audit: { entries: number; headId: number | null; headHash: string | null; keyFingerprint: string | null };
  /** The check values of the master keys (a known text sealed with each key; no key is in the backup). */
  keyCheck: { keyId: string; envelope: string }[];
  /** One sealed second-factor key per master key that sealed any (what start-up tries when a key has no check value). */
  keySamples: { keyId: string; userId: string; sealed: string }[];
  /** Rows per table of the schema, in the backup's snapshot. */
  counts: Record<string, number>;
  /** Roles other than the owner that hold privileges on the tables (they must exist where it is restored). */
  grantees: string[];
  payload: { format: 'pg_dump-custom' | 'pglite-datadir-tar-gz'; bytes: number; sha256: string };
}

type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const TABLES_SQL = `select table_name from information_schema.tables
  where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;

async function describe(
  q: Query,
): Promise<
  Omit<Manifest, 'format' | 'version' | 'engine' | 'payload' | 'pgDumpVersion' | 'rulesVersion' | 'createdAt'>
> {
  const tables = (await q(TABLES_SQL)).map((r) => String(r.table_name));
  if (!tables.includes('kysely_migration')) {
    throw new BackupError(
      'il database non è mai stato migrato: non c’è niente da salvare (esegui prima ponte migrate)',
    );
  }
  const migrations = (await q('select name from kysely_migration order by name')).map((r) => String(r.name));
  const counts: Record<string, number> = {};
  for (const t of tables) {
    counts[t] = Number((await q(`select count(*) as n from "${t.replace(/"/g, '""')}"`))[0]?.n);
  }
  const head = (await q('select id, hash from audit_log order by id desc limit 1'))[0];
  const marker = (
    await q(`select details->>'keyFingerprint' as fp from audit_log where action = $1 order by id limit 1`, [
      KEYED_MARKER,
    ])
  )[0];
  const keyCheck = tables.includes('key_check')
    ? (await q('select key_id, envelope from key_check order by key_id')).map((r) => ({
        keyId: String(r.key_id),
        envelope: String(r.envelope),
      }))
    : [];
  const keySamples = (
    await q(`select distinct on (split_part(totp_secret, '.', 2)) split_part(totp_secret, '.', 2) as key_id,
        id, totp_secret from app_user where totp_secret like 'v1.%' order by split_part(totp_secret, '.', 2), id`)
  ).map((r) => ({ keyId: String(r.key_id), userId: String(r.id), sealed: String(r.totp_secret) }));
  const grantees = (
    await q(`select distinct grantee from information_schema.role_table_grants
      where table_schema = 'public' and grantee <> 'PUBLIC'
        and grantee not in (select tableowner from pg_tables where schemaname = 'public')
      order by grantee`)
  ).map((r) => String(r.grantee));
  const serverVersion = String((await q('show server_version'))[0]?.server_version ?? '');
  return {
    schemaVersion: migrations.at(-1) ?? '',
    migrations,
    serverVersion,
    audit: {
      entries: counts.audit_log ?? 0,
      headId: head ? Number(head.id) : null,
      headHash: head ? String(head.hash) : null,
      keyFingerprint: marker?.fp ? String(marker.fp) : null,
    },
    keyCheck,
    keySamples,
    counts,
    grantees,
  };
}

// ── The client programs of PostgreSQL ─────────────────────────────────────────────────────────────────────────

/** The major version of pg_dump/pg_restore on this machine, or a BackupError saying how to get it. */
export function toolMajor(tool: 'pg_dump' | 'pg_restore', need: number): { major: number; version: string } {
  const run = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (run.error) {
    throw new BackupError(
      `${tool} non si trova su questa macchina (serve la versione ${need} o successiva): installa i programmi client ` +
        `di PostgreSQL (su Debian: apt install postgresql-client-${need}) e mettili nel PATH.`,
    );
  }
  const m = /(\d+)(?:\.(\d+))?/.exec(run.stdout);
  if (!m) throw new BackupError(`${tool} --version non dice la sua versione: ${run.stdout.trim()}`);
  const major = Number(m[1]);
  if (major < need) {
    throw new BackupError(
      `${tool} è della versione ${major}, serve la ${need} o successiva (quella del server). Installa i programmi ` +
        `client di PostgreSQL ${need} (su Debian: apt install postgresql-client-${need}) e mettili nel PATH prima degli altri.`,
    );
  }
  return { major, version: `${m[1]}${m[2] ? `.${m[2]}` : ''}` };
}

/** libpq's environment for a URL: the password never on a command line (other users of the machine see those). */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname);
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (db) env.PGDATABASE = db;
  const ssl = u.searchParams.get('sslmode');
  if (ssl) env.PGSSLMODE = ssl;
  return env;
}

function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv, input?: NodeJS.ReadableStream) {
  return new Promise<void>((resolvePromise, reject) => {
    const child = spawn(tool, args, { env, stdio: [input ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    if (input && child.stdin) {
      pipeline(input, child.stdin).catch(() => {
        // The tool's own exit status and message say what went wrong.
      });
    }
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new BackupError(`${tool} è terminato con errore (${code}): ${err.trim().slice(0, 2000)}`));
    });
  });
}

// ── Writing a backup ──────────────────────────────────────────────────────────────────────────────────────────

function sha256File(file: string, start = 0, end?: number): Promise<string> {
  const hash = createHash('sha256');
  return pipeline(createReadStream(file, { start, end }), hash).then(() => hash.digest('hex'));
}

/** Writes header, manifest, payload and trailer to `file` through a temporary file renamed at the end. */
async function assemble(
  file: string,
  manifest: Omit<Manifest, 'payload'>,
  payloadFile: string,
  format: Manifest['payload']['format'],
): Promise<Manifest> {
  const bytes = statSync(payloadFile).size;
  const full: Manifest = { ...manifest, payload: { format, bytes, sha256: await sha256File(payloadFile) } };
  const partial = `${file}.partial-${process.pid}`;
  const hash = createHash('sha256');
  const fd = openSync(partial, 'w', 0o600);
  try {
    const head = Buffer.from(`${MAGIC}\n${JSON.stringify(full)}\n`);
    writeSync(fd, head);
    hash.update(head);
    const src = openSync(payloadFile, 'r');
    try {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (let n = readSync(src, buf); n > 0; n = readSync(src, buf)) {
        writeSync(fd, buf, 0, n);
        hash.update(buf.subarray(0, n));
      }
    } finally {
      closeSync(src);
    }
    const digest = hash.digest('hex');
    writeSync(fd, `\nSHA-256 ${digest}\n`);
    closeSync(fd);
    renameSync(partial, file);
    const whole = await sha256File(file);
    writeFileSync(`${file}.sha256`, `${whole}  ${basename(file)}\n`, { mode: 0o600 });
    return full;
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(partial, { force: true });
    throw e;
  }
}

export interface BackupOptions {
  databaseUrl: string | undefined;
  dataDir: string | null;
  rulesVersion: string;
}

/** `ponte backup FILE`: returns the manifest written. Nothing is left at FILE when it fails. */
export async function backup(file: string, opts: BackupOptions): Promise<Manifest> {
  const target = resolve(file);
  if (!existsSync(dirname(target))) throw new BackupError(`la cartella ${dirname(target)} non esiste`);
  if (existsSync(target))
    throw new BackupError(`${target} esiste già: scegli un altro nome (un backup non si sovrascrive)`);
  const work = join(dirname(target), `.ponte-backup-${process.pid}`);
  mkdirSync(work, { mode: 0o700 });
  try {
    return opts.databaseUrl
      ? await backupPostgres(target, work, opts.databaseUrl, opts.rulesVersion)
      : await backupPglite(target, work, opts.dataDir, opts.rulesVersion);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function backupPostgres(
  file: string,
  work: string,
  url: string,
  rulesVersion: string,
): Promise<Manifest> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const serverMajor = Math.floor(
      Number((await client.query('show server_version_num')).rows[0].server_version_num) / 10000,
    );
    const tool = toolMajor('pg_dump', serverMajor);
    // One snapshot for the manifest and the dump: the counts and the audit head are those of the dump.
    await client.query('begin isolation level repeatable read read only');
    const snapshot = String((await client.query('select pg_export_snapshot() as s')).rows[0].s);
    const q: Query = async (text, params) => (await client.query(text, params)).rows;
    const described = await describe(q);
    const payload = join(work, 'payload.dump');
    await runTool(
      'pg_dump',
      ['--format=custom', `--snapshot=${snapshot}`, `--file=${payload}`],
      libpqEnv(url),
    );
    await client.query('commit');
    return await assemble(
      file,
      {
        format: 'ponte-backup',
        version: 1,
        engine: 'postgres',
        createdAt: new Date(nowMs()).toISOString(),
        rulesVersion,
        pgDumpVersion: tool.version,
        ...described,
      },
      payload,
      'pg_dump-custom',
    );
  } finally {
    await client.end();
  }
}

/** The top-level names PGlite's data folder holds of its own (the development secrets and the lock stay out). */
const PGDATA_ENTRY =
  /^(PG_VERSION|base|global|pg_[a-z_]+(\.conf)?|postgresql(\.auto)?\.conf|postmaster\.(pid|opts))$/;

async function backupPglite(
  file: string,
  work: string,
  dataDir: string | null,
  rulesVersion: string,
): Promise<Manifest> {
  if (dataDir === null)
    throw new BackupError('PONTE_DATA_DIR=:memory: non ha niente da salvare (il database è in memoria)');
  if (!existsSync(join(dataDir, 'PG_VERSION')))
    throw new BackupError(`in ${dataDir} non c’è un database di Ponte`);
  const database = await openDatabase({ dataDir });
  try {
    const pglite = database.pglite!;
    await pglite.exec('checkpoint');
    const q: Query = async (text, params) => (await pglite.query<Record<string, unknown>>(text, params)).rows;
    const described = await describe(q);
    const tar = Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
    const payload = join(work, 'payload.tar.gz');
    writeFileSync(
      payload,
      gzipSync(filterTar(tar, (name) => PGDATA_ENTRY.test(name.replace(/^\.?\//, '').split('/')[0] ?? ''))),
    );
    return await assemble(
      file,
      {
        format: 'ponte-backup',
        version: 1,
        engine: 'pglite',
        createdAt: new Date(nowMs()).toISOString(),
        rulesVersion,
        pgDumpVersion: null,
        ...described,
      },
      payload,
      'pglite-datadir-tar-gz',
    );
  } finally {
    await database.close();
  }
}

/** Keeps the entries of a tar archive whose name passes `keep` (ustar, with GNU long names and pax headers). */
export function filterTar(tar: Buffer, keep: (name: string) => boolean): Buffer {
  const out: Buffer[] = [];
  let pending: Buffer[] = [];
  let longName: string | null = null;
  let off = 0;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const size = Number.parseInt(
      header.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0',
      8,
    );
    const type = String.fromCharCode(header[156] ?? 48);
    const end = off + 512 + Math.ceil(size / 512) * 512;
    const block = tar.subarray(off, end);
    if (type === 'L' || type === 'x') {
      if (type === 'L')
        longName = tar
          .subarray(off + 512, off + 512 + size)
          .toString('utf8')
          .replace(/\0+$/, '');
      if (type === 'x') {
        const path = /\d+ path=([^\n]*)\n/.exec(tar.subarray(off + 512, off + 512 + size).toString('utf8'));
        if (path) longName = path[1] ?? null;
      }
      pending.push(block);
    } else {
      const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
      const short = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
      const name = longName ?? (prefix ? `${prefix}/${short}` : short);
      if (keep(name)) out.push(...pending, block);
      pending = [];
      longName = null;
    }
    off = end;
  }
  out.push(Buffer.alloc(1024));
  return Buffer.concat(out);
}

// ── Reading and checking a backup ─────────────────────────────────────────────────────────────────────────────

/** Reads the manifest and checks size and checksum of the whole file; throws BackupError on any mismatch. */
export async function readBackup(file: string): Promise<{ manifest: Manifest; payloadStart: number }> {
  const path = resolve(file);
  if (!existsSync(path)) throw new BackupError(`il file ${path} non esiste`);
  const fd = openSync(path, 'r');
  let head: Buffer;
  let size: number;
  try {
    size = fstatSync(fd).size;
    head = Buffer.alloc(Math.min(size, 4 << 20));
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const first = head.indexOf(10);
  if (first < 0 || head.subarray(0, first).toString('utf8') !== MAGIC) {
    throw new BackupError(`${path} non è un backup di Ponte (manca l’intestazione ${MAGIC})`);
  }
  const second = head.indexOf(10, first + 1);
  let manifest: Manifest;
  try {
    if (second < 0) throw new Error('no end');
    manifest = JSON.parse(head.subarray(first + 1, second).toString('utf8')) as Manifest;
  } catch {
    throw new BackupError(`${path} è troncato o danneggiato: il manifesto non si legge`);
  }
  const payloadStart = second + 1;
  const expected = payloadStart + manifest.payload.bytes + TRAILER_LENGTH;
  if (size < expected) {
    throw new BackupError(
      `${path} è TRONCATO: ${size} byte invece di ${expected}. Usa un’altra copia del backup.`,
    );
  }
  if (size > expected)
    throw new BackupError(`${path} è danneggiato: ${size - expected} byte in più dopo la fine del backup`);
  const trailer = Buffer.alloc(TRAILER_LENGTH);
  const tfd = openSync(path, 'r');
  try {
    readSync(tfd, trailer, 0, TRAILER_LENGTH, size - TRAILER_LENGTH);
  } finally {
    closeSync(tfd);
  }
  const m = /^\nSHA-256 ([0-9a-f]{64})\n$/.exec(trailer.toString('latin1'));
  if (!m) throw new BackupError(`${path} è troncato o danneggiato: manca la somma di controllo finale`);
  const actual = await sha256File(path, 0, size - TRAILER_LENGTH - 1);
  if (actual !== m[1]) {
    throw new BackupError(
      `${path} non supera la somma di controllo SHA-256 (il contenuto è cambiato dopo il backup): non si ripristina. Usa un’altra copia del backup.`,
    );
  }
  return { manifest, payloadStart };
}

/** What must hold before a backup may be restored with this version of Ponte and these keys. */
export function checkCompatible(manifest: Manifest, keyring: Keyring): void {
  const known = new Set(knownMigrations());
  const unknown = manifest.migrations.filter((m) => !known.has(m));
  if (unknown.length > 0) {
    throw new BackupError(
      `il backup è di uno schema più recente (${manifest.schemaVersion}) di questa versione di Ponte ` +
        `(${knownMigrations().at(-1)}; migrazioni sconosciute: ${unknown.join(', ')}). Ripristinalo con la versione di Ponte che lo ha scritto o con una successiva.`,
    );
  }
  const rows = manifest.keyCheck;
  const mine = rows.filter((r) => keyring.keys.has(r.keyId));
  if (rows.length > 0 && mine.length === 0) {
    throw new BackupError(
      `PONTE_ENCRYPTION_KEYS non contiene nessuna delle chiavi di questo backup (${rows.map((r) => r.keyId).join(', ')}): ` +
        'i dati identificativi non si potrebbero aprire. Configura le chiavi con cui i dati sono stati cifrati (si conservano a parte, non sono nel backup).',
    );
  }
  for (const r of mine) {
    const ok = keyOpensCheckValue(keyring, r.keyId, r.envelope);
    if (!ok) {
      throw new BackupError(
        `PONTE_ENCRYPTION_KEYS: la chiave «${r.keyId}» non è quella con cui questo backup è stato cifrato. Configura le chiavi giuste (si conservano a parte, non sono nel backup).`,
      );
    }
  }
  for (const sample of manifest.keySamples) {
    if (!keyring.keys.has(sample.keyId)) {
      throw new BackupError(
        `PONTE_ENCRYPTION_KEYS non contiene la chiave «${sample.keyId}», con cui sono cifrati dati di questo backup: configurala (si conserva a parte, non è nel backup).`,
      );
    }
    let ok = false;
    try {
      ok = openTotpSecret(sample.userId, sample.sealed, keyring).length > 0;
    } catch (e) {
      if (!(e instanceof CryptoError)) throw e;
    }
    if (!ok) {
      throw new BackupError(
        `PONTE_ENCRYPTION_KEYS: la chiave «${sample.keyId}» non apre i dati cifrati con il suo nome in questo backup. Configura le chiavi giuste (si conservano a parte, non sono nel backup).`,
      );
    }
  }
  const fp = manifest.audit.keyFingerprint;
  if (fp && fp !== activeAuditKeys().fingerprint) {
    throw new BackupError(
      'PONTE_AUDIT_KEY non è la chiave del registro degli accessi di questo backup: il registro non si potrebbe verificare e Ponte non si avvierebbe. Configura la chiave giusta (si conserva a parte, non è nel backup).',
    );
  }
}

async function verifyRestored(q: Query, manifest: Manifest): Promise<void> {
  const described = await describe(q);
  const diff = Object.keys({ ...manifest.counts, ...described.counts }).filter(
    (t) => manifest.counts[t] !== described.counts[t],
  );
  if (diff.length > 0 || described.audit.headHash !== manifest.audit.headHash) {
    throw new BackupError(
      `dopo il ripristino il database non corrisponde al manifesto (${diff.length ? `righe diverse in ${diff.join(', ')}` : 'ultima voce del registro diversa'})`,
    );
  }
}

export interface RestoreOptions {
  databaseUrl: string | undefined;
  dataDir: string | null;
  keyring: Keyring;
}

/** `ponte restore FILE` into an empty database: checks everything first, then restores all or nothing. */
export async function restore(file: string, opts: RestoreOptions): Promise<Manifest> {
  const { manifest, payloadStart } = await readBackup(file);
  const engine = opts.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.engine !== engine) {
    throw new BackupError(
      manifest.engine === 'postgres'
        ? 'il backup è di un server PostgreSQL: per ripristinarlo imposta DATABASE_URL (il database di destinazione, vuoto)'
        : 'il backup è del database incorporato (PGlite): si ripristina senza DATABASE_URL, in una PONTE_DATA_DIR vuota',
    );
  }
  checkCompatible(manifest, opts.keyring);
  const path = resolve(file);
  if (opts.databaseUrl) await restorePostgres(path, payloadStart, manifest, opts.databaseUrl);
  else await restorePglite(path, payloadStart, manifest, opts.dataDir);
  return manifest;
}

async function restorePostgres(file: string, start: number, manifest: Manifest, url: string): Promise<void> {
  const dumpMajor = Number(/^(\d+)/.exec(manifest.pgDumpVersion ?? '')?.[1] ?? 0);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const serverMajor = Math.floor(
      Number((await client.query('show server_version_num')).rows[0].server_version_num) / 10000,
    );
    toolMajor('pg_restore', Math.max(serverMajor, dumpMajor));
    const busy = await client.query(`select n.nspname || '.' || c.relname as name from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
        and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
        and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
      limit 3`);
    if (busy.rows.length > 0) {
      const db = (await client.query('select current_database() as d')).rows[0].d;
      throw new BackupError(
        `il database di destinazione «${db}» non è vuoto (contiene ${busy.rows.map((r) => r.name).join(', ')}…): il ripristino si fa solo in un database nuovo, creato con createdb. Niente è stato modificato.`,
      );
    }
    const roles = new Set(
      (
        await client.query('select rolname from pg_roles where rolname = any($1)', [manifest.grantees])
      ).rows.map((r) => r.rolname),
    );
    const missing = manifest.grantees.filter((r) => !roles.has(r));
    if (missing.length > 0) {
      throw new BackupError(
        `sul server di destinazione mancano i ruoli ${missing.join(', ')}, che hanno permessi sulle tabelle del backup: creali prima (create role ${missing[0]} nologin). Niente è stato modificato.`,
      );
    }
  } finally {
    await client.end();
  }
  const env = libpqEnv(url);
  // One transaction: pg_restore applies everything or nothing (--exit-on-error rolls it back at the first error).
  const payload = createReadStream(file, { start, end: start + manifest.payload.bytes - 1 });
  await runTool(
    'pg_restore',
    // --no-comments: an extension's comment can only be set by its owner, which the restoring user may not be.
    [
      '--no-owner',
      '--no-comments',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${env.PGDATABASE ?? env.PGUSER ?? 'postgres'}`,
    ],
    env,
    payload,
  );
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  try {
    await verifyRestored(async (text, params) => (await check.query(text, params)).rows, manifest);
  } finally {
    await check.end();
  }
}

async function restorePglite(
  file: string,
  start: number,
  manifest: Manifest,
  dataDir: string | null,
): Promise<void> {
  if (dataDir === null)
    throw new BackupError('PONTE_DATA_DIR=:memory: non è un posto dove ripristinare (imposta una cartella)');
  const unlock = lockDataDir(dataDir);
  try {
    if (existsSync(join(dataDir, 'PG_VERSION'))) {
      throw new BackupError(
        `in ${dataDir} c’è già un database: il ripristino si fa solo in una cartella dati vuota (PONTE_DATA_DIR). Niente è stato modificato.`,
      );
    }
    await restorePgliteInto(file, start, manifest, dataDir);
  } finally {
    unlock();
  }
}

async function restorePgliteInto(
  file: string,
  start: number,
  manifest: Manifest,
  dataDir: string,
): Promise<void> {
  const fd = openSync(file, 'r');
  const gz = Buffer.alloc(manifest.payload.bytes);
  try {
    readSync(fd, gz, 0, gz.length, start);
  } finally {
    closeSync(fd);
  }
  // Restored beside the data folder, checked, then moved in: an interrupted restore leaves no half database.
  const staging = `${dataDir.replace(/\/+$/, '')}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const tar = gunzipSync(gz);
    const database = await openDatabase({
      dataDir: staging,
      loadDataDir: new Blob([tar], { type: 'application/x-tar' }),
    });
    try {
      const pglite = database.pglite!;
      await verifyRestored(
        async (text, params) => (await pglite.query<Record<string, unknown>>(text, params)).rows,
        manifest,
      );
    } finally {
      await database.close();
    }
    mkdirSync(dataDir, { recursive: true });
    for (const name of readdirSync(staging)) {
      if (PGDATA_ENTRY.test(name)) renameSync(join(staging, name), join(dataDir, name));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
