import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTestDb } from '../../../test/helpers.ts';
import { prepared } from './prepared.ts';
import { countQueries } from './query-count.ts';

// A prepared query (decision 0069) answers what the same query built at each call answers, for other values at
// each call, makes one round trip, and refuses an argument that is not a parameter of the query.

test('a prepared query binds new values at each call and answers as the built query does', async () => {
  const { db } = await getTestDb();
  let built = 0;
  const organisationsOfKind = prepared((d: typeof db, kind: string, since: Date) => {
    built += 1;
    return d
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('kind', '=', kind as 'cav')
      .where('created_at', '>', since)
      .orderBy('id');
  });
  const epoch = new Date('2000-01-01T00:00:00Z');
  for (const kind of ['cav', 'inps_office', 'cav'] as const) {
    const direct = await db
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('kind', '=', kind)
      .where('created_at', '>', epoch)
      .orderBy('id')
      .execute();
    const counted = await countQueries(() => organisationsOfKind(db, kind, epoch));
    assert.deepEqual(counted.result, direct);
    assert.equal(counted.queries, 1);
  }
  assert.equal(built, 1, 'built and compiled once');
  // The Date is a value too: none of the organisations was created after the year 3000.
  assert.deepEqual(await organisationsOfKind(db, 'cav', new Date('3000-01-01T00:00:00Z')), []);
});

test('an argument that chooses the shape of the query, or is written into its text, is refused', async () => {
  const { db } = await getTestDb();
  const unused = prepared((d: typeof db, _kind: string) => d.selectFrom('organisation').select('id'));
  await assert.rejects(unused(db, 'cav'), /argument 0 is not a parameter/);
  const asColumn = prepared((d: typeof db, column: string) =>
    d.selectFrom('organisation').select(column as 'id'),
  );
  // As an identifier it is written into the SQL's text: refused.
  await assert.rejects(asColumn(db, 'id'), /argument 0 is not a parameter/);
});
