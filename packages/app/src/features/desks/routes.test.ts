import assert from 'node:assert/strict';
import {
  csrfFor,
  getTestDb,
  makeOrg,
  makeUser,
  type TestUser,
  testApp,
  testAt,
} from '../../../test/helpers.ts';
import * as svc from './booking/service.ts';
import * as planSvc from './planning/desks.ts';
import { makeCard, world } from './test-fixtures.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// Route tests of the desks feature: the director sets up a desk and a desk day, the CAV operator books; the
// race for one slot ends with exactly one booking and clear refusals, never a 5xx.

async function post(user: TestUser, url: string, fields: Record<string, string>, page = '/home') {
  const app = await testApp();
  const { cookie, token } = await csrfFor(app, user.cookie, page);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ ...fields, _csrf: token }).toString(),
  });
}

test('director creates a desk and a desk day; operator sees free slots, holds, confirms and cancels', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const bad = await post(w.director, '/desks', { kind: 'cav_room', name: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Indica il nome dello sportello/);
  assert.match(bad.body, /Scegli il CAV che ospita la stanza/);
  const created = await post(w.director, '/desks', {
    kind: 'cav_room',
    host: w.cav.id,
    name: 'Stanza verde',
  });
  assert.equal(created.statusCode, 303);
  const deskUrl = created.headers.location?.toString().split('?')[0] as string;
  const page = await app.inject({ method: 'GET', url: deskUrl, headers: { cookie: w.director.cookie } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Stanza verde/);
  const holiday = await post(w.director, `${deskUrl}/sessions`, {
    officer: w.officer.id,
    date: '2027-04-25',
    start: '09:00',
    end: '11:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  assert.equal(holiday.statusCode, 400);
  assert.match(holiday.body, /festività nazionale/);
  assert.match(holiday.body, /value="09:00"/, 'the form keeps what was typed');
  const session = await post(w.director, `${deskUrl}/sessions`, {
    officer: w.officer.id,
    date: '2027-04-13',
    start: '09:00',
    end: '11:00',
    slot_minutes: '30',
    buffer_minutes: '10',
  });
  assert.equal(session.statusCode, 303);

  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const book = await app.inject({
    method: 'GET',
    url: `/desks/cards/${card}`,
    headers: { cookie: w.operator.cookie },
  });
  assert.equal(book.statusCode, 200);
  assert.match(book.body, /value="2027-04-13T07:00:00.000Z"/);
  assert.match(book.body, /value="2027-04-13T07:40:00.000Z"/);
  const sessionId = /name="session" value="([^"]+)"/.exec(book.body)?.[1] as string;
  const held = await post(w.operator, `/desks/cards/${card}/hold`, {
    session: sessionId,
    start: '2027-04-13T07:40:00.000Z',
  });
  assert.equal(held.statusCode, 303);
  const apptUrl = held.headers.location as string;
  const confirmed = await post(w.operator, `${apptUrl}/confirm`, {});
  assert.equal(confirmed.statusCode, 303);
  const shown = await app.inject({ method: 'GET', url: apptUrl, headers: { cookie: w.operator.cookie } });
  assert.match(shown.body, /Prenotato/);
  const noReason = await post(w.operator, `${apptUrl}/cancel`, { reason: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Indica il motivo/);
  const { case_id: caseId } = await db
    .selectFrom('consultation_card')
    .select('case_id')
    .where('id', '=', card)
    .executeTakeFirstOrThrow();
  const casePage = () =>
    app.inject({ method: 'GET', url: `/cases/${caseId}`, headers: { cookie: w.operator.cookie } });
  assert.doesNotMatch((await casePage()).body, /data-no-coming/);
  assert.equal((await post(w.operator, `${apptUrl}/cancel`, { reason: 'Malattia' })).statusCode, 303);
  // Issue 10: after a cancellation the case page says none is coming and still lists the cancelled one.
  const after = (await casePage()).body;
  assert.doesNotMatch(after, /Nessun appuntamento ancora/);
  assert.match(after, /<p data-no-coming="true">Nessun appuntamento in programma\./);
  assert.match(
    after,
    /martedì 13 aprile 2027, 09:40 – 10:10<\/a><\/td><td>[^<]+<\/td><td>Stanza verde<\/td><td>Annullato/,
  );
  const actions = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', apptUrl.split('/').pop() as string)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    actions.map((a) => a.action),
    ['desk.appointment.hold', 'desk.appointment.book', 'desk.appointment.cancel'],
  );
});

test('200 concurrent booking requests for one slot: exactly one booking, clear refusals, no 5xx', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const created = await post(w.director, '/desks', { kind: 'phone', name: 'Telefono' });
  const deskUrl = created.headers.location?.toString().split('?')[0] as string;
  await post(w.director, `${deskUrl}/sessions`, {
    officer: w.officer.id,
    date: '2027-04-14',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const sessionRow = await db
    .selectFrom('desk_session')
    .select('id')
    .where('desk_id', '=', deskUrl.split('/').pop() as string)
    .executeTakeFirstOrThrow();
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const { cookie, token } = await csrfFor(app, w.operator.cookie);
  const payload = new URLSearchParams({
    session: sessionRow.id,
    start: '2027-04-14T07:00:00.000Z',
    _csrf: token,
  }).toString();
  const responses = await Promise.all(
    Array.from({ length: 200 }, () =>
      app.inject({
        method: 'POST',
        url: `/desks/cards/${card}/hold`,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload,
      }),
    ),
  );
  const codes = responses.map((r) => r.statusCode);
  assert.equal(codes.filter((c) => c === 303).length, 1, String(codes));
  assert.ok(
    codes.every((c) => c === 303 || c === 409),
    String(codes),
  );
  for (const r of responses.filter((x) => x.statusCode === 409))
    assert.match(r.body, /appena stato preso|Molte prenotazioni in corso/);
  const active = await db
    .selectFrom('appointment')
    .select('id')
    .where('session_id', '=', sessionRow.id)
    .where('status', 'in', ['held', 'booked'])
    .execute();
  assert.equal(active.length, 1);
});

test('wrong role 403; another CAV or another INPS office gets 404; a shelter host is refused next to the field', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const get = (u: TestUser, url: string) => app.inject({ method: 'GET', url, headers: { cookie: u.cookie } });
  assert.equal((await get(w.officer, '/desks')).statusCode, 403);
  assert.equal((await get(w.director, '/desks/book')).statusCode, 403);
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  assert.equal((await get(w.director, `/desks/cards/${card}`)).statusCode, 403);

  const created = await post(w.director, '/desks', { kind: 'phone', name: 'Telefono' });
  const deskUrl = created.headers.location?.toString().split('?')[0] as string;
  const otherOffice = await makeOrg(db, 'inps_office');
  const otherDirector = await makeUser(db, otherOffice.id, ['inps_director']);
  assert.equal((await get(otherDirector, deskUrl)).statusCode, 404);
  const r = await post(otherDirector, `${deskUrl}/sessions`, {
    officer: w.officer.id,
    date: '2027-04-15',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
  });
  assert.equal(r.statusCode, 404);

  const otherCav = await makeOrg(db, 'cav');
  const otherOp = await makeUser(db, otherCav.id, ['cav_operator']);
  assert.equal((await get(otherOp, `/desks/cards/${card}`)).statusCode, 404);
  assert.equal(
    (await post(otherOp, `/desks/cards/${card}/hold`, { session: 'x', start: 'y' })).statusCode,
    404,
  );
  const unknown = await post(w.operator, `/desks/cards/${card}/hold`, { session: 'x', start: 'y' });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /non è disponibile per la scheda/);

  const shelter = await makeOrg(db, 'shelter');
  const refused = await post(w.director, '/desks', { kind: 'cav_room', host: shelter.id, name: 'Stanza' });
  assert.equal(refused.statusCode, 400);
  assert.match(
    refused.body,
    /id="field-host-error"[^>]*>Una casa rifugio non può mai ospitare uno sportello/,
  );
});

