import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { configureAuditKey, ensureKeyedChain } from '../src/platform/audit/audit.ts';
import { configureKeys, newKeySpec, parseKeyring } from '../src/platform/crypto/index.ts';
import { checkEncryptionKeys } from '../src/platform/crypto/key-check.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { knownMigrations, migrateToLatest } from '../src/platform/db/migrate.ts';
import { migratedPglite, ownTestDb, testConfig } from './helpers.ts';
import { startSmtp } from './smtp.ts';

// Issue 18: `ponte doctor` as a process, on the engine of this run (a PGlite data folder, or a database of its own
// on the server with DATABASE_URL, in production), and `/readyz` (503 until the cheap checks pass; /healthz stays
// the liveness probe).

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'packages/app/bin/ponte.js');
const url = process.env.DATABASE_URL;
const KEYS = newKeySpec('dk1');
const AUDIT_KEY = testConfig().auditKey;
const SECRET = 'Zq7uX2m9Lr4tB8wK1vN6cY3pH5sD0gF-JeAo';
const work = mkdtempSync(join(tmpdir(), 'ponte-doctor-'));
const smtp = await startSmtp();
after(async () => {
  await smtp.close();
  rmSync(work, { recursive: true, force: true });
});

function ponte(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; out: string }> {
  // Asynchronous: the SMTP server the doctor calls runs in this process.
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('close', (status) => resolve({ status, out }));
  });
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A database for the doctor: its environment, and a way to drop it. */
async function place(name: string): Promise<{
  env: NodeJS.ProcessEnv;
  /** Opens the database; `migrated`: a new one starts freshly migrated (on PGlite, from the test image). */
  open(migrated?: boolean): Promise<Database>;
  drop(): Promise<void>;
}> {
  const base = {
    PATH: process.env.PATH,
    PONTE_SECRET: SECRET,
    PONTE_ENCRYPTION_KEYS: KEYS,
    PONTE_AUDIT_KEY: AUDIT_KEY,
    PONTE_DATA_DIR: join(work, name),
    LOG_LEVEL: 'silent',
  };
  if (!url) {
    const dir = join(work, name);
    return {
      env: { ...base, NODE_ENV: 'development' },
      open: async (migrated) =>
        openDatabase({ dataDir: dir, loadDataDir: migrated ? await migratedPglite() : undefined }),
      drop: async () => {},
    };
  }
  const db = `ponte_doc_${process.pid}_${name}_${randomUUID().slice(0, 6)}`;
  const admin = await openDatabase({ databaseUrl: url, poolSize: 1, allowExitOnIdle: true });
  await sql`create database ${sql.id(db)}`.execute(admin.db);
  const own = new URL(url);
  own.pathname = `/${db}`;
  return {
    env: { ...base, NODE_ENV: 'production', DATABASE_URL: own.toString() },
    open: () => openDatabase({ databaseUrl: own.toString(), allowExitOnIdle: true }),
    drop: async () => {
      await sql`drop database if exists ${sql.id(db)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}

test(`ponte doctor on ${url ? 'PostgreSQL, in production' : 'PGlite'}: a sound deployment passes; wrong keys, a weak secret, an SMTP server that does not answer, a database not migrated fail with exit 1`, {
  timeout: 300_000,
}, async () => {
  const good = await place('good');
  const bare = await place('bare');
  try {
    configureKeys(KEYS);
    configureAuditKey(AUDIT_KEY);
    const d = await good.open(true);
    try {
      await migrateToLatest(d.db);
      await checkEncryptionKeys(d.db, parseKeyring(KEYS));
      await ensureKeyedChain(d.db);
    } finally {
      await d.close();
    }

    const sound = await ponte(['doctor'], { ...good.env, SMTP_URL: smtp.url });
    assert.equal(sound.status, 0, sound.out);
    for (const line of [
      /OK {5}PONTE_SECRET presente \(36 caratteri\)/,
      /OK {5}PONTE_ENCRYPTION_KEYS: 1 chiave di 32 byte, attiva «dk1»/,
      /OK {5}database raggiungibile/,
      /OK {5}schema aggiornato \(0\d{3}_/,
      /OK {5}le chiavi di PONTE_ENCRYPTION_KEYS aprono i dati/,
      /OK {5}PONTE_AUDIT_KEY è la chiave del registro/,
      /OK {5}orologio: .* ms di differenza dal database/,
      /OK {5}spazio libero nella cartella dati/,
      /OK {5}server SMTP 127\.0\.0\.1:\d+ raggiungibile/,
      /Esito: nessun errore.*Ponte è pronto\./,
    ]) {
      assert.match(sound.out, line);
    }
    assert.doesNotMatch(sound.out, /ERRORE/);
    assert.ok(!sound.out.includes(SECRET) && !sound.out.includes(KEYS), 'no secret in the report');

    const bad = await ponte(['doctor'], {
      ...good.env,
      PONTE_SECRET: 'x'.repeat(40),
      PONTE_ENCRYPTION_KEYS: newKeySpec('dk1'),
      PONTE_AUDIT_KEY: 'another-audit-key-another-audit-key-123',
      SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`,
    });
    assert.equal(bad.status, 1, bad.out);
    for (const line of [
      /ERRORE PONTE_SECRET ha troppo pochi caratteri diversi/,
      /ERRORE PONTE_ENCRYPTION_KEYS: la chiave «dk1» non è quella/,
      /ERRORE PONTE_AUDIT_KEY non è la chiave del registro/,
      /ERRORE server SMTP 127\.0\.0\.1:\d+ non raggiungibile: connessione rifiutata/,
      /Esito: 4 errori.*Ponte NON è pronto/,
    ]) {
      assert.match(bad.out, line);
    }

    const unmigrated = await ponte(['doctor'], bare.env);
    assert.equal(unmigrated.status, 1, unmigrated.out);
    assert.match(
      unmigrated.out,
      url
        ? /ERRORE mancano \d+ migrazioni \(0001_foundation e seguenti\): esegui ponte migrate/
        : /ERRORE nessun database in .*bare: esegui ponte migrate/,
    );

    const invalid = await ponte(['doctor'], { ...good.env, PONTE_SECRET: 'corto' });
    assert.equal(invalid.status, 1);
    assert.match(
      invalid.out,
      /ERRORE configurazione non valida: PONTE_SECRET deve avere almeno 32 caratteri/,
    );
  } finally {
    configureKeys(testConfig().encryptionKeys);
    configureAuditKey(testConfig().auditKey);
    await good.drop();
    await bare.drop();
  }
});

