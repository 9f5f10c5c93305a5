import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { clockAt, getPage } from '../../../test/helpers.ts';
import { day, item, meeting, type World, world } from './test-world.ts';

// (Database tests: the world of test-world.ts runs on getTestDb and testApp, so `--db` runs them on PostgreSQL.)
// The tavolo's page lists its past meetings, open actions and decisions a page at a time (20 each), each list with
// its own page in the address; a page beyond the end, or not a number, is answered with the nearest page, never 5xx.

const AT = '2026-06-10T10:00';

async function many(w: World, itemId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const decision = randomUUID();
    await w.db
      .insertInto('rt_decision')
      .values({
        id: decision,
        item_id: itemId,
        text: `Decisione numero ${i + 1}`,
        voted: false,
        created_by: w.secretary.id,
      })
      .execute();
    await w.db
      .insertInto('rt_action')
      .values({
        id: randomUUID(),
        roundtable_id: w.table,
        item_id: itemId,
        decision_id: decision,
        what: `Azione numero ${String(i + 1).padStart(2, '0')}`,
        owner_org_id: w.orgs.ats,
        owner_user_id: w.member.id,
        due_on: day(30 + i),
        created_by: w.secretary.id,
      })
      .execute();
  }
}

test('open actions and decisions a page at a time; huge or odd page numbers answered cleanly', async (t) => {
  clockAt(t, AT);
  const w = await world();
  const m = await meeting(w);
  await many(w, await item(w, m), 23);
  const url = `/roundtables/${w.table}`;
  const first = await getPage(w.app, w.member, url);
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /Azione numero 20/);
  assert.doesNotMatch(first.body, /Azione numero 21/);
  assert.match(first.body, /\?page=1&amp;actions=2&amp;decisions=1"/);
  assert.match(first.body, /\?page=1&amp;actions=1&amp;decisions=2"/);
  const second = await getPage(w.app, w.member, `${url}?actions=2&decisions=2`);
  assert.match(second.body, /Azione numero 23/);
  assert.doesNotMatch(second.body, /Azione numero 20</);
  assert.match(second.body, /Decisione numero 1</, 'the oldest decisions on the second page');
  for (const q of [
    'actions=999999999999999999999999999',
    'decisions=-3',
    'page=abc&actions=1e9&decisions=%00',
  ]) {
    const res = await getPage(w.app, w.member, `${url}?${q}`);
    assert.equal(res.statusCode, 200, q);
  }
  const beyond = await getPage(w.app, w.member, `${url}?actions=999999999999999999999999999`);
  assert.match(beyond.body, /Azione numero 23/, 'the last page');
});
