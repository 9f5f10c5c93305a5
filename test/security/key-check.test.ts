import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../packages/app/src/config.ts';
import { hashPassword } from '../../packages/app/src/platform/auth/passwords.ts';
import { newTotpSecret } from '../../packages/app/src/platform/auth/totp.ts';
import { sealTotpSecret } from '../../packages/app/src/platform/auth/totp-secret.ts';
import { now } from '../../packages/app/src/platform/clock.ts';
import { newKeySpec, parseKeyring } from '../../packages/app/src/platform/crypto/index.ts';
import { openDatabase } from '../../packages/app/src/platform/db/database.ts';
import { migrateToLatest } from '../../packages/app/src/platform/db/migrate.ts';
import { startServer } from '../../packages/app/src/server.ts';
import { migratedDataDir, testConfig } from '../../packages/app/test/helpers.ts';

// Issue 11, finding 14: started against a database whose data was sealed with other master keys (another data
// folder in development, a wrong secret in production), Ponte served, and every login answered 500. Now a key
// check value is stored, and the start-up refuses with a message naming PONTE_ENCRYPTION_KEYS.

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'node_modules/.bin/ponte');
const KEY_A = newKeySpec('k1');
const KEY_B = newKeySpec('k1'); // the same id, another key: what a second data folder gives

// startServer sets the keys of the whole process: the other tests of this process get theirs back.
async function restoreTestKeys() {
  const { configureKeys } = await import('../../packages/app/src/platform/crypto/index.ts');
  const audit = await import('../../packages/app/src/platform/audit/audit.ts');
  const config = testConfig();
  configureKeys(config.encryptionKeys);
  (audit as { configureAuditKey?: (key: string) => void }).configureAuditKey?.(
    (config as { auditKey?: string }).auditKey ?? '',
  );
}

function env(dir: string, keys: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'development',
    // The audit key every test file of this process configures, so that starting a server here changes none.
    PONTE_AUDIT_KEY: (testConfig() as { auditKey?: string }).auditKey,
    PONTE_DATA_DIR: dir,
    PONTE_ENCRYPTION_KEYS: keys,
    PORT: '0',
    PONTE_JOBS: 'false',
    LOG_LEVEL: 'silent',
  };
}

/** Starts Ponte in this process; returns the refusal, or null after stopping a server that did start. */
async function startRefusal(dir: string, keys: string): Promise<Error | null> {
  try {
    const server = await startServer(loadConfig(env(dir, keys)));
    await server.stop();
    return null;
  } catch (e) {
    return e as Error;
  }
}

/** A staff member whose second-factor key is sealed with `keys`, as every enrolled account's is. */
async function enrolledUser(dir: string, keys: string): Promise<void> {
  // From the suite's migrated image on PGlite (initdb and the migrations once per process, not per folder).
  if (!process.env.DATABASE_URL) await migratedDataDir(dir);
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(database.db);
    const id = randomUUID();
    await database.db
      .insertInto('app_user')
      .values({
        id,
        username: `chiave.${id.slice(0, 8)}`,
        display_name: 'Persona di prova',
        password_hash: await hashPassword('una-password-di-prova-lunga'),
        totp_secret: sealTotpSecret(id, newTotpSecret(), parseKeyring(keys)),
        // The application's clock (tests set it); the instant cannot matter to a refusal of the keys.
        totp_enrolled_at: now(),
      })
      .execute();
  } finally {
    await database.close();
  }
}

test('finding 14: the start-up refuses keys that cannot open the data, and names PONTE_ENCRYPTION_KEYS', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-keys-'));
  try {
    await enrolledUser(dir, KEY_A);
    // A database of an earlier version (no check value yet): the sealed data itself tells the wrong key.
    const first = await startRefusal(dir, KEY_B);
    assert.ok(first, 'Ponte must not start with keys that cannot open its data');
    assert.match(first.message, /PONTE_ENCRYPTION_KEYS/);
    assert.match(first.message, /k1/);
    // The right keys start, and leave a check value behind…
    assert.equal(await startRefusal(dir, KEY_A), null);
    // …which refuses the wrong key even when no sealed row is left to try.
    const database = await openDatabase({ dataDir: dir });
    await database.db.deleteFrom('app_user').execute();
    await database.close();
    const second = await startRefusal(dir, KEY_B);
    assert.ok(second, 'the check value refuses the wrong key');
    assert.match(second.message, /PONTE_ENCRYPTION_KEYS/);
    // A new key put first (rotation) is accepted while the old one is still configured.
    assert.equal(await startRefusal(dir, `${newKeySpec('k2')},${KEY_A}`), null);
  } finally {
    await restoreTestKeys();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('finding 14: `ponte serve` with the wrong keys exits with a clear message instead of serving', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-keys-'));
  try {
    await enrolledUser(dir, KEY_A);
    const run = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(bin, ['serve'], { cwd: root, env: { ...process.env, ...env(dir, KEY_B) } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => {
        out += d;
        // On a build without the check, Ponte starts: stop it and let the assertions fail.
        if (/pronto/.test(out)) child.kill('SIGTERM');
      });
      child.stderr.on('data', (d) => {
        err += d;
      });
      child.on('exit', (code) => resolve({ code, out, err }));
    });
    assert.doesNotMatch(run.out, /pronto/, 'it must not serve');
    assert.notEqual(run.code, 0);
    assert.match(run.err, /PONTE_ENCRYPTION_KEYS/);
    assert.doesNotMatch(run.err, /at .*\.ts:\d+/, 'a message, not a stack trace');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
