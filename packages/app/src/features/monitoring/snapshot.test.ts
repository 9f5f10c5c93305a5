import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getPage, postForm } from '../../../test/helpers.ts';
import { meeting, mUrl, world } from '../roundtables/test-world.ts';

// Issues 13 and 15: a table of the dashboard, frozen, attached to a meeting of a tavolo — by its chair or its
// secretary, to a meeting to come; computed as someone outside her organisation sees it.

test('monitoring snapshot: the secretary attaches a table to her meeting; others are refused with a message', async () => {
  const w = await world();
  const m = await meeting(w);

  // The secretary (a CAV coordinator) sees the form with her meeting; a member of the tavolo has none to offer.
  const page = await getPage(w.app, w.secretary, '/monitoring');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /action="\/monitoring\/snapshot/);
  assert.ok(page.body.includes(`value="${m}"`), 'her meeting is offered');
  const memberPage = await getPage(w.app, w.member, '/monitoring');
  assert.equal(memberPage.statusCode, 200);
  assert.doesNotMatch(memberPage.body, /action="\/monitoring\/snapshot/);

  // A member posting anyway, a meeting that is not hers, a table that does not exist: 400, said next to the field.
  const member = await postForm(w.app, w.member, '/monitoring/snapshot', { table: 'funnel', meeting: m });
  assert.equal(member.statusCode, 400);
  assert.match(member.body, /Scegli una seduta in programma di un tavolo che presiedi/);
  const badTable = await postForm(w.app, w.secretary, '/monitoring/snapshot', { table: 'nope', meeting: m });
  assert.equal(badTable.statusCode, 400);
  assert.match(badTable.body, /Scegli una tabella di questa pagina/);
  assert.match(badTable.body, new RegExp(`<option value="${m}" selected`), 'her choice is kept');
  // A role without monitoring at all.
  assert.equal(
    (await postForm(w.app, w.outsider, '/monitoring/snapshot', { table: 'funnel', meeting: m })).statusCode,
    403,
  );
  assert.equal(
    await w.db
      .selectFrom('rt_snapshot')
      .select('id')
      .where('meeting_id', '=', m)
      .execute()
      .then((r) => r.length),
    0,
  );

  // Attached: back to the dashboard with the notice; the meeting page shows the frozen table to the members.
  const ok = await postForm(w.app, w.secretary, '/monitoring/snapshot', { table: 'funnel', meeting: m });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 500));
  assert.match(String(ok.headers.location), /^\/monitoring\?.*allegata=funnel#snapshot$/);
  const done = await getPage(w.app, w.secretary, String(ok.headers.location).split('#')[0]!);
  assert.match(done.body, /allegata alla seduta/);
  const rows = await w.db.selectFrom('rt_snapshot').selectAll().where('meeting_id', '=', m).execute();
  assert.equal(rows.length, 1);
  assert.match(rows[0]!.title, /^Il percorso, dal 1 .* al \d+ /);
  const meetingPage = await getPage(w.app, w.member, mUrl(w, m));
  assert.equal(meetingPage.statusCode, 200);
  assert.ok(meetingPage.body.includes(rows[0]!.title), 'the frozen table is on the meeting page');
});
