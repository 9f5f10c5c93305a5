import assert from 'node:assert/strict';
import { csrfFor, getTestDb, makeUser, testApp, testAt } from '../../../../test/helpers.ts';
import * as svc from '../booking/service.ts';
import * as planSvc from '../planning/desks.ts';
import { makeCard, world } from '../test-fixtures.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// The officer's agenda (day and week, Rome calendar) and the outcome she records.

test('the agenda range is the Rome day, or the Monday-to-Sunday week, including a daylight-saving change', () => {
  const day = svc.agendaRange('2028-03-26', 'day');
  assert.equal(day.from.toISOString(), '2028-03-25T23:00:00.000Z');
  assert.equal(day.to.toISOString(), '2028-03-26T22:00:00.000Z', 'the day of the change lasts 23 hours');
  const week = svc.agendaRange('2028-10-26', 'week');
  assert.equal(week.from.toISOString(), '2028-10-22T22:00:00.000Z', 'Monday 23 October, 00:00 CEST');
  assert.equal(week.to.toISOString(), '2028-10-29T23:00:00.000Z', 'Monday 30 October, 00:00 CET');
  assert.equal(week.prev, '2028-10-19');
  assert.equal(svc.agendaRange('not a date', 'day', new Date('2027-05-01T22:30:00Z')).date, '2027-05-02');
});

test('the officer sees her booked appointment by day and week and records the outcome only after it starts', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono' });
  const s = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-04-20',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const id = await svc.holdSlot(db, w.opCtx, card, s, '2027-04-20T07:30:00.000Z');
  const officerCtx: svc.Ctx = {
    userId: w.officer.id,
    orgId: w.office.id,
    orgKind: 'inps_office',
    roles: ['inps_officer'],
  };
  assert.equal(
    (await svc.agenda(db, officerCtx, '2027-04-20', 'day')).rows.length,
    0,
    'a hold is not on the agenda',
  );
  await svc.confirm(db, w.opCtx, id);
  assert.deepEqual(
    (await svc.agenda(db, officerCtx, '2027-04-20', 'day')).rows.map((r) => r.id),
    [id],
  );
  assert.equal((await svc.agenda(db, officerCtx, '2027-04-22', 'week')).rows.length, 1);
  assert.equal((await svc.agenda(db, officerCtx, '2027-04-21', 'day')).rows.length, 0);
  // An earlier, empty day points on to the booked appointment; the day that has it does not.
  assert.equal(
    (await svc.agenda(db, officerCtx, '2027-04-19', 'day')).nextAt?.toISOString(),
    '2027-04-20T07:30:00.000Z',
  );
  assert.equal((await svc.agenda(db, officerCtx, '2027-04-20', 'day')).nextAt, undefined);
  const other = await makeUser(db, w.office.id, ['inps_officer']);
  assert.equal(
    (await svc.agenda(db, { ...officerCtx, userId: other.id }, '2027-04-20', 'day')).rows.length,
    0,
  );

  await assert.rejects(svc.recordOutcome(db, officerCtx, id, 'done'), (e: unknown) => {
    return e instanceof svc.FormError && e.errors.outcome === 'desks.err.outcomeFuture';
  });
  const later = { ...officerCtx, now: new Date('2027-04-20T08:00:00Z') };
  await assert.rejects(
    svc.recordOutcome(db, { ...later, userId: other.id }, id, 'done'),
    (e: unknown) => e instanceof Error && (e as { code?: string }).code === 'PONTE_ERR_NOT_FOUND',
  );
  await svc.recordOutcome(db, later, id, 'no_show');
  const row = await db
    .selectFrom('appointment')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(row.status, 'no_show');
  await assert.rejects(svc.recordOutcome(db, later, id, 'done'), (e: unknown) => e instanceof svc.FormError);
  const audit = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();
  assert.equal(audit.at(-1)?.action, 'desk.appointment.outcome');
});

test('agenda routes: the officer gets her page, a CAV operator 403, an early outcome a clear 400', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono agenda' });
  const s = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-04-21',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const id = await svc.holdSlot(db, w.opCtx, card, s, '2027-04-21T07:00:00.000Z');
  await svc.confirm(db, w.opCtx, id);
  const page = await app.inject({
    method: 'GET',
    url: '/desks/agenda?date=2027-04-21&view=week',
    headers: { cookie: w.officer.cookie },
  });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Telefono agenda/);
  assert.match(page.body, new RegExp(`/inps/cards/${card}`));
  // Today's empty agenda links to the day of her next booked appointment.
  const today = await app.inject({
    method: 'GET',
    url: '/desks/agenda',
    headers: { cookie: w.officer.cookie },
  });
  assert.match(
    today.body,
    /href="\/desks\/agenda\?date=2027-04-21&amp;view=day">Prossimo appuntamento: mercoledì 21 aprile 2027/,
  );
  // "Oggi" is a clean address (no empty date=); the view not shown reads as a link (outlined in the primary
  // colour, not the greyed secondary one) and only the shown view carries aria-current.
  assert.doesNotMatch(today.body, /date=&amp;|date=&|date="/);
  assert.match(today.body, /<a class="btn btn-outline-primary btn-sm" href="\/desks\/agenda">Oggi<\/a>/);
  assert.doesNotMatch(today.body, /btn-outline-secondary[^>]*>(Giorno|Settimana)</);
  assert.match(
    today.body,
    /<a class="btn btn-sm btn-primary" href="\/desks\/agenda\?date=[0-9-]{10}&amp;view=day" aria-current="page">Giorno<\/a>/,
  );
  assert.match(
    today.body,
    /<a class="btn btn-sm btn-outline-primary" href="\/desks\/agenda\?date=[0-9-]{10}&amp;view=week">Settimana<\/a>/,
  );
  assert.match(
    page.body,
    /<a class="btn btn-outline-primary btn-sm" href="\/desks\/agenda\?view=week">Oggi<\/a>/,
  );
  assert.match(
    page.body,
    /class="btn btn-sm btn-primary" href="[^"]*view=week" aria-current="page">Settimana</,
  );
  const denied = await app.inject({
    method: 'GET',
    url: '/desks/agenda',
    headers: { cookie: w.operator.cookie },
  });
  assert.equal(denied.statusCode, 403);
  const { cookie, token } = await csrfFor(app, w.officer.cookie);
  const early = await app.inject({
    method: 'POST',
    url: `/desks/agenda/${id}/outcome`,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({
      outcome: 'done',
      date: '2027-04-21',
      view: 'day',
      _csrf: token,
    }).toString(),
  });
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /solo dopo l’inizio/);
});

