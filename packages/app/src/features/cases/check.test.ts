import assert from 'node:assert/strict';
import type { Assessment } from '@ponte/rules';
import type { FastifyInstance } from 'fastify';
import {
  clockAt,
  csrfFor,
  getTestDb,
  makeOrg,
  makeUser,
  RULES_DAY,
  type TestUser,
  testApp,
  testAt,
} from '../../../test/helpers.ts';
import { nowMs } from '../../platform/clock.ts';
import { changes, datesIn, deadlines, saveScreening } from './check.ts';
import * as svc from './service.ts';

// The benefits check runs only on a day its rules cover (issue 10): each test starts with the clock on RULES_DAY.
const test = testAt(RULES_DAY);

// The benefits check on a case: guided steps following the engine, stored runs, what changed, due items.

async function post(app: FastifyInstance, user: TestUser, url: string, body: URLSearchParams) {
  const { cookie, token } = await csrfFor(app, user.cookie, '/home');
  body.set('_csrf', token);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: body.toString(),
  });
}
const get = (app: FastifyInstance, user: TestUser, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: user.cookie, accept: 'text/html' } });
const decode = (s: string) => s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");

/** Answers the question on a step page as a hurried operator would: yes, she does not know, one child. */
function answerPage(html: string, overrides: Record<string, string> = {}): URLSearchParams {
  const body = new URLSearchParams();
  const form = html.slice(html.indexOf('action="/cases/'), html.indexOf('</form>', html.indexOf('name="q"')));
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    if (m[1] !== '_csrf') body.set(m[1] as string, decode(m[2] as string));
  }
  const radios = new Map<string, string[]>();
  for (const m of form.matchAll(/type="radio" id="[^"]*" name="([^"]+)" value="([^"]+)"/g)) {
    radios.set(m[1] as string, [...(radios.get(m[1] as string) ?? []), m[2] as string]);
  }
  for (const [name, values] of radios) {
    const pick =
      overrides[name] ??
      (values.includes('yes') ? 'yes' : values.includes('unknown') ? 'unknown' : values[0]);
    body.set(name, pick as string);
  }
  const unknownBoxes = new Set<string>();
  for (const m of form.matchAll(/type="checkbox" id="[^"]*" name="([^"]+)__kind" value="unknown"/g)) {
    unknownBoxes.add(m[1] as string);
  }
  for (const m of form.matchAll(/<input id="field-([^"]+)" name="[^"]+" type="text"/g)) {
    const name = m[1] as string;
    if (radios.has(`${name}__kind`)) continue;
    if (unknownBoxes.has(name) && overrides[name] === undefined) {
      body.set(`${name}__kind`, 'unknown');
      continue;
    }
    body.set(
      name,
      overrides[name] ??
        (/birthDate/.test(name)
          ? '01/05/1990'
          : /Date|pathStart/.test(name)
            ? '01/05/2025'
            : /children/.test(name)
              ? '1'
              : '0'),
    );
  }
  body.set('nav', 'next');
  return body;
}

async function walk(
  app: FastifyInstance,
  user: TestUser,
  caseId: string,
  first: string,
  overrides: Record<string, string> = {},
) {
  let html = first;
  const asked: string[] = [];
  for (let i = 0; i < 40; i++) {
    const q = /name="q" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(q, `a question on step ${i}`);
    asked.push(q);
    const res = await post(app, user, `/cases/${caseId}/check`, answerPage(html, overrides));
    if (res.statusCode === 303) return { location: String(res.headers.location), asked };
    assert.equal(
      res.statusCode,
      200,
      `step ${q}: ${res.body.slice(res.body.indexOf('<main'), res.body.indexOf('<main') + 600)}`,
    );
    html = res.body;
  }
  throw new Error('the check never ended');
}