test('/readyz answers 503 while the keys do not open the data or the schema is behind, 200 when they do and during a rolling upgrade; /healthz answers 200 either way', async () => {
  const database = await ownTestDb();
  const right = newKeySpec('rk1');
  try {
    await checkEncryptionKeys(database.db, parseKeyring(right));
    for (const [keys, code] of [
      [newKeySpec('rk1'), 503],
      [right, 200],
    ] as const) {
      const app = await buildApp({ config: testConfig({ encryptionKeys: keys }), database, logger: false });
      try {
        const ready = await app.inject({ method: 'GET', url: '/readyz' });
        assert.equal(ready.statusCode, code, ready.body);
        assert.equal(ready.headers['cache-control'], 'no-store');
        const body = ready.json() as { status: string; checks: Record<string, string> };
        assert.equal(body.status, code === 200 ? 'ready' : 'not_ready');
        assert.equal(body.checks.keys, code === 200 ? 'ok' : 'errore');
        assert.equal(body.checks.schema, 'ok');
        assert.ok(!ready.body.includes('rk1'), 'names and verdicts only');
        assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      } finally {
        await app.close();
      }
    }
    // A rolling upgrade: the database already migrated by a newer version keeps the old instances ready (warning);
    // a database behind this version's schema does not.
    const last = knownMigrations().at(-1) as string;
    const states = [
      [
        sql`insert into kysely_migration (name, timestamp) values ('9999_later', '2026-11-16T09:00:00.000Z')`,
        200,
        'avviso',
      ],
      [sql`delete from kysely_migration where name in ('9999_later', ${last})`, 503, 'errore'],
    ] as const;
    for (const [change, code, verdict] of states) {
      await change.execute(database.db);
      const app = await buildApp({ config: testConfig({ encryptionKeys: right }), database, logger: false });
      try {
        const ready = await app.inject({ method: 'GET', url: '/readyz' });
        assert.equal(ready.statusCode, code, ready.body);
        assert.equal((ready.json() as { checks: Record<string, string> }).checks.schema, verdict);
      } finally {
        await app.close();
      }
    }
  } finally {
    configureKeys(testConfig().encryptionKeys);
    await database.close();
  }
});
