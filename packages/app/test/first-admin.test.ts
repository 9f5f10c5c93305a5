import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { TestBrowser } from '../src/features/auth/test-browser.ts';
import { createUserFromCli } from '../src/features/network/index.ts';
import { currentTotp } from '../src/platform/auth/totp.ts';
import { newKeySpec } from '../src/platform/crypto/index.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { ownTestDb, testConfig } from './helpers.ts';
import { startSmtp } from './smtp.ts';

// The first administrator of a real network (issue 11, finding 5). In production `ponte start` never loads the
// demo (its accounts have a published password and printed TOTP keys): it says how to create the first
// administrator with `ponte users create`, whose password is printed once and must be changed at the first login.

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'packages/app/bin/ponte.js');
const STRONG = 'la rete delle marche, primo accesso';

const cliValues = (over: Record<string, string> = {}) => ({
  username: 'prima.admin',
  name: 'Prima Amministratrice',
  role: 'network_admin',
  'new-org': 'Regione di Prova',
  region: 'Prova',
  ...over,
});

test('`ponte users create --new-org` on an empty network: the first organisation and administrator, a one-time password she changes at first login', async () => {
  const database = await ownTestDb();
  try {
    const { db } = database;
    await assert.rejects(createUserFromCli(db, cliValues({ role: 'cav_operator' })), /--role: Con la prima/);
    await assert.rejects(createUserFromCli(db, cliValues({ region: '' })), /--region/);
    const out = await createUserFromCli(db, cliValues());
    assert.match(out, /Prima organizzazione della rete: Regione di Prova/);
    const oneTime = /valida per un solo accesso: (\S+)/.exec(out)?.[1];
    assert.ok(oneTime && oneTime.length >= 16, 'the password is printed once');
    const org = await db
      .selectFrom('organisation')
      .select(['id', 'kind', 'territory_id'])
      .executeTakeFirstOrThrow();
    assert.deepEqual([org.kind, org.territory_id], ['regione', 'regione-prova']);
    const user = await db
      .selectFrom('app_user')
      .select(['id', 'demo', 'password_must_change'])
      .where('username', '=', 'prima.admin')
      .executeTakeFirstOrThrow();
    assert.deepEqual([user.demo, user.password_must_change], [false, true]);
    // Only once: the next organisations are made in the pages, by an administrator.
    await assert.rejects(
      createUserFromCli(db, cliValues({ username: 'seconda.admin' })),
      /--new-org: La rete ha già delle organizzazioni/,
    );

    // Her first login: password, second factor, then the change of password before anything else.
    const app = await buildApp({ config: testConfig(), database, logger: false });
    try {
      const b = new TestBrowser(app);
      await b.get('/login');
      assert.equal((await b.post('/login', { username: 'prima.admin', password: oneTime })).statusCode, 303);
      const secret = /data-totp-secret="([A-Z2-7]+)"/.exec((await b.get('/login/enrol')).body)?.[1];
      assert.ok(secret);
      await b.post('/login/enrol', { code: currentTotp(secret) });
      assert.equal((await b.get('/network/users')).headers.location, '/account/password');
      await b.get('/account/password');
      const done = await b.post('/account/password', { current: oneTime, password: STRONG, confirm: STRONG });
      assert.equal(done.statusCode, 303);
      assert.equal((await b.get('/network/users')).statusCode, 200, 'now she administers the network');
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
});

// ── As processes, in production (which requires a PostgreSQL server) ─────────────────────────────────────────

const url = process.env.DATABASE_URL;
const smtp = await startSmtp();
after(() => smtp.close());

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `ponte start` in production until it says it is ready; returns what it printed, and stops it. */
async function startOnce(env: NodeJS.ProcessEnv): Promise<string> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [bin, 'start'], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in 90 s:\n${out}`)), 90_000);
      const poll = setInterval(() => {
        if (/Ponte è pronto/.test(out)) {
          clearTimeout(timer);
          clearInterval(poll);
          resolve();
        }
      }, 100);
      child.once('exit', (code) => {
        clearTimeout(timer);
        clearInterval(poll);
        reject(new Error(`exited with ${code}:\n${out}`));
      });
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    assert.equal(health.status, 200);
    return out;
  } finally {
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
  }
}

test('production: `ponte start` never seeds the demo and says how to create the first administrator; `ponte users create` prints her one-time password once', {
  skip: !url && 'needs a PostgreSQL server (DATABASE_URL): production refuses the embedded database',
  timeout: 300_000,
}, async () => {
  const name = `ponte_first_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = await openDatabase({ databaseUrl: url, poolSize: 1, allowExitOnIdle: true });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const own = new URL(url!);
  own.pathname = `/${name}`;
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: own.toString(),
      PONTE_SECRET: 'test-secret-of-the-first-admin-test-0123456789',
      PONTE_ENCRYPTION_KEYS: newKeySpec('k1'),
      PONTE_AUDIT_KEY: 'test-audit-key-of-the-first-admin-test-0123456789',
      PONTE_AUDIT_CHECKPOINTS: join(tmpdir(), `${name}-audit.jsonl`),
      SMTP_URL: smtp.url,
      HOST: '127.0.0.1',
      PONTE_JOBS: 'false',
      LOG_LEVEL: 'warn',
    };
    const first = await startOnce(env);
    assert.doesNotMatch(first, /Accessi dimostrativi|demo\.|Ponte-Demo|chiave TOTP/, 'no demo login printed');
    assert.match(first, /Produzione: i dati dimostrativi non vengono mai caricati/);
    assert.match(
      first,
      /npx ponte users create --username \S+ --name "[^"]+" --role network_admin --new-org/,
    );
    const db = await openDatabase({ databaseUrl: own.toString(), poolSize: 1, allowExitOnIdle: true });
    try {
      const users = await db.db.selectFrom('app_user').select('id').execute();
      assert.deepEqual(users, [], 'no account at all: the demo was not seeded');
      assert.deepEqual(await db.db.selectFrom('organisation').select('id').execute(), []);

      // The demo seed is refused outright in production.
      const seed = spawnSync(process.execPath, [bin, 'seed', '--demo'], { cwd: root, env, encoding: 'utf8' });
      assert.equal(seed.status, 2);
      assert.match(seed.stderr, /In produzione la rete dimostrativa non si carica/);

      const create = spawnSync(
        process.execPath,
        [
          bin,
          'users',
          'create',
          '--username',
          'prima.admin',
          '--name',
          'Prima Amministratrice',
          '--role',
          'network_admin',
          '--new-org',
          'Regione di Prova',
          '--region',
          'Prova',
        ],
        { cwd: root, env, encoding: 'utf8', timeout: 120_000 },
      );
      assert.equal(create.status, 0, create.stderr);
      const printed = [...create.stdout.matchAll(/valida per un solo accesso: (\S+)/g)].map((m) => m[1]);
      assert.equal(printed.length, 1, 'the one-time password is printed once');
      const row = await db.db
        .selectFrom('app_user')
        .select(['password_must_change', 'demo'])
        .where('username', '=', 'prima.admin')
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.password_must_change, row.demo], [true, false]);
    } finally {
      await db.close();
    }

    // With an administrator, `start` says nothing more about it (and still seeds nothing).
    const again = await startOnce(env);
    assert.doesNotMatch(again, /Nessuna persona può ancora amministrare|Accessi dimostrativi/);
  } finally {
    rmSync(join(tmpdir(), `${name}-audit.jsonl`), { force: true });
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
    await admin.close();
  }
});