test('check: one question per page following the engine, stored with the rules version, re-run shows what changed', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const operator = await makeUser(db, cav.id, ['cav_operator']);
  const other = await makeUser(db, (await makeOrg(db, 'cav', cav.territoryId)).id, ['cav_operator']);
  const c = await svc.openCase(db, { userId: operator.id, orgId: cav.id });

  const start = await get(app, operator, `/cases/${c.id}/check`);
  assert.equal(start.statusCode, 200);
  assert.equal((start.body.match(/name="q" value=/g) ?? []).length, 1, 'one topic per page');
  // A wrong answer keeps the page with a message next to the field.
  const q0 = /name="q" value="([^"]+)"/.exec(start.body)?.[1] as string;
  const bad = await post(
    app,
    operator,
    `/cases/${c.id}/check`,
    new URLSearchParams({ q: q0, asked: '', nav: 'next' }),
  );
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /invalid-feedback/);

  const first = await walk(app, operator, c.id, start.body);
  assert.match(first.location, new RegExp(`^/cases/${c.id}/screenings/[0-9a-f-]{36}\\?ok=check$`));
  assert.ok(first.asked.length >= 3 && first.asked.length <= 20, first.asked.join(' '));
  const rows = await db.selectFrom('screening').selectAll().where('case_id', '=', c.id).execute();
  assert.equal(rows.length, 1);
  const row = rows[0]!;
  assert.match(row.rules_version, /\S/);
  assert.equal(
    (row.situation as { person?: { violence?: { victim?: boolean } } }).person?.violence?.victim,
    true,
  );
  assert.ok(Array.isArray((row.assessment as unknown as Assessment).results));
  assert.deepEqual((row.answers as { asked: string[] }).asked, first.asked);

  const result = await get(app, operator, first.location);
  assert.equal(result.statusCode, 200);
  assert.match(result.body, /Prima verifica di questo caso/);
  assert.match(result.body, /Motivi/);
  assert.match(result.body, /Chi presenta la domanda/);
  assert.match(result.body, /data-status="eligible"|data-status="undetermined"/);
  assert.equal((await get(app, other, first.location)).statusCode, 404);

  // Re-run: the previous answers are listed; changing one asks only what it now needs, then shows the changes.
  const review = await get(app, operator, `/cases/${c.id}/check`);
  assert.match(review.body, /Risposte della verifica precedente/);
  const hidden = new URLSearchParams();
  for (const m of review.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    if (m[1] !== '_csrf') hidden.set(m[1] as string, decode(m[2] as string));
  hidden.set('edit', 'victim');
  const edit = await post(app, operator, `/cases/${c.id}/check`, hidden);
  assert.equal(edit.statusCode, 200);
  assert.match(edit.body, /name="q" value="victim"/);
  assert.match(edit.body, /value="yes" checked/, 'the earlier answer is shown');
  const second = await walk(app, operator, c.id, edit.body, { victim: 'no' });
  const after = await get(app, operator, second.location.replace('?ok=check', ''));
  assert.match(after.body, /Cosa è cambiato rispetto alla verifica precedente/);
  assert.match(after.body, /data-change="reddito_di_liberta"/);
  assert.equal(
    (await db.selectFrom('screening').select('id').where('case_id', '=', c.id).execute()).length,
    2,
  );
  const audit = await db
    .selectFrom('audit_log')
    .select('id')
    .where('entity_id', '=', c.id)
    .where('action', '=', 'case.screening_run')
    .execute();
  assert.equal(audit.length, 2);
});

test('check: dated deadlines of the engine become due items on the case and on the centre list', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const operator = await makeUser(db, cav.id, ['cav_operator']);
  const actor = { userId: operator.id, orgId: cav.id };
  const c = await svc.openCase(db, actor);
  const row = await svc.caseOf(db, operator, c.id);
  const ended = new Date(nowMs() - 10 * 86400_000).toISOString().slice(0, 10);
  const state = {
    asked: ['work', 'endReason', 'endDate', 'contributionWeeks4y'],
    values: { work: 'unemployed', endReason: 'dismissal', endDate: ended, contributionWeeks4y: '100' },
  };
  await saveScreening(db, actor, row, state, 'it');
  const due = await db.selectFrom('due_item').selectAll().where('case_id', '=', c.id).execute();
  const naspi = due.find((d) => d.benefit === 'naspi');
  assert.ok(naspi, JSON.stringify(due));
  const expected = new Date(`${ended}T00:00:00Z`);
  expected.setUTCDate(expected.getUTCDate() + 68);
  assert.equal(naspi.due_on, expected.toISOString().slice(0, 10));
  assert.equal(naspi.source, 'engine');
  // A re-run replaces the engine's open items instead of piling them up.
  await saveScreening(db, actor, row, state, 'it');
  assert.equal(
    (
      await db
        .selectFrom('due_item')
        .select('id')
        .where('case_id', '=', c.id)
        .where('benefit', '=', 'naspi')
        .execute()
    ).length,
    1,
  );

  const page = await get(app, operator, `/cases/${c.id}`);
  assert.match(page.body, /Domanda per NASpI/i);
  const list = await get(app, operator, '/cases/due');
  assert.match(list.body, new RegExp(c.code));
  const home = await get(app, operator, '/home');
  assert.match(home.body, /data-home-due/);
  assert.match(home.body, new RegExp(`Domanda per NASpI[^<]*<a href="/cases/${c.id}">${c.code}`, 'i'));
  const fresh = await db
    .selectFrom('due_item')
    .selectAll()
    .where('case_id', '=', c.id)
    .where('benefit', '=', 'naspi')
    .executeTakeFirstOrThrow();
  const done = await post(
    app,
    operator,
    `/cases/${c.id}/due/${fresh.id}/done`,
    new URLSearchParams({ version: String(fresh.version), back: '/cases/due' }),
  );
  assert.equal(done.statusCode, 303);
  assert.doesNotMatch((await get(app, operator, '/cases/due')).body, new RegExp(c.code));
  assert.equal(
    (await post(app, operator, `/cases/${c.id}/due/${fresh.id}/done`, new URLSearchParams({ version: '1' })))
      .statusCode,
    409,
  );
});

