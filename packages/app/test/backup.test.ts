import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { type Identity, readIdentity } from '../src/features/cases/index.ts';
import { seedDemoCases, seedDemoDesks } from '../src/features/desks/index.ts';
import { seedDemo } from '../src/features/network/index.ts';
import { configureAuditKey, ensureKeyedChain } from '../src/platform/audit/audit.ts';
import { configureKeys, newKeySpec, parseKeyring } from '../src/platform/crypto/index.ts';
import { checkEncryptionKeys } from '../src/platform/crypto/key-check.ts';
import { toolMajor } from '../src/platform/db/backup.ts';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { migratedPglite, RULES_DAY, testAt, testConfig } from './helpers.ts';

// Issue 18: `ponte backup` and `ponte restore`, run as processes, on the engine of this run — PGlite data folders
// without DATABASE_URL, databases of their own on the server with it (so the file runs with --db too, like the
// tests that use ownTestDb). A database with cases, encrypted identities and an audit chain is backed up and
// restored into an empty one: the identities open with the same keys, `ponte audit verify` passes, every table has
// the same rows; a truncated, altered or newer-schema file, other keys and a non-empty target are refused with
// nothing restored.

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'packages/app/bin/ponte.js');
const url = process.env.DATABASE_URL;
const KEYS = newKeySpec('bk1');
const AUDIT_KEY = testConfig().auditKey;

interface Target {
  env: NodeJS.ProcessEnv;
  /** Opens the database; `migrated`: a new one starts freshly migrated (on PGlite, from the test image). */
  open(migrated?: boolean): Promise<Database>;
  /** Whether nothing has been restored there. */
  empty(): Promise<boolean>;
  drop(): Promise<void>;
}

const work = mkdtempSync(join(tmpdir(), 'ponte-backup-'));

