import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { now, nowMs } from './platform/clock.ts';

const root = join(import.meta.dirname, '../../..');
const bin = join(root, 'node_modules/.bin/ponte');
const publicCases = join(root, '../shared/rules/cases/public.jsonl');

interface Expect {
  benefit: string;
  status: string;
  amount?: Record<string, number>;
  missing?: string[];
}

function screen(input: string, args: string[] = []) {
  return spawnSync(bin, ['screen', ...args], { input, encoding: 'utf8', cwd: root, timeout: 60_000 });
}

test('`ponte screen` as a separate process answers every public case line by line', {
  skip: !existsSync(publicCases) && 'shared/rules/cases/public.jsonl not found',
}, () => {
  const cases = readFileSync(publicCases, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { situation: { id: string }; expect: Expect[] });
  const run = screen(cases.map((c) => JSON.stringify(c.situation)).join('\n'));
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, cases.length);
  cases.forEach((c, i) => {
    const out = JSON.parse(lines[i]!);
    assert.equal(out.id, c.situation.id, `line ${i + 1} is in order`);
    for (const e of c.expect) {
      const r = out.results.find((x: { benefit: string }) => x.benefit === e.benefit);
      assert.ok(r, `${c.situation.id}: ${e.benefit} present`);
      assert.equal(r.status, e.status, `${c.situation.id}: ${e.benefit} status`);
      for (const [k, v] of Object.entries(e.amount ?? {})) {
        assert.ok(
          Math.abs(r.amount[k] - v) <= 0.01,
          `${c.situation.id}: ${e.benefit}.${k} ${r.amount[k]} != ${v}`,
        );
      }
      for (const m of e.missing ?? []) assert.ok(r.missing.includes(m), `${c.situation.id}: missing ${m}`);
    }
  });
});

test('`ponte screen` goes on after an invalid line and exits 1', () => {
  const run = screen('{"id":"a","date":"2025-06-01"}\nnot json\n{"id":"c","date":"2025-06-01"}\n', [
    '--lang',
    'en',
  ]);
  assert.equal(run.status, 1);
  const lines = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.equal(lines[0].id, 'a');
  assert.equal(lines[1].error.code, 'PONTE_ERR_INVALID_JSON');
  assert.equal(lines[2].id, 'c');
});

test('`ponte screen --date` overrides the date, and bad options are refused', () => {
  const run = screen('{"id":"a","date":"2025-06-01"}\n', ['--date', '2024-03-01']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).date, '2024-03-01');
  const bad = screen('', ['--lang', 'xx']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--lang/);
});

test('`ponte screen --compact` writes the compact line of each situation, the same as the full one cut down', () => {
  const input = '{"id":"a","date":"2025-06-01"}\nnot json\n';
  const full = screen(input);
  const run = screen(input, ['--compact']);
  assert.equal(run.status, full.status);
  const lines = run.stdout.split('\n').filter(Boolean);
  const fullLines = full.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 2);
  const a = JSON.parse(lines[0] as string);
  const f = JSON.parse(fullLines[0] as string);
  assert.equal(a.id, 'a');
  assert.deepEqual(
    a.results.map((r: { benefit: string; status: string }) => [r.benefit, r.status]),
    f.results.map((r: { benefit: string; status: string }) => [r.benefit, r.status]),
  );
  assert.doesNotMatch(run.stdout, /"(text|name|source|documents|apply|compatibility)":/);
  assert.equal(lines[1], fullLines[1], 'an invalid line is the same error');
  assert.ok(run.stdout.length * 4 < full.stdout.length);
});

test('`ponte totp` prints the current code of a key without opening any database', async () => {
  const { currentTotp } = await import('./features/auth/index.ts');
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const run = spawnSync(bin, ['totp', secret], {
    encoding: 'utf8',
    cwd: root,
    // The command's clock starts where this process's clock is (a dated run moves it; outside production only).
    env: { ...process.env, PONTE_DATA_DIR: '/nonexistent/never', PONTE_TEST_NOW: now().toISOString() },
  });
  assert.equal(run.status, 0, run.stderr);
  const printed = run.stdout.trim();
  // The step may tick between the two computations: accept the code of this step or of the previous one.
  const at = Math.floor(nowMs() / 1000);
  assert.ok([currentTotp(secret, at), currentTotp(secret, at - 30)].includes(printed), printed);
  const bad = spawnSync(bin, ['totp', 'not-a-key'], { encoding: 'utf8', cwd: root });
  assert.equal(bad.status, 2);
});

test('`ponte audit verify` passes on an intact log and names the first edited entry', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { sql } = await import('kysely');
  const { openDatabase } = await import('./platform/db/database.ts');
  const { migrateToLatest } = await import('./platform/db/migrate.ts');
  const { appendAudit, configureAuditKey } = await import('./platform/audit/audit.ts');
  const { testConfig } = await import('../test/helpers.ts');
  const dir = mkdtempSync(join(tmpdir(), 'ponte-audit-'));
  try {
    // The audit key of the tests (the one every test file configures), given to the command too.
    const auditKey = testConfig().auditKey;
    const env = { ...process.env, PONTE_DATA_DIR: dir, NODE_ENV: 'development', PONTE_AUDIT_KEY: auditKey };
    configureAuditKey(auditKey);
    const database = await openDatabase({ dataDir: dir });
    await migrateToLatest(database.db);
    for (let i = 0; i < 3; i++) await appendAudit(database.db, { action: 'test.cli', entityId: String(i) });
    await database.close();
    const intact = spawnSync(bin, ['audit', 'verify'], { encoding: 'utf8', cwd: root, env });
    assert.equal(intact.status, 0, intact.stdout + intact.stderr);
    // Three entries and the one that starts the keyed links.
    assert.match(intact.stdout, /4 voci verificate/);

    const again = await openDatabase({ dataDir: dir });
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(again.db);
    await sql`update audit_log set entity_id = 'altered' where entity_id = '1'`.execute(again.db);
    const edited = await sql<{ id: number }>`select id from audit_log where entity_id = 'altered'`.execute(
      again.db,
    );
    await again.close();
    const broken = spawnSync(bin, ['audit', 'verify'], { encoding: 'utf8', cwd: root, env });
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, new RegExp(`prima voce non valida n\\. ${edited.rows[0]!.id} `));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