test('check: changes and deadlines computed from assessments', () => {
  const r = (
    benefit: string,
    status: 'eligible' | 'not_eligible' | 'undetermined',
    amount?: Record<string, number>,
  ) => ({
    benefit,
    name: benefit.toUpperCase(),
    status,
    amount,
    reasons: [],
    missing: [],
    documents: [],
    apply: { who: '', channel: '', deadline: '' },
    compatibility: [],
  });
  const before: Assessment = {
    rules: 'r1',
    results: [r('a', 'eligible', { monthly: 500 }), r('b', 'undetermined'), r('c', 'eligible')],
  };
  const after: Assessment = {
    rules: 'r1',
    results: [r('a', 'eligible', { monthly: 400 }), r('b', 'eligible'), r('c', 'eligible')],
  };
  assert.deepEqual(
    changes(before, after).map((x) => [
      x.benefit,
      x.before?.status,
      x.after?.status,
      x.after?.amount?.monthly,
    ]),
    [
      ['a', 'eligible', 'eligible', 400],
      ['b', 'undetermined', 'eligible', undefined],
    ],
  );
  assert.deepEqual(changes(after, after), []);
  const withDeadline: Assessment = {
    rules: 'r1',
    results: [
      {
        ...r('x', 'eligible'),
        reasons: [{ code: 'deadline', met: true, text: 'entro il 10/03/2030', source: '' }],
      },
      {
        ...r('y', 'not_eligible'),
        reasons: [{ code: 'deadline', met: true, text: 'entro il 10/03/2030', source: '' }],
      },
      {
        ...r('z', 'eligible'),
        reasons: [{ code: 'deadline', met: false, text: 'entro il 10/03/2020', source: '' }],
      },
    ],
  };
  assert.deepEqual(deadlines(withDeadline, '2026-01-01'), [{ benefit: 'x', name: 'X', dueOn: '2030-03-10' }]);
});

test('check: outside the years of the engine’s rules the check says so (503) and stores nothing', async (t) => {
  clockAt(t, '2027-01-05T10:00');
  const app = await testApp();
  const { db } = await getTestDb();
  const cav = await makeOrg(db, 'cav');
  const operator = await makeUser(db, cav.id, ['cav_operator']);
  const c = await svc.openCase(db, { userId: operator.id, orgId: cav.id });
  const start = await get(app, operator, `/cases/${c.id}/check`);
  assert.equal(start.statusCode, 503);
  assert.match(start.body, /Oggi \(5 gennaio 2027\) la verifica non si può eseguire/);
  assert.match(start.body, new RegExp(`href="/cases/${c.id}"`));
  assert.doesNotMatch(start.body, /name="q"/, 'no question asked');
  const step = await post(
    app,
    operator,
    `/cases/${c.id}/check`,
    new URLSearchParams({ asked: '', nav: 'finish' }),
  );
  assert.equal(step.statusCode, 503);
  const stored = await db.selectFrom('screening').select('id').where('case_id', '=', c.id).execute();
  assert.deepEqual(stored, [], 'no screening stored');
  // Even if called directly, an assessment the engine refused is never stored (it would erase the deadlines).
  const row = await svc.caseOf(db, { orgId: cav.id }, c.id);
  await assert.rejects(
    saveScreening(db, { userId: operator.id, orgId: cav.id }, row, { asked: [], values: {} }, 'it'),
    /PONTE_ERR_DATE_OUT_OF_RANGE/,
  );
});

test('check: the days of a deadline are read in every format the engine writes', () => {
  assert.deepEqual(datesIn('entro il 3 febbraio 2027, poi il 17 March 2027'), ['2027-02-03', '2027-03-17']);
  assert.deepEqual(datesIn('entro il 03/02/2027 o il 2027-02-04'), ['2027-02-03', '2027-02-04']);
  assert.deepEqual(datesIn('il 3 marzolino 2027, 12 mesi 2027'), [], 'a word that is not a month is no date');
});
