import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { ownTestDb } from '../../../test/helpers.ts';
import { activeAuditKeys, appendAudit } from './audit.ts';
import { checkAudit, readCheckpoints, writeCheckpoint } from './checkpoints.ts';

// The hourly `audit.checkpoint` job and the comparison of `verify` (decision 0037), on a database of their own.

async function setup() {
  const database = await ownTestDb();
  const dir = mkdtempSync(join(tmpdir(), 'ponte-checkpoints-'));
  const file = join(dir, 'anchor', 'audit.jsonl');
  const add = async (n: number) => {
    for (let i = 0; i < n; i++)
      await appendAudit(database.db, { action: 'test.checkpoint', entityId: String(i) });
  };
  const done = async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db: database.db, file, add, done };
}

async function asSuperuser(
  db: Awaited<ReturnType<typeof ownTestDb>>['db'],
  statement: ReturnType<typeof sql>,
) {
  await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
  try {
    await statement.execute(db);
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
  }
}

test('the checkpoint job anchors the head, goes on from its last checkpoint, and refuses to anchor a cut chain', async () => {
  const s = await setup();
  try {
    assert.deepEqual(await writeCheckpoint(s.db, { file: s.file }), { kind: 'empty' });
    await s.add(3);
    const first = await writeCheckpoint(s.db, { file: s.file });
    assert.equal(first.kind, 'written');
    const c1 = first.kind === 'written' ? first.checkpoint : null;
    assert.equal(c1?.entries, 4, 'three entries and the switch');
    await s.add(2);
    const second = await writeCheckpoint(s.db, { file: s.file });
    const c2 = second.kind === 'written' ? second.checkpoint : null;
    assert.equal(c2?.entries, 6);
    assert.equal(c2?.keyedFrom, c1?.keyedFrom);
    const { valid, invalidLines } = readCheckpoints(activeAuditKeys(), s.file);
    assert.deepEqual(
      valid.map((c) => c.seq),
      [c1?.seq, c2?.seq],
    );
    assert.deepEqual(invalidLines, []);
    assert.equal((await checkAudit(s.db, { file: s.file, write: false })).ok, true);

    // The last two entries deleted: the job writes nothing and says why; verify names the truncation.
    await asSuperuser(s.db, sql`delete from audit_log where id > ${c1!.seq}`);
    const cut = await writeCheckpoint(s.db, { file: s.file });
    assert.equal(cut.kind, 'broken');
    assert.equal(cut.kind === 'broken' && cut.finding?.kind, 'truncated');
    const check = await checkAudit(s.db, { file: s.file });
    assert.equal(check.ok, false);
    assert.equal(check.finding?.kind, 'truncated');
    assert.equal(check.written, undefined, 'a broken chain is never anchored');
  } finally {
    await s.done();
  }
});

test('an edited checkpoint line is named, and so is a changed entry that a checkpoint attests', async () => {
  const s = await setup();
  try {
    await s.add(2);
    const w = await writeCheckpoint(s.db, { file: s.file });
    assert.equal(w.kind, 'written');
    const line = readFileSync(s.file, 'utf8').trim();
    const forged = JSON.parse(line);
    forged.entries += 5;
    writeFileSync(s.file, `${line}\n${JSON.stringify(forged)}\n`);
    const altered = await checkAudit(s.db, { file: s.file, write: false });
    assert.deepEqual(altered.finding, { kind: 'altered', line: 2 });

    writeFileSync(s.file, `${line}\n`);
    const seq = JSON.parse(line).seq as number;
    // The entry's stored hash replaced, and the chain after it left alone: the walk says so first.
    await asSuperuser(s.db, sql`update audit_log set hash = ${'f'.repeat(64)} where id = ${seq}`);
    const rewritten = await checkAudit(s.db, { file: s.file, write: false });
    assert.equal(rewritten.ok, false);
    assert.equal(rewritten.chain.firstBroken?.id, seq);
  } finally {
    await s.done();
  }
});
