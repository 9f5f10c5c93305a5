import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import * as audit from '../../packages/app/src/platform/audit/audit.ts';
import { type Database, openDatabase } from '../../packages/app/src/platform/db/database.ts';
import { migrateToLatest } from '../../packages/app/src/platform/db/migrate.ts';
import { migratedDataDir, testConfig } from '../../packages/app/test/helpers.ts';

// Issue 11, finding 4: with a database superuser, rewriting one entry and recomputing the SHA-256 links after it,
// or deleting the last entries, passed `ponte audit verify`. The links are now keyed (HMAC with a key that is not
// in the database) and the head is anchored outside the database by signed checkpoints, so that `verify` names a
// rewritten tail, a truncation and a gap, each in its own words. Tested as the operator would run it: the
// `ponte` command in its own process, on a data folder that a superuser has tampered with.

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'node_modules/.bin/ponte');
const work = mkdtempSync(join(tmpdir(), 'ponte-audit-sec-'));
const base = join(work, 'base');
after(() => rmSync(work, { recursive: true, force: true }));

// The audit key of the tests: the other test files of this process configure it too, so the entries written
// here in-process and the `ponte` command agree whatever runs in between.
const AUDIT_KEY =
  (testConfig() as { auditKey?: string }).auditKey ?? 'key-of-a-build-without-audit-keys-0123';
const env = (dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'development',
  PONTE_DATA_DIR: dir,
  PONTE_AUDIT_KEY: AUDIT_KEY,
  LOG_LEVEL: 'silent',
  ...extra,
});

