import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ownTestDb, testConfig } from '../../../../test/helpers.ts';
import { configureKeys } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/database.ts';
import { seedDemo } from '../../network/index.ts';
import { seedDemoDesks } from './demo.ts';

// The demo desks of `npm start`: planned once on the demo network, never without it. Own empty database (PGlite,
// or PostgreSQL with DATABASE_URL).
let database: Database;
before(async () => {
  configureKeys(testConfig().encryptionKeys);
  database = await ownTestDb();
});
after(async () => {
  await database?.close();
});

test('no demo network: no demo desks', async () => {
  assert.equal(await seedDemoDesks(database.db), 0);
  assert.equal((await database.db.selectFrom('desk').select('id').execute()).length, 0);
});

test('on the demo network: a CAV room and a video desk with six months of desk days, once', async () => {
  const { db } = database;
  await seedDemo(db);
  const now = new Date('2026-11-26T10:00:00Z');
  assert.equal(await seedDemoDesks(db, now), 2);
  const desks = await db.selectFrom('desk').select(['id', 'kind', 'name']).orderBy('name').execute();
  assert.deepEqual(
    desks.map((d) => d.kind),
    ['cav_room', 'video'],
  );
  const days = await db
    .selectFrom('desk_session as s')
    .innerJoin('app_user as u', 'u.id', 's.officer_id')
    .select(['s.desk_id', 'u.username', 's.starts_at'])
    .where('s.cancelled_at', 'is', null)
    .execute();
  assert.ok(days.every((d) => d.username === 'demo.consulente'));
  const roomDays = days.filter((d) => d.desk_id === desks[0]?.id).length;
  const videoDays = days.filter((d) => d.desk_id === desks[1]?.id).length;
  assert.ok(roomDays >= 10 && roomDays <= 13, `2nd and 4th Tuesdays over six months: ${roomDays}`);
  assert.ok(videoDays >= 23 && videoDays <= 27, `Thursdays over six months: ${videoDays}`);
  // 8 December 2026 (2nd Tuesday) is a public holiday: no desk day then.
  assert.ok(!days.some((d) => new Date(d.starts_at).toISOString().startsWith('2026-12-08')));
  assert.equal(await seedDemoDesks(db, now), 0, 'once');
});