async function target(name: string): Promise<Target> {
  const base = {
    NODE_ENV: 'development',
    PATH: process.env.PATH,
    PONTE_ENCRYPTION_KEYS: KEYS,
    PONTE_AUDIT_KEY: AUDIT_KEY,
    PONTE_JOBS: 'false',
    LOG_LEVEL: 'silent',
  };
  if (!url) {
    const dir = join(work, name);
    return {
      env: { ...base, PONTE_DATA_DIR: dir },
      open: async (migrated) =>
        openDatabase({ dataDir: dir, loadDataDir: migrated ? await migratedPglite() : undefined }),
      empty: async () => !existsSync(join(dir, 'PG_VERSION')),
      drop: async () => {},
    };
  }
  const db = `ponte_bk_${process.pid}_${name}_${randomUUID().slice(0, 6)}`;
  const admin = await openDatabase({ databaseUrl: url, poolSize: 1, allowExitOnIdle: true });
  await sql`create database ${sql.id(db)}`.execute(admin.db);
  const own = new URL(url);
  own.pathname = `/${db}`;
  const ownUrl = own.toString();
  return {
    env: { ...base, DATABASE_URL: ownUrl, PONTE_DATA_DIR: join(work, name) },
    open: () => openDatabase({ databaseUrl: ownUrl, allowExitOnIdle: true }),
    empty: async () => {
      const d = await openDatabase({ databaseUrl: ownUrl, poolSize: 1, allowExitOnIdle: true });
      try {
        const r = await sql<{
          n: number;
        }>`select count(*)::int as n from pg_tables where schemaname = 'public'`.execute(d.db);
        return r.rows[0]?.n === 0;
      } finally {
        await d.close();
      }
    },
    drop: async () => {
      await sql`drop database if exists ${sql.id(db)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}

function ponte(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, env, encoding: 'utf8', timeout: 180_000 });
}

async function counts(d: Database): Promise<Record<string, number>> {
  const tables = await sql<{ t: string }>`select table_name as t from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(d.db);
  const out: Record<string, number> = {};
  for (const { t } of tables.rows) {
    out[t] = Number(
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(d.db)).rows[0]?.n,
    );
  }
  return out;
}

/** The identity of every case, read through the audited accessor as her CAV's operator. */
async function identities(d: Database): Promise<Map<string, Identity | null>> {
  const op = await d.db
    .selectFrom('app_user')
    .innerJoin('membership', 'membership.user_id', 'app_user.id')
    .select(['app_user.id', 'membership.organisation_id'])
    .where('username', '=', 'demo.operatrice')
    .executeTakeFirstOrThrow();
  const actor = { userId: op.id, orgId: op.organisation_id };
  const out = new Map<string, Identity | null>();
  const cases = await d.db.selectFrom('case_file').select('id').orderBy('id').execute();
  for (const c of cases) {
    out.set(
      c.id,
      await readIdentity(d.db, { ...actor, roles: ['cav_operator'] }, c.id, { kind: 'cav_view' }),
    );
  }
  return out;
}

/** A copy of a backup whose manifest says something else, with its checksum made right again. */
function rewritten(file: string, to: string, change: (m: Record<string, unknown>) => void): void {
  const buf = readFileSync(file);
  const a = buf.indexOf(10);
  const b = buf.indexOf(10, a + 1);
  const manifest = JSON.parse(buf.subarray(a + 1, b).toString('utf8'));
  change(manifest);
  const body = Buffer.concat([
    buf.subarray(0, a + 1),
    Buffer.from(`${JSON.stringify(manifest)}\n`),
    buf.subarray(b + 1, buf.length - 74),
  ]);
  const sum = createHash('sha256').update(body).digest('hex');
  writeFileSync(to, Buffer.concat([body, Buffer.from(`\nSHA-256 ${sum}\n`)]));
}

testAt(RULES_DAY)(
  `ponte backup and ponte restore on ${url ? 'PostgreSQL' : 'PGlite'}: cases, identities and the audit chain come back whole; bad files and a busy target are refused`,
  { timeout: 600_000 },
  async () => {
    const source = await target('src');
    const restored = await target('dst');
    try {
      // The source: the demo network, desks and cases with identities, keys checked, the chain keyed.
      configureKeys(KEYS);
      configureAuditKey(AUDIT_KEY);
      const src = await source.open(true);
      let before: Record<string, number>;
      let people: Map<string, Identity | null>;
      try {
        await migrateToLatest(src.db);
        await seedDemo(src.db);
        await seedDemoDesks(src.db);
        const seeded = await seedDemoCases(src.db);
        assert.ok(seeded.cases >= 2, 'cases to back up');
        await checkEncryptionKeys(src.db, parseKeyring(KEYS));
        await ensureKeyedChain(src.db);
        people = await identities(src);
        assert.ok(
          [...people.values()].some((p) => p?.name),
          'identities in the clear here, sealed in the database',
        );
        before = await counts(src);
        assert.ok((before.audit_log ?? 0) > 3 && (before.case_identity ?? 0) >= 2);
        if (!url) {
          // PGlite has no lock of its own: while this process has the data folder open, another is refused.
          const busy = ponte(['backup', join(work, 'busy.backup')], source.env);
          assert.equal(busy.status, 1, busy.stdout);
          assert.match(
            busy.stderr,
            new RegExp(`già aperto dal processo ${process.pid} \\(Ponte è avviato\\?\\)`),
          );
          assert.ok(!existsSync(join(work, 'busy.backup')));
        }
      } finally {
        await src.close();
      }

      const file = join(work, 'ponte.backup');
      const made = ponte(['backup', file], source.env);
      assert.equal(made.status, 0, made.stderr);
      assert.match(made.stdout, /Backup scritto in .*\n.*schema 0\d{3}_[a-z_]+; regole /);
      assert.match(made.stdout, /Le chiavi NON sono nel backup/);
      const sidecar = readFileSync(`${file}.sha256`, 'utf8');
      assert.equal(
        sidecar,
        `${createHash('sha256').update(readFileSync(file)).digest('hex')}  ponte.backup\n`,
      );
      assert.equal(ponte(['backup', file], source.env).status, 1, 'an existing backup is never overwritten');

      // Refusals, each leaving the target untouched.
      const bytes = readFileSync(file);
      writeFileSync(join(work, 'truncated'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const flipped = Buffer.from(bytes);
      const at = flipped.length - 500;
      flipped[at] = (flipped[at] ?? 0) ^ 0xff;
      writeFileSync(join(work, 'altered'), flipped);
      rewritten(file, join(work, 'newer'), (m) => {
        (m.migrations as string[]).push('9999_from_the_future');
        m.schemaVersion = '9999_from_the_future';
      });
      const refusals: [string, NodeJS.ProcessEnv, RegExp][] = [
        [join(work, 'truncated'), restored.env, /TRONCATO: \d+ byte invece di \d+/],
        [join(work, 'altered'), restored.env, /non supera la somma di controllo SHA-256/],
        [
          join(work, 'newer'),
          restored.env,
          /schema più recente \(9999_from_the_future\).*9999_from_the_future/,
        ],
        [
          file,
          { ...restored.env, PONTE_ENCRYPTION_KEYS: newKeySpec('bk1') },
          /PONTE_ENCRYPTION_KEYS: la chiave «bk1»/,
        ],
        [
          file,
          { ...restored.env, PONTE_ENCRYPTION_KEYS: newKeySpec('other') },
          /PONTE_ENCRYPTION_KEYS non contiene/,
        ],
        [
          file,
          { ...restored.env, PONTE_AUDIT_KEY: 'another-audit-key-another-audit-key-123' },
          /PONTE_AUDIT_KEY non è la chiave/,
        ],
      ];
      for (const [f, env, message] of refusals) {
        const run = ponte(['restore', f], env);
        assert.equal(run.status, 1, `${f}: ${run.stdout}`);
        assert.match(run.stderr, /^Ripristino rifiutato: /);
        assert.match(run.stderr, message);
        assert.ok(await restored.empty(), `${f}: nothing restored`);
      }

      const done = ponte(['restore', file], restored.env);
      assert.equal(done.status, 0, done.stderr);
      assert.match(done.stdout, /Ripristinato il backup del .*come nel manifesto/);
      const again = ponte(['restore', file], restored.env);
      assert.equal(again.status, 1);
      assert.match(again.stderr, /non è vuot|c’è già un database/);

      const dst = await restored.open();
      try {
        assert.deepEqual(await counts(dst), before, 'every table has the same rows');
        assert.deepEqual(await identities(dst), people, 'the identities open with the same keys');
      } finally {
        await dst.close();
      }
      const verify = ponte(['audit', 'verify'], restored.env);
      assert.equal(verify.status, 0, verify.stdout + verify.stderr);
      assert.match(verify.stdout, /Registro integro: \d+ voci verificate/);
    } finally {
      configureKeys(testConfig().encryptionKeys);
      configureAuditKey(testConfig().auditKey);
      await source.drop();
      await restored.drop();
    }
  },
);

process.on('exit', () => rmSync(work, { recursive: true, force: true }));

test('pg_dump and pg_restore older than the server are refused with what to install', {
  skip: spawnSync('pg_dump', ['--version']).error ? 'pg_dump is not installed here' : false,
}, () => {
  assert.throws(
    () => toolMajor('pg_dump', 99),
    /pg_dump è della versione \d+, serve la 99 .*postgresql-client-99/,
  );
  assert.equal(toolMajor('pg_restore', 10).major >= 10, true);
});