test('the booking and move pages show four weeks at a time, from the earliest desk day, with the next desk day linked', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono a pagine' });
  const day = (date: string) =>
    planSvc.createSession(db, w.dirCtx, desk, {
      officer: w.officer.id,
      date,
      start: '09:00',
      end: '10:00',
      slot_minutes: '30',
      buffer_minutes: '0',
    });
  const april = await day('2027-04-13');
  const june = await day('2027-06-15');
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: w.operator.cookie } });

  await db
    .updateTable('consultation_card')
    .set({ preferred_language: 'Arabo, con mediatrice', accessibility_needs: 'Sedia a rotelle' })
    .where('id', '=', card)
    .execute();
  // No date asked: the page starts at the earliest desk day (April), months ahead of today.
  const first = await get(`/desks/cards/${card}`);
  assert.equal(first.statusCode, 200);
  // What the card says about her language and access is in sight while choosing the desk.
  assert.match(first.body, /Lingua preferita<\/dt><dd>Arabo, con mediatrice<\/dd>/);
  assert.match(first.body, /Esigenze di accessibilità<\/dt><dd>Sedia a rotelle<\/dd>/);
  assert.match(first.body, /Orari dal 13 aprile 2027 al 10 maggio 2027/);
  assert.match(first.body, /value="2027-04-13T07:00:00.000Z"/);
  assert.doesNotMatch(first.body, /2027-06-15T07:00/, 'June is on a later page');
  assert.match(
    first.body,
    new RegExp(`href="/desks/cards/${card}\\?date=2027-06-15"[^>]*>Giorni successivi, dal 15 giugno 2027`),
  );
  // The later page: June only, a way back, no later days; its hold forms keep the page.
  const later = await get(`/desks/cards/${card}?date=2027-06-15`);
  assert.match(later.body, /value="2027-06-15T07:00:00.000Z"/);
  assert.doesNotMatch(later.body, /2027-04-13T07:00/);
  assert.match(later.body, /Settimane precedenti/);
  assert.doesNotMatch(later.body, /Giorni successivi/);
  assert.match(later.body, /name="date" value="2027-06-15"/);
  // A refused hold shows the same page again.
  const refused = await post(w.operator, `/desks/cards/${card}/hold`, {
    session: june,
    start: '2027-06-15T07:10:00.000Z',
    date: '2027-06-15',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Orari dal 15 giugno 2027/);
  // An empty page between the two says so and points on.
  const gap = await get(`/desks/cards/${card}?date=2027-05-11`);
  assert.match(gap.body, /Nessun orario libero in queste settimane/);
  assert.match(gap.body, /Giorni successivi, dal 15 giugno 2027/);

  // Move an April booking to June through the later page of the move form.
  const held = await svc.holdSlot(db, w.opCtx, card, april, '2027-04-13T07:00:00.000Z');
  await svc.confirm(db, w.opCtx, held);
  const move = await get(`/desks/appointments/${held}/move`);
  assert.match(move.body, /Orari dal 13 aprile 2027/, 'the move page opens on the weeks of the appointment');
  assert.match(move.body, /value="[^"|]+\|2027-04-13T07:30:00.000Z"/);
  assert.doesNotMatch(move.body, /2027-06-15T07:00/);
  const moveLater = await get(`/desks/appointments/${held}/move?date=2027-06-15`);
  assert.match(moveLater.body, new RegExp(`value="${june}\\|2027-06-15T07:00:00.000Z"`));
  const version = /name="version" value="(\d+)"/.exec(moveLater.body)?.[1] as string;
  const noReason = await post(w.operator, `/desks/appointments/${held}/move`, {
    slot: `${june}|2027-06-15T07:00:00.000Z`,
    reason: '',
    version,
    date: '2027-06-15',
  });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Orari dal 15 giugno 2027/, 'the error keeps the page of the chosen slot');
  assert.match(noReason.body, /checked/);
  const moved = await post(w.operator, `/desks/appointments/${held}/move`, {
    slot: `${june}|2027-06-15T07:00:00.000Z`,
    reason: 'Preferisce giugno',
    version,
    date: '2027-06-15',
  });
  assert.equal(moved.statusCode, 303);
  // The June appointment's move page opens on June, though April has free times again; April is a link back.
  const juneId = (moved.headers.location as string).split('?')[0]!.split('/').pop() as string;
  const moveJune = await get(`/desks/appointments/${juneId}/move`);
  assert.match(moveJune.body, /Orari dal 15 giugno 2027/);
  assert.match(moveJune.body, /Settimane precedenti/);
  assert.doesNotMatch(moveJune.body, /2027-04-13T07:00/);
});

