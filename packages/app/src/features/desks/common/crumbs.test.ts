import assert from 'node:assert/strict';
import { getTestDb, type TestUser, testApp, testAt } from '../../../../test/helpers.ts';
import * as svc from '../booking/service.ts';
import * as planSvc from '../planning/desks.ts';
import { makeCard, world } from '../test-fixtures.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// Every page below a list says where it is and leads back up: the breadcrumb of the desk pages (director), of the
// booking page and of an appointment and its move (CAV operator).

async function get(user: TestUser, url: string) {
  const app = await testApp();
  const res = await app.inject({ method: 'GET', url, headers: { cookie: user.cookie } });
  assert.equal(res.statusCode, 200, url);
  return res.body;
}

/** The breadcrumb of a page as [label, href] pairs (href '' for the current page). */
function crumbs(html: string): [string, string][] {
  const nav = /<nav class="breadcrumb-container"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1];
  assert.ok(nav, 'the page has a breadcrumb');
  return [
    ...nav.matchAll(/<li[^>]*>(?:<a href="([^"]*)">([^<]*)<\/a>|<span aria-current="page">([^<]*)<\/span>)/g),
  ].map((m) => [m[2] ?? m[3] ?? '', m[1] ?? '']);
}

test('the desk pages, the booking page and the appointment pages have a breadcrumb back to their list', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, {
    kind: 'cav_room',
    host: w.cav.id,
    name: 'Stanza gialla',
  });
  const s = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-06-15',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const isole = ['Isole di accoglienza', '/desks'];
  assert.deepEqual(crumbs(await get(w.director, `/desks/${desk}`)), [isole, ['Stanza gialla', '']]);
  for (const [path, step] of [
    ['hours', 'Modifica l’orario'],
    ['rules', 'Giornate ricorrenti'],
    ['edit', 'Modifica lo sportello'],
    ['retire', 'Disattiva lo sportello'],
  ])
    assert.deepEqual(
      crumbs(await get(w.director, `/desks/${desk}/${path}`)),
      [isole, ['Stanza gialla', `/desks/${desk}`], [step, '']],
      path,
    );

  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const code = (
    await db.selectFrom('consultation_card').select('code').where('id', '=', card).executeTakeFirstOrThrow()
  ).code;
  assert.deepEqual(crumbs(await get(w.operator, `/desks/cards/${card}`)), [
    ['Prenota sportello INPS', '/desks/book'],
    [`Scheda ${code}`, ''],
  ]);
  const id = await svc.holdSlot(db, w.opCtx, card, s, '2027-06-15T07:00:00.000Z');
  await svc.confirm(db, w.opCtx, id);
  const list = ['Appuntamenti allo sportello', '/desks/appointments'];
  const when = 'martedì 15 giugno 2027, 09:00';
  assert.deepEqual(crumbs(await get(w.operator, `/desks/appointments/${id}`)), [list, [when, '']]);
  assert.deepEqual(crumbs(await get(w.operator, `/desks/appointments/${id}/move`)), [
    list,
    [when, `/desks/appointments/${id}`],
    ['Sposta l’appuntamento', ''],
  ]);
});
