import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { getTestDb } from '../../../test/helpers.ts';

// Ponte's own PGlite dialect for Kysely 0.28 (decision 0040): what the application relies on from it — one
// transaction at a time on PGlite's single session, rollback, and the row counts that make "UPDATE … WHERE" guards
// pick one winner. On a PostgreSQL server (DATABASE_URL) the same assertions hold with pg's pool.

type Scratch = { scratch_dialect: { id: string; n: number } };

async function scratch(): Promise<Kysely<Scratch>> {
  const { db } = await getTestDb();
  const k = db as unknown as Kysely<Scratch>;
  await sql`create table if not exists scratch_dialect (id text primary key, n integer not null)`.execute(k);
  return k;
}

test('a transaction is isolated: a concurrent query never sees (nor joins) its uncommitted writes', async () => {
  const db = await scratch();
  const id = randomUUID();
  let release!: () => void;
  const hold = new Promise<void>((r) => {
    release = r;
  });
  let inserted!: () => void;
  const didInsert = new Promise<void>((r) => {
    inserted = r;
  });
  const tx = db.transaction().execute(async (t) => {
    await t.insertInto('scratch_dialect').values({ id, n: 1 }).execute();
    inserted();
    await hold;
    await t.updateTable('scratch_dialect').set({ n: 2 }).where('id', '=', id).execute();
  });
  await didInsert;
  // Started while the transaction is open: it must neither read the uncommitted row nor become part of it.
  const outside = db.selectFrom('scratch_dialect').select('n').where('id', '=', id).executeTakeFirst();
  const early = await Promise.race([
    outside.then(() => 'answered'),
    new Promise((r) => setTimeout(r, 50, 'wait')),
  ]);
  release();
  await tx;
  const row = await outside;
  if (early === 'answered') assert.equal(row, undefined, 'a server answers from before the commit');
  else assert.deepEqual(row, { n: 2 }, 'PGlite answers after the commit, with the committed value');
});

test('a failed transaction rolls back everything it wrote, and the connection serves the next query', async () => {
  const db = await scratch();
  const id = randomUUID();
  await assert.rejects(
    db.transaction().execute(async (t) => {
      await t.insertInto('scratch_dialect').values({ id, n: 1 }).execute();
      await t.insertInto('scratch_dialect').values({ id, n: 2 }).execute(); // duplicate key
    }),
    (e: { code?: string }) => e.code === '23505',
  );
  assert.equal(
    await db.selectFrom('scratch_dialect').select('n').where('id', '=', id).executeTakeFirst(),
    undefined,
  );
});

test('row counts are exact, so of two concurrent guarded updates exactly one wins', async () => {
  const db = await scratch();
  const id = randomUUID();
  await db.insertInto('scratch_dialect').values({ id, n: 0 }).execute();
  const guarded = () =>
    db.transaction().execute(async (t) => {
      const r = await t
        .updateTable('scratch_dialect')
        .set({ n: 1 })
        .where('id', '=', id)
        .where('n', '=', 0)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    });
  const counts = await Promise.all([guarded(), guarded(), guarded()]);
  assert.deepEqual(counts.sort(), [0, 0, 1], 'one update changed the row, the others changed nothing');
  const del = await db.deleteFrom('scratch_dialect').where('id', '=', id).executeTakeFirst();
  assert.equal(Number(del.numDeletedRows), 1);
});
