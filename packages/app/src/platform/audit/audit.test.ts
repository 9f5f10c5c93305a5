import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { getTestDb, ownTestDb, testConfig } from '../../../test/helpers.ts';
import {
  activeAuditKeys,
  appendAudit,
  auditKeys,
  configureAuditKey,
  ensureKeyedChain,
  GENESIS_HASH,
  KEYED_MARKER,
  legacyEntryHash,
  verifyAuditChain,
} from './audit.ts';

async function tamper(db: Awaited<ReturnType<typeof getTestDb>>['db'], statement: ReturnType<typeof sql>) {
  // What an attacker with the database owner's rights would have to do: switch the guard off first.
  await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
  try {
    await statement.execute(db);
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
  }
}

test('the audit chain verifies, and an edited or deleted entry is named by verify', async () => {
  const { db } = await getTestDb();
  const before = await verifyAuditChain(db);
  assert.equal(before.ok, true);
  for (let i = 0; i < 5; i++) {
    await appendAudit(db, {
      action: 'test.event',
      entityType: 'test',
      entityId: String(i),
      details: { i, nested: { b: 1, a: 2 } },
    });
  }
  const ok = await verifyAuditChain(db);
  assert.equal(ok.ok, true);
  // On an empty log the first append also writes the entry from which the links are keyed.
  assert.equal(ok.checked, before.checked + 5 + (before.head ? 0 : 1));

  const rows = await db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'test.event')
    .orderBy('id')
    .execute();
  const edited = Number(rows[2]!.id);
  await tamper(db, sql`update audit_log set entity_id = 'altered' where id = ${edited}`);
  const afterEdit = await verifyAuditChain(db);
  assert.equal(afterEdit.ok, false);
  assert.deepEqual(afterEdit.firstBroken, { id: edited, reason: 'hash_mismatch' });
  await tamper(db, sql`update audit_log set entity_id = '2' where id = ${edited}`);
  assert.equal((await verifyAuditChain(db)).ok, true);

  const deleted = Number(rows[1]!.id);
  await tamper(db, sql`delete from audit_log where id = ${deleted}`);
  const afterDelete = await verifyAuditChain(db);
  assert.equal(afterDelete.ok, false);
  assert.equal(afterDelete.firstBroken?.id, Number(rows[2]!.id));
  assert.equal(afterDelete.firstBroken?.reason, 'missing_entries');
  // Leave a clean chain for the other tests of this process: re-link by rewriting from the gap is not possible
  // without the key, so remove the test entries after the gap (as a superuser would) and re-verify.
  await tamper(db, sql`delete from audit_log where id >= ${Number(rows[2]!.id)}`);
  assert.equal((await verifyAuditChain(db)).ok, true);
});

test('the audit log refuses UPDATE and DELETE, even from the owner, while its guard is on', async () => {
  const { db } = await getTestDb();
  await appendAudit(db, { action: 'test.guard' });
  await assert.rejects(
    sql`update audit_log set action = 'x' where action = 'test.guard'`.execute(db),
    /append-only/,
  );
  await assert.rejects(sql`delete from audit_log where action = 'test.guard'`.execute(db), /append-only/);
});

