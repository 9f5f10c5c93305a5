import assert from 'node:assert/strict';
import {
  csrfFor,
  getTestDb,
  makeOrg,
  makeUser,
  type TestUser,
  testApp,
  testAt,
} from '../../../../test/helpers.ts';
import * as planSvc from '../planning/desks.ts';
import { makeCard, world } from '../test-fixtures.ts';
import * as svc from './service.ts';

// Written against fixed dates (issue 10): each test starts with the application clock at 26 November 2026, before them.
const test = testAt('2026-11-26T12:00:00Z');

// A hold says until when it lasts, and the operator who picked the wrong time lets it go without a reason and is
// back on the card's free times, the released one among them.

async function post(user: TestUser, url: string) {
  const app = await testApp();
  const { cookie, token } = await csrfFor(app, user.cookie);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: token }).toString(),
  });
}

test('the hold page gives the time it lasts until and releases the hold without a reason, back to the free times', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono rilascio' });
  const s = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-06-22',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const slot = '2027-06-22T07:30:00.000Z';
  const id = await svc.holdSlot(db, w.opCtx, card, s, slot);
  const url = `/desks/appointments/${id}`;
  const page = await app.inject({ method: 'GET', url, headers: { cookie: w.operator.cookie } });
  assert.equal(page.statusCode, 200);
  const until = (
    await db
      .selectFrom('appointment')
      .select('hold_expires_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).hold_expires_at as Date;
  const hhmm = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', timeStyle: 'short' }).format(
    until,
  );
  assert.match(page.body, new RegExp(`bloccato per te fino alle ${hhmm} \\(5 minuti\\)`));
  assert.match(page.body, new RegExp(`action="${url}/release"`));
  assert.doesNotMatch(page.body, /name="reason"/, 'a hold asks for no reason');
  const free = async () =>
    (await app.inject({ method: 'GET', url: `/desks/cards/${card}`, headers: { cookie: w.operator.cookie } }))
      .body;
  assert.doesNotMatch(await free(), new RegExp(`value="${slot}"`), 'held, the time is not offered');

  // Another role, and an operator of another CAV, may not release it.
  assert.equal((await post(w.officer, `${url}/release`)).statusCode, 403);
  const otherCav = await makeOrg(db, 'cav', w.office.territoryId);
  const stranger = await makeUser(db, otherCav.id, ['cav_operator']);
  assert.equal((await post(stranger, `${url}/release`)).statusCode, 404);

  const released = await post(w.operator, `${url}/release`);
  assert.equal(released.statusCode, 303);
  assert.equal(
    released.headers.location,
    `/desks/cards/${card}?date=2027-06-22`,
    'the weeks of the released time',
  );
  const row = await db
    .selectFrom('appointment')
    .select(['status', 'reason'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'cancelled', reason: 'hold_released' });
  assert.match(await free(), new RegExp(`value="${slot}"`), 'the released time is free again');
  // Never an appointment, it is not listed as a cancelled one: not on the card's page, not in the CAV's list.
  assert.match(await free(), /Nessun appuntamento per questa scheda/);
  const list = await app.inject({
    method: 'GET',
    url: `/desks/appointments?card=${card}`,
    headers: { cookie: w.operator.cookie },
  });
  assert.ok(!list.body.includes(`/desks/appointments/${id}"`), 'not in the list of appointments');
  const again = await post(w.operator, `${url}/release`);
  assert.equal(again.statusCode, 409, 'nothing left to release');
  const shown = await app.inject({ method: 'GET', url, headers: { cookie: w.operator.cookie } });
  assert.doesNotMatch(shown.body, /hold_released/, 'the internal reason is not shown');
  const audit = await db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['desk.appointment.hold', 'desk.appointment.release'],
  );
});

test('the booking page of a card booked ahead says so first and links the appointment to move', async () => {
  const app = await testApp();
  const { db } = await getTestDb();
  const w = await world(db);
  const desk = await planSvc.createDesk(db, w.dirCtx, { kind: 'phone', name: 'Telefono doppio' });
  const s = await planSvc.createSession(db, w.dirCtx, desk, {
    officer: w.officer.id,
    date: '2027-06-29',
    start: '09:00',
    end: '10:00',
    slot_minutes: '30',
    buffer_minutes: '0',
  });
  const card = await makeCard(db, w.cav.id, w.office.id, w.operator.id);
  const page = async () =>
    (await app.inject({ method: 'GET', url: `/desks/cards/${card}`, headers: { cookie: w.operator.cookie } }))
      .body;
  assert.doesNotMatch(await page(), /ha già un appuntamento prenotato/);
  const id = await svc.holdSlot(db, w.opCtx, card, s, '2027-06-29T07:00:00.000Z');
  assert.doesNotMatch(await page(), /ha già un appuntamento prenotato/, 'a hold is not a booking');
  await svc.confirm(db, w.opCtx, id);
  const booked = await page();
  assert.match(booked, /Questa scheda ha già un appuntamento prenotato: martedì 29 giugno 2027, 09:00\./);
  assert.match(booked, new RegExp(`<a href="/desks/appointments/${id}">Apri l’appuntamento prenotato</a>`));
});