test('the booking window: four weeks from the asked Rome day, never before today; previous pages stop at today', () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const today = svc.bookingWindow(undefined, now);
  assert.equal(today.date, '2026-11-26');
  assert.equal(today.last, '2026-12-23');
  assert.equal(today.from.toISOString(), '2026-11-25T23:00:00.000Z', 'Rome midnight');
  assert.equal(today.to.toISOString(), '2026-12-23T23:00:00.000Z');
  assert.equal(today.prev, null, 'nothing before today');
  assert.equal(today.next, '2026-12-24');
  for (const bad of ['2025-01-01', 'ieri', '2026-02-30', ''])
    assert.equal(svc.bookingWindow(bad, now).date, '2026-11-26');
  const soon = svc.bookingWindow('2026-12-10', now);
  assert.equal(soon.prev, '2026-11-26', 'the previous page is clamped to today');
  const later = svc.bookingWindow('2027-03-20', now);
  assert.equal(later.prev, '2027-02-20');
  // With the earliest desk day known, previous pages stop there; with none planned there is no previous page.
  assert.equal(svc.bookingWindow('2027-03-20', now, '2027-03-01').prev, '2027-03-01');
  assert.equal(svc.bookingWindow('2027-03-01', now, '2027-03-01').prev, null);
  assert.equal(svc.bookingWindow('2027-03-20', now, null).prev, null);
  // Across the change to summer time (28 March 2027) the window still ends at Rome midnight.
  assert.equal(later.to.toISOString(), '2027-04-16T22:00:00.000Z');
  assert.equal(later.last, '2027-04-16');
});

test('an empty agenda page names one day once and links her next appointment; with none ahead it says so', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono prossimo' });
  const s = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-05-18',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  await svc.confirm(db, w.opCtx, await svc.holdSlot(db, w.opCtx, card, s, '2027-05-18T07:30:00.000Z'));
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: w.officer.cookie } });
  const empty = await get('/desks/agenda?date=2027-05-03&view=day');
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /<p>lunedì 3 maggio 2027<\/p>/, 'one day is named once');
  assert.doesNotMatch(empty.body, /Da lunedì 3 maggio 2027 a lunedì 3 maggio 2027/);
  assert.match(
    empty.body,
    /<a href="\/desks\/agenda\?date=2027-05-18&amp;view=day">Prossimo appuntamento: martedì 18 maggio 2027, 09:30<\/a>/,
  );
  const week = await get('/desks/agenda?date=2027-05-03&view=week');
  assert.match(week.body, /Da lunedì 3 maggio 2027 a domenica 9 maggio 2027/);
  assert.match(week.body, /href="\/desks\/agenda\?date=2027-05-18&amp;view=week">Prossimo appuntamento/);
  const after = await get('/desks/agenda?date=2099-01-05&view=day');
  assert.match(after.body, /Nessun appuntamento prenotato nei giorni successivi/);
  assert.doesNotMatch(after.body, /Prossimo appuntamento/);
});

test('the booking page starting at the earliest desk day offers no "previous weeks": nothing is bookable before it', async () => {
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono finestra' });
  const day = (date: string) =>
    planSvc.createSession(db, w.dirCtx, desk, {
      officer: w.officer.id,
      date,
      start: '09:00',
      end: '10:00',
      slot_minutes: '30',
      buffer_minutes: '0',
    });
  await day('2027-06-15');
  await day('2027-09-14');
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const opCtx = { ...w.opCtx, now: new Date('2027-06-01T08:00:00Z') };
  const cardRow = await svc.openCardFor(db, opCtx, card);
  const first = await svc.windowFor(db, opCtx, cardRow, undefined);
  assert.equal(first.window.date, '2027-06-15', 'the page starts at the earliest desk day');
  assert.equal(first.window.prev, null, 'nothing earlier to show');
  assert.equal(first.nextDay, '2027-09-14');
  const before = await svc.windowFor(db, opCtx, cardRow, '2027-06-10');
  assert.equal(
    before.window.prev,
    null,
    'a window starting before the earliest desk day has nothing earlier',
  );
  const later = await svc.windowFor(db, opCtx, cardRow, '2027-09-14');
  assert.equal(later.window.prev, '2027-08-17', 'further on, the previous weeks are one link away');

  const app = await testApp();
  const page = await app.inject({
    method: 'GET',
    url: `/desks/cards/${card}`,
    headers: { cookie: w.operator.cookie },
  });
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /Settimane precedenti|Primi giorni disponibili/);
});