test('the application role ponte_app may insert and read audit entries but not change them', async () => {
  const { db } = await getTestDb();
  const role = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_roles where rolname = 'ponte_app'`.execute(db);
  assert.equal(role.rows[0]?.n, 1, 'migration 0001 creates the ponte_app role');
  await db.transaction().execute(async (tx) => {
    await sql`set local role ponte_app`.execute(tx);
    await sql`select count(*) from audit_log`.execute(tx);
  });
  await db.transaction().execute(async (tx) => {
    await sql`set local role ponte_app`.execute(tx);
    await appendAudit(tx, { action: 'test.as_app_role' });
  });
  await assert.rejects(
    db.transaction().execute(async (tx) => {
      await sql`set local role ponte_app`.execute(tx);
      await sql`update audit_log set action = 'x' where action = 'test.as_app_role'`.execute(tx);
    }),
    /permission denied|append-only/,
  );
  await assert.rejects(
    db.transaction().execute(async (tx) => {
      await sql`set local role ponte_app`.execute(tx);
      await sql`alter table audit_log disable trigger audit_log_no_change`.execute(tx);
    }),
    /owner|permission denied/,
  );
  await assert.rejects(
    db.transaction().execute(async (tx) => {
      await sql`set local role ponte_app`.execute(tx);
      await sql`truncate audit_log`.execute(tx);
    }),
    /permission denied/,
  );
});

test('details with undefined values hash as stored, so the chain stays valid', async () => {
  const { db } = await getTestDb();
  await appendAudit(db, {
    action: 'test.undefined',
    details: { kept: 1, dropped: undefined, list: [1, undefined] },
  });
  assert.equal((await verifyAuditChain(db)).ok, true);
});

test('a chain of plain SHA-256 links (before decision 0037) goes on keyed, and its old part stays checked', async () => {
  const database = await ownTestDb();
  const { db } = database;
  try {
    // Three entries as the earlier version wrote them.
    let prev = GENESIS_HASH;
    for (let i = 0; i < 3; i++) {
      const row = {
        at: new Date(Date.UTC(2026, 0, 1 + i)),
        actor_user_id: null,
        actor_org_id: null,
        action: 'test.legacy',
        entity_type: 'test',
        entity_id: String(i),
        ip: null,
        request_id: null,
        details: {},
        prev_hash: prev,
      };
      prev = legacyEntryHash(row);
      await db
        .insertInto('audit_log')
        .values({ ...row, details: '{}', hash: prev })
        .execute();
    }
    const before = await verifyAuditChain(db);
    assert.deepEqual(before.firstBroken?.reason, 'not_keyed', 'not one keyed entry yet');
    await appendAudit(db, { action: 'test.after_switch' });
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => r.action),
      ['test.legacy', 'test.legacy', 'test.legacy', KEYED_MARKER, 'test.after_switch'],
    );
    const marker = rows[3]!;
    assert.equal(marker.prev_hash, prev, 'the switch links to the head of the old entries');
    assert.deepEqual(marker.details, { keyFingerprint: activeAuditKeys().fingerprint, legacyHead: prev });
    const after = await verifyAuditChain(db);
    assert.equal(after.ok, true, JSON.stringify(after.firstBroken));
    assert.equal(after.checked, 5);
    assert.equal(after.keyedFrom, Number(marker.id));

    // An old entry edited and the old links recomputed: the switch entry no longer links to them.
    await tamper(db, sql`update audit_log set entity_id = 'altered' where id = ${Number(rows[1]!.id)}`);
    const edited = await verifyAuditChain(db);
    assert.deepEqual(edited.firstBroken, { id: Number(rows[1]!.id), reason: 'hash_mismatch' });
    // A key other than the one of the log is named as such.
    await tamper(db, sql`update audit_log set entity_id = '1' where id = ${Number(rows[1]!.id)}`);
    const otherKey = 'another-audit-key-0123456789-0123456789';
    const other = await verifyAuditChain(db, { keys: auditKeys(otherKey) });
    assert.deepEqual(other.firstBroken, { id: Number(marker.id), reason: 'wrong_key' });
    // …and a process configured with it does not start, instead of writing entries that would look forged.
    await ensureKeyedChain(db);
    const mine = activeAuditKeys();
    configureAuditKey(otherKey);
    try {
      await assert.rejects(ensureKeyedChain(db), /PONTE_AUDIT_KEY/);
    } finally {
      configureAuditKey(testConfig().auditKey);
    }
    assert.equal(activeAuditKeys().fingerprint, mine.fingerprint);
  } finally {
    await database.close();
  }
});

test('PONTE_AUDIT_KEY: required in production, kept in the data folder in development, at least 32 characters', async () => {
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { ConfigError, loadConfig } = await import('../../config.ts');
  const prod = {
    NODE_ENV: 'production',
    PONTE_SECRET: 'x'.repeat(40),
    DATABASE_URL: 'postgres://localhost/x',
    PONTE_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  };
  assert.throws(
    () => loadConfig(prod),
    (e: unknown) => e instanceof ConfigError && /PONTE_AUDIT_KEY/.test(e.message),
  );
  assert.throws(() => loadConfig({ ...prod, PONTE_AUDIT_KEY: 'short' }), /PONTE_AUDIT_KEY/);
  assert.equal(loadConfig({ ...prod, PONTE_AUDIT_KEY: 'a'.repeat(40) }).auditKey, 'a'.repeat(40));
  const dir = mkdtempSync(join(tmpdir(), 'ponte-audit-key-'));
  try {
    const env = { NODE_ENV: 'development', PONTE_DATA_DIR: dir };
    const first = loadConfig(env);
    assert.equal(readFileSync(join(dir, 'dev-audit-key'), 'utf8'), first.auditKey);
    assert.equal(loadConfig(env).auditKey, first.auditKey, 'the same key at the next start');
    assert.equal(first.auditCheckpointFile, join(dir, 'audit-checkpoints.jsonl'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(testConfig().auditCheckpointFile, null, 'in memory: the log lines only');
});
