import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { ownTestDb } from '../../../test/helpers.ts';
import { refreshRollups } from './refresh.ts';
import { progressBar, RealDataError, seedSynthetic } from './synthetic.ts';

test('ponte seed --synthetic: a fictional network with histories, in batches; refused once real data exists', async () => {
  const database = await ownTestDb();
  const { db } = database;
  try {
    const seen: number[] = [];
    const n = await seedSynthetic(db, { cases: 300, batch: 120, progress: (done) => seen.push(done) });
    assert.equal(n, 300);
    assert.deepEqual(seen, [120, 240, 300]);
    const counts = await sql<{
      cases: number;
      identities: number;
      consents: number;
      cards: number;
      apps: number;
      done: number;
    }>`
      select (select count(*) from case_file)::integer as cases,
        (select count(*) from case_identity)::integer as identities,
        (select count(*) from consent where purpose = 'statistics')::integer as consents,
        (select count(*) from consultation_card)::integer as cards,
        (select count(*) from application)::integer as apps,
        (select count(*) from appointment where status = 'done')::integer as done`.execute(db);
    const c = counts.rows[0]!;
    assert.equal(c.cases, 300);
    assert.equal(c.identities, 0, 'no synthetic woman has an identity');
    assert.ok(c.consents > 200 && c.consents < 300, `${c.consents}`);
    assert.ok(c.cards > 30 && c.apps > 10 && c.done > 10, JSON.stringify(c));
    const names = await sql<{ name: string }>`select name from organisation`.execute(db);
    for (const o of names.rows) assert.match(o.name, /sintetic|fantasia/i);
    const r = await refreshRollups(db, { full: true });
    assert.equal(r.full, true);
    const total = await sql<{
      n: number;
    }>`select sum(cases)::integer as n from monitoring_case_month`.execute(db);
    assert.ok(total.rows[0]!.n > 200);
    // A second run adds to the same network (codes stay unique).
    assert.equal(await seedSynthetic(db, { cases: 50 }), 50);
    // A real account: the database holds real data from now on.
    await sql`insert into app_user (id, username, display_name, password_hash)
      values (${randomUUID()}, 'persona.vera', 'Persona vera', 'x')`.execute(db);
    await assert.rejects(seedSynthetic(db, { cases: 10 }), RealDataError);
    assert.equal(progressBar(5, 10, 10), '[#####.....] 50% 5/10');
  } finally {
    await database.close();
  }
});