test('the booking list: her CAV’s open cards with their next appointment, "to book" and code filters, paginated', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono lista' });
  const day = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-05-18',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const booked = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const waiting = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const closed = await makeCard(db, w.cav.id, w.office.id, w.operator.id, 'closed');
  await svc.confirm(db, w.opCtx, await svc.holdSlot(db, w.opCtx, booked, day, '2027-05-18T07:00:00.000Z'));
  const other = await makeOrg(db, 'cav', w.office.territoryId);
  const elsewhere = await makeCard(db, other.id, w.office.id, w.operator.id);
  const codeOf = async (id: string) =>
    (await db.selectFrom('consultation_card').select('code').where('id', '=', id).executeTakeFirstOrThrow())
      .code;
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: w.operator.cookie } });

  const all = await get('/desks/book');
  assert.equal(all.statusCode, 200);
  assert.ok(all.body.includes(`Prenota un altro appuntamento per la scheda ${await codeOf(booked)}`));
  assert.match(all.body, /martedì 18 maggio 2027, 09:00/);
  assert.ok(all.body.includes(`>Prenota per la scheda ${await codeOf(waiting)}<`));
  assert.ok(!all.body.includes(await codeOf(closed)), 'a closed card is not listed');
  assert.ok(!all.body.includes(await codeOf(elsewhere)), 'another CAV’s card is not listed');
  const toBook = await get('/desks/book?show=tobook');
  assert.ok(toBook.body.includes(await codeOf(waiting)));
  assert.ok(!toBook.body.includes(await codeOf(booked)), 'a card booked ahead is not "to book"');
  assert.match(toBook.body, /<option value="tobook" selected/);
  const none = await get(`/desks/book?q=${encodeURIComponent('ZZZZ-0000')}`);
  assert.match(none.body, /Nessuna scheda aperta corrisponde alla ricerca/);
});