function verify(dir: string, extra: NodeJS.ProcessEnv = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(bin, ['audit', 'verify'], { cwd: root, env: env(dir, extra) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Opens a data folder as the superuser (PGlite's only user) would. */
async function asSuperuser<T>(dir: string, fn: (db: Database['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: dir });
  try {
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(database.db);
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

// What an attacker who reads Ponte's source computes: the SHA-256 of the canonical JSON of an entry.
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const r = value as Record<string, unknown>;
  const keys = Object.keys(r)
    .filter((k) => r[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(r[k])}`).join(',')}}`;
}
interface Row {
  id: number | string;
  at: Date;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}
const sha = (prev: string, e: Row) =>
  createHash('sha256')
    .update(
      canonical([
        prev,
        new Date(e.at).toISOString(),
        e.actor_user_id,
        e.actor_org_id,
        e.action,
        e.entity_type,
        e.entity_id,
        e.ip,
        e.request_id,
        e.details,
      ]),
    )
    .digest('hex');

/** Rewrites every entry from `fromId` on with recomputed SHA-256 links, as the probe did. */
async function relink(db: Database['db'], fromId: number, edit: (r: Row) => void = () => {}) {
  const rows = (await db.selectFrom('audit_log').selectAll().orderBy('id').execute()) as Row[];
  let prev = '0'.repeat(64);
  for (const r of rows) {
    if (Number(r.id) >= fromId) {
      if (Number(r.id) === fromId) edit(r);
      const hash = sha(prev, r);
      await db
        .updateTable('audit_log')
        .set({ entity_id: r.entity_id, prev_hash: prev, hash: `tmp-${r.id}` })
        .where('id', '=', r.id as never)
        .execute();
      await db
        .updateTable('audit_log')
        .set({ hash })
        .where('id', '=', r.id as never)
        .execute();
      r.hash = hash;
    }
    prev = r.hash;
  }
}

let ids: number[] = [];
let prepared: Promise<void> | undefined;
/** The data folder all the tests start from (prepared once, by the first test that runs). */
const prepare = () => {
  prepared ??= writeEntries();
  return prepared;
};

async function writeEntries(): Promise<void> {
  // Six entries written by Ponte itself, with the audit key the command will be given.
  (audit as { configureAuditKey?: (key: string) => void }).configureAuditKey?.(AUDIT_KEY);
  // From the suite's migrated image on PGlite (initdb and the migrations once per process, not per folder).
  if (!process.env.DATABASE_URL) await migratedDataDir(base);
  const database = await openDatabase({ dataDir: base });
  try {
    await migrateToLatest(database.db);
    for (let i = 0; i < 6; i++) {
      await audit.appendAudit(database.db, {
        action: 'test.security',
        entityType: 'test',
        entityId: `e${i}`,
      });
    }
    const rows = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'test.security')
      .orderBy('id')
      .execute();
    ids = rows.map((r) => Number(r.id));
  } finally {
    await database.close();
  }
}

test('finding 4: `ponte audit verify` passes an intact log and anchors its head in a signed checkpoint file', async () => {
  await prepare();
  const run = await verify(base);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /Registro integro/);
  const file = join(base, 'audit-checkpoints.jsonl');
  assert.ok(existsSync(file), 'the checkpoint is written outside the database');
  const last = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!);
  assert.equal(last.seq, ids.at(-1));
  assert.match(last.head, /^[0-9a-f]{64}$/);
  assert.match(last.sig, /^[0-9a-f]{64}$/);
  assert.match(run.stdout, new RegExp(`"seq":${ids.at(-1)}`), 'and to the log');
});

/** A copy of the verified data folder (its checkpoint included), tampered with by `fn`. */
async function tampered(name: string, fn: (db: Database['db']) => Promise<void>) {
  await prepare();
  const dir = join(work, name);
  cpSync(base, dir, { recursive: true });
  await asSuperuser(dir, fn);
  return dir;
}

test('finding 4: a superuser who edits one entry and recomputes the links after it is named: a rewritten tail', async () => {
  const dir = await tampered('rewritten', (db) =>
    relink(db, ids[2]!, (r) => {
      r.entity_id = 'altered';
    }),
  );
  const run = await verify(dir);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /RISCRITT/);
  assert.match(run.stdout, new RegExp(`n\\. ${ids[2]}\\b`));
  assert.doesNotMatch(run.stdout, /TRONCAT|MANCANT/);
});

test('finding 4: deleting the last entries is named: a truncation after the checkpoint', async () => {
  const dir = await tampered('truncated', async (db) => {
    await db
      .deleteFrom('audit_log')
      .where('id', '>=', ids[4]! as never)
      .execute();
  });
  const run = await verify(dir);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /TRONCAT/);
  assert.match(run.stdout, new RegExp(`n\\. ${ids[5]}\\b`), 'the last entry the checkpoint attests');
  assert.doesNotMatch(run.stdout, /RISCRITT|MANCANT/);
});

test('finding 4: deleting an entry in the middle is named: a gap', async () => {
  const dir = await tampered('gap', async (db) => {
    await db
      .deleteFrom('audit_log')
      .where('id', '=', ids[3]! as never)
      .execute();
  });
  const run = await verify(dir);
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /MANCANT/);
  assert.match(run.stdout, new RegExp(`n\\. ${ids[4]}\\b`));
  assert.doesNotMatch(run.stdout, /RISCRITT|TRONCAT/);
});

test('finding 4: rewriting the whole chain from its first entry as plain SHA-256 does not pass either', async () => {
  const dir = await tampered('stripped', async (db) => {
    await db.deleteFrom('audit_log').where('action', '=', 'audit.chain_keyed').execute();
    const first = await db
      .selectFrom('audit_log')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    await relink(db, Number(first.id));
  });
  const run = await verify(dir);
  assert.equal(run.status, 1, run.stdout);
  assert.doesNotMatch(run.stdout, /Registro integro/);
});

test('finding 4: verify with another PONTE_AUDIT_KEY says so, instead of calling every entry altered', async () => {
  await prepare();
  const run = await verify(base, { PONTE_AUDIT_KEY: 'another-audit-key-that-is-long-enough-0123456789' });
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout + run.stderr, /PONTE_AUDIT_KEY/);
});
